// Status, plan and apply for a migrations folder against a tracking table. The status/plan half is pure;
// apply_pending issues drizzle-orm's statement texts in drizzle-orm's order and adds only what makes it
// safe: a PostgreSQL advisory lock, the tracking table created inside the transaction, SQLite foreign keys
// switched off around (not inside) the transaction with a foreign_key_check before commit, and
// identity-based pending detection with out-of-order refusal.
// It never opens connections and never prints; progress goes to MigrateOptions::on_applied.
#include "migrate/executor.hpp"

#include <fmt/format.h>

#include <map>

#include "snapshot/journal.hpp"

namespace sleet::migrate {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxLineLength = 120;
constexpr std::size_t kMaxViolationsListed = 5;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// True when `piece` holds only whitespace and comments (`-- ...` lines, `/* ... */` blocks): the pieces
/// better-sqlite3 rejects with "The supplied SQL string contains no statements" (drizzle bug, reference 8.12).
bool is_blank_sql(std::string_view piece) {
  std::size_t pos = 0;
  while (pos < piece.size()) {
    if (is_space(piece[pos])) {
      ++pos;
    } else if (piece.substr(pos, 2) == "--") {
      std::size_t end = piece.find('\n', pos);
      if (end == std::string_view::npos) return true;
      pos = end + 1;
    } else if (piece.substr(pos, 2) == "/*") {
      std::size_t end = piece.find("*/", pos + 2);
      if (end == std::string_view::npos) return true;
      pos = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

/// The statement's first meaningful line for error messages: the first non-empty line that is not a `--`
/// comment (else the first non-empty line), trimmed and cut to kMaxLineLength bytes on a UTF-8 boundary.
std::string first_line(std::string_view piece) {
  std::string_view chosen;
  std::size_t pos = 0;
  while (pos <= piece.size()) {
    std::size_t end = piece.find('\n', pos);
    if (end == std::string_view::npos) end = piece.size();
    std::string_view line = trim(piece.substr(pos, end - pos));
    if (!line.empty()) {
      if (chosen.empty()) chosen = line;
      if (line.substr(0, 2) != "--") {
        chosen = line;
        break;
      }
    }
    pos = end + 1;
  }
  if (chosen.size() <= kMaxLineLength) return std::string(chosen);
  std::size_t cut = kMaxLineLength;
  while (cut > 0 && (static_cast<unsigned char>(chosen[cut]) & 0xC0) == 0x80) --cut;
  return std::string(chosen.substr(0, cut)) + "...";
}

/// Indices of the pieces that are executed: all of them on PostgreSQL (verbatim, as drizzle-orm), the
/// non-blank ones on SQLite.
std::vector<std::size_t> executable_pieces(const MigrationFile& file, schema::Dialect dialect) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < file.statements.size(); ++i) {
    if (dialect == schema::Dialect::Sqlite && is_blank_sql(file.statements[i])) continue;
    indices.push_back(i);
  }
  return indices;
}

std::string transaction_sql(schema::Dialect dialect, std::string_view verb) {
  if (dialect == schema::Dialect::Postgres) {
    std::string lower;
    for (char c : verb) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return lower;
  }
  return std::string(verb);
}

/// Rolls back after `error`; a failed rollback is noted in the message, the original error stays primary.
Error rollback(dialect::Connection& connection, Error error) {
  auto done = connection.execute(transaction_sql(connection.dialect(), "ROLLBACK"));
  if (!done) error.message += fmt::format(" (rollback failed too: {})", done.error().describe());
  return error;
}

std::string describe_newest(const Status& status) {
  if (!status.newest_created_at) return "none";
  if (status.newest_tag.empty()) {
    return fmt::format("a tracking row with created_at {} that matches no journal entry", *status.newest_created_at);
  }
  return fmt::format("{}, when {}", status.newest_tag, *status.newest_created_at);
}

Result<bool> read_foreign_keys_enabled(dialect::Connection& connection) {
  auto rows = connection.query("PRAGMA foreign_keys");
  if (!rows) return std::move(rows).error().with_context("read PRAGMA foreign_keys");
  return !rows->empty() && !rows->front().empty() && rows->front().front() == "1";
}

/// `PRAGMA foreign_key_check` inside the transaction; any row is a failure naming the first violations.
Result<void> check_foreign_keys(dialect::Connection& connection) {
  auto rows = connection.query("PRAGMA foreign_key_check");
  if (!rows) return std::move(rows).error().with_context("PRAGMA foreign_key_check");
  if (rows->empty()) return ok();
  std::string listed;
  for (std::size_t i = 0; i < rows->size() && i < kMaxViolationsListed; ++i) {
    const dialect::Row& row = (*rows)[i];
    auto cell = [&](std::size_t column) { return column < row.size() && row[column] ? *row[column] : "NULL"; };
    listed += fmt::format("\n  table {} rowid {} references {}", cell(0), cell(1), cell(2));
  }
  if (rows->size() > kMaxViolationsListed) listed += fmt::format("\n  ... {} in total", rows->size());
  return fail(ErrorCode::Database,
              fmt::format("the migrations leave {} foreign key violation{}; nothing was applied:{}", rows->size(),
                          rows->size() == 1 ? "" : "s", listed));
}

/// Runs the pieces of one migration. Errors carry the file/statement context. Its tracking row is inserted
/// by the caller, with the others, before commit.
Result<AppliedMigration> run_migration(dialect::Connection& connection, const MigrationFile& file) {
  auto started = Clock::now();
  AppliedMigration applied{file.entry.tag, file.entry.when, 0, {}};
  for (std::size_t index : executable_pieces(file, connection.dialect())) {
    const std::string& piece = file.statements[index];
    auto done = connection.execute(piece);
    if (!done) {
      return std::move(done).error().with_context(
          fmt::format("{}.sql: statement {}: {}", file.entry.tag, index + 1, first_line(piece)));
    }
    ++applied.statement_count;
  }
  applied.duration = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started);
  return applied;
}

/// Everything after the lock (pg) / the foreign_keys read (sqlite), all in one transaction: the tracking table
/// is created inside it too, so a failed first run leaves nothing behind (drizzle creates it before its
/// transaction and leaves an empty one).
Result<MigrateResult> apply_unlocked(dialect::Connection& connection, const MigrationFolder& folder,
                                     const MigrateOptions& options, bool sqlite_foreign_keys_on) {
  const schema::Dialect dialect = connection.dialect();
  if (sqlite_foreign_keys_on) {
    // Must happen outside the transaction: inside one, SQLite ignores it (drizzle bug, reference 8.1).
    auto off = connection.execute("PRAGMA foreign_keys=OFF");
    if (!off) return std::move(off).error().with_context("PRAGMA foreign_keys=OFF");
  }
  auto restore_foreign_keys = [&]() -> Result<void> {
    if (!sqlite_foreign_keys_on) return ok();
    auto on = connection.execute("PRAGMA foreign_keys=ON");
    if (!on) return std::move(on).error().with_context("PRAGMA foreign_keys=ON");
    return ok();
  };
  auto abort_with = [&](Error error) -> Error {
    Error out = rollback(connection, std::move(error));
    auto restored = restore_foreign_keys();
    if (!restored) out.message += fmt::format(" (restoring foreign keys failed: {})", restored.error().describe());
    return out;
  };

  // SQLite: IMMEDIATE takes the write lock now, so a second migrator waits (busy timeout) instead of reading
  // the same rows and failing later.
  auto begun = connection.execute(dialect == schema::Dialect::Sqlite ? "BEGIN IMMEDIATE" : "begin");
  if (!begun) {
    Error error = std::move(begun).error().with_context("begin transaction");
    auto restored = restore_foreign_keys();
    if (!restored) error.message += fmt::format(" (restoring foreign keys failed: {})", restored.error().describe());
    return error;
  }
  if (auto created = ensure_tracking_table(connection, options.tracking); !created) {
    return abort_with(std::move(created).error());
  }
  auto rows = read_existing_tracking_rows(connection, options.tracking);
  if (!rows) return abort_with(std::move(rows).error());
  Status status = compute_status(folder, *rows, true);
  MigrationPlan plan = plan_migrations(status, options.allow_out_of_order);
  if (plan.is_blocked()) return abort_with(out_of_order_error(status, plan));

  MigrateResult result;
  result.already_applied = plan.already_applied;
  // Tracking rows go in together just before commit: the same rows, ids and atomicity as drizzle's insert
  // after each migration, without a round trip per migration.
  std::vector<std::pair<std::string, std::int64_t>> tracking_rows;
  tracking_rows.reserve(plan.to_apply.size());
  for (std::size_t index : plan.to_apply) {
    const MigrationFile& file = folder.migrations[index];
    auto applied = run_migration(connection, file);
    if (!applied) return abort_with(std::move(applied).error());
    if (options.on_applied) options.on_applied(*applied);
    result.applied.push_back(std::move(*applied));
    tracking_rows.emplace_back(file.hash, file.entry.when);
  }
  if (auto inserted = insert_tracking_rows(connection, options.tracking, tracking_rows); !inserted) {
    return abort_with(std::move(inserted).error());
  }
  if (dialect == schema::Dialect::Sqlite && !plan.to_apply.empty()) {
    auto checked = check_foreign_keys(connection);
    if (!checked) return abort_with(std::move(checked).error());
  }
  auto committed = connection.execute(transaction_sql(dialect, "COMMIT"));
  if (!committed) return abort_with(std::move(committed).error().with_context("commit"));
  auto restored = restore_foreign_keys();
  if (!restored) {
    Error error = std::move(restored).error();
    error.message += " (the migrations were committed)";
    return error;
  }
  return result;
}

}  // namespace

