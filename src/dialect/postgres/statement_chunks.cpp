#include "dialect/postgres/statement_chunks.hpp"

namespace sleet::pg {

namespace {

/// Whether the line [begin, end) (without its '\n') ends with ';' after trimming blanks and holds no "--".
bool line_ends_statement(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t last = end;
  while (last > begin && (text[last - 1] == ' ' || text[last - 1] == '\t' || text[last - 1] == '\r')) --last;
  if (last == begin || text[last - 1] != ';') return false;
  return text.substr(begin, last - begin).find("--") == std::string_view::npos;
}

}  // namespace

std::vector<std::size_t> chunk_cuts(std::string_view text, std::size_t target_size) {
  std::vector<std::size_t> cuts;
  if (target_size == 0 || text.size() < 2 * target_size) return cuts;
  std::size_t piece_start = 0;
  while (piece_start + 2 * target_size <= text.size()) {
    // The first newline at or after the target, then forward line by line to a line ending a statement.
    std::size_t line_end = text.find('\n', piece_start + target_size);
    std::size_t cut = std::string_view::npos;
    while (line_end != std::string_view::npos) {
      std::size_t line_begin = text.rfind('\n', line_end == 0 ? 0 : line_end - 1);
      line_begin = line_begin == std::string_view::npos || line_end == 0 ? 0 : line_begin + 1;
      if (line_ends_statement(text, line_begin, line_end)) {
        cut = line_end + 1;
        break;
      }
      line_end = text.find('\n', line_end + 1);
    }
    if (cut == std::string_view::npos || cut >= text.size()) break;
    cuts.push_back(cut);
    piece_start = cut;
  }
  return cuts;
}

}  // namespace sleet::pg
