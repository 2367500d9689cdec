// Seeded generator of random but valid PostgreSQL schema pairs for the differential test against drizzle-kit:
// a base schema (schemas, enums, sequences, roles, tables with many column types, defaults, identities, keys,
// uniques, checks, foreign keys, indexes, RLS, policies, views) and a mutated copy (objects of every kind added,
// dropped, altered or renamed). Renames come with the answers both tools need. The same seed always gives the
// same pair on the same standard library (the generator uses its own integer RNG, no std distributions).
//
// It deliberately avoids what drizzle-kit cannot take or where sleet deviates on purpose in ways no normalising
// can compare (docs/compat.md; the deviations it does produce are taken out by normalise_deviations):
// identifiers and enum values with quotes, and any column change (including a column rename, an enum rename or
// move retyping it, a composite key making it NOT NULL, a schema rename moving an identity or enum column) in a
// table whose key changes in the same pair (table rename / move / schema rename): drizzle-kit 0.31 crashes in
// preparePgAlterColumns (drizzle-reference 8.6). Names that were dropped or renamed away are never reused, so the
// rename answers stay exactly the ones a diff can see. It does not run anything; differential_test.cpp does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "schema/schema.hpp"

namespace sleet::differential {

/// splitmix64: small, fast, and the same sequence everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  /// Uniform-ish in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// True with probability percent / 100.
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

 private:
  std::uint64_t state_;
};

/// One rename answer, spelled for each tool.
struct RenameAnswer {
  std::string sleet_flag;  ///< value of sleet's `--rename` ("column:users.name=full_name")
  std::string oracle;      ///< FROM=TO for drizzle-diff-snapshots' `--rename` ("users.name=users.full_name")
};

struct SchemaPair {
  schema::Database from;
  schema::Database to;
  std::vector<RenameAnswer> renames;
  std::vector<std::string> mutations;  ///< what was done to `from`, for failure messages
};

/// The pair for `seed`.
SchemaPair generate_pair(std::uint64_t seed);

/// The seed of pair `index` of a run with base seed `base`.
std::uint64_t pair_seed(std::uint64_t base, std::size_t index);

/// Takes sleet's deliberate deviations (docs/compat.md) that the generator produces out of the comparison of the
/// two statement lists of `pair` (sleet's and drizzle-kit's, statements as split at breakpoints):
///   * views of a schema the pair renames (drizzle addresses them under the old schema name, which fails; sleet
///     under the new one): every VIEW statement naming one of them is removed from both lists;
///   * a dropped column-level primary key: drizzle's commented-out hint becomes sleet's
///     `ALTER TABLE T DROP CONSTRAINT "<table>_pkey";`;
///   * SET / DROP NOT NULL on a table that adds / drops an identity (drizzle removes them): removed from sleet's.
void normalise_deviations(std::vector<std::string>& sleet, std::vector<std::string>& drizzle, const SchemaPair& pair);

}  // namespace sleet::differential
