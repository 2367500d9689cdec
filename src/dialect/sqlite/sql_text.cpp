// The SQLite lexer of sql_text.hpp, written after SQLite's tokenize.c (sqlite3GetToken): the same
// character classes (identifier bytes include '$' and every byte >= 0x80), comment forms and quoting rules.
#include "dialect/sqlite/sql_text.hpp"

#include "dialect/sqlite/connection.hpp"

#include <algorithm>

namespace sleet::sqlite {

namespace {

bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}
bool is_digit(char ch) {
  return ch >= '0' && ch <= '9';
}
bool is_hex(char ch) {
  return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}
bool is_id_start(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || static_cast<unsigned char>(ch) >= 0x80;
}
bool is_id_char(char ch) {
  return is_id_start(ch) || is_digit(ch) || ch == '$';
}

/// End of the comment starting at `pos` (which holds "--" or "/*"), or `pos` when there is none.
std::size_t comment_end(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size()) return pos;
  if (text[pos] == '-' && text[pos + 1] == '-') {
    std::size_t newline = text.find('\n', pos);
    return newline == std::string_view::npos ? text.size() : newline + 1;
  }
  if (text[pos] == '/' && text[pos + 1] == '*') {
    std::size_t close = text.find("*/", pos + 2);
    return close == std::string_view::npos ? text.size() : close + 2;
  }
  return pos;
}

/// End of a quoted token opened at `pos` by `open` and closed by `close`; a doubled close is an escape
/// (except for [brackets], which have none).
std::size_t quoted_end(std::string_view text, std::size_t pos, char close, bool doubling) {
  std::size_t i = pos + 1;
  while (i < text.size()) {
    if (text[i] == close) {
      if (doubling && i + 1 < text.size() && text[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

std::size_t number_end(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  if (text[i] == '0' && i + 2 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') && is_hex(text[i + 2])) {
    i += 2;
    while (i < text.size() && is_hex(text[i]))
      ++i;
    return i;
  }
  while (i < text.size() && is_digit(text[i]))
    ++i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i]))
      ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t exponent = i + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (exponent < text.size() && is_digit(text[exponent])) {
      i = exponent;
      while (i < text.size() && is_digit(text[i]))
        ++i;
    }
  }
  return i;
}

std::size_t punct_end(std::string_view text, std::size_t pos) {
  auto next_is = [&](std::size_t offset, char ch) { return pos + offset < text.size() && text[pos + offset] == ch; };
  switch (text[pos]) {
  case '<': return pos + (next_is(1, '=') || next_is(1, '>') || next_is(1, '<') ? 2 : 1);
  case '>': return pos + (next_is(1, '=') || next_is(1, '>') ? 2 : 1);
  case '=': return pos + (next_is(1, '=') ? 2 : 1);
  case '!': return pos + (next_is(1, '=') ? 2 : 1);
  case '|': return pos + (next_is(1, '|') ? 2 : 1);
  case '-':
    if (next_is(1, '>')) return pos + (next_is(2, '>') ? 3 : 2);
    return pos + 1;
  default: return pos + 1;
  }
}

} // namespace

