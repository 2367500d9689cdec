// Recursive-descent JSON parser for json::Value (RFC 8259 grammar, as JSON.parse accepts it): keeps number
// text, member order and byte offsets; decodes \u escapes to UTF-8, lone surrogates to WTF-8. Errors are
// thrown as SyntaxError with the byte offset; the public entry points turn them into sleet::Error.
#include "snapshot/json_value.hpp"

#include <fmt/format.h>

namespace sleet::snapshot::json {

const Value* Value::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

bool Value::same(const Value& other) const {
  if (type != other.type || boolean != other.boolean || text != other.text || keys != other.keys ||
      items.size() != other.items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].same(other.items[i])) return false;
  }
  return true;
}

Value Value::make_string(std::string s) {
  Value v;
  v.type = Type::String;
  v.text = std::move(s);
  return v;
}

Value Value::make_object() {
  Value v;
  v.type = Type::Object;
  return v;
}

bool is_array_index(std::string_view key) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  std::uint64_t value = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value < 4294967295ULL;
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Value run() {
    skip_ws();
    Value v = value(0);
    skip_ws();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(std::string what) const { throw SyntaxError{pos_, std::move(what)}; }
  [[noreturn]] void fail_at(std::size_t at, std::string what) const { throw SyntaxError{at, std::move(what)}; }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_ws() {
    while (!at_end()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  std::string describe_here() const {
    if (at_end()) return "end of input";
    auto c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
    return fmt::format("byte 0x{:02x}", c);
  }

  Value value(int depth) {
    if (depth >= kMaxDepth) fail(fmt::format("nesting deeper than {} levels", kMaxDepth));
    Value v;
    v.offset = pos_;
    switch (peek()) {
      case '{': object(v, depth); break;
      case '[': array(v, depth); break;
      case '"':
        v.type = Value::Type::String;
        v.text = string();
        break;
      case 't': literal("true", v, Value::Type::Bool, true); break;
      case 'f': literal("false", v, Value::Type::Bool, false); break;
      case 'n': literal("null", v, Value::Type::Null, false); break;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          number(v);
        } else {
          fail("expected a JSON value, found " + describe_here());
        }
    }
    return v;
  }

  void literal(std::string_view word, Value& v, Value::Type type, bool flag) {
    if (text_.substr(pos_, word.size()) != word) fail("expected a JSON value, found " + describe_here());
    pos_ += word.size();
    v.type = type;
    v.boolean = flag;
  }

  void digits() {
    if (!(peek() >= '0' && peek() <= '9')) fail("expected a digit, found " + describe_here());
    while (peek() >= '0' && peek() <= '9') ++pos_;
  }

  void number(Value& v) {
    std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else {
      digits();
    }
    if (peek() == '.') {
      ++pos_;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      digits();
    }
    v.type = Value::Type::Number;
    v.text = std::string(text_.substr(start, pos_ - start));
  }

  std::uint32_t hex4() {
    if (pos_ + 4 > text_.size()) fail("incomplete \\u escape");
    std::uint32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<std::uint32_t>(c - 'A' + 10);
      else fail_at(pos_ - 1, "invalid hex digit in \\u escape");
    }
    return cp;
  }

  std::string string() {
    std::size_t open = pos_;
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (at_end()) fail_at(open, "unterminated string");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string (must be escaped)");
      if (c != '\\') {
        // Copy a run of plain characters at once.
        std::size_t run = pos_;
        while (run < text_.size() && text_[run] != '"' && text_[run] != '\\' &&
               static_cast<unsigned char>(text_[run]) >= 0x20) {
          ++run;
        }
        out.append(text_.substr(pos_, run - pos_));
        pos_ = run;
        continue;
      }
      ++pos_;
      if (at_end()) fail_at(open, "unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
            std::size_t save = pos_;
            pos_ += 2;
            std::uint32_t low = hex4();
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;  // lone high surrogate; the next escape is read on its own
            }
          }
          append_utf8(out, cp);
          break;
        }
        default: fail_at(pos_ - 1, "invalid escape in string");
      }
    }
  }

  void object(Value& v, int depth) {
    v.type = Value::Type::Object;
    ++pos_;
    skip_ws();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      if (peek() != '"') fail("expected a string key, found " + describe_here());
      v.keys.push_back(string());
      skip_ws();
      if (peek() != ':') fail("expected ':' after object key, found " + describe_here());
      ++pos_;
      skip_ws();
      v.items.push_back(value(depth + 1));
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return;
      }
      fail("expected ',' or '}' in object, found " + describe_here());
    }
  }

  void array(Value& v, int depth) {
    v.type = Value::Type::Array;
    ++pos_;
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      v.items.push_back(value(depth + 1));
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return;
      }
      fail("expected ',' or ']' in array, found " + describe_here());
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Value parse(std::string_view text) { return Parser(text).run(); }

}  // namespace sleet::snapshot::json
