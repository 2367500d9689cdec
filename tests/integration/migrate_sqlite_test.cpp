// Integration tests of the migrator against real SQLite files: drizzle-compatible tracking rows (id NULL,
// created_at integer), all-or-nothing failure, data preservation when a parent table is recreated while
// foreign keys are on (drizzle bug: child rows deleted by ON DELETE CASCADE), foreign_key_check before commit,
// comment-only pieces, and dry runs that create nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/sha256.hpp"
#include "dialect/sqlite/connection.hpp"
#include "migrate/migrate.hpp"
#include "migrate/migrate_test_support.hpp"
#include "temp_dir.hpp"

namespace sleet::migrate {
namespace {

using test::journal_json;
using test::ScratchDir;

std::unique_ptr<dialect::Connection> open_db(const sleet::test::TempDir& dir) {
  auto connection = sqlite::open(dir.file("app.db"));
  EXPECT_TRUE(connection) << connection.error().describe();
  return connection ? std::move(*connection) : nullptr;
}

/// The single text value of `sql` (first column of the first row), or "<none>" / "<null>".
std::string scalar(dialect::Connection& connection, const std::string& sql) {
  auto rows = connection.query(sql);
  EXPECT_TRUE(rows) << sql << ": " << rows.error().describe();
  if (!rows || rows->empty() || rows->front().empty()) return "<none>";
  return rows->front().front().value_or("<null>");
}

bool table_exists(dialect::Connection& connection, const std::string& name) {
  return scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'") == "1";
}

const char* const kUsersPosts =
    "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text NOT NULL\n);\n"
    "--> statement-breakpoint\n"
    "CREATE TABLE `posts` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`user_id` integer NOT NULL,\n"
    "\tFOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade\n);\n";

// drizzle-kit's table recreation (reference 4.7), here adding a column to the parent table.
const char* const kRecreateUsers =
    "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
    "CREATE TABLE `__new_users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text NOT NULL,\n\t`email` text\n);\n"
    "--> statement-breakpoint\n"
    "INSERT INTO `__new_users`(\"id\", \"name\") SELECT \"id\", \"name\" FROM `users`;--> statement-breakpoint\n"
    "DROP TABLE `users`;--> statement-breakpoint\n"
    "ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint\n"
    "PRAGMA foreign_keys=ON;";

TEST(MigrateSqlite, AppliesAFolderAndRecordsRowsAsDrizzleDoes) {
  sleet::test::TempDir dir("sleet-migrate");
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  auto folder_path = std::filesystem::path(SLEET_SOURCE_DIR) / "tests/testdata/migrations/sqlite_basic";
  auto result = migrate_folder(*connection, folder_path, {});
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->applied.size(), 2u);
  EXPECT_EQ(result->applied[1].statement_count, 2u);

  EXPECT_TRUE(table_exists(*connection, "users"));
  EXPECT_TRUE(table_exists(*connection, "posts"));
  auto rows = connection->query(
      "SELECT id, typeof(id), hash, created_at, typeof(created_at) FROM \"__drizzle_migrations\" ORDER BY rowid");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  auto folder = read_migration_folder(folder_path);
  ASSERT_TRUE(folder);
  for (std::size_t i = 0; i < 2; ++i) {
    const dialect::Row& row = (*rows)[i];
    EXPECT_EQ(row[0], std::nullopt);  // SERIAL PRIMARY KEY is not a rowid alias in SQLite
    EXPECT_EQ(row[1], "null");
    EXPECT_EQ(row[2], folder->migrations[i].hash);
    EXPECT_EQ(row[3], std::to_string(folder->migrations[i].entry.when));
    EXPECT_EQ(row[4], "integer");
  }
  EXPECT_EQ(folder->migrations[0].hash, sha256_hex(folder->migrations[0].sql));

  auto again = migrate_folder(*connection, folder_path, {});
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->already_applied, 2u);
}

TEST(MigrateSqlite, FailureMidRunLeavesNoTableAndNoRow) {
  sleet::test::TempDir dir("sleet-migrate");
  ScratchDir folder;
  folder.write("meta/_journal.json", journal_json("sqlite", {{"0000_a", 100}, {"0001_b", 200}}));
  folder.write("0000_a.sql", "CREATE TABLE a (id integer);");
  folder.write("0001_b.sql", "CREATE TABLE b (id integer);\n--> statement-breakpoint\nINSERT INTO missing VALUES (1);");
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  auto result = migrate_folder(*connection, folder.path(), {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_FALSE(result.error().sqlstate.empty());
  ASSERT_FALSE(result.error().context.empty());
  EXPECT_EQ(result.error().context[0], "0001_b.sql: statement 2: INSERT INTO missing VALUES (1);");
  EXPECT_NE(result.error().message.find("no such table: missing"), std::string::npos) << result.error().message;
  EXPECT_FALSE(table_exists(*connection, "a"));
  EXPECT_FALSE(table_exists(*connection, "b"));
  // The tracking table is created inside the same transaction, so a failed first run leaves not even that.
  EXPECT_FALSE(table_exists(*connection, "__drizzle_migrations"));
}

TEST(MigrateSqlite, RecreatingAParentTableKeepsCascadingChildRows) {
  sleet::test::TempDir dir("sleet-migrate");
  ScratchDir folder;
  folder.write("meta/_journal.json", journal_json("sqlite", {{"0000_init", 100}}));
  folder.write("0000_init.sql", kUsersPosts);
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->execute("PRAGMA foreign_keys=ON"));  // as better-sqlite3 opens databases
  ASSERT_TRUE(migrate_folder(*connection, folder.path(), {}));
  ASSERT_TRUE(connection->execute("INSERT INTO users VALUES (1, 'ann'); INSERT INTO posts VALUES (10, 1);"));

  folder.write("meta/_journal.json", journal_json("sqlite", {{"0000_init", 100}, {"0001_recreate", 200}}));
  folder.write("0001_recreate.sql", kRecreateUsers);
  auto result = migrate_folder(*connection, folder.path(), {});
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->applied.size(), 1u);

  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM posts"), "1");  // drizzle-orm loses this row
  EXPECT_EQ(scalar(*connection, "SELECT name FROM users WHERE id = 1"), "ann");
  EXPECT_EQ(scalar(*connection, "PRAGMA foreign_keys"), "1");
  auto orphan = connection->execute("INSERT INTO posts VALUES (11, 99)");
  ASSERT_FALSE(orphan);  // foreign keys are enforced again
  EXPECT_NE(orphan.error().message.find("FOREIGN KEY"), std::string::npos) << orphan.error().message;
  ASSERT_TRUE(connection->execute("DELETE FROM users WHERE id = 1"));
  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM posts"), "0");  // and cascade still works
}

