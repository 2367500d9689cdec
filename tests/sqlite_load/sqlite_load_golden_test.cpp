// Golden test of sqlite::load_schema over the shared drizzle corpus: each sqlite case's after.sql (and
// before.sql) and each step of the sqlite-notes chain is loaded in strict mode, written with
// snapshot::write_snapshot (id/prevId taken from the expected file) and compared byte for byte with the
// snapshot drizzle-kit wrote for the equivalent TypeScript. Inputs whose snapshot cannot be reproduced from
// SQL are listed in kKnownMismatches with the reason; they must keep mismatching (a fixed one must leave
// the list). One test per input, so ctest names every case; the summary test prints the pass counts.
#include "dialect/sqlite/load.hpp"
#include "run_command.hpp"
#include "snapshot/snapshot_json.hpp"
#include "text_compare.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using sleet::test::line_diff;
using sleet::test::read_text;

// Inputs (relative to the corpus) whose snapshot cannot be reproduced from SQL, and why.
// A reason starting with "layout:" means the loaded model equals the expected one and only the JSON layout
// differs; the test checks that the models are equal.
const std::map<std::string, std::string> kKnownMismatches = {
    // drizzle-kit writes the empty snapshot of `generate --custom` with `tables` after `_meta`/`internal` and
    // `_meta` keys in another order; a snapshot written from scratch uses the order of a generated one.
    {"drizzle-cases/sqlite/001-create-table-autoincrement/before.sql", "layout: empty --custom snapshot key order"},
    {"drizzle-cases/sqlite/013-fk-create-with-tables/before.sql", "layout: empty --custom snapshot key order"},
    {"drizzle-cases/sqlite/016-fk-self-and-composite/before.sql", "layout: empty --custom snapshot key order"},
    // drizzle-kit refuses to add a STORED generated column to an existing table ("It is not possible to ALTER
    // TABLE ADD COLUMN a STORED column") and writes no migration and no snapshot; the case's
    // expected_snapshot.json is the unchanged before snapshot, without `area` (see its NOTES.md).
    {"drizzle-cases/sqlite/024-generated-column-stored-add/after.sql", "drizzle: generated column not recorded"},
    // `active_users` is a query-builder view: drizzle renders it with quoted, qualified names
    // (select "id", "name" from "users" where "users"."active" = 1) and copies the table columns' flags
    // (primaryKey, notNull, autoincrement); `adults`, a raw sql`` view with declared columns, has the same SQL
    // shape and matches. The loader models raw views.
    {"drizzle-cases/sqlite/025-views/after.sql", "TS-level: query-builder view"},
};

/// A line diff (LCS), at most `limit` changed lines shown.
struct Input {
  std::string name; ///< relative to the corpus, e.g. "drizzle-cases/sqlite/001-create-table-autoincrement/after.sql"
  fs::path sql;
  fs::path expected;
};

std::vector<Input> corpus_inputs() {
  std::vector<Input> inputs;
  const fs::path corpus = sleet::test::corpus_dir();
  const fs::path cases = corpus / "drizzle-cases" / "sqlite";
  std::error_code ec;
  if (!fs::is_directory(cases, ec)) return inputs;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(cases)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    std::string base = "drizzle-cases/sqlite/" + dir.filename().string() + "/";
    if (fs::exists(dir / "after.sql"))
      inputs.push_back({base + "after.sql", dir / "after.sql", dir / "expected_snapshot.json"});
    if (fs::exists(dir / "before.sql"))
      inputs.push_back({base + "before.sql", dir / "before.sql", dir / "before_snapshot.json"});
  }
  const fs::path chain = corpus / "drizzle-chains" / "sqlite-notes";
  for (int step = 1; step < 100; ++step) {
    char sql_name[32];
    char snapshot_name[32];
    std::snprintf(sql_name, sizeof sql_name, "step-%02d.sql", step);
    std::snprintf(snapshot_name, sizeof snapshot_name, "%04d_snapshot.json", step - 1);
    if (!fs::exists(chain / sql_name)) break;
    inputs.push_back({std::string("drizzle-chains/sqlite-notes/") + sql_name, chain / sql_name,
                      chain / "drizzle" / "meta" / snapshot_name});
  }
  return inputs;
}

