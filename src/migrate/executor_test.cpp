// Unit tests of status computation, planning and apply_pending against FakeConnection: pending by identity,
// out-of-order refusal, unknown rows, changed hashes, drizzle's exact statement sequence per dialect,
// rollback with file/statement context, dry runs that touch nothing, SQLite foreign-key handling, and a
// fault-injection sweep that fails every call in turn.
#include "migrate/executor.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fake_connection.hpp"
#include "migrate/migrate_test_support.hpp"

namespace sleet::migrate {
namespace {

using sleet::testing::FakeConnection;
using sleet::testing::FakeTrackingRow;
using test::make_file;
using test::make_folder;

AppliedRow row_at(std::int64_t when, std::string hash = "h") { return AppliedRow{std::nullopt, std::move(hash), when}; }

MigrationFolder four_entries() {
  return make_folder(
      {make_file("0000_a", 100, "CREATE TABLE a (id int);"), make_file("0001_b", 200, "CREATE TABLE b (id int);"),
       make_file("0002_c", 300, "CREATE TABLE c (id int);"), make_file("0003_d", 400, "CREATE TABLE d (id int);")},
      "postgresql");
}

std::vector<EntryState> states(const Status& status) {
  std::vector<EntryState> out;
  for (const EntryStatus& entry : status.entries) out.push_back(entry.state);
  return out;
}

TEST(ComputeStatus, AppliedIsByIdentityNotHighWaterMark) {
  MigrationFolder folder = four_entries();
  Status status =
      compute_status(folder, {row_at(100, folder.migrations[0].hash), row_at(300, folder.migrations[2].hash)}, true);
  EXPECT_EQ(states(status), (std::vector<EntryState>{EntryState::Applied, EntryState::OutOfOrder, EntryState::Applied,
                                                     EntryState::Pending}));
  EXPECT_EQ(status.newest_created_at, 300);
  EXPECT_EQ(status.newest_tag, "0002_c");
  EXPECT_TRUE(status.unknown_rows.empty());
  ASSERT_TRUE(status.entries[0].row.has_value());
  EXPECT_EQ(status.entries[0].row->created_at, 100);
  EXPECT_FALSE(status.entries[0].hash_changed);
}

TEST(ComputeStatus, EverythingPendingWithoutRows) {
  Status status = compute_status(four_entries(), {}, false);
  EXPECT_EQ(states(status), std::vector<EntryState>(4, EntryState::Pending));
  EXPECT_FALSE(status.tracking_table_exists);
  EXPECT_FALSE(status.newest_created_at.has_value());
}

TEST(ComputeStatus, RowsMatchingNoEntryAreUnknownAndCountForTheHighWaterMark) {
  MigrationFolder folder = four_entries();
  std::vector<AppliedRow> rows = {row_at(100, folder.migrations[0].hash), row_at(350, "other"),
                                  AppliedRow{std::nullopt, "null-created", std::nullopt}};
  Status status = compute_status(folder, rows, true);
  EXPECT_EQ(states(status), (std::vector<EntryState>{EntryState::Applied, EntryState::OutOfOrder,
                                                     EntryState::OutOfOrder, EntryState::Pending}));
  ASSERT_EQ(status.unknown_rows.size(), 2u);
  EXPECT_EQ(status.unknown_rows[0].created_at, 350);
  EXPECT_EQ(status.unknown_rows[1].hash, "null-created");
  EXPECT_EQ(status.newest_created_at, 350);
  EXPECT_EQ(status.newest_tag, "");
}

TEST(ComputeStatus, ReportsChangedHashOfAppliedEntry) {
  MigrationFolder folder = four_entries();
  Status status = compute_status(folder, {row_at(100, "stale")}, true);
  EXPECT_EQ(status.entries[0].state, EntryState::Applied);
  EXPECT_TRUE(status.entries[0].hash_changed);
  EXPECT_FALSE(status.entries[1].hash_changed);
}

TEST(ComputeStatus, EntriesSharingAWhenPreferTheRowWithTheirHash) {
  MigrationFolder folder = make_folder({make_file("0000_a", 100, "A"), make_file("0001_b", 100, "B")}, "postgresql");
  Status status = compute_status(folder, {row_at(100, folder.migrations[1].hash)}, true);
  EXPECT_EQ(status.entries[0].state, EntryState::OutOfOrder);
  EXPECT_EQ(status.entries[1].state, EntryState::Applied);
  EXPECT_FALSE(status.entries[1].hash_changed);
}

TEST(PlanMigrations, BlocksOutOfOrderUnlessAllowed) {
  MigrationFolder folder = four_entries();
  Status status =
      compute_status(folder, {row_at(100, folder.migrations[0].hash), row_at(300, folder.migrations[2].hash)}, true);
  MigrationPlan strict = plan_migrations(status, false);
  EXPECT_EQ(strict.to_apply, (std::vector<std::size_t>{3}));
  EXPECT_EQ(strict.blocked, (std::vector<std::size_t>{1}));
  EXPECT_EQ(strict.already_applied, 2u);
  MigrationPlan allowed = plan_migrations(status, true);
  EXPECT_EQ(allowed.to_apply, (std::vector<std::size_t>{1, 3}));
  EXPECT_FALSE(allowed.is_blocked());
}

// --- apply_pending: PostgreSQL ----------------------------------------------------------------------------

const char* const kPgCreateTable =
    "\n\t\t\tCREATE TABLE IF NOT EXISTS \"drizzle\".\"__drizzle_migrations\" (\n\t\t\t\tid SERIAL PRIMARY KEY,\n"
    "\t\t\t\thash text NOT NULL,\n\t\t\t\tcreated_at bigint\n\t\t\t)\n\t\t";
const char* const kSqliteCreateTable =
    "\n\t\t\tCREATE TABLE IF NOT EXISTS \"__drizzle_migrations\" (\n\t\t\t\tid SERIAL PRIMARY KEY,\n"
    "\t\t\t\thash text NOT NULL,\n\t\t\t\tcreated_at numeric\n\t\t\t)\n\t\t";
const char* const kPgSelect =
    "select id, hash, created_at from \"drizzle\".\"__drizzle_migrations\" order by created_at, id";
const char* const kPgInsert =
    "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\") values($1, $2)";
const char* const kPgInsertTwo =
    "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\") values ($1, $2), ($3, $4)";
const char* const kSqliteInsert = "INSERT INTO \"__drizzle_migrations\" (\"hash\", \"created_at\") VALUES(?, ?)";

TEST(ApplyPending, PostgresIssuesDrizzleStatementsInOrder) {
  MigrationFolder folder = make_folder(
      {make_file("0000_a", 100, "CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE INDEX ai ON a (id);"),
       make_file("0001_b", 200, "CREATE TABLE b (id int);")},
      "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  std::vector<AppliedMigration> progress;
  MigrateOptions options;
  options.on_applied = [&](const AppliedMigration& applied) { progress.push_back(applied); };
  auto result = apply_pending(connection, folder, options);
  ASSERT_TRUE(result) << result.error().describe();

  std::string lock = "select pg_advisory_lock(" + std::to_string(kAdvisoryLockKey) + ")";
  std::string unlock = "select pg_advisory_unlock(" + std::to_string(kAdvisoryLockKey) + ")";
  EXPECT_EQ(connection.sql_texts(),
            (std::vector<std::string>{lock, "begin", "CREATE SCHEMA IF NOT EXISTS \"drizzle\"", kPgCreateTable,
                                      kPgSelect, "CREATE TABLE a (id int);\n", "\nCREATE INDEX ai ON a (id);",
                                      "CREATE TABLE b (id int);", kPgInsertTwo, "commit", unlock}));
  EXPECT_EQ(connection.calls()[8].params,
            (std::vector<std::string>{folder.migrations[0].hash, "100", folder.migrations[1].hash, "200"}));
  EXPECT_EQ(connection.advisory_locks_held, 0);
  ASSERT_EQ(connection.rows.size(), 2u);
  EXPECT_EQ(connection.rows[0], (FakeTrackingRow{"1", folder.migrations[0].hash, "100"}));

  ASSERT_EQ(result->applied.size(), 2u);
  EXPECT_EQ(result->applied[0].tag, "0000_a");
  EXPECT_EQ(result->applied[0].statement_count, 2u);
  EXPECT_EQ(result->applied[1].when, 200);
  EXPECT_EQ(result->already_applied, 0u);
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[1].tag, "0001_b");
}

TEST(ApplyPending, PostgresExecutesEmptyPiecesVerbatim) {
  MigrationFolder folder =
      make_folder({make_file("0000_a", 100, "CREATE TABLE a (id int);\n--> statement-breakpoint\n")}, "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  auto result = apply_pending(connection, folder, {});
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->applied[0].statement_count, 2u);
  std::vector<std::string> texts = connection.sql_texts();
  EXPECT_NE(std::find(texts.begin(), texts.end(), "\n"), texts.end());
}

TEST(ApplyPending, CustomTrackingTableIsQuotedWithDoubledQuotes) {
  MigrationFolder folder = make_folder({make_file("0000_a", 100, "SELECT 1;")}, "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  MigrateOptions options;
  options.tracking = TrackingTable{"my\"table", "meta schema"};
  ASSERT_TRUE(apply_pending(connection, folder, options));
  std::vector<std::string> texts = connection.sql_texts();
  EXPECT_EQ(texts[1], "begin");
  EXPECT_EQ(texts[2], "CREATE SCHEMA IF NOT EXISTS \"meta schema\"");
  EXPECT_NE(texts[3].find("CREATE TABLE IF NOT EXISTS \"meta schema\".\"my\"\"table\" ("), std::string::npos);
  EXPECT_EQ(texts[6], "insert into \"meta schema\".\"my\"\"table\" (\"hash\", \"created_at\") values($1, $2)");
}

TEST(ApplyPending, FailureRollsBackAndNamesFileStatementAndSqlstate) {
  MigrationFolder folder = make_folder(
      {make_file("0000_a", 100, "CREATE TABLE a (id int);"),
       make_file("0001_b", 200,
                 "CREATE TABLE b (id int);\n--> statement-breakpoint\n-- make c\n\n  CREATE TABLE c (\n  id int\n);")},
      "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  connection.fail_when_contains("CREATE TABLE c", "42P07", "relation \"c\" already exists");
  auto result = apply_pending(connection, folder, {});
  ASSERT_FALSE(result);
  const Error& error = result.error();
  EXPECT_EQ(error.code, ErrorCode::Database);
  EXPECT_EQ(error.sqlstate, "42P07");
  EXPECT_EQ(error.describe(),
            "0001_b.sql: statement 2: CREATE TABLE c (: relation \"c\" already exists (SQLSTATE 42P07)");
  std::vector<std::string> texts = connection.sql_texts();
  ASSERT_GE(texts.size(), 2u);
  EXPECT_EQ(texts[texts.size() - 2], "rollback");
  EXPECT_EQ(texts.back().rfind("select pg_advisory_unlock(", 0), 0u);
  EXPECT_TRUE(connection.rows.empty());
  EXPECT_FALSE(connection.in_transaction);
  EXPECT_EQ(connection.advisory_locks_held, 0);
}

TEST(ApplyPending, LongFirstLineIsCut) {
  std::string long_line = "INSERT INTO t VALUES ('" + std::string(200, 'x') + "');";
  MigrationFolder folder = make_folder({make_file("0000_a", 100, long_line)}, "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  connection.fail_when_contains("INSERT INTO t", "22001", "value too long");
  auto result = apply_pending(connection, folder, {});
  ASSERT_FALSE(result);
  ASSERT_EQ(result.error().context.size(), 1u);
  EXPECT_EQ(result.error().context[0], "0000_a.sql: statement 1: " + long_line.substr(0, 120) + "...");
}

TEST(ApplyPending, OutOfOrderIsRefusedBeforeAnyMigrationRuns) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Postgres);
  connection.table_exists = true;
  connection.rows = {{"1", folder.migrations[0].hash, "100"}, {"2", folder.migrations[2].hash, "300"}};
  auto result = apply_pending(connection, folder, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutOfOrder);
  EXPECT_EQ(result.error().message,
            "1 migration is not applied but older than the newest applied one (0002_c, when 300); drizzle-orm would "
            "skip it silently:\n  0001_b (when 200)\nrun with --allow-out-of-order to apply it");
  for (const std::string& text : connection.sql_texts()) {
    EXPECT_NE(text, "commit");
    EXPECT_EQ(text.find("CREATE TABLE b"), std::string::npos);
  }
  EXPECT_EQ(connection.sql_texts().back(), "select pg_advisory_unlock(" + std::to_string(kAdvisoryLockKey) + ")");
  EXPECT_EQ(connection.sql_texts()[connection.sql_texts().size() - 2], "rollback");
  EXPECT_EQ(connection.advisory_locks_held, 0);
}

TEST(ApplyPending, TrackingRowsAreInsertedInOrderInChunks) {
  std::vector<MigrationFile> files;
  for (int i = 0; i < 1001; ++i) files.push_back(make_file(fmt::format("{:04}_m", i), 1000 + i, "SELECT 1;"));
  MigrationFolder folder = make_folder(files, "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  auto result = apply_pending(connection, folder, {});
  ASSERT_TRUE(result) << result.error().describe();
  std::size_t inserts = 0;
  for (const std::string& text : connection.sql_texts()) inserts += text.rfind("insert into", 0) == 0;
  EXPECT_EQ(inserts, 3u);  // 500 + 500 + 1 (the last one with drizzle's single-row text)
  EXPECT_EQ(connection.sql_texts()[connection.sql_texts().size() - 3], kPgInsert);
  ASSERT_EQ(connection.rows.size(), 1001u);
  for (int i = 0; i < 1001; ++i) {
    EXPECT_EQ(connection.rows[static_cast<std::size_t>(i)].id, std::to_string(i + 1));
    EXPECT_EQ(connection.rows[static_cast<std::size_t>(i)].created_at, std::to_string(1000 + i));
  }
}

TEST(ApplyPending, AllowOutOfOrderAppliesInJournalOrder) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Postgres);
  connection.table_exists = true;
  connection.rows = {{"1", folder.migrations[0].hash, "100"}, {"2", folder.migrations[2].hash, "300"}};
  connection.next_serial = 3;
  MigrateOptions options;
  options.allow_out_of_order = true;
  auto result = apply_pending(connection, folder, options);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->applied.size(), 2u);
  EXPECT_EQ(result->applied[0].tag, "0001_b");
  EXPECT_EQ(result->applied[1].tag, "0003_d");
  EXPECT_EQ(result->already_applied, 2u);
  ASSERT_EQ(connection.rows.size(), 4u);
  EXPECT_EQ(connection.rows[2].created_at, "200");
  EXPECT_EQ(connection.rows[3].created_at, "400");
}

