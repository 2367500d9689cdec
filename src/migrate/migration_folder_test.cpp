// Unit tests of reading a migrations folder: journal order, drizzle's hash and split, the errors naming the
// missing journal or SQL file, drizzle's v1 layout, and the hand-made fixtures in tests/testdata/migrations.
#include "migrate/migration_folder.hpp"

#include <gtest/gtest.h>

#include "core/sha256.hpp"
#include "migrate/migrate_test_support.hpp"

namespace sleet::migrate {
namespace {

using test::journal_json;
using test::ScratchDir;

TEST(ReadMigrationFolder, ReadsEntriesInJournalOrderWithDrizzlesHashAndSplit) {
  ScratchDir dir;
  dir.write("meta/_journal.json", journal_json("postgresql", {{"0001_b", 200}, {"0000_a", 100}}));
  dir.write("0000_a.sql", "CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE INDEX i ON a (id);");
  dir.write("0001_b.sql", "CREATE TABLE b (id int);");
  auto folder = read_migration_folder(dir.path());
  ASSERT_TRUE(folder) << folder.error().describe();
  EXPECT_EQ(folder->journal.dialect, "postgresql");
  ASSERT_EQ(folder->migrations.size(), 2u);
  EXPECT_EQ(folder->migrations[0].entry.tag, "0001_b");
  EXPECT_EQ(folder->migrations[0].entry.when, 200);
  EXPECT_EQ(folder->migrations[1].sql_path, dir.path() / "0000_a.sql");
  EXPECT_EQ(folder->migrations[1].hash,
            sha256_hex("CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE INDEX i ON a (id);"));
  EXPECT_EQ(folder->migrations[1].statements,
            (std::vector<std::string>{"CREATE TABLE a (id int);\n", "\nCREATE INDEX i ON a (id);"}));
}

TEST(ReadMigrationFolder, MissingSqlFileNamesPathEntryAndTag) {
  ScratchDir dir;
  dir.write("meta/_journal.json", journal_json("sqlite", {{"0000_a", 100}, {"0001_b", 200}}));
  dir.write("0000_a.sql", "SELECT 1;");
  auto folder = read_migration_folder(dir.path());
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::Journal);
  EXPECT_EQ(folder.error().message,
            "no file " + (dir.path() / "0001_b.sql").string() + " for journal entry 1 (0001_b)");
}

TEST(ReadMigrationFolder, MissingJournalNamesItsPath) {
  ScratchDir dir;
  dir.write("0000_a.sql", "SELECT 1;");
  auto folder = read_migration_folder(dir.path());
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::Journal);
  EXPECT_NE(folder.error().describe().find((dir.path() / "meta" / "_journal.json").string()), std::string::npos)
      << folder.error().describe();
}

TEST(ReadMigrationFolder, MissingFolderIsAJournalError) {
  auto folder = read_migration_folder("/nonexistent/sleet/drizzle");
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::Journal);
  EXPECT_EQ(folder.error().message, "migrations folder /nonexistent/sleet/drizzle does not exist");
}

TEST(ReadMigrationFolder, DetectsDrizzlesV1Layout) {
  ScratchDir dir;
  dir.write("20230101120000/migration.sql", "SELECT 1;");
  dir.write("meta/_journal.json", journal_json("postgresql", {}));
  auto folder = read_migration_folder(dir.path());
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::Journal);
  EXPECT_NE(folder.error().message.find("drizzle-kit up"), std::string::npos);
  EXPECT_NE(folder.error().message.find("20230101120000"), std::string::npos);
  EXPECT_EQ(find_v1_entry(dir.path()), "20230101120000");
}

TEST(ReadMigrationFolder, NonV1NumericNamesAreFine) {
  ScratchDir dir;
  dir.write("1234567890123/x", "");  // 13 digits
  dir.write("2023010112000a/x", "");
  EXPECT_EQ(find_v1_entry(dir.path()), "");
}

TEST(MigrationHash, IsSha256OfValidUtf8Bytes) {
  std::string text = "-- caf\xC3\xA9 \xF0\x9F\x98\x80\nSELECT 1;";
  EXPECT_EQ(migration_hash(text), sha256_hex(text));
}

TEST(MigrationHash, ReplacesIllFormedSequencesLikeNode) {
  // Latin-1 "é" (0xE9) followed by ASCII: one U+FFFD, then the ASCII byte decoded again.
  EXPECT_EQ(migration_hash("caf\xE9 x"), sha256_hex("caf\xEF\xBF\xBD x"));
  // A truncated 3-byte sequence at the end is one U+FFFD; a lone continuation byte is one each.
  EXPECT_EQ(migration_hash("a\xE2\x82"), sha256_hex("a\xEF\xBF\xBD"));
  EXPECT_EQ(migration_hash("\x80\x80"), sha256_hex("\xEF\xBF\xBD\xEF\xBF\xBD"));
  // Surrogates (ED A0 80) are ill-formed: ED is one maximal subpart, then A0 and 80 are lone continuations.
  EXPECT_EQ(migration_hash("\xED\xA0\x80"), sha256_hex("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
}

TEST(ReadMigrationFolder, ReadsTheSqliteFixture) {
  auto folder =
      read_migration_folder(std::filesystem::path(SLEET_SOURCE_DIR) / "tests/testdata/migrations/sqlite_basic");
  ASSERT_TRUE(folder) << folder.error().describe();
  EXPECT_EQ(folder->journal.dialect, "sqlite");
  ASSERT_EQ(folder->migrations.size(), 2u);
  EXPECT_EQ(folder->migrations[1].entry.tag, "0001_add_posts");
  EXPECT_EQ(folder->migrations[1].statements.size(), 2u);
}

}  // namespace
}  // namespace sleet::migrate
