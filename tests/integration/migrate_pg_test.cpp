// Integration tests of the migrator against a real PostgreSQL (scripts/test-postgres.sh): drizzle's tracking
// table shape and rows, rollback of the whole run on an SQL error (with the SQLSTATE kept), the advisory lock
// that serialises concurrent migrators, and a custom tracking schema/table.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "migrate/migrate.hpp"
#include "migrate/migrate_test_support.hpp"
#include "pg_fixture.hpp"

namespace sleet::migrate {
namespace {

using test::journal_json;
using test::ScratchDir;

constexpr const char* kOurAdvisoryLocks =
    "select count(*) from pg_locks where locktype = 'advisory' and database = "
    "(select oid from pg_database where datname = current_database())";

std::filesystem::path pg_basic() {
  return std::filesystem::path(SLEET_SOURCE_DIR) / "tests/testdata/migrations/pg_basic";
}

std::string scalar(dialect::Connection& connection, const std::string& sql) {
  auto rows = connection.query(sql);
  EXPECT_TRUE(rows) << sql << ": " << rows.error().describe();
  if (!rows || rows->empty() || rows->front().empty()) return "<none>";
  return rows->front().front().value_or("<null>");
}

bool relation_exists(dialect::Connection& connection, const std::string& qualified) {
  return scalar(connection, "select to_regclass('" + qualified + "') is not null") == "t";
}

class MigratePg : public sleet::test::PgTest {};

TEST_F(MigratePg, AppliesAFolderIntoDrizzlesTrackingTable) {
  auto result = migrate_folder(connection(), pg_basic(), {});
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->applied.size(), 2u);
  EXPECT_TRUE(relation_exists(connection(), "public.users"));
  EXPECT_TRUE(relation_exists(connection(), "public.posts"));

  auto folder = read_migration_folder(pg_basic());
  ASSERT_TRUE(folder);
  auto rows = connection().query("select id, hash, created_at from drizzle.__drizzle_migrations order by id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ((*rows)[i][0], std::to_string(i + 1));
    EXPECT_EQ((*rows)[i][1], folder->migrations[i].hash);
    EXPECT_EQ((*rows)[i][2], std::to_string(folder->migrations[i].entry.when));
  }
  auto columns = connection().query(
      "select column_name, data_type, is_nullable, coalesce(column_default, '') from information_schema.columns "
      "where table_schema = 'drizzle' and table_name = '__drizzle_migrations' order by ordinal_position");
  ASSERT_TRUE(columns);
  ASSERT_EQ(columns->size(), 3u);
  EXPECT_EQ((*columns)[0][1], "integer");
  EXPECT_EQ((*columns)[0][3], "nextval('drizzle.__drizzle_migrations_id_seq'::regclass)");
  EXPECT_EQ((*columns)[1][1], "text");
  EXPECT_EQ((*columns)[1][2], "NO");
  EXPECT_EQ((*columns)[2][1], "bigint");

  auto again = migrate_folder(connection(), pg_basic(), {});
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(scalar(connection(), kOurAdvisoryLocks), "0");
}

TEST_F(MigratePg, SqlErrorRollsBackTheWholeRun) {
  ScratchDir folder;
  folder.write("meta/_journal.json", journal_json("postgresql", {{"0000_a", 100}, {"0001_b", 200}}));
  folder.write("0000_a.sql", "CREATE TABLE \"a\" (\"id\" integer);");
  folder.write("0001_b.sql", "CREATE TABLE \"b\" (\"id\" integer);\n--> statement-breakpoint\nSELECT 1/0;");
  auto result = migrate_folder(connection(), folder.path(), {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_EQ(result.error().sqlstate, "22012");
  EXPECT_EQ(result.error().describe(), "0001_b.sql: statement 2: SELECT 1/0;: division by zero (SQLSTATE 22012)");
  EXPECT_FALSE(relation_exists(connection(), "public.a"));
  EXPECT_FALSE(relation_exists(connection(), "public.b"));
  // The tracking table is created inside the same transaction, so a failed first run leaves not even that.
  EXPECT_FALSE(relation_exists(connection(), "drizzle.__drizzle_migrations"));
  EXPECT_EQ(scalar(connection(), "select count(*) from pg_namespace where nspname = 'drizzle'"), "0");
  EXPECT_EQ(scalar(connection(), kOurAdvisoryLocks), "0");
  // The connection is usable afterwards (not left in an aborted transaction).
  EXPECT_EQ(scalar(connection(), "select 1"), "1");
}

TEST_F(MigratePg, WaitsForTheAdvisoryLockHeldByAnotherMigrator) {
  auto other = database().connect();
  ASSERT_TRUE(other) << other.error().describe();
  ASSERT_TRUE((*other)->query("select pg_advisory_lock(" + std::to_string(kAdvisoryLockKey) + ")"));

  std::atomic<bool> finished{false};
  Result<MigrateResult> result = fail(ErrorCode::Internal, "not run");
  std::thread migrator([&] {
    result = migrate_folder(connection(), pg_basic(), {});
    finished = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_FALSE(finished.load());
  EXPECT_FALSE(relation_exists(**other, "drizzle.__drizzle_migrations"));
  ASSERT_TRUE((*other)->query("select pg_advisory_unlock(" + std::to_string(kAdvisoryLockKey) + ")"));
  migrator.join();
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->applied.size(), 2u);
}

TEST_F(MigratePg, ConcurrentMigratorsApplyEachMigrationOnce) {
  std::vector<std::unique_ptr<dialect::Connection>> connections;
  for (int i = 0; i < 4; ++i) {
    auto opened = database().connect();
    ASSERT_TRUE(opened) << opened.error().describe();
    connections.push_back(std::move(*opened));
  }
  std::vector<Result<MigrateResult>> results(connections.size(), Result<MigrateResult>(fail(ErrorCode::Internal, "")));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < connections.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = migrate_folder(*connections[i], pg_basic(), {}); });
  }
  for (std::thread& thread : threads) thread.join();
  std::size_t applied = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result) << result.error().describe();
    applied += result->applied.size();
  }
  EXPECT_EQ(applied, 2u);
  EXPECT_EQ(scalar(connection(), "select count(*) from drizzle.__drizzle_migrations"), "2");
}

