// Line/column computation and caret rendering for SourceSpan (modelled on ninja's Lexer::Error).
#include "core/source_span.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace sleet {

SourceSpan SourceSpan::from_offset(std::string file, std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  SourceSpan span;
  span.file = std::move(file);
  span.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++span.line;
      line_start = i + 1;
    }
  }
  span.column = static_cast<int>(offset - line_start) + 1;
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  span.source_line = std::string(text.substr(line_start, line_end - line_start));
  if (!span.source_line.empty() && span.source_line.back() == '\r') span.source_line.pop_back();
  return span;
}

std::string SourceSpan::location() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string SourceSpan::caret() const {
  if (line <= 0 || source_line.empty()) return "";
  std::string gutter = fmt::format("{:>5} | ", line);
  std::string pad(gutter.size() - 2, ' ');
  std::string marker;
  // Keep tabs so the caret lines up under tab-indented source.
  for (int i = 0; i + 1 < column && i < static_cast<int>(source_line.size()); ++i)
    marker += source_line[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
  return fmt::format("{}{}\n{}| {}^", gutter, source_line, pad, marker);
}

}  // namespace sleet
