// JSON output for snapshot/: the Writer (JSON.stringify(x, null, 2) semantics, or a detected file Style),
// JS string escaping (https://tc39.es/ecma262/#sec-quotejsonstring: lowercase \u00xx, lone surrogates as
// \udxxx), style detection, and the token-level patches that restore hand-edited whitespace.
#include "snapshot/json_write.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <cstdlib>

namespace sleet::snapshot::json {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::size_t kPrintWidth = 80;  // prettier's and biome's default line width
constexpr std::size_t kTabWidth = 2;

void append_u_escape(std::string& out, unsigned value) {
  out += "\\u";
  out += kHex[(value >> 12) & 0xF];
  out += kHex[(value >> 8) & 0xF];
  out += kHex[(value >> 4) & 0xF];
  out += kHex[value & 0xF];
}

/// Bytes append_quoted() must look at: '"', '\\', control characters, and 0xED (the lead byte of a WTF-8
/// surrogate). Everything else is copied as is.
constexpr std::array<bool, 256> kQuoteSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = true;
  t['\\'] = true;
  t[0xED] = true;
  return t;
}();

}  // namespace

void append_quoted(std::string& out, std::string_view s) {
  std::size_t plain = 0;
  while (plain < s.size() && !kQuoteSpecial[static_cast<unsigned char>(s[plain])]) ++plain;
  if (plain == s.size()) {  // the common case: nothing to escape
    const std::size_t at = out.size();
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    *p = '"';
    if (!s.empty()) std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
  out += '"';
  std::size_t run_start = 0;
  auto flush = [&](std::size_t end) {
    out.append(s.substr(run_start, end - run_start));
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    const char* escape = nullptr;
    switch (c) {
      case '"': escape = "\\\""; break;
      case '\\': escape = "\\\\"; break;
      case '\b': escape = "\\b"; break;
      case '\f': escape = "\\f"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      case '\t': escape = "\\t"; break;
      default: break;
    }
    if (escape != nullptr) {
      flush(i);
      out += escape;
      run_start = i + 1;
    } else if (c < 0x20) {
      flush(i);
      append_u_escape(out, c);
      run_start = i + 1;
    } else if (c == 0xED && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0 &&
               (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      // WTF-8 surrogate (U+D800..U+DFFF): only lone surrogates are stored this way.
      unsigned cp = 0xD000 | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      flush(i);
      append_u_escape(out, cp);
      i += 2;
      run_start = i + 1;
    }
  }
  flush(s.size());
  out += '"';
}

// ---- Writer ----

void Writer::newline_indent(std::size_t depth) {
  // One append of a cached "\n" + indent * depth prefix.
  std::size_t want = style_.newline.size() + depth * style_.indent.size();
  if (indents_.size() < want) {
    indents_ = style_.newline;
    for (std::size_t i = 0; i < depth + 8; ++i) indents_ += style_.indent;
  }
  out_.append(indents_, 0, want);
}

void Writer::prefix() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& top = stack_.back();
  if (!top.empty) out_ += ',';
  top.empty = false;
  newline_indent(stack_.size());
}

void Writer::begin_object() {
  prefix();
  out_ += '{';
  stack_.push_back({false, true});
}

void Writer::begin_array() {
  prefix();
  out_ += '[';
  stack_.push_back({true, true});
}

void Writer::end_object() {
  bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) newline_indent(stack_.size());
  out_ += '}';
}

void Writer::end_array() {
  bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) newline_indent(stack_.size());
  out_ += ']';
}

