// The array diff drizzle-kit uses for enum values: Python difflib's SequenceMatcher opcodes (json-diff's
// JavaScript port, no junk heuristic for small inputs), flattened to a keep / delete / insert sequence. Only
// what the enum differ needs; not a general text diff.
#pragma once

#include <string>
#include <vector>

namespace sleet::diff {

enum class EditKind { Keep, Delete, Insert };

struct Edit {
  EditKind kind = EditKind::Keep;
  std::string value;
};

/// The edit script from `from` to `to` in json-diff's order: within a replaced run all deletions come before all
/// insertions. Example: {a, b, c} -> {a, x, c} gives keep a, delete b, insert x, keep c.
std::vector<Edit> diff_sequences(const std::vector<std::string>& from, const std::vector<std::string>& to);

}  // namespace sleet::diff
