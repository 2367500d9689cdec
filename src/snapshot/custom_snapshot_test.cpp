#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "snapshot/snapshot_json.hpp"

namespace sleet::snapshot {
namespace {

std::string corpus_file(const std::string& relative) {
  std::ifstream in(std::filesystem::path(SLEET_SOURCE_DIR).parent_path() / "shared/corpus" / relative,
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// drizzle-cases whose before.ts is empty: their before_snapshot.json is drizzle-kit's `generate --custom`
// snapshot of the empty schema.
TEST(CustomSnapshot, FromNothingIsDrizzlesEmptyCustomSnapshot) {
  for (auto [dialect, file] : {std::pair{schema::Dialect::Postgres, "drizzle-cases/pg/001-create-table/before_snapshot.json"},
                               std::pair{schema::Dialect::Sqlite,
                                         "drizzle-cases/sqlite/001-create-table-autoincrement/before_snapshot.json"}}) {
    std::string expected = corpus_file(file);
    ASSERT_FALSE(expected.empty()) << file;
    auto parsed = parse_snapshot(expected, file);
    ASSERT_TRUE(parsed) << parsed.error().describe();
    Snapshot custom = custom_snapshot(nullptr, dialect, parsed->id, parsed->prev_id);
    EXPECT_EQ(write_snapshot(custom), expected) << file;
  }
}

TEST(CustomSnapshot, FromAPreviousSnapshotPutsIdsFirstAndResetsMeta) {
  std::string previous_text = corpus_file("drizzle-cases/pg/082-kitchen-sink-from-empty/expected_snapshot.json");
  auto previous = parse_snapshot(previous_text, "prev.json");
  ASSERT_TRUE(previous) << previous.error().describe();
  Snapshot custom = custom_snapshot(&*previous, schema::Dialect::Postgres, "new-id", previous->id);
  std::string text = write_snapshot(custom);
  EXPECT_EQ(text.rfind("{\n  \"id\": \"new-id\",\n  \"prevId\": \"" + previous->id + "\",\n  \"version\": \"7\",\n", 0),
            0u)
      << text.substr(0, 200);
  EXPECT_NE(text.find("\"_meta\": {\n    \"columns\": {},\n    \"schemas\": {},\n    \"tables\": {}\n  }"),
            std::string::npos);
  auto reread = parse_snapshot(text, "custom.json");
  ASSERT_TRUE(reread) << reread.error().describe();
  EXPECT_EQ(reread->database, previous->database);
}

}  // namespace
}  // namespace sleet::snapshot