std::size_t skip_blanks(std::string_view text, std::size_t offset) {
  std::size_t pos = offset;
  while (pos < text.size()) {
    if (is_space(text[pos])) {
      ++pos;
      continue;
    }
    std::size_t after = comment_end(text, pos);
    if (after == pos) break;
    pos = after;
  }
  return pos;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = skip_blanks(text, 0);
  while (pos < text.size()) {
    Token token;
    token.begin = pos;
    const char ch = text[pos];
    if ((ch == 'x' || ch == 'X') && pos + 1 < text.size() && text[pos + 1] == '\'') {
      token.kind = Token::Kind::Blob;
      token.end = quoted_end(text, pos + 1, '\'', false);
    } else if (is_id_start(ch)) {
      token.kind = Token::Kind::Word;
      token.end = pos + 1;
      while (token.end < text.size() && is_id_char(text[token.end]))
        ++token.end;
    } else if (ch == '"' || ch == '`') {
      token.kind = Token::Kind::QuotedName;
      token.end = quoted_end(text, pos, ch, true);
    } else if (ch == '[') {
      token.kind = Token::Kind::QuotedName;
      token.end = quoted_end(text, pos, ']', false);
    } else if (ch == '\'') {
      token.kind = Token::Kind::String;
      token.end = quoted_end(text, pos, '\'', true);
    } else if (is_digit(ch) || (ch == '.' && pos + 1 < text.size() && is_digit(text[pos + 1]))) {
      token.kind = Token::Kind::Number;
      token.end = number_end(text, pos);
    } else if (ch == '?') {
      token.kind = Token::Kind::Variable;
      token.end = pos + 1;
      while (token.end < text.size() && is_digit(text[token.end]))
        ++token.end;
    } else if ((ch == ':' || ch == '@' || ch == '$') && pos + 1 < text.size() && is_id_char(text[pos + 1])) {
      token.kind = Token::Kind::Variable;
      token.end = pos + 1;
      while (token.end < text.size() && is_id_char(text[token.end]))
        ++token.end;
    } else {
      token.kind = Token::Kind::Punct;
      token.end = punct_end(text, pos);
    }
    tokens.push_back(token);
    pos = skip_blanks(text, token.end);
  }
  return tokens;
}

std::string_view TokenList::text(std::size_t index) const {
  if (index >= tokens_.size()) return {};
  return text_.substr(tokens_[index].begin, tokens_[index].end - tokens_[index].begin);
}

bool TokenList::is_word(std::size_t index, std::string_view word) const {
  if (index >= tokens_.size() || tokens_[index].kind != Token::Kind::Word) return false;
  std::string_view token = text(index);
  if (token.size() != word.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    char a = token[i] >= 'A' && token[i] <= 'Z' ? static_cast<char>(token[i] - 'A' + 'a') : token[i];
    char b = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    if (a != b) return false;
  }
  return true;
}

bool TokenList::is_punct(std::size_t index, std::string_view punct) const {
  return index < tokens_.size() && tokens_[index].kind == Token::Kind::Punct && text(index) == punct;
}

bool TokenList::is_name(std::size_t index) const {
  if (index >= tokens_.size()) return false;
  Token::Kind kind = tokens_[index].kind;
  return kind == Token::Kind::Word || kind == Token::Kind::QuotedName || kind == Token::Kind::String;
}

std::string TokenList::name(std::size_t index) const {
  std::string_view token = text(index);
  if (index >= tokens_.size() || tokens_[index].kind == Token::Kind::Word || token.size() < 2)
    return std::string(token);
  const char open = token.front();
  const char close = open == '[' ? ']' : open;
  std::string_view inner = token.substr(1);
  if (!inner.empty() && inner.back() == close) inner.remove_suffix(1); // an unterminated quote has no close
  if (open == '[') return std::string(inner);
  std::string out;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    out += inner[i];
    if (inner[i] == close && i + 1 < inner.size() && inner[i + 1] == close) ++i;
  }
  return out;
}

std::size_t TokenList::matching_paren(std::size_t open) const {
  int depth = 0;
  for (std::size_t i = open; i < tokens_.size(); ++i) {
    if (is_punct(i, "(")) ++depth;
    if (is_punct(i, ")") && --depth == 0) return i;
  }
  return tokens_.size();
}

std::size_t TokenList::top_level_comma(std::size_t first, std::size_t last) const {
  int depth = 0;
  for (std::size_t i = first; i < last && i < tokens_.size(); ++i) {
    if (is_punct(i, "(")) ++depth;
    if (is_punct(i, ")")) --depth;
    if (depth == 0 && is_punct(i, ",")) return i;
  }
  return last;
}

std::string TokenList::rebuild(std::size_t first, std::size_t last, bool lower_keywords) const {
  std::string out;
  last = std::min(last, tokens_.size());
  for (std::size_t i = first; i < last; ++i) {
    if (i > first && tokens_[i].begin > tokens_[i - 1].end) out += ' ';
    std::string_view token = text(i);
    if (lower_keywords && tokens_[i].kind == Token::Kind::Word && is_keyword(token)) {
      out += ascii_lower(token);
    } else {
      out += token;
    }
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

std::string quote_name(std::string_view name) {
  std::string out = "\"";
  for (char ch : name) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

} // namespace sleet::sqlite
