// Recursive-descent JSON parser (RFC 8259 grammar, as JSON.parse accepts it) building a flat Document: keeps
// number text, member order and byte offsets; strings without escapes are views into the source, the others
// are decoded (\u escapes to UTF-8, lone surrogates to WTF-8) into one buffer per document. Children of a
// container are gathered on a scratch stack and moved as one contiguous block when the container closes, so
// the whole tree is one vector. json::Value (the owning tree) is built from a Document. Errors are thrown as
// SyntaxError with the byte offset; the public entry points turn them into sleet::Error.
#include "snapshot/json_value.hpp"

#include <array>
#include <cstring>
#include <limits>

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

const Node* Node::find(std::string_view name) const {
  for (const Node& member : *this) {
    if (member.key == name) return &member;
  }
  return nullptr;
}

Value to_value(const Node& node) {
  Value v;
  v.type = node.type;
  v.boolean = node.boolean;
  v.offset = node.offset;
  v.text = std::string(node.text);
  if (node.count > 0) {
    v.items.reserve(node.count);
    if (node.is_object()) v.keys.reserve(node.count);
    for (const Node& child : node) {
      if (node.is_object()) v.keys.emplace_back(child.key);
      v.items.push_back(to_value(child));
    }
  }
  return v;
}

namespace {

/// Appends the UTF-8 (WTF-8 for surrogates) encoding of `cp` at `out`; returns the end.
char* put_utf8(char* out, std::uint32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

/// Bytes that end a run of plain string characters: '"', '\\' and control characters.
constexpr std::array<bool, 256> kStringStop = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = true;
  t['\\'] = true;
  return t;
}();

}  // namespace

class Parser {
 public:
  Parser(std::string_view text, Document& doc) : text_(text), doc_(doc) {}

  void run() {
    if (text_.size() >= std::numeric_limits<std::uint32_t>::max()) fail("JSON text larger than 4 GiB");
    doc_.nodes_.reserve(text_.size() / 24 + 16);
    stack_.reserve(64);
    skip_ws();
    value(0, {});
    skip_ws();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    doc_.nodes_.push_back(stack_.back());
    Node* base = doc_.nodes_.data();
    for (Node& n : doc_.nodes_) {
      if (n.count > 0) n.first = base + n.first_index;
    }
  }

 private:
  [[noreturn]] void fail(std::string what) const { throw SyntaxError{pos_, std::move(what)}; }
  [[noreturn]] void fail_at(std::size_t at, std::string what) const { throw SyntaxError{at, std::move(what)}; }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_ws() {
    const char* p = text_.data() + pos_;
    const char* end = text_.data() + text_.size();
    while (p != end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')) ++p;
    pos_ = static_cast<std::size_t>(p - text_.data());
  }

  std::string describe_here() const {
    if (at_end()) return "end of input";
    auto c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
    return fmt::format("byte 0x{:02x}", c);
  }

  /// Parses one value at pos_ and pushes its node on the scratch stack.
  void value(int depth, std::string_view key) {
    if (depth >= kMaxDepth) fail(fmt::format("nesting deeper than {} levels", kMaxDepth));
    Node& n = stack_.emplace_back();
    n.key = key;
    n.offset = static_cast<std::uint32_t>(pos_);
    switch (peek()) {
      case '{': container(depth, true); break;
      case '[': container(depth, false); break;
      case '"': {
        std::string_view s = string();
        Node& top = stack_.back();
        top.type = Value::Type::String;
        top.text = s;
        break;
      }
      case 't': literal("true", Value::Type::Bool, true); break;
      case 'f': literal("false", Value::Type::Bool, false); break;
      case 'n': literal("null", Value::Type::Null, false); break;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          number();
        } else {
          fail("expected a JSON value, found " + describe_here());
        }
    }
  }

  void literal(std::string_view word, Value::Type type, bool flag) {
    if (text_.substr(pos_, word.size()) != word) fail("expected a JSON value, found " + describe_here());
    pos_ += word.size();
    stack_.back().type = type;
    stack_.back().boolean = flag;
  }