const char* to_string(EntryState state) {
  switch (state) {
    case EntryState::Applied: return "applied";
    case EntryState::Pending: return "pending";
    case EntryState::OutOfOrder: return "out_of_order";
  }
  return "pending";
}

Status compute_status(const MigrationFolder& folder, const std::vector<AppliedRow>& rows, bool table_exists) {
  Status status;
  status.tracking_table_exists = table_exists;
  std::map<std::int64_t, std::vector<std::size_t>> rows_by_when;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].created_at) continue;
    rows_by_when[*rows[i].created_at].push_back(i);
    if (!status.newest_created_at || *rows[i].created_at > *status.newest_created_at) {
      status.newest_created_at = rows[i].created_at;
    }
  }
  // Two passes so that a row whose hash matches goes to its own entry even when several entries share a when.
  std::vector<bool> claimed(rows.size(), false);
  std::vector<std::optional<std::size_t>> matches(folder.migrations.size());
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t entry_index = 0; entry_index < folder.migrations.size(); ++entry_index) {
      const MigrationFile& file = folder.migrations[entry_index];
      auto found = rows_by_when.find(file.entry.when);
      if (matches[entry_index] || found == rows_by_when.end()) continue;
      for (std::size_t row_index : found->second) {
        if (claimed[row_index] || (pass == 0 && rows[row_index].hash != file.hash)) continue;
        claimed[row_index] = true;
        matches[entry_index] = row_index;
        break;
      }
    }
  }
  status.entries.reserve(folder.migrations.size());
  for (std::size_t entry_index = 0; entry_index < folder.migrations.size(); ++entry_index) {
    const MigrationFile& file = folder.migrations[entry_index];
    EntryStatus entry;
    entry.tag = file.entry.tag;
    entry.idx = file.entry.idx;
    entry.when = file.entry.when;
    entry.hash = file.hash;
    if (std::optional<std::size_t> match = matches[entry_index]) {
      entry.state = EntryState::Applied;
      entry.row = rows[*match];
      entry.hash_changed = rows[*match].hash != file.hash;
      if (status.newest_created_at && file.entry.when == *status.newest_created_at) status.newest_tag = file.entry.tag;
    }
    status.entries.push_back(std::move(entry));
  }
  for (EntryStatus& entry : status.entries) {
    if (entry.state == EntryState::Applied) continue;
    bool older = status.newest_created_at && entry.when <= *status.newest_created_at;
    entry.state = older ? EntryState::OutOfOrder : EntryState::Pending;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!claimed[i]) status.unknown_rows.push_back(rows[i]);
  }
  return status;
}

