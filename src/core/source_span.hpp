// SourceSpan: where in a user's file something went wrong (file, 1-based line and column), and the caret
// rendering used by the CLI. It does not read files: callers that have the text compute spans from offsets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sleet {

struct SourceSpan {
  std::string file;
  int line = 0;    ///< 1-based; 0 when unknown
  int column = 0;  ///< 1-based, in bytes; 0 when unknown
  std::string source_line;  ///< the text of that line without its newline, for the caret display

  bool operator==(const SourceSpan&) const = default;

  /// Span of byte `offset` in `text` (clamped to the text), with the line's text filled in.
  static SourceSpan from_offset(std::string file, std::string_view text, std::size_t offset);

  /// "file:line:column", or "file" when the position is unknown.
  std::string location() const;

  /// The source line and a caret under the column ("  12 | create tabel x\n     |        ^"), or "" when
  /// the line text is unknown.
  std::string caret() const;
};

}  // namespace sleet
