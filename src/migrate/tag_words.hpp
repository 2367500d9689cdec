// Random migration tag suffixes, "adjective_noun", from sleet's own winter-weather word lists (drizzle uses
// adjective_marvelhero from its own lists; only the shape matters for compatibility).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sleet::migrate {

/// The word lists (lower case, no spaces; nouns may contain '_').
const std::vector<std::string_view>& tag_adjectives();
const std::vector<std::string_view>& tag_nouns();

/// A random "adjective_noun".
std::string random_tag_suffix();

}  // namespace sleet::migrate
