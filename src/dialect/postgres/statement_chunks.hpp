// Cutting a schema file into pieces that can be parsed independently (on several threads, and without
// holding the whole file's parse tree in memory at once). A cut is only ever a *candidate*: it is placed just
// after a line whose last non-blank character is ';' and which holds no "--", so the ';' is either the end of a
// statement or inside a string, quoted identifier, block comment, dollar quote, parenthesis or BEGIN ATOMIC
// body. In every case but the first, the piece before the cut does not parse on its own (unterminated literal
// or comment, unbalanced parenthesis, incomplete statement). So when every piece up to and including piece k
// parses, pieces 0..k hold exactly the statements the whole file holds there; the loader re-parses the rest
// of the file in one piece as soon as a piece fails, which either reports the file's real error (at the same
// byte, since parsing restarts from a true statement boundary) or shows that the cut was not a boundary.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sleet::pg {

/// Byte offsets of candidate cuts in `text`, increasing, each roughly `target_size` bytes after the previous
/// (first piece starts at 0, not listed). Empty when the text is smaller than two pieces.
std::vector<std::size_t> chunk_cuts(std::string_view text, std::size_t target_size);

}  // namespace sleet::pg