void PrintTo(const Input& input, std::ostream* out) {
  *out << input.name;
}

struct Outcome {
  bool matched = false;
  bool same_model = false; ///< the loaded model equals the expected snapshot's model
  std::string detail;
};

Outcome check(const Input& input) {
  Outcome outcome;
  std::string expected_text = read_text(input.expected);
  auto expected = sleet::snapshot::parse_snapshot(expected_text, input.expected.string());
  if (!expected) {
    outcome.detail = "cannot read expected snapshot: " + expected.error().describe();
    return outcome;
  }
  sleet::sqlite::LoadOptions strict; // the corpus uses only what sleet manages: no warning may be needed
  strict.strict = true;
  auto loaded = sleet::sqlite::load_schema({{input.sql.string(), read_text(input.sql)}}, strict);
  if (!loaded) {
    outcome.detail = "load failed: " + loaded.error().describe();
    return outcome;
  }
  sleet::snapshot::Snapshot snapshot;
  snapshot.id = expected->id;
  snapshot.prev_id = expected->prev_id;
  snapshot.version = "6";
  snapshot.database = loaded->database;
  // `_meta` records the renames drizzle-kit's prompts were answered with while generating; it is history of
  // the migrations folder, not part of a schema, so it is taken from the expected file.
  snapshot.database.renames = expected->database.renames;
  std::string actual = sleet::snapshot::write_snapshot(snapshot);
  outcome.matched = actual == expected_text;
  outcome.same_model = snapshot.database == expected->database;
  if (!outcome.matched) outcome.detail = line_diff(expected_text, actual);
  return outcome;
}

std::string test_name(const Input& input) {
  std::string name;
  for (char ch : input.name)
    name += std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_';
  return name;
}

class SqliteLoadGolden : public testing::TestWithParam<Input> {};

TEST_P(SqliteLoadGolden, SnapshotMatchesDrizzle) {
  const Input& input = GetParam();
  Outcome outcome = check(input);
  auto known = kKnownMismatches.find(input.name);
  if (known == kKnownMismatches.end()) {
    EXPECT_TRUE(outcome.matched) << input.name << " does not match " << input.expected.filename().string() << ":\n"
                                 << outcome.detail;
  } else {
    EXPECT_FALSE(outcome.matched) << input.name << " now matches; remove it from kKnownMismatches";
    EXPECT_EQ(outcome.detail.rfind("load failed", 0), std::string::npos) << outcome.detail; // still loads
    if (known->second.rfind("layout:", 0) == 0) {
      EXPECT_TRUE(outcome.same_model) << input.name << ": listed as a layout-only difference, but the models differ";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, SqliteLoadGolden, testing::ValuesIn(corpus_inputs()),
                         [](const testing::TestParamInfo<Input>& info) { return test_name(info.param); });

TEST(SqliteLoadGoldenSummary, CorpusIsPresentAndCounted) {
  std::vector<Input> inputs = corpus_inputs();
  ASSERT_FALSE(inputs.empty()) << "corpus not found under " << sleet::test::corpus_dir();
  std::map<std::string, std::pair<int, int>> counts; // family -> {matched, total}
  for (const Input& input : inputs) {
    std::string family = input.name.rfind("drizzle-chains/", 0) == 0 ? "chain steps"
                         : input.name.ends_with("after.sql")         ? "after.sql"
                                                                     : "before.sql";
    auto& [matched, total] = counts[family];
    ++total;
    if (check(input).matched) ++matched;
  }
  for (const auto& [family, count] : counts) {
    std::printf("sqlite_load golden: %s %d/%d match drizzle's snapshot\n", family.c_str(), count.first, count.second);
  }
}

} // namespace
