// SHA-256 as lowercase hex: the per-migration hash drizzle stores in its tracking table, and content keys.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sleet {

/// Lowercase hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

/// Incremental SHA-256, for inputs too large to gather in one string first.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// Lowercase hex digest of everything updated so far; the object is spent afterwards.
  std::string hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sleet