TEST(ApplyPending, NothingPendingRunsNoMigrationStatement) {
  MigrationFolder folder = make_folder({make_file("0000_a", 100, "SELECT 1;")}, "postgresql");
  FakeConnection connection(schema::Dialect::Postgres);
  connection.table_exists = true;
  connection.rows = {{"1", "whatever", "100"}};
  auto result = apply_pending(connection, folder, {});
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->applied.empty());
  EXPECT_EQ(result->already_applied, 1u);
  for (const std::string& text : connection.sql_texts()) {
    EXPECT_NE(text, "SELECT 1;");
    EXPECT_NE(text, kPgInsert);
  }
  ASSERT_EQ(connection.rows.size(), 1u);
}

TEST(ApplyPending, DryRunWithoutTableOnlyAsksTheCatalog) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Postgres);
  MigrateOptions options;
  options.dry_run = true;
  auto result = apply_pending(connection, folder, options);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(connection.calls().size(), 1u);
  EXPECT_TRUE(connection.calls()[0].is_query);
  EXPECT_NE(connection.calls()[0].sql.find("pg_catalog.pg_class"), std::string::npos);
  EXPECT_EQ(connection.calls()[0].params, (std::vector<std::string>{"drizzle", "__drizzle_migrations"}));
  EXPECT_FALSE(connection.table_exists);
  EXPECT_FALSE(connection.schema_exists);
  ASSERT_EQ(result->applied.size(), 4u);
  EXPECT_EQ(result->applied[3].tag, "0003_d");
  EXPECT_EQ(result->applied[3].statement_count, 1u);
}

