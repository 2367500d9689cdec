// Type and default spelling for the sqlite snapshot (see column_text.hpp).
#include "dialect/sqlite/column_text.hpp"

#include "dialect/sqlite/sql_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace sleet::sqlite {

namespace {

bool is_blank(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

bool is_decimal_literal(std::string_view text) {
  std::size_t i = 0;
  bool digits = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    ++i;
    digits = true;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
      digits = true;
    }
  }
  if (!digits) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    bool exponent = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
      exponent = true;
    }
    if (!exponent) return false;
  }
  return i == text.size();
}

std::string string_literal(std::string_view value) {
  std::string out = "'";
  for (char ch : value) {
    out += ch;
    if (ch == '\'') out += '\'';
  }
  return out + "'";
}

} // namespace

std::string snapshot_type(std::string_view declared) {
  std::string out;
  bool pending_space = false;
  for (char ch : declared) {
    if (is_blank(ch)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space && ch != '(' && ch != ')' && out.back() != '(') out += ' ';
    pending_space = false;
    out += ch;
  }
  return ascii_lower(out);
}

std::optional<schema::Scalar> snapshot_default(std::string_view written) {
  TokenList tokens(written);
  if (tokens.size() == 0) return std::nullopt;
  if (tokens.size() == 1 && tokens.is_word(0, "null")) return std::nullopt;
  if (tokens.size() == 1 && (tokens.is_word(0, "true") || tokens.is_word(0, "false"))) {
    return schema::Scalar::boolean(tokens.is_word(0, "true"));
  }
  bool signed_number = tokens.size() == 2 && (tokens.is_punct(0, "-") || tokens.is_punct(0, "+")) &&
                       tokens[1].kind == Token::Kind::Number;
  if ((tokens.size() == 1 && tokens[0].kind == Token::Kind::Number) || signed_number) {
    std::string_view digits = tokens.text(tokens.size() - 1);
    std::string number = (tokens.is_punct(0, "-") ? "-" : "") + std::string(digits);
    if (is_decimal_literal(digits)) {
      bool integer = digits.find_first_of(".eE") == std::string_view::npos;
      constexpr double kMaxSafeInteger = 9007199254740991.0; // 2^53 - 1, JavaScript's Number.MAX_SAFE_INTEGER
      if (!integer || std::fabs(std::strtod(number.c_str(), nullptr)) <= kMaxSafeInteger) {
        if (auto formatted = js_number(number)) return schema::Scalar::number(*formatted);
      }
    }
    return schema::Scalar::string(number);
  }
  if (tokens.size() == 1 && tokens[0].kind == Token::Kind::QuotedName) {
    return schema::Scalar::string(string_literal(tokens.name(0)));
  }
  if (tokens.size() == 1 && tokens[0].kind == Token::Kind::Word && !tokens.is_word(0, "current_time") &&
      !tokens.is_word(0, "current_date") && !tokens.is_word(0, "current_timestamp")) {
    return schema::Scalar::string(string_literal(tokens.text(0)));
  }
  return schema::Scalar::string(std::string(written));
}

} // namespace sleet::sqlite