TEST(MigrateSqlite, ForeignKeyViolationsRollBackEverything) {
  sleet::test::TempDir dir("sleet-migrate");
  ScratchDir folder;
  folder.write("meta/_journal.json", journal_json("sqlite", {{"0000_init", 100}}));
  folder.write("0000_init.sql", kUsersPosts);
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->execute("PRAGMA foreign_keys=ON"));
  ASSERT_TRUE(migrate_folder(*connection, folder.path(), {}));
  ASSERT_TRUE(connection->execute("INSERT INTO users VALUES (1, 'ann'); INSERT INTO posts VALUES (10, 1);"));

  folder.write("meta/_journal.json", journal_json("sqlite", {{"0000_init", 100}, {"0001_bad", 200}}));
  folder.write("0001_bad.sql", "CREATE TABLE c (id integer);--> statement-breakpoint\nDELETE FROM users;");
  auto result = migrate_folder(*connection, folder.path(), {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_NE(result.error().message.find("table posts rowid 10 references users"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM users"), "1");
  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM posts"), "1");
  EXPECT_FALSE(table_exists(*connection, "c"));
  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM \"__drizzle_migrations\""), "1");
  EXPECT_EQ(scalar(*connection, "PRAGMA foreign_keys"), "1");
}

TEST(MigrateSqlite, CommentOnlyAndTrailingPiecesAreSkipped) {
  sleet::test::TempDir dir("sleet-migrate");
  ScratchDir folder;
  folder.write("meta/_journal.json", journal_json("sqlite", {{"0000_custom", 100}, {"0001_t", 200}}));
  folder.write("0000_custom.sql", "-- Custom SQL migration file, put your code below! --");
  folder.write("0001_t.sql", "CREATE TABLE t (id integer);\n--> statement-breakpoint\n");
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  auto result = migrate_folder(*connection, folder.path(), {});
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->applied.size(), 2u);
  EXPECT_EQ(result->applied[0].statement_count, 0u);
  EXPECT_EQ(result->applied[1].statement_count, 1u);
  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM \"__drizzle_migrations\""), "2");
}

TEST(MigrateSqlite, DryRunCreatesNothing) {
  sleet::test::TempDir dir("sleet-migrate");
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  MigrateOptions options;
  options.dry_run = true;
  auto result = migrate_folder(
      *connection, std::filesystem::path(SLEET_SOURCE_DIR) / "tests/testdata/migrations/sqlite_basic", options);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->applied.size(), 2u);
  EXPECT_EQ(scalar(*connection, "SELECT count(*) FROM sqlite_master"), "0");
}

TEST(MigrateSqlite, ContinuesAHistoryWrittenByDrizzle) {
  sleet::test::TempDir dir("sleet-migrate");
  auto connection = open_db(dir);
  ASSERT_TRUE(connection);
  auto folder_path = std::filesystem::path(SLEET_SOURCE_DIR) / "tests/testdata/migrations/sqlite_basic";
  auto folder = read_migration_folder(folder_path);
  ASSERT_TRUE(folder);
  // What drizzle-orm leaves after applying the first migration.
  ASSERT_TRUE(connection->execute(folder->migrations[0].sql));
  ASSERT_TRUE(
      connection->execute("\n\t\t\tCREATE TABLE IF NOT EXISTS \"__drizzle_migrations\" (\n\t\t\t\tid SERIAL "
                          "PRIMARY KEY,\n\t\t\t\thash text "
                          "NOT NULL,\n\t\t\t\tcreated_at numeric\n\t\t\t)\n\t\t"));
  ASSERT_TRUE(connection->query("INSERT INTO \"__drizzle_migrations\" (\"hash\", \"created_at\") VALUES(?, ?)",
                                {folder->migrations[0].hash, "1795305675901"}));
  auto result = apply_pending(*connection, *folder, {});
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->applied.size(), 1u);
  EXPECT_EQ(result->applied[0].tag, "0001_add_posts");
  EXPECT_EQ(result->already_applied, 1u);
}

}  // namespace
}  // namespace sleet::migrate
