// drizzle-orm's tracking table texts (pg-core/dialect.js and sqlite-core/dialect.js `migrate()`), copied byte
// for byte including the template-literal tabs, plus a read-only existence check drizzle does not have (it
// always creates the table; `status` and `--dry-run` must not).
#include "migrate/tracking_table.hpp"

#include <fmt/format.h>

#include <charconv>
#include <algorithm>
#include <cmath>

namespace sleet::migrate {
namespace {

/// Parses an integer as PostgreSQL (bigint text) or SQLite (integer, or a real holding an integer) prints it.
std::optional<std::int64_t> parse_int64(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  std::int64_t value = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc() && ptr == end) return value;
  // SQLite numeric affinity may have stored a REAL (e.g. "1795305602497.0" written by another tool).
  char* parsed_end = nullptr;
  double real = std::strtod(text->c_str(), &parsed_end);
  if (parsed_end != text->c_str() + text->size() || !std::isfinite(real) || std::trunc(real) != real ||
      std::fabs(real) > 9.0e15) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(real);
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string tracking_table_sql_name(schema::Dialect dialect, const TrackingTable& tracking) {
  if (dialect == schema::Dialect::Postgres) {
    return quote_identifier(tracking.schema) + "." + quote_identifier(tracking.table);
  }
  return quote_identifier(tracking.table);
}

std::vector<std::string> tracking_table_ddl(schema::Dialect dialect, const TrackingTable& tracking) {
  std::string name = tracking_table_sql_name(dialect, tracking);
  if (dialect == schema::Dialect::Postgres) {
    return {
        fmt::format("CREATE SCHEMA IF NOT EXISTS {}", quote_identifier(tracking.schema)),
        fmt::format("\n\t\t\tCREATE TABLE IF NOT EXISTS {} (\n\t\t\t\tid SERIAL PRIMARY KEY,\n\t\t\t\thash text NOT "
                    "NULL,\n\t\t\t\tcreated_at bigint\n\t\t\t)\n\t\t",
                    name),
    };
  }
  return {
      fmt::format("\n\t\t\tCREATE TABLE IF NOT EXISTS {} (\n\t\t\t\tid SERIAL PRIMARY KEY,\n\t\t\t\thash text NOT "
                  "NULL,\n\t\t\t\tcreated_at numeric\n\t\t\t)\n\t\t",
                  name),
  };
}

std::string tracking_insert_sql(schema::Dialect dialect, const TrackingTable& tracking) {
  std::string name = tracking_table_sql_name(dialect, tracking);
  if (dialect == schema::Dialect::Postgres) {
    return fmt::format("insert into {} (\"hash\", \"created_at\") values($1, $2)", name);
  }
  return fmt::format("INSERT INTO {} (\"hash\", \"created_at\") VALUES(?, ?)", name);
}

Result<void> ensure_tracking_table(dialect::Connection& connection, const TrackingTable& tracking) {
  for (const std::string& statement : tracking_table_ddl(connection.dialect(), tracking)) {
    auto done = connection.execute(statement);
    if (!done) {
      return std::move(done).error().with_context(
          fmt::format("create tracking table {}", tracking_table_sql_name(connection.dialect(), tracking)));
    }
  }
  return ok();
}

Result<bool> tracking_table_exists(dialect::Connection& connection, const TrackingTable& tracking) {
  Result<std::vector<dialect::Row>> rows = std::vector<dialect::Row>{};
  if (connection.dialect() == schema::Dialect::Postgres) {
    // pg_catalog rather than information_schema: the latter hides tables the role has no privilege on.
    rows = connection.query(
        "select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = $1 and c.relname = $2",
        {tracking.schema, tracking.table});
  } else {
    rows = connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
                            {tracking.table});
  }
  if (!rows) {
    return std::move(rows).error().with_context(
        fmt::format("look up tracking table {}", tracking_table_sql_name(connection.dialect(), tracking)));
  }
  return !rows->empty();
}

Result<std::vector<AppliedRow>> read_existing_tracking_rows(dialect::Connection& connection,
                                                            const TrackingTable& tracking) {
  std::string name = tracking_table_sql_name(connection.dialect(), tracking);
  std::string select = connection.dialect() == schema::Dialect::Postgres
                           ? fmt::format("select id, hash, created_at from {} order by created_at, id", name)
                           : fmt::format("SELECT id, hash, created_at FROM {} ORDER BY created_at, id", name);
  auto rows = connection.query(select);
  if (!rows) return std::move(rows).error().with_context(fmt::format("read tracking table {}", name));
  std::vector<AppliedRow> out;
  out.reserve(rows->size());
  for (const dialect::Row& row : *rows) {
    AppliedRow applied;
    if (row.size() > 0) applied.id = parse_int64(row[0]);
    if (row.size() > 1 && row[1]) applied.hash = *row[1];
    if (row.size() > 2) applied.created_at = parse_int64(row[2]);
    out.push_back(std::move(applied));
  }
  return out;
}

Result<std::vector<AppliedRow>> read_tracking_rows(dialect::Connection& connection, const TrackingTable& tracking) {
  auto exists = tracking_table_exists(connection, tracking);
  if (!exists) return std::move(exists).error();
  if (!*exists) return std::vector<AppliedRow>{};
  return read_existing_tracking_rows(connection, tracking);
}

Result<void> insert_tracking_row(dialect::Connection& connection, const TrackingTable& tracking,
                                 const std::string& hash, std::int64_t created_at) {
  auto done = connection.query(tracking_insert_sql(connection.dialect(), tracking), {hash, std::to_string(created_at)});
  if (!done) {
    return std::move(done).error().with_context(
        fmt::format("insert into tracking table {}", tracking_table_sql_name(connection.dialect(), tracking)));
  }
  return ok();
}

Result<void> insert_tracking_rows(dialect::Connection& connection, const TrackingTable& tracking,
                                  const std::vector<std::pair<std::string, std::int64_t>>& rows) {
  const schema::Dialect dialect = connection.dialect();
  const std::string name = tracking_table_sql_name(dialect, tracking);
  for (std::size_t start = 0; start < rows.size(); start += kTrackingRowsPerInsert) {
    std::size_t end = std::min(rows.size(), start + kTrackingRowsPerInsert);
    if (end - start == 1) {
      SLEET_TRY(insert_tracking_row(connection, tracking, rows[start].first, rows[start].second));
      continue;
    }
    std::string sql = (dialect == schema::Dialect::Postgres ? "insert into " : "INSERT INTO ") + name +
                      (dialect == schema::Dialect::Postgres ? " (\"hash\", \"created_at\") values "
                                                            : " (\"hash\", \"created_at\") VALUES ");
    std::vector<std::string> params;
    params.reserve(2 * (end - start));
    for (std::size_t i = start; i < end; ++i) {
      if (i > start) sql += ", ";
      if (dialect == schema::Dialect::Postgres) {
        sql += fmt::format("(${}, ${})", params.size() + 1, params.size() + 2);
      } else {
        sql += "(?, ?)";
      }
      params.push_back(rows[i].first);
      params.push_back(std::to_string(rows[i].second));
    }
    auto done = connection.query(sql, params);
    if (!done) return std::move(done).error().with_context(fmt::format("insert into tracking table {}", name));
  }
  return ok();
}

}  // namespace sleet::migrate
