// split_breakpoints / join_statements.
#include "sql/breakpoints.hpp"

namespace sleet::sql {

std::vector<std::string> split_breakpoints(std::string_view sql) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = sql.find(kBreakpointMarker, start);
    if (pos == std::string_view::npos) {
      pieces.emplace_back(sql.substr(start));
      return pieces;
    }
    pieces.emplace_back(sql.substr(start, pos - start));
    start = pos + kBreakpointMarker.size();
  }
}

std::string join_statements(const std::vector<std::string>& statements, bool breakpoints) {
  std::string out;
  std::string_view separator = breakpoints ? kBreakpoint : std::string_view("\n");
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i > 0) out += separator;
    out += statements[i];
  }
  return out;
}

}  // namespace sleet::sql