TEST(ApplyPending, DryRunWithTableReadsRowsOnly) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Sqlite);
  connection.table_exists = true;
  connection.rows = {{std::nullopt, folder.migrations[0].hash, "100"}};
  MigrateOptions options;
  options.dry_run = true;
  folder.journal.dialect = "sqlite";
  auto result = apply_pending(connection, folder, options);
  ASSERT_TRUE(result) << result.error().describe();
  for (const sleet::testing::FakeCall& call : connection.calls()) EXPECT_TRUE(call.is_query) << call.sql;
  EXPECT_EQ(connection.calls().size(), 2u);
  EXPECT_EQ(result->applied.size(), 3u);
  EXPECT_EQ(result->already_applied, 1u);
  EXPECT_EQ(connection.rows.size(), 1u);
}

TEST(ApplyPending, DryRunStillReportsOutOfOrder) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Postgres);
  connection.table_exists = true;
  connection.rows = {{"1", "x", "350"}};
  MigrateOptions options;
  options.dry_run = true;
  auto result = apply_pending(connection, folder, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutOfOrder);
  EXPECT_NE(result.error().message.find("a tracking row with created_at 350 that matches no journal entry"),
            std::string::npos);
}

TEST(ApplyPending, RefusesAFolderOfAnotherDialect) {
  MigrationFolder folder = make_folder({make_file("0000_a", 100, "SELECT 1;")}, "sqlite");
  FakeConnection connection(schema::Dialect::Postgres);
  auto result = apply_pending(connection, folder, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Config);
  EXPECT_TRUE(connection.calls().empty());
}

