// JsonOut implementation.
#include "core/json_out.hpp"

#include <cmath>
#include <fmt/format.h>

namespace sleet {

void JsonOut::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonOut& JsonOut::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}
JsonOut& JsonOut::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}
JsonOut& JsonOut::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}
JsonOut& JsonOut::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}
JsonOut& JsonOut::key(std::string_view name) {
  separate();
  out_ += quote(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}
JsonOut& JsonOut::value(std::string_view text) {
  separate();
  out_ += quote(text);
  return *this;
}
JsonOut& JsonOut::value(std::int64_t number) {
  separate();
  out_ += std::to_string(number);
  return *this;
}
JsonOut& JsonOut::value(double number) {
  separate();
  out_ += std::isfinite(number) ? fmt::format("{}", number) : "null";
  return *this;
}
JsonOut& JsonOut::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}
JsonOut& JsonOut::null() {
  separate();
  out_ += "null";
  return *this;
}

std::string JsonOut::quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace sleet
