// Reading corpus files and showing how two texts differ, for golden tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sleet::test {

/// The whole file (empty if it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// A unified-ish diff (LCS over lines), at most `limit` changed lines shown.
inline std::string line_diff(const std::string& expected, const std::string& actual, std::size_t limit = 60) {
  std::vector<std::string> a = split_lines(expected);
  std::vector<std::string> b = split_lines(actual);
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::ostringstream out;
  std::size_t shown = 0;
  std::size_t i = 0, j = 0;
  while ((i < a.size() || j < b.size()) && shown < limit) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i;
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out << "@" << (i + 1) << " + " << b[j] << "\n";
      ++j;
      ++shown;
    } else {
      out << "@" << (i + 1) << " - " << a[i] << "\n";
      ++i;
      ++shown;
    }
  }
  if (shown >= limit) out << "…\n";
  return out.str();
}

}  // namespace sleet::test
