// Deciding what is pending and applying it. A journal entry is applied when a tracking row has
// created_at == entry.when (identity, never a high-water mark). A pending entry older than the newest
// applied one (a branch merge) is out of order: an error unless allowed. All pending migrations run in one
// transaction, as drizzle-orm does, so a failure leaves the database exactly as it was. SQLite: foreign keys
// are switched off around the transaction and `PRAGMA foreign_key_check` runs before commit, so table
// recreation never cascades (drizzle's PRAGMA inside its transaction is a no-op).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "migrate/migration_folder.hpp"
#include "migrate/tracking_table.hpp"

namespace sleet::migrate {

enum class EntryState {
  Applied,     ///< a tracking row has created_at == when
  Pending,     ///< not applied, newer than every applied entry
  OutOfOrder,  ///< not applied, but older than (or equal to) the newest applied entry
};

const char* to_string(EntryState state);

struct EntryStatus {
  std::string tag;
  std::int64_t idx = 0;
  std::int64_t when = 0;
  std::string hash;  ///< of the file now
  EntryState state = EntryState::Pending;
  std::optional<AppliedRow> row;  ///< the matching tracking row when applied
  bool hash_changed = false;      ///< applied, but the file's hash differs from the stored one
};

struct Status {
  std::vector<EntryStatus> entries;      ///< in journal order
  std::vector<AppliedRow> unknown_rows;  ///< tracking rows that match no journal entry
  bool tracking_table_exists = false;
};

/// Computes the status of every entry against the tracking rows. Pure: no database access.
Status compute_status(const MigrationFolder& folder, const std::vector<AppliedRow>& rows, bool table_exists);

/// Reads the tracking table (without creating it) and computes the status.
Result<Status> read_status(dialect::Connection& connection, const MigrationFolder& folder, const TrackingTable& tracking);

struct AppliedMigration {
  std::string tag;
  std::int64_t when = 0;
  std::size_t statement_count = 0;
  std::chrono::nanoseconds duration{0};
};

struct MigrateOptions {
  TrackingTable tracking;
  bool allow_out_of_order = false;
  bool dry_run = false;  ///< report what would run; the database is not touched at all
  /// Called after each migration's statements ran (inside the transaction), e.g. to print progress.
  std::function<void(const AppliedMigration&)> on_applied;
};

struct MigrateResult {
  std::vector<AppliedMigration> applied;  ///< in order; with dry_run: what would be applied (duration 0)
  std::size_t already_applied = 0;
  std::chrono::nanoseconds total_duration{0};
};

/// Applies every pending entry in journal order, in one transaction, inserting a tracking row per entry.
/// Errors: ErrorCode::OutOfOrder naming the entries (unless allowed); ErrorCode::Database for a failed
/// statement, with context "<tag>.sql: statement N: <first line>", the SQLSTATE and the server's message,
/// after a rollback that leaves no table and no tracking row behind.
Result<MigrateResult> apply_pending(dialect::Connection& connection, const MigrationFolder& folder,
                                   const MigrateOptions& options);

}  // namespace sleet::migrate
