// The library call for applications that migrate at start-up: one function, a URL and a migrations folder
// in, the applied migrations (or an Error) out. Same semantics as `sleet migrate`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "core/result.hpp"
#include "migrate/executor.hpp"

namespace sleet {

struct EmbeddedMigrateOptions {
  std::string migrations_table = "__drizzle_migrations";
  std::string migrations_schema = "drizzle";  ///< PostgreSQL only
  bool allow_out_of_order = false;
  std::function<void(const migrate::AppliedMigration&)> on_applied;
};

/// Applies every pending migration of `folder` (drizzle layout) to the database at `url` (`postgres://…`,
/// libpq key=value, `sqlite:PATH`, `file:PATH`) in one transaction, recording them in drizzle's tracking
/// table. Relative SQLite paths resolve against the current directory. Errors never contain a password.
Result<migrate::MigrateResult> migrate_database(const std::string& url, const std::filesystem::path& folder,
                                                const EmbeddedMigrateOptions& options = {});

}  // namespace sleet
