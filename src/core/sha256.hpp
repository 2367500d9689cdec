// SHA-256 as lowercase hex: the per-migration hash drizzle stores in its tracking table.
#pragma once

#include <string>
#include <string_view>

namespace sleet {

/// Lowercase hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace sleet