void Writer::key(std::string_view name) {
  prefix();
  append_quoted(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void Writer::string(std::string_view s) {
  prefix();
  append_quoted(out_, s);
}

void Writer::raw(std::string_view text) {
  prefix();
  out_ += text;
}

std::size_t Writer::column() const {
  std::size_t line_start = out_.rfind('\n');
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::size_t width = 0;
  for (std::size_t i = line_start; i < out_.size(); ++i) {
    auto c = static_cast<unsigned char>(out_[i]);
    if (c == '\t') width += kTabWidth;
    else if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

bool Writer::try_inline(const std::vector<std::string>& rendered) {
  if (!style_.inline_scalar_arrays || rendered.empty()) return false;
  std::size_t width = 2 + (rendered.size() - 1) * 2;
  for (const std::string& item : rendered) {
    for (char c : item) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  // The column where '[' would go: after the key on the current line, or a fresh indented line.
  std::size_t col = 0;
  if (after_key_) {
    col = column();
  } else {
    col = stack_.size() * (style_.indent == "\t" ? kTabWidth : style_.indent.size());
  }
  if (col + width > kPrintWidth) return false;
  prefix();
  out_ += '[';
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    if (i > 0) out_ += ", ";
    out_ += rendered[i];
  }
  out_ += ']';
  return true;
}

void Writer::string_array(const std::vector<std::string>& items) {
  if (style_.inline_scalar_arrays && !items.empty()) {
    std::vector<std::string> rendered;
    rendered.reserve(items.size());
    for (const std::string& item : items) {
      rendered.emplace_back();
      append_quoted(rendered.back(), item);
    }
    if (try_inline(rendered)) return;
  }
  begin_array();
  for (const std::string& item : items) string(item);
  end_array();
}

void Writer::value(const Value& v) {
  switch (v.type) {
    case Value::Type::Null: raw("null"); return;
    case Value::Type::Bool: boolean(v.boolean); return;
    case Value::Type::Number: raw(v.text); return;
    case Value::Type::String: string(v.text); return;
    case Value::Type::Array: {
      if (style_.inline_scalar_arrays && !v.items.empty()) {
        std::vector<std::string> rendered;
        bool scalars = true;
        for (const Value& item : v.items) {
          if (item.type == Value::Type::Array || item.type == Value::Type::Object) {
            scalars = false;
            break;
          }
          rendered.emplace_back();
          if (item.type == Value::Type::String) append_quoted(rendered.back(), item.text);
          else if (item.type == Value::Type::Null) rendered.back() = "null";
          else if (item.type == Value::Type::Bool) rendered.back() = item.boolean ? "true" : "false";
          else rendered.back() = item.text;
        }
        if (scalars && try_inline(rendered)) return;
      }
      begin_array();
      for (const Value& item : v.items) value(item);
      end_array();
      return;
    }
    case Value::Type::Object: {
      begin_object();
      auto order = js_key_order(v.keys.size(), [&](std::size_t i) { return std::string_view(v.keys[i]); });
      for (std::size_t i : order) {
        key(v.keys[i]);
        value(v.items[i]);
      }
      end_object();
      return;
    }
  }
}

// ---- style detection ----

Style detect_style(std::string_view text) {
  Style style = detect_style(text, false);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return style;
  std::size_t last = text.find_last_not_of(" \t\r\n");
  // A '[' followed directly by something other than whitespace or ']' means short arrays are kept inline.
  bool in_string = false;
  for (std::size_t i = first; i + 1 <= last; ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[') {
      char n = text[i + 1];
      if (n != ']' && n != ' ' && n != '\t' && n != '\r' && n != '\n') {
        style.inline_scalar_arrays = true;
        break;
      }
    }
  }
  return style;
}

Style detect_style(std::string_view text, bool has_inline_array) {
  Style style;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return style;
  style.head = std::string(text.substr(0, first));
  std::size_t last = text.find_last_not_of(" \t\r\n");
  style.tail = std::string(text.substr(last + 1));
  std::size_t nl = text.find('\n', first);
  if (nl != std::string_view::npos && nl < last) {
    if (nl > 0 && text[nl - 1] == '\r') style.newline = "\r\n";
    std::size_t indent_end = text.find_first_not_of(" \t", nl + 1);
    if (indent_end != std::string_view::npos && indent_end > nl + 1 && indent_end <= last) {
      style.indent = std::string(text.substr(nl + 1, indent_end - nl - 1));
    }
  }
  style.inline_scalar_arrays = has_inline_array;
  return style;
}

// ---- patches ----

namespace {

struct Token {
  std::size_t ws_begin;  // whitespace before the token
  std::size_t begin;
  std::size_t end;
};

// Splits JSON text into tokens (punctuation, strings, other literal runs) with the whitespace before each; a
// final pseudo-token of length 0 at the end carries the trailing whitespace.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  auto is_punct = [](char c) { return c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ','; };
  while (true) {
    std::size_t ws = i;
    while (i < text.size() && is_ws(text[i])) ++i;
    if (i >= text.size()) {
      tokens.push_back({ws, i, i});
      return tokens;
    }
    std::size_t begin = i;
    char c = text[i];
    if (is_punct(c)) {
      ++i;
    } else if (c == '"') {
      ++i;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, text.size());
    } else {
      while (i < text.size() && !is_ws(text[i]) && !is_punct(text[i]) && text[i] != '"') ++i;
    }
    tokens.push_back({ws, begin, i});
  }
}

bool equivalent_tokens(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a[0] == '"' && b[0] == '"') {
    try {
      return parse(a).text == parse(b).text;
    } catch (const SyntaxError&) {
      return false;
    }
  }
  auto numeric = [](std::string_view t) { return t[0] == '-' || (t[0] >= '0' && t[0] <= '9'); };
  if (numeric(a) && numeric(b)) {
    return std::strtod(std::string(a).c_str(), nullptr) == std::strtod(std::string(b).c_str(), nullptr);
  }
  return false;
}

}  // namespace

std::optional<Patches> diff_tokens(std::string_view original, std::string_view produced) {
  std::vector<Token> a = tokenize(original);
  std::vector<Token> b = tokenize(produced);
  if (a.size() != b.size()) return std::nullopt;
  Patches result;
  result.tokens = static_cast<std::uint32_t>(a.size());
  std::vector<Patch>& patches = result.list;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::string_view wa = original.substr(a[i].ws_begin, a[i].begin - a[i].ws_begin);
    std::string_view wb = produced.substr(b[i].ws_begin, b[i].begin - b[i].ws_begin);
    if (wa != wb) patches.push_back({static_cast<std::uint32_t>(i), true, std::string(wa), std::string(wb)});
    std::string_view ta = original.substr(a[i].begin, a[i].end - a[i].begin);
    std::string_view tb = produced.substr(b[i].begin, b[i].end - b[i].begin);
    if (ta != tb) {
      if (!equivalent_tokens(ta, tb)) return std::nullopt;
      patches.push_back({static_cast<std::uint32_t>(i), false, std::string(ta), std::string(tb)});
    }
  }
  return result;
}

std::string apply_patches(std::string_view produced, const Patches& all) {
  if (all.empty()) return std::string(produced);
  std::vector<Token> tokens = tokenize(produced);
  if (tokens.size() != all.tokens) return std::string(produced);
  const std::vector<Patch>& patches = all.list;
  std::string out;
  out.reserve(produced.size() + 64);
  std::size_t next = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view ws = produced.substr(tokens[i].ws_begin, tokens[i].begin - tokens[i].ws_begin);
    std::string_view tok = produced.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    while (next < patches.size() && patches[next].slot < i) ++next;
    std::size_t p = next;
    if (p < patches.size() && patches[p].slot == i && patches[p].whitespace) {
      out += ws == patches[p].expected ? std::string_view(patches[p].original) : ws;
      ++p;
    } else {
      out += ws;
    }
    if (p < patches.size() && patches[p].slot == i && !patches[p].whitespace && tok == patches[p].expected) {
      out += patches[p].original;
    } else {
      out += tok;
    }
  }
  return out;
}

}  // namespace sleet::snapshot::json
