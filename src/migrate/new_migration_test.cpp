#include "migrate/new_migration.hpp"

#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "migrate/tag_words.hpp"
#include "temp_dir.hpp"

namespace sleet::migrate {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

snapshot::Snapshot empty_pg_snapshot(std::string id, std::string prev_id) {
  snapshot::Snapshot snapshot;
  snapshot.id = std::move(id);
  snapshot.prev_id = std::move(prev_id);
  snapshot.version = "7";
  snapshot.database.dialect = schema::Dialect::Postgres;
  return snapshot;
}

system_clock::time_point at_ms(std::int64_t ms) { return system_clock::time_point(std::chrono::milliseconds(ms)); }

TEST(TagPrefix, FollowsDrizzlesModes) {
  auto now = at_ms(1795305720123);  // 2026-11-22T00:02:00.123Z
  EXPECT_EQ(tag_prefix("index", 0, now), "0000");
  EXPECT_EQ(tag_prefix("index", 42, now), "0042");
  EXPECT_EQ(tag_prefix("index", 10000, now), "10000");
  EXPECT_EQ(tag_prefix("timestamp", 3, now), "20261122000200");
  EXPECT_EQ(tag_prefix("supabase", 3, now), "20261122000200");
  EXPECT_EQ(tag_prefix("unix", 3, now), "1795305720");
  EXPECT_EQ(tag_prefix("none", 3, now), "");
}

TEST(TagWords, RandomSuffixIsAdjectiveUnderscoreNoun) {
  std::string suffix = random_tag_suffix();
  auto underscore = suffix.find('_');
  ASSERT_NE(underscore, std::string::npos);
  EXPECT_FALSE(tag_adjectives().empty());
  bool known = false;
  for (auto adjective : tag_adjectives()) known = known || suffix.substr(0, underscore) == adjective;
  EXPECT_TRUE(known) << suffix;
}

TEST(WriteNewMigration, CreatesTheFolderThenAppendsEntries) {
  sleet::test::TempDir dir;
  fs::path out = dir.path() / "drizzle";
  EXPECT_FALSE(*read_latest_snapshot(out));

  NewMigration first;
  first.dir = out;
  first.dialect = "postgresql";
  first.sql = "CREATE TABLE \"a\" ();\n";
  first.snapshot = empty_pg_snapshot("11111111-1111-4111-8111-111111111111", std::string(snapshot::kOriginId));
  first.name = "init";
  first.now = at_ms(1700000000000);
  auto written = write_new_migration(first);
  ASSERT_TRUE(written) << written.error().describe();
  EXPECT_EQ(written->entry.tag, "0000_init");
  EXPECT_EQ(*read_file(out / "0000_init.sql"), first.sql);
  EXPECT_EQ(*read_file(out / "meta/_journal.json"),
            "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n    {\n      \"idx\": 0,\n"
            "      \"version\": \"7\",\n      \"when\": 1700000000000,\n      \"tag\": \"0000_init\",\n"
            "      \"breakpoints\": true\n    }\n  ]\n}");

  auto latest = read_latest_snapshot(out);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->snapshot.id, "11111111-1111-4111-8111-111111111111");
  EXPECT_EQ((*latest)->path, out / "meta/0000_snapshot.json");

  NewMigration second = first;
  second.name.reset();
  second.breakpoints = false;
  second.snapshot = empty_pg_snapshot("22222222-2222-4222-8222-222222222222", "11111111-1111-4111-8111-111111111111");
  second.now = at_ms(1700000005000);
  written = write_new_migration(second);
  ASSERT_TRUE(written) << written.error().describe();
  EXPECT_EQ(written->entry.idx, 1);
  EXPECT_EQ(written->entry.tag.rfind("0001_", 0), 0u) << written->entry.tag;
  EXPECT_FALSE(written->entry.breakpoints);
  EXPECT_EQ((*read_latest_snapshot(out))->snapshot.prev_id, "11111111-1111-4111-8111-111111111111");
}

TEST(WriteNewMigration, RefusesToOverwriteAndLeavesTheFolderAsItWas) {
  sleet::test::TempDir dir;
  NewMigration request;
  request.dir = dir.path();
  request.dialect = "postgresql";
  request.sql = "SELECT 1;";
  request.snapshot = empty_pg_snapshot("11111111-1111-4111-8111-111111111111", std::string(snapshot::kOriginId));
  request.prefix = "timestamp";
  request.name = "a";
  request.now = at_ms(1700000000000);
  ASSERT_TRUE(write_new_migration(request));
  std::string journal_before = *read_file(dir.path() / "meta/_journal.json");
  request.name = "b";  // same second: same snapshot file name
  auto second = write_new_migration(request);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::Journal);
  EXPECT_NE(second.error().message.find("already exists"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.path() / "20231114221320_b.sql"));
  EXPECT_EQ(*read_file(dir.path() / "meta/_journal.json"), journal_before);
}

TEST(ReadLatestSnapshot, MissingSnapshotOfTheLastEntryIsAJournalError) {
  sleet::test::TempDir dir;
  fs::create_directories(dir.path() / "meta");
  ASSERT_TRUE(write_file_atomic(dir.path() / "meta/_journal.json",
                                "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,\"version\":"
                                "\"7\",\"when\":1,\"tag\":\"0000_x\",\"breakpoints\":true}]}"));
  auto latest = read_latest_snapshot(dir.path());
  ASSERT_FALSE(latest);
  EXPECT_EQ(latest.error().code, ErrorCode::Journal);
  EXPECT_NE(latest.error().message.find("0000_snapshot.json"), std::string::npos);
}

}  // namespace
}  // namespace sleet::migrate
