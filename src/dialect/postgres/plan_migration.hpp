// The PostgreSQL migration planner: diff (src/diff) -> order (diff/order.hpp) -> render (render*.cpp) ->
// de-duplicate, giving the statement list drizzle-kit 0.31's generateMigration(prev, cur) returns (joined with
// breakpoints by callers, sql::join_statements). Pure: no I/O; renames come from the injected resolver.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "diff/rename_resolver.hpp"
#include "schema/schema.hpp"

namespace sleet::pg {

struct PlannedStatement {
  std::string sql;
  /// Drops a table / column / schema / type / view, or changes a column type.
  bool destructive = false;
  bool operator==(const PlannedStatement&) const = default;
};

struct MigrationPlan {
  std::vector<PlannedStatement> statements;
};

/// `from` -> `to`. Renames are asked through `resolver` in drizzle's order (schemas, enums, sequences, roles,
/// tables, columns per table, policies per table, standalone policies, views); a resolver error aborts and is
/// returned. Statements are unique by exact text (the first occurrence is kept).
Result<MigrationPlan> plan_migration(const schema::Database& from, const schema::Database& to,
                                     diff::RenameResolver& resolver);

/// The SQL texts of `plan`, in order.
std::vector<std::string> statement_texts(const MigrationPlan& plan);

}  // namespace sleet::pg
