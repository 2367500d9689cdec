// Numbers as JavaScript's String(Number(text)) writes them: drizzle-kit stores numeric defaults that way in
// both dialects' snapshots (round-trip digits, exponent form below 1e-6 and from 1e21: `00` -> `0`,
// `2.50` -> `2.5`, `1e3` -> `1000`, `0.0000001` -> `1e-7`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sleet {

/// `text` (a whole decimal or exponent literal) as JavaScript prints the number; nullopt when `text` is not a
/// finite number.
std::optional<std::string> js_number(std::string_view text);

}  // namespace sleet