  void digits() {
    if (!(peek() >= '0' && peek() <= '9')) fail("expected a digit, found " + describe_here());
    while (peek() >= '0' && peek() <= '9') ++pos_;
  }

  void number() {
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
    stack_.back().type = Value::Type::Number;
    stack_.back().text = text_.substr(start, pos_ - start);
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

  /// Parses a string literal at pos_; the result views the source, or the decode buffer when it has escapes.
  std::string_view string() {
    std::size_t open = pos_;
    std::size_t run = ++pos_;
    const char* data = text_.data();
    const std::size_t size = text_.size();
    while (run < size && !kStringStop[static_cast<unsigned char>(data[run])]) ++run;
    if (run < size && data[run] == '"') {
      pos_ = run + 1;
      return text_.substr(open + 1, run - open - 1);
    }
    // Escapes (or an error): decode into the document's buffer. A decoded string is never longer than its
    // source text, so one buffer of the source's size holds them all.
    if (!doc_.decoded_) doc_.decoded_ = std::make_unique<char[]>(size);
    char* begin = doc_.decoded_.get() + decoded_used_;
    char* out = begin;
    pos_ = open + 1;
    for (;;) {
      if (at_end()) fail_at(open, "unterminated string");
      char c = data[pos_];
      if (c == '"') {
        ++pos_;
        decoded_used_ += static_cast<std::size_t>(out - begin);
        return {begin, static_cast<std::size_t>(out - begin)};
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string (must be escaped)");
      if (c != '\\') {
        std::size_t end = pos_;
        while (end < size && !kStringStop[static_cast<unsigned char>(data[end])]) ++end;
        std::memcpy(out, data + pos_, end - pos_);
        out += end - pos_;
        pos_ = end;
        continue;
      }
      ++pos_;
      if (at_end()) fail_at(open, "unterminated string");
      char e = data[pos_++];
      switch (e) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
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
          out = put_utf8(out, cp);
          break;
        }
        default: fail_at(pos_ - 1, "invalid escape in string");
      }
    }
  }

  /// Parses an object or array at pos_ whose node is on top of the scratch stack.
  void container(int depth, bool object) {
    const std::size_t self = stack_.size() - 1;
    stack_[self].type = object ? Value::Type::Object : Value::Type::Array;
    const char close = object ? '}' : ']';
    const std::size_t base = stack_.size();
    if (!object && pos_ + 1 < text_.size()) {
      char next = text_[pos_ + 1];
      if (next != ']' && next != ' ' && next != '\t' && next != '\r' && next != '\n') doc_.inline_array_ = true;
    }
    ++pos_;
    skip_ws();
    if (peek() == close) {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      std::string_view key;
      if (object) {
        if (peek() != '"') fail("expected a string key, found " + describe_here());
        key = string();
        skip_ws();
        if (peek() != ':') fail("expected ':' after object key, found " + describe_here());
        ++pos_;
        skip_ws();
      }
      value(depth + 1, key);
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == close) {
        ++pos_;
        break;
      }
      fail(object ? "expected ',' or '}' in object, found " + describe_here()
                  : "expected ',' or ']' in array, found " + describe_here());
    }
    // Move the children, now complete, to the document as one block.
    std::vector<Node>& nodes = doc_.nodes_;
    Node& node = stack_[self];
    node.first_index = static_cast<std::uint32_t>(nodes.size());
    node.count = static_cast<std::uint32_t>(stack_.size() - base);
    nodes.insert(nodes.end(), stack_.begin() + static_cast<std::ptrdiff_t>(base), stack_.end());
    stack_.resize(base);
  }

  std::string_view text_;
  Document& doc_;
  std::size_t pos_ = 0;
  std::size_t decoded_used_ = 0;
  std::vector<Node> stack_;
};

Document::Document(std::string_view text) { Parser(text, *this).run(); }

Value parse(std::string_view text) {
  Document doc(text);
  return to_value(doc.root());
}

}  // namespace sleet::snapshot::json
