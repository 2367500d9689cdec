// The applied-migrations table, exactly as drizzle-orm creates and fills it, so a database migrated by
// drizzle can continue with sleet and the reverse. PostgreSQL: "drizzle"."__drizzle_migrations"
// (id serial, hash text not null, created_at bigint); SQLite: "__drizzle_migrations" (id SERIAL PRIMARY KEY
// -- always NULL in SQLite --, hash text not null, created_at numeric).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"

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

/// Creates the schema (pg) and table if missing, with drizzle-orm's exact DDL text.
Result<void> ensure_tracking_table(dialect::Connection& connection, const TrackingTable& tracking);

/// All rows ordered by created_at, id; an empty list when the table does not exist (nothing is created).
Result<std::vector<AppliedRow>> read_tracking_rows(dialect::Connection& connection, const TrackingTable& tracking);

/// Inserts one row (hash, created_at) with drizzle-orm's statement.
Result<void> insert_tracking_row(dialect::Connection& connection, const TrackingTable& tracking,
                                 const std::string& hash, std::int64_t created_at);

}  // namespace sleet::migrate