MigrationPlan plan_migrations(const Status& status, bool allow_out_of_order) {
  MigrationPlan plan;
  for (std::size_t i = 0; i < status.entries.size(); ++i) {
    switch (status.entries[i].state) {
      case EntryState::Applied: ++plan.already_applied; break;
      case EntryState::Pending: plan.to_apply.push_back(i); break;
      case EntryState::OutOfOrder:
        if (allow_out_of_order) {
          plan.to_apply.push_back(i);
        } else {
          plan.blocked.push_back(i);
        }
        break;
    }
  }
  return plan;
}

Error out_of_order_error(const Status& status, const MigrationPlan& plan) {
  std::string listed;
  for (std::size_t index : plan.blocked) {
    const EntryStatus& entry = status.entries[index];
    listed += fmt::format("\n  {} (when {})", entry.tag, entry.when);
  }
  bool one = plan.blocked.size() == 1;
  return Error(ErrorCode::OutOfOrder,
               fmt::format("{} migration{} not applied but older than the newest applied one ({}); drizzle-orm would "
                           "skip {} silently:{}\nrun with --allow-out-of-order to apply {}",
                           plan.blocked.size(), one ? " is" : "s are", describe_newest(status), one ? "it" : "them",
                           listed, one ? "it" : "them"));
}

