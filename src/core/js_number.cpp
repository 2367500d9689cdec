#include "core/js_number.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace sleet {

std::optional<std::string> js_number(std::string_view text) {
  std::string input(text);
  char* end = nullptr;
  double value = std::strtod(input.c_str(), &end);
  if (end == input.c_str() || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  if (value == 0) return std::string("0");
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  if (ec != std::errc()) return std::nullopt;
  std::string scientific(buffer, ptr);
  bool negative = scientific[0] == '-';
  if (negative) scientific.erase(0, 1);
  std::size_t e_pos = scientific.find('e');
  std::string digits = scientific.substr(0, e_pos);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int n = std::stoi(scientific.substr(e_pos + 1)) + 1;
  int k = static_cast<int>(digits.size());
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    out = digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : std::string()) + "e" + (n - 1 >= 0 ? "+" : "-") +
          std::to_string(std::abs(n - 1));
  }
  return negative ? "-" + out : out;
}

}  // namespace sleet
