// Name globs as drizzle's tablesFilter has them: `*` any run of characters, `?` one character, a leading `!`
// excludes. Used by introspection to pick the tables it reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sleet {

/// Whether `name` matches `pattern` (`*`, `?`; everything else literal, case-sensitive).
bool glob_matches(std::string_view pattern, std::string_view name);

/// Whether `name` is selected by `globs`: it matches some positive glob (or there is none) and no `!` glob.
bool selected_by_globs(const std::vector<std::string>& globs, std::string_view name);

}  // namespace sleet
