// mask_url / redact.
#include "core/url_mask.hpp"

#include <cctype>
#include <regex>

namespace sleet {

std::string mask_url(std::string_view url) {
  std::string text(url);
  // scheme://user:password@host
  static const std::regex kUserInfo(R"(^([A-Za-z][A-Za-z0-9+.\-]*://[^:/@?#]*):([^@/?#]*)@)");
  text = std::regex_replace(text, kUserInfo, "$1:****@");
  // password=... in key=value connection strings and in URL query strings
  static const std::regex kKeyValue(R"((^|[\s?&])(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*))", std::regex::icase);
  text = std::regex_replace(text, kKeyValue, "$1$2****");
  return text;
}

namespace {
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
}  // namespace

std::string redact(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  std::size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    const std::size_t end = pos + secret.size();
    const bool starts_token = pos == 0 || !is_word_char(text[pos - 1]) || !is_word_char(secret.front());
    const bool ends_token = end == text.size() || !is_word_char(text[end]) || !is_word_char(secret.back());
    if (starts_token && ends_token) {
      text.replace(pos, secret.size(), "****");
      pos += 4;
    } else {
      pos += 1;
    }
  }
  return text;
}

}  // namespace sleet
