// Database URLs: `postgres://` / `postgresql://` URLs and libpq `key=value` strings for PostgreSQL,
// `sqlite:PATH` / `file:PATH` (or a bare path when the dialect is sqlite) for SQLite. Parsing only; opening
// is app/connect.hpp.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "schema/schema.hpp"

namespace sleet::app {

struct DatabaseUrl {
  schema::Dialect dialect = schema::Dialect::Sqlite;
  std::string conninfo;               ///< PostgreSQL: what libpq gets
  std::filesystem::path sqlite_path;  ///< SQLite: the database file (":memory:" allowed)
  std::string display;                ///< the URL with its password masked, for messages
};

/// The dialect a URL implies, if it implies one.
std::optional<schema::Dialect> url_dialect(std::string_view url);

/// Parses `url` for `dialect`; relative SQLite paths resolve against `base_dir`. Fails with
/// ErrorCode::Config (password masked in the message) for an empty URL, an unknown scheme, or a URL of the
/// other dialect.
Result<DatabaseUrl> parse_database_url(std::string_view url, schema::Dialect dialect,
                                       const std::filesystem::path& base_dir);

}  // namespace sleet::app
