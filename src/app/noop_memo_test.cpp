// The no-op memo's key covers every input (each byte of each schema file and of the snapshot, file names,
// dialect, strict), entries round-trip warnings with any characters, and the folder is pruned.
#include "app/noop_memo.hpp"

#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace sleet::app {
namespace {

class NoopMemo : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(write_file_atomic(dir_.path() / "a.sql", "CREATE TABLE a (id int);\n"));
    ASSERT_TRUE(write_file_atomic(dir_.path() / "b.sql", "CREATE TABLE b (id int);\n"));
    ASSERT_TRUE(write_file_atomic(dir_.path() / "snap.json", "{\"id\": \"x\"}\n"));
  }
  NoopKeyInputs inputs() const {
    return NoopKeyInputs{schema::Dialect::Postgres, false, {dir_.path() / "a.sql", dir_.path() / "b.sql"},
                         dir_.path(), dir_.path() / "snap.json"};
  }
  test::TempDir dir_;
};

TEST_F(NoopMemo, KeyChangesWithEveryInput) {
  auto base = noop_key(inputs());
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(base->size(), 64u);
  EXPECT_EQ(noop_key(inputs()), base);

  NoopKeyInputs strict = inputs();
  strict.strict = true;
  EXPECT_NE(noop_key(strict), base);
  NoopKeyInputs sqlite = inputs();
  sqlite.dialect = schema::Dialect::Sqlite;
  EXPECT_NE(noop_key(sqlite), base);
  NoopKeyInputs reordered = inputs();
  std::swap(reordered.schema_files[0], reordered.schema_files[1]);
  EXPECT_NE(noop_key(reordered), base);

  ASSERT_TRUE(write_file_atomic(dir_.path() / "b.sql", "CREATE TABLE b (id int);\n "));
  EXPECT_NE(noop_key(inputs()), base);
  ASSERT_TRUE(write_file_atomic(dir_.path() / "b.sql", "CREATE TABLE b (id int);\n"));
  EXPECT_EQ(noop_key(inputs()), base);
  ASSERT_TRUE(write_file_atomic(dir_.path() / "snap.json", "{\"id\": \"y\"}\n"));
  EXPECT_NE(noop_key(inputs()), base);

  fs::remove(dir_.path() / "a.sql");
  EXPECT_FALSE(noop_key(inputs()).has_value());
}

TEST_F(NoopMemo, EntriesRoundTripWarnings) {
  fs::path memo = noop_memo_dir(dir_.path());
  EXPECT_EQ(memo, dir_.path() / ".sleet" / "cache");
  EXPECT_FALSE(find_noop(memo, "k").has_value());
  SourceSpan span;
  span.file = "db/s\tchema.sql";
  span.line = 12;
  span.column = 3;
  span.source_line = "CREATE FUNCTION f() \\ AS $$ x $$;";
  Warnings warnings = {{span, "CREATE FUNCTION is not managed\nby sleet; statement ignored"}};
  remember_noop(memo, "k", warnings);
  auto found = find_noop(memo, "k");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, warnings);
  remember_noop(memo, "empty", {});
  ASSERT_TRUE(find_noop(memo, "empty").has_value());
  EXPECT_TRUE(find_noop(memo, "empty")->empty());
  ASSERT_TRUE(write_file_atomic(memo / "noop-bad", "something else\n"));
  EXPECT_FALSE(find_noop(memo, "bad").has_value());
}

TEST_F(NoopMemo, KeepsTheMostRecentEntries) {
  fs::path memo = noop_memo_dir(dir_.path());
  for (std::size_t i = 0; i < kNoopMemoEntries + 5; ++i) {
    remember_noop(memo, "k" + std::to_string(i), {});
    fs::last_write_time(memo / ("noop-k" + std::to_string(i)),
                        fs::file_time_type::clock::now() - std::chrono::hours(100 - static_cast<int>(i)));
  }
  remember_noop(memo, "last", {});
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(memo)) count += entry.path().filename().string().starts_with("noop-");
  EXPECT_EQ(count, kNoopMemoEntries);
  EXPECT_TRUE(find_noop(memo, "last").has_value());
  EXPECT_FALSE(find_noop(memo, "k0").has_value());
}

TEST_F(NoopMemo, AnUnwritableFolderIsIgnored) {
  ASSERT_TRUE(write_file_atomic(dir_.path() / ".sleet", "a file where the folder should be"));
  remember_noop(noop_memo_dir(dir_.path()), "k", {});
  EXPECT_FALSE(find_noop(noop_memo_dir(dir_.path()), "k").has_value());
}

}  // namespace
}  // namespace sleet::app
