// The SQLite migration planner: the statement list drizzle-kit 0.31's applySqliteSnapshotsDiff (=
// generateSQLiteMigration) returns for two schemas, joined with breakpoints by callers (sql::join_statements).
//
// Renames are asked through diff::diff_databases (tables, then columns per table, then views: the only kinds
// SQLite has). Everything else follows drizzle's SQLite differ: the fixed statement groups of
// drizzle-reference.md 4.7, then sqliteCombineStatements, which groups statements per table and replaces them
// with a table recreation (PRAGMA foreign_keys=OFF, `__new_t`, INSERT ... SELECT, DROP, RENAME, PRAGMA
// foreign_keys=ON, indexes) whenever SQLite cannot ALTER the change (column type / default / not null /
// autoincrement / primary key, foreign keys dropped or added to existing columns, composite primary keys,
// checks). Where drizzle's SQL is wrong, sleet's differs (docs/compat.md, SQLite section): expression indexes
// stay expressions after a recreation, the copy reads only columns the old table has (by their old name when
// the RENAME COLUMN was folded into the recreation) and never writes generated columns, every recreation keeps
// its own PRAGMA pair, views over a recreated table are dropped and re-created around it, an added column keeps
// its foreign key's actions, and a STORED generated column is added by recreating the table. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "diff/rename_resolver.hpp"
#include "schema/schema.hpp"

namespace sleet::sqlite {

struct PlannedStatement {
  std::string sql;
  /// Drops a table, column or view, or recreates a table losing columns or changing a column's type.
  bool destructive = false;
  bool operator==(const PlannedStatement&) const = default;
};

struct MigrationPlan {
  std::vector<PlannedStatement> statements;
  /// The renames resolved, in drizzle's `_meta` form (`"old"` -> `"new"`, `"table"."old"` -> `"table"."new"`),
  /// which drizzle-kit writes into the new SQLite snapshot.
  schema::RenameMaps renames;
};

/// `from` -> `to`. A resolver error aborts and is returned. Statements are unique by exact text (the first
/// occurrence is kept), except the PRAGMA foreign_keys lines of each recreation.
Result<MigrationPlan> plan_migration(const schema::Database& from, const schema::Database& to,
                                     diff::RenameResolver& resolver);

/// The SQL texts of `plan`, in order.
std::vector<std::string> statement_texts(const MigrationPlan& plan);

/// The full DDL of `database` (the plan from an empty schema), as `export` prints it.
std::vector<std::string> export_statements(const schema::Database& database);

}  // namespace sleet::sqlite