TEST_F(MigratePg, UsesACustomTrackingSchemaAndTable) {
  MigrateOptions options;
  options.tracking = TrackingTable{"my_migrations", "meta_schema"};
  auto result = migrate_folder(connection(), pg_basic(), options);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(scalar(connection(), "select count(*) from meta_schema.my_migrations"), "2");
  EXPECT_EQ(scalar(connection(), "select count(*) from pg_namespace where nspname = 'drizzle'"), "0");

  auto folder = read_migration_folder(pg_basic());
  ASSERT_TRUE(folder);
  auto status = read_status(connection(), *folder, options.tracking);
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_TRUE(status->tracking_table_exists);
  EXPECT_EQ(status->entries[1].state, EntryState::Applied);
  auto default_status = read_status(connection(), *folder, {});
  ASSERT_TRUE(default_status);
  EXPECT_FALSE(default_status->tracking_table_exists);
  EXPECT_EQ(scalar(connection(), "select count(*) from pg_namespace where nspname = 'drizzle'"), "0");
}

TEST_F(MigratePg, DryRunAndStatusTouchNothing) {
  auto folder = read_migration_folder(pg_basic());
  ASSERT_TRUE(folder);
  MigrateOptions options;
  options.dry_run = true;
  auto result = apply_pending(connection(), *folder, options);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->applied.size(), 2u);
  auto status = read_status(connection(), *folder, {});
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->tracking_table_exists);
  EXPECT_EQ(scalar(connection(), "select count(*) from pg_namespace where nspname = 'drizzle'"), "0");
  EXPECT_FALSE(relation_exists(connection(), "public.users"));
}

TEST_F(MigratePg, OutOfOrderEntryIsRefusedThenAppliedWhenAllowed) {
  ScratchDir folder;
  folder.write("meta/_journal.json", journal_json("postgresql", {{"0000_a", 100}, {"0001_c", 300}}));
  folder.write("0000_a.sql", "CREATE TABLE \"a\" (\"id\" integer);");
  folder.write("0001_c.sql", "CREATE TABLE \"c\" (\"id\" integer);");
  folder.write("0002_b.sql", "CREATE TABLE \"b\" (\"id\" integer);");
  ASSERT_TRUE(migrate_folder(connection(), folder.path(), {}));
  // A branch merge adds an entry older than the newest applied one.
  folder.write("meta/_journal.json", journal_json("postgresql", {{"0000_a", 100}, {"0001_c", 300}, {"0002_b", 200}}));
  auto refused = migrate_folder(connection(), folder.path(), {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::OutOfOrder);
  EXPECT_NE(refused.error().message.find("0002_b (when 200)"), std::string::npos) << refused.error().message;
  EXPECT_FALSE(relation_exists(connection(), "public.b"));
  MigrateOptions options;
  options.allow_out_of_order = true;
  auto allowed = migrate_folder(connection(), folder.path(), options);
  ASSERT_TRUE(allowed) << allowed.error().describe();
  EXPECT_TRUE(relation_exists(connection(), "public.b"));
}

}  // namespace
}  // namespace sleet::migrate
