// The "migrate at start-up" use case for applications and the CLI: read a migrations folder and apply what
// is pending, in one call. Opening the connection (from a URL) is the caller's job (app/); printing progress
// is done through MigrateOptions::on_applied.
#pragma once

#include <filesystem>

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "migrate/executor.hpp"

namespace sleet::migrate {

/// read_migration_folder(dir) then apply_pending(connection, folder, options). Errors are theirs:
/// ErrorCode::Journal for a broken folder (nothing is sent to the database then), ErrorCode::Config for a
/// folder of another dialect, ErrorCode::OutOfOrder, ErrorCode::Database after a full rollback.
/// Example: `auto done = migrate_folder(*conn, "drizzle", {});` applies like drizzle-orm's
/// `migrate(db, { migrationsFolder: "drizzle" })`.
Result<MigrateResult> migrate_folder(dialect::Connection& connection, const std::filesystem::path& dir,
                                     const MigrateOptions& options);

}  // namespace sleet::migrate
