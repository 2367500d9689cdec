// mask_url / redact.
#include "core/url_mask.hpp"

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

std::string redact(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  std::size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    text.replace(pos, secret.size(), "****");
    pos += 4;
  }
  return text;
}

}  // namespace sleet
