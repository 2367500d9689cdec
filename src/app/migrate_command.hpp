// The `migrate` and `status` use cases: configuration in, data out (the CLI prints it).
#pragma once

#include <functional>
#include <string>

#include "app/config.hpp"
#include "migrate/executor.hpp"

namespace sleet::app {

struct MigrateRequest {
  bool dry_run = false;
  bool allow_out_of_order = false;
  /// Progress callback, called after each migration ran (inside the transaction).
  std::function<void(const migrate::AppliedMigration&)> on_applied;
};

struct MigrateReport {
  std::string database;  ///< masked URL
  std::filesystem::path folder;
  std::size_t journal_entries = 0;
  migrate::MigrateResult result;
};

/// Reads the migrations folder (config.out), connects, and applies every pending migration (or, with
/// dry_run, only reports them without connecting for writes: the database is not modified, not even the
/// tracking table).
Result<MigrateReport> run_migrate(const Config& config, const MigrateRequest& request);

struct StatusReport {
  std::string database;  ///< masked URL
  std::filesystem::path folder;
  migrate::Status status;
};

/// Reads the folder and the tracking table (read-only; nothing is created) and classifies every entry.
Result<StatusReport> run_status(const Config& config);

/// config.out resolved against config.base_dir.
std::filesystem::path migrations_dir(const Config& config);

}  // namespace sleet::app
