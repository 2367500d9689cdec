// The interface a dialect offers to the layers above it (migrate/, app/): a database connection that can run
// SQL text and parameterised queries inside transactions. Concrete connections live in dialect/postgres and
// dialect/sqlite (each the only includer of its C library) and are created by app/.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "schema/schema.hpp"

namespace sleet::dialect {

/// What introspection reads from a live database (drizzle's schemaFilter / tablesFilter / extensionsFilters /
/// entities.roles). The migrations tracking table is always left out, whatever the filters say.
struct IntrospectFilters {
  /// PostgreSQL schemas to read (exact names); empty means drizzle's default, `public` only. SQLite ignores it.
  std::vector<std::string> schemas;
  /// Table name globs (`*`, `?`); a leading `!` excludes. Empty: every table. A table is read when it matches
  /// some positive glob (or there is none) and no negative one. Matched against the bare table name.
  std::vector<std::string> tables;
  /// Extensions whose objects are not the user's (e.g. `postgis`: spatial_ref_sys, geometry_columns, …).
  std::vector<std::string> extensions;
  bool roles = false;  ///< PostgreSQL: read roles too (drizzle's entities.roles)
  std::string tracking_schema = "drizzle";              ///< PostgreSQL schema of the tracking table
  std::string tracking_table = "__drizzle_migrations";  ///< never introspected
};

/// One result row; std::nullopt is SQL NULL. Values are text (libpq text format / sqlite3_column_text).
using Row = std::vector<std::optional<std::string>>;

class Connection {
 public:
  virtual ~Connection() = default;

  virtual schema::Dialect dialect() const = 0;

  /// Runs SQL text without parameters. On PostgreSQL this is the simple query protocol, so `sql` may hold
  /// several statements; on SQLite every statement in `sql` is run in turn. Fails with ErrorCode::Database
  /// carrying the SQLSTATE (PostgreSQL) or the SQLite result code name, and the server's message.
  virtual Result<void> execute(std::string_view sql) = 0;

  /// Runs one statement with text parameters ($1.. on PostgreSQL, ? on SQLite) and returns its rows.
  virtual Result<std::vector<Row>> query(std::string_view sql, const std::vector<std::string>& params = {}) = 0;
};

}  // namespace sleet::dialect
