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

#include "core/error.hpp"
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
  /// The largest created_at over ALL rows (unknown ones included): drizzle-orm's high-water mark. Entries not
  /// applied with `when <= newest_created_at` are OutOfOrder.
  std::optional<std::int64_t> newest_created_at;
  std::string newest_tag;  ///< the journal tag of that row, "" when it matches no entry
};

/// Computes the status of every entry against the tracking rows. Pure: no database access.
/// Matching: an entry is applied iff some row has created_at == entry.when; each row is claimed by at most
/// one entry (a row whose hash equals the file's is preferred when several entries share a `when`). Rows
/// left unclaimed (including NULL created_at and duplicates) are unknown rows. Not-applied entries are
/// OutOfOrder when `when <= newest_created_at` (the max over all rows: exactly the entries drizzle-orm would
/// skip silently), else Pending.
Status compute_status(const MigrationFolder& folder, const std::vector<AppliedRow>& rows, bool table_exists);

/// What a migrate run would do, in order. Pure.
struct MigrationPlan {
  std::vector<std::size_t> to_apply;  ///< indices into Status::entries (= MigrationFolder::migrations), journal order
  std::vector<std::size_t> blocked;   ///< OutOfOrder entries refused because allow_out_of_order is off
  std::size_t already_applied = 0;
  bool is_blocked() const { return !blocked.empty(); }
};

/// Pending entries, plus the OutOfOrder ones when `allow_out_of_order` (then they run in journal order, among
/// the pending ones); otherwise the OutOfOrder ones are listed in `blocked` and nothing may run.
MigrationPlan plan_migrations(const Status& status, bool allow_out_of_order);

/// The ErrorCode::OutOfOrder error for a blocked plan: one line per entry (tag, when), the newest applied
/// tag/when, and the `--allow-out-of-order` hint. Assumes plan.is_blocked().
Error out_of_order_error(const Status& status, const MigrationPlan& plan);

/// Fails with ErrorCode::Config when the journal's dialect (if it names one) differs from the connection's.
Result<void> check_dialect(const MigrationFolder& folder, schema::Dialect connection_dialect);

/// The advisory lock key apply_pending holds on PostgreSQL while it reads and applies: the bytes "sleet" as
/// one integer, so two sleet migrators on one database serialise (drizzle-orm takes no lock).
inline constexpr std::int64_t kAdvisoryLockKey = 0x736C656574;

/// Reads the tracking table (without creating it) and computes the status.
Result<Status> read_status(dialect::Connection& connection, const MigrationFolder& folder,
                           const TrackingTable& tracking);

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
/// Sequence: pg `select pg_advisory_lock(kAdvisoryLockKey)`, `begin`, tracking DDL, read rows, pieces verbatim,
/// insert per migration, `commit`, unlock. SQLite: read `PRAGMA foreign_keys`, `PRAGMA foreign_keys=OFF` (if
/// it was on), `BEGIN IMMEDIATE`, tracking DDL, read rows, pieces (blank/comment-only ones skipped), inserts,
/// `PRAGMA foreign_key_check` (rows = failure listing the violations), `COMMIT`, `PRAGMA foreign_keys=ON`.
/// With nothing to apply the transaction only creates the tracking table (as drizzle does). Out of order:
/// rolled back before any migration ran. With dry_run only catalog/row reads are issued.
Result<MigrateResult> apply_pending(dialect::Connection& connection, const MigrationFolder& folder,
                                    const MigrateOptions& options);

}  // namespace sleet::migrate
