#include "core/name_glob.hpp"

namespace sleet {

bool glob_matches(std::string_view pattern, std::string_view name) {
  // Iterative matcher with one backtrack point for the last `*`: linear in practice, no recursion.
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool selected_by_globs(const std::vector<std::string>& globs, std::string_view name) {
  bool any_positive = false, matched_positive = false;
  for (const std::string& glob : globs) {
    std::string_view pattern = glob;
    if (!pattern.empty() && pattern.front() == '!') {
      if (glob_matches(pattern.substr(1), name)) return false;
    } else {
      any_positive = true;
      if (!matched_positive && glob_matches(pattern, name)) matched_positive = true;
    }
  }
  return !any_positive || matched_positive;
}

}  // namespace sleet
