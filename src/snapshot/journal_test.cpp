// Unit tests of the journal reader/writer: drizzle's exact text, unknown top-level keys, formatting kept,
// errors with spans, the compact new-journal form and dialect mapping.
#include "snapshot/journal.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace sleet::snapshot {
namespace {

constexpr std::string_view kJournal = R"({
  "version": "7",
  "dialect": "postgresql",
  "entries": [
    {
      "idx": 0,
      "version": "7",
      "when": 1795305602497,
      "tag": "0000_cynical_galactus",
      "breakpoints": true
    },
    {
      "idx": 1,
      "version": "7",
      "when": 1795305652122,
      "tag": "0001_second",
      "breakpoints": false
    }
  ]
})";

TEST(Journal, ReadsAndWritesDrizzlesText) {
  auto journal = parse_journal(kJournal, "_journal.json");
  ASSERT_TRUE(journal) << journal.error().describe();
  ASSERT_EQ(journal->entries.size(), 2u);
  EXPECT_EQ(journal->entries[1].when, 1795305652122);
  EXPECT_FALSE(journal->entries[1].breakpoints);
  EXPECT_EQ(write_journal(*journal), kJournal);
  Journal fresh;
  fresh.dialect = journal->dialect;
  fresh.entries = journal->entries;
  EXPECT_EQ(write_journal(fresh), kJournal);
  EXPECT_EQ(fresh, *journal);
}

TEST(Journal, CompactJournalRoundTripsAndIsPrettyOnceAnEntryIsAdded) {
  auto journal = parse_journal(R"({"version":"7","dialect":"sqlite","entries":[]})", "_journal.json");
  ASSERT_TRUE(journal);
  EXPECT_EQ(write_journal(*journal), R"({"version":"7","dialect":"sqlite","entries":[]})");
  journal->entries.push_back({0, "6", 1795305675901, "0000_fresh_namorita", true});
  // Like drizzle-kit, a journal that gained entries is written with JSON.stringify(journal, null, 2).
  EXPECT_EQ(write_journal(*journal),
            "{\n  \"version\": \"7\",\n  \"dialect\": \"sqlite\",\n  \"entries\": [\n    {\n      \"idx\": 0,\n"
            "      \"version\": \"6\",\n      \"when\": 1795305675901,\n      \"tag\": \"0000_fresh_namorita\",\n"
            "      \"breakpoints\": true\n    }\n  ]\n}");
  Journal plain;
  plain.dialect = "sqlite";
  EXPECT_EQ(write_journal(plain), "{\n  \"version\": \"7\",\n  \"dialect\": \"sqlite\",\n  \"entries\": []\n}");
}

TEST(Journal, UnknownTopLevelKeysSurvive) {
  std::string text = "{\n  \"version\": \"7\",\n  \"extra\": {\n    \"a\": [\n      1\n    ]\n  },\n"
                     "  \"dialect\": \"pg\",\n  \"entries\": []\n}\n";
  auto journal = parse_journal(text, "_journal.json");
  ASSERT_TRUE(journal) << journal.error().describe();
  ASSERT_EQ(journal->extra_keys.size(), 1u);
  EXPECT_EQ(journal->extra_keys[0].first, "extra");
  EXPECT_EQ(journal->extra_keys[0].second, "{\n  \"a\": [\n    1\n  ]\n}");
  EXPECT_EQ(write_journal(*journal), text);
}

TEST(Journal, TabFormattedJournalKeepsItsStyleWhenAnEntryIsAdded) {
  std::string text = "{\n\t\"version\": \"7\",\n\t\"dialect\": \"postgresql\",\n\t\"entries\": []\n}\n";
  auto journal = parse_journal(text, "_journal.json");
  ASSERT_TRUE(journal);
  EXPECT_EQ(write_journal(*journal), text);
  journal->entries.push_back({0, "7", 1, "0000_x", true});
  EXPECT_EQ(write_journal(*journal),
            "{\n\t\"version\": \"7\",\n\t\"dialect\": \"postgresql\",\n\t\"entries\": [\n\t\t{\n\t\t\t\"idx\": 0,\n"
            "\t\t\t\"version\": \"7\",\n\t\t\t\"when\": 1,\n\t\t\t\"tag\": \"0000_x\",\n\t\t\t\"breakpoints\": true\n"
            "\t\t}\n\t]\n}\n");
}

TEST(Journal, ErrorsCarrySpans) {
  auto bad = parse_journal("{\n  \"version\": \"7\",\n  \"dialect\": x\n}", "meta/_journal.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::Journal);
  ASSERT_TRUE(bad.error().span.has_value());
  EXPECT_EQ(bad.error().span->line, 3);
  EXPECT_EQ(bad.error().span->column, 14);
  auto shape = parse_journal(R"({"version":"7","dialect":"sqlite","entries":[{"idx":"0"}]})", "j.json");
  ASSERT_FALSE(shape);
  EXPECT_EQ(shape.error().message, "entries[0].idx: expected an integer");
  auto missing = parse_journal(R"({"version":"7","dialect":"sqlite"})", "j.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "missing key \"entries\"");
}

TEST(Journal, MissingFileNamesThePath) {
  test::TempDir dir;
  auto result = read_journal(dir.path() / "meta" / "_journal.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Journal);
  EXPECT_NE(result.error().message.find("_journal.json"), std::string::npos);
}

TEST(Journal, CompactEmptyJournal) {
  EXPECT_EQ(write_empty_journal_compact("postgresql"), R"({"version":"7","dialect":"postgresql","entries":[]})");
}

TEST(Journal, DialectNames) {
  EXPECT_EQ(*journal_dialect("postgresql"), schema::Dialect::Postgres);
  EXPECT_EQ(*journal_dialect("pg"), schema::Dialect::Postgres);
  EXPECT_EQ(*journal_dialect("sqlite"), schema::Dialect::Sqlite);
  EXPECT_EQ(*journal_dialect("turso"), schema::Dialect::Sqlite);
  auto mysql = journal_dialect("mysql");
  ASSERT_FALSE(mysql);
  EXPECT_EQ(mysql.error().code, ErrorCode::Config);
  EXPECT_NE(mysql.error().message.find("\"mysql\""), std::string::npos);
}

}  // namespace
}  // namespace sleet::snapshot
