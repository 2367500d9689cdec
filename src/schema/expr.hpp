// Expr: a SQL expression (default, check, generated column, index expression, view body) kept both as written
// and in canonical form, so formatting differences are never a schema change.
#pragma once

#include <string>

namespace sleet::schema {

struct Expr {
  std::string text;       ///< as written by the source (what snapshots and generated SQL show)
  std::string canonical;  ///< normalised by the dialect's canonicaliser; empty means "same as text"

  Expr() = default;
  Expr(std::string written) : text(std::move(written)) {}  // NOLINT: implicit from text by design
  Expr(std::string written, std::string normalised) : text(std::move(written)), canonical(std::move(normalised)) {}

  /// The form comparisons use.
  const std::string& key() const { return canonical.empty() ? text : canonical; }
  /// Canonical forms when both sides have one (loaded from SQL, or canonicalised snapshots); otherwise the
  /// text as written, which is how drizzle compares two snapshots.
  bool operator==(const Expr& other) const {
    if (!canonical.empty() && !other.canonical.empty()) return canonical == other.canonical;
    return text == other.text;
  }
};

}  // namespace sleet::schema