Result<void> check_dialect(const MigrationFolder& folder, schema::Dialect connection_dialect) {
  if (folder.journal.dialect.empty()) return ok();
  auto journal_dialect = snapshot::journal_dialect(folder.journal.dialect);
  if (!journal_dialect) return std::move(journal_dialect).error();
  if (*journal_dialect != connection_dialect) {
    return fail(ErrorCode::Config,
                fmt::format("migrations folder {} is for {} but the database is {}", folder.dir.string(),
                            folder.journal.dialect, schema::to_string(connection_dialect)));
  }
  return ok();
}

Result<Status> read_status(dialect::Connection& connection, const MigrationFolder& folder,
                           const TrackingTable& tracking) {
  SLEET_TRY(check_dialect(folder, connection.dialect()));
  auto exists = tracking_table_exists(connection, tracking);
  if (!exists) return std::move(exists).error();
  std::vector<AppliedRow> rows;
  if (*exists) {
    auto read = read_existing_tracking_rows(connection, tracking);
    if (!read) return std::move(read).error();
    rows = std::move(*read);
  }
  return compute_status(folder, rows, *exists);
}

Result<MigrateResult> apply_pending(dialect::Connection& connection, const MigrationFolder& folder,
                                    const MigrateOptions& options) {
  auto started = Clock::now();
  auto finish = [&](Result<MigrateResult> result) {
    if (result) result->total_duration = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started);
    return result;
  };

  if (options.dry_run) {
    auto status = read_status(connection, folder, options.tracking);
    if (!status) return std::move(status).error();
    MigrationPlan plan = plan_migrations(*status, options.allow_out_of_order);
    if (plan.is_blocked()) return out_of_order_error(*status, plan);
    MigrateResult result;
    result.already_applied = plan.already_applied;
    for (std::size_t index : plan.to_apply) {
      const MigrationFile& file = folder.migrations[index];
      result.applied.push_back(
          {file.entry.tag, file.entry.when, executable_pieces(file, connection.dialect()).size(), {}});
    }
    return finish(std::move(result));
  }

  SLEET_TRY(check_dialect(folder, connection.dialect()));
  if (connection.dialect() == schema::Dialect::Sqlite) {
    auto foreign_keys_on = read_foreign_keys_enabled(connection);
    if (!foreign_keys_on) return std::move(foreign_keys_on).error();
    return finish(apply_unlocked(connection, folder, options, *foreign_keys_on));
  }

  // Session-level lock around the whole run: a second migrator waits here, then sees our rows.
  auto locked = connection.query(fmt::format("select pg_advisory_lock({})", kAdvisoryLockKey));
  if (!locked) return std::move(locked).error().with_context("take the migration advisory lock");
  Result<MigrateResult> result = apply_unlocked(connection, folder, options, false);
  // A failed unlock means a broken connection, whose end releases the lock anyway; the result stands.
  (void)connection.query(fmt::format("select pg_advisory_unlock({})", kAdvisoryLockKey));
  return finish(std::move(result));
}

}  // namespace sleet::migrate
