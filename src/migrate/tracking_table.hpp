// The applied-migrations table, exactly as drizzle-orm creates and fills it, so a database migrated by
// drizzle can continue with sleet and the reverse. PostgreSQL: "drizzle"."__drizzle_migrations"
// (id serial, hash text not null, created_at bigint); SQLite: "__drizzle_migrations" (id SERIAL PRIMARY KEY
// -- always NULL in SQLite --, hash text not null, created_at numeric).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "schema/schema.hpp"

namespace sleet::migrate {

struct TrackingTable {
  std::string table = "__drizzle_migrations";
  std::string schema = "drizzle";  ///< PostgreSQL only; SQLite ignores it as drizzle does
};

/// One row of the tracking table.
struct AppliedRow {
  std::optional<std::int64_t> id;
  std::string hash;
  std::optional<std::int64_t> created_at;
  bool operator==(const AppliedRow&) const = default;
};

/// `name` between double quotes with every `"` doubled (drizzle-orm's `sql.identifier`).
std::string quote_identifier(std::string_view name);

/// The table as written in SQL: `"drizzle"."__drizzle_migrations"` on PostgreSQL, `"__drizzle_migrations"` on
/// SQLite (which ignores the schema, as drizzle-orm does).
std::string tracking_table_sql_name(schema::Dialect dialect, const TrackingTable& tracking);

/// drizzle-orm's DDL texts, byte for byte, in execution order: PostgreSQL `CREATE SCHEMA IF NOT EXISTS "s"`
/// then the tab-indented `CREATE TABLE IF NOT EXISTS` (created_at bigint); SQLite only the table (created_at
/// numeric). Example (pg, defaults): "\n\t\t\tCREATE TABLE IF NOT EXISTS \"drizzle\".\"__drizzle_migrations\" (...".
std::vector<std::string> tracking_table_ddl(schema::Dialect dialect, const TrackingTable& tracking);

/// drizzle-orm's insert text: pg `insert into "s"."t" ("hash", "created_at") values($1, $2)`, sqlite
/// `INSERT INTO "t" ("hash", "created_at") VALUES(?, ?)`.
std::string tracking_insert_sql(schema::Dialect dialect, const TrackingTable& tracking);

/// Creates the schema (pg) and table if missing, with drizzle-orm's exact DDL text.
Result<void> ensure_tracking_table(dialect::Connection& connection, const TrackingTable& tracking);

/// Whether the table exists, asked from the catalog (pg_catalog / sqlite_master) without touching anything.
Result<bool> tracking_table_exists(dialect::Connection& connection, const TrackingTable& tracking);

/// All rows ordered by created_at, id; an empty list when the table does not exist (nothing is created).
/// A created_at that is not an integer (hand-edited rows) is read as std::nullopt.
Result<std::vector<AppliedRow>> read_tracking_rows(dialect::Connection& connection, const TrackingTable& tracking);

/// Reads the rows of a table known to exist (no existence check).
Result<std::vector<AppliedRow>> read_existing_tracking_rows(dialect::Connection& connection,
                                                            const TrackingTable& tracking);

/// Inserts one row (hash, created_at) with drizzle-orm's statement.
Result<void> insert_tracking_row(dialect::Connection& connection, const TrackingTable& tracking,
                                 const std::string& hash, std::int64_t created_at);

/// Rows per statement in insert_tracking_rows (2 parameters each; far below both dialects' limits).
inline constexpr std::size_t kTrackingRowsPerInsert = 500;

/// Inserts (hash, created_at) rows in order with as few statements as possible: one multi-row insert per
/// kTrackingRowsPerInsert rows (a single row uses drizzle-orm's exact statement). Ids are assigned in order.
Result<void> insert_tracking_rows(dialect::Connection& connection, const TrackingTable& tracking,
                                  const std::vector<std::pair<std::string, std::int64_t>>& rows);

}  // namespace sleet::migrate