// --- apply_pending: SQLite --------------------------------------------------------------------------------

TEST(ApplyPending, SqliteSwitchesForeignKeysOffAroundTheTransaction) {
  MigrationFolder folder =
      make_folder({make_file("0000_a", 100,
                             "PRAGMA foreign_keys=OFF;--> statement-breakpoint\nCREATE TABLE a (id integer);\n--> "
                             "statement-breakpoint\n-- only a comment\n--> statement-breakpoint\n")},
                  "sqlite");
  FakeConnection connection(schema::Dialect::Sqlite);
  auto result = apply_pending(connection, folder, {});
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(connection.sql_texts(),
            (std::vector<std::string>{
                "PRAGMA foreign_keys", "PRAGMA foreign_keys=OFF", "BEGIN IMMEDIATE", kSqliteCreateTable,
                "SELECT id, hash, created_at FROM \"__drizzle_migrations\" ORDER BY created_at, id",
                "PRAGMA foreign_keys=OFF;", "\nCREATE TABLE a (id integer);\n",
                kSqliteInsert, "PRAGMA foreign_key_check", "COMMIT", "PRAGMA foreign_keys=ON"}));
  EXPECT_EQ(result->applied[0].statement_count, 2u);
  EXPECT_TRUE(connection.foreign_keys);
  ASSERT_EQ(connection.rows.size(), 1u);
  EXPECT_EQ(connection.rows[0], (FakeTrackingRow{std::nullopt, folder.migrations[0].hash, "100"}));
}

