// Seeded generator of random but valid SQLite schema pairs (drizzle snapshot version 6) for the differential test
// against drizzle-kit's generateSQLiteMigration (sqlite_differential_test.cpp), and the normalisation of sleet's
// documented SQLite deviations (docs/compat.md, "sleet generate / sleet diff (SQLite)").
//
// A base schema (tables with integer / text / real / blob / numeric columns, defaults, NOT NULL, integer primary
// keys with and without AUTOINCREMENT, STORED and VIRTUAL generated columns, composite primary keys, unique
// constraints, foreign keys with actions, checks, plain / unique / partial / expression indexes, views) and a
// mutated copy (tables added, dropped, renamed; columns added, dropped, renamed, retyped, their default / NOT NULL
// / primary key / autoincrement / VIRTUAL generated expression changed; indexes, checks, foreign keys, composite
// keys and views added, dropped, altered, renamed). Renames come with the answers for both tools; names that were
// dropped or renamed away are never reused. Rng, RenameAnswer, SchemaPair and pair_seed are random_schema.hpp's.
//
// Left out on purpose, because sleet's output is a different *kind* of statement list there and no text
// normalisation can compare it (each is a docs/compat.md row):
//   * a STORED generated column added to an existing table, or a STORED expression set / changed on an existing
//     column (drizzle: nothing / DROP COLUMN + ADD; sleet: a recreation);
//   * unique constraints added, dropped or changed on an existing table (drizzle never diffs them; sleet
//     recreates), which includes dropping or renaming a column that a unique constraint names;
//   * names with quotes or backticks, names SQLite would not read bare (keywords), checks containing `;`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "random_schema.hpp"

namespace sleet::differential {

/// The SQLite pair for `seed` (both databases have dialect Sqlite).
SchemaPair generate_sqlite_pair(std::uint64_t seed);

/// Takes sleet's documented SQLite deviations out of the comparison of the two statement lists of `pair` (as split
/// at breakpoints). Each step corresponds to one row of docs/compat.md's SQLite table:
///   1. expression index after a recreation: drizzle's ``(`lower("c")`)`` becomes the expression again;
///   2. the recreation's INSERT … SELECT (and 3. generated columns): drizzle's column list is cut to the columns
///      the old table has and that are not generated, a renamed column read by its old name when its RENAME COLUMN
///      was folded into the recreation; an INSERT left with no column is removed;
///   4. `ADD … REFERENCES t(c) ON UPDATE / ON DELETE …`: sleet's actions after the reference are removed;
///   5. a PRAGMA pair per recreation: sleet's PRAGMA statements after the first `OFF` / `ON` are removed;
///   6. views over a recreated table: the DROP VIEW / CREATE VIEW of every view sleet drops before a recreation are
///      removed from both lists (after checking that sleet creates it again when the new schema has it);
///   7. unique constraints kept in a recreated table: sleet's `CONSTRAINT u UNIQUE(…)` lines of `__new_` tables are
///      removed.
/// Problems found while normalising (e.g. a view sleet dropped and never re-created) are appended to `problems`.
void normalise_sqlite_deviations(std::vector<std::string>& sleet, std::vector<std::string>& drizzle,
                                 const SchemaPair& pair, std::vector<std::string>& problems);

}  // namespace sleet::differential