TEST(ApplyPending, SqliteLeavesForeignKeysAloneWhenTheyAreOff) {
  MigrationFolder folder = make_folder({make_file("0000_a", 100, "CREATE TABLE a (id integer);")}, "sqlite");
  FakeConnection connection(schema::Dialect::Sqlite);
  connection.foreign_keys = false;
  ASSERT_TRUE(apply_pending(connection, folder, {}));
  for (const std::string& text : connection.sql_texts()) {
    EXPECT_NE(text, "PRAGMA foreign_keys=OFF");
    EXPECT_NE(text, "PRAGMA foreign_keys=ON");
  }
  EXPECT_FALSE(connection.foreign_keys);
}

TEST(ApplyPending, SqliteForeignKeyViolationsRollBack) {
  MigrationFolder folder = make_folder({make_file("0000_a", 100, "DROP TABLE users;")}, "sqlite");
  FakeConnection connection(schema::Dialect::Sqlite);
  connection.fk_violations = {{std::string("posts"), std::string("3"), std::string("users"), std::string("0")}};
  auto result = apply_pending(connection, folder, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_EQ(
      result.error().message,
      "the migrations leave 1 foreign key violation; nothing was applied:\n  table posts rowid 3 references users");
  std::vector<std::string> texts = connection.sql_texts();
  ASSERT_GE(texts.size(), 3u);
  EXPECT_EQ(texts[texts.size() - 3], "PRAGMA foreign_key_check");
  EXPECT_EQ(texts[texts.size() - 2], "ROLLBACK");
  EXPECT_EQ(texts.back(), "PRAGMA foreign_keys=ON");
  EXPECT_TRUE(connection.rows.empty());
  EXPECT_TRUE(connection.foreign_keys);
}

TEST(ApplyPending, SqliteFailureRestoresForeignKeys) {
  MigrationFolder folder =
      make_folder({make_file("0000_a", 100, "CREATE TABLE a (id integer);\n--> statement-breakpoint\nBAD;")}, "sqlite");
  FakeConnection connection(schema::Dialect::Sqlite);
  connection.fail_when_contains("BAD", "SQLITE_ERROR", "near \"BAD\": syntax error");
  auto result = apply_pending(connection, folder, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().describe(),
            "0000_a.sql: statement 2: BAD;: near \"BAD\": syntax error (SQLSTATE SQLITE_ERROR)");
  std::vector<std::string> texts = connection.sql_texts();
  EXPECT_EQ(texts[texts.size() - 2], "ROLLBACK");
  EXPECT_EQ(texts.back(), "PRAGMA foreign_keys=ON");
  EXPECT_TRUE(connection.foreign_keys);
}

// --- fault injection: fail every call in turn -------------------------------------------------------------

void sweep(schema::Dialect dialect) {
  const char* name = dialect == schema::Dialect::Postgres ? "postgresql" : "sqlite";
  MigrationFolder folder = make_folder(
      {make_file("0000_a", 100, "CREATE TABLE a (id int);"),
       make_file("0001_b", 200, "CREATE TABLE b (id int);\n--> statement-breakpoint\nCREATE TABLE c (id int);"),
       make_file("0002_c", 300, "CREATE TABLE d (id int);")},
      name);
  auto prepare = [&](FakeConnection& connection) {
    connection.table_exists = true;
    connection.schema_exists = true;
    connection.rows = {{std::nullopt, folder.migrations[0].hash, "100"}};
  };
  FakeConnection clean(dialect);
  prepare(clean);
  ASSERT_TRUE(apply_pending(clean, folder, {}));
  const std::size_t total_calls = clean.call_count();
  ASSERT_GT(total_calls, 8u);

  for (std::size_t nth = 1; nth <= total_calls; ++nth) {
    SCOPED_TRACE("failing call " + std::to_string(nth) + ": " + clean.sql_texts()[nth - 1]);
    FakeConnection connection(dialect);
    prepare(connection);
    connection.fail_call(nth, "XX000", "injected");
    auto result = apply_pending(connection, folder, {});
    const std::string failed_sql = clean.sql_texts()[nth - 1];
    bool failed_after_commit =
        failed_sql == "PRAGMA foreign_keys=ON" || failed_sql.find("pg_advisory_unlock") != std::string::npos;
    EXPECT_FALSE(connection.in_transaction);
    if (failed_after_commit) {
      EXPECT_EQ(connection.rows.size(), 3u);  // committed
    } else {
      ASSERT_FALSE(result);
      EXPECT_EQ(result.error().sqlstate, "XX000");
      EXPECT_EQ(connection.rows.size(), 1u);  // all or nothing
    }
    if (failed_sql != "PRAGMA foreign_keys=ON") {
      EXPECT_TRUE(connection.foreign_keys);
    }
    if (failed_sql.find("pg_advisory_unlock") == std::string::npos) {
      EXPECT_EQ(connection.advisory_locks_held, 0);
    }
  }
}

TEST(ApplyPendingFaults, PostgresIsAllOrNothingWhicheverCallFails) { sweep(schema::Dialect::Postgres); }
TEST(ApplyPendingFaults, SqliteIsAllOrNothingWhicheverCallFails) { sweep(schema::Dialect::Sqlite); }

// --- read_status ------------------------------------------------------------------------------------------

TEST(ReadStatus, DoesNotCreateTheTrackingTable) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Postgres);
  auto status = read_status(connection, folder, {});
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_FALSE(status->tracking_table_exists);
  EXPECT_EQ(states(*status), std::vector<EntryState>(4, EntryState::Pending));
  for (const sleet::testing::FakeCall& call : connection.calls()) EXPECT_TRUE(call.is_query);
  EXPECT_FALSE(connection.table_exists);
}

TEST(ReadStatus, ReadsRowsWhenTheTableExists) {
  MigrationFolder folder = four_entries();
  FakeConnection connection(schema::Dialect::Postgres);
  connection.table_exists = true;
  connection.rows = {{"1", "changed", "100"}, {"2", "zzz", "999"}};
  auto status = read_status(connection, folder, {});
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->tracking_table_exists);
  EXPECT_TRUE(status->entries[0].hash_changed);
  ASSERT_EQ(status->unknown_rows.size(), 1u);
  EXPECT_EQ(status->unknown_rows[0], (AppliedRow{2, "zzz", 999}));
}

}  // namespace
}  // namespace sleet::migrate
