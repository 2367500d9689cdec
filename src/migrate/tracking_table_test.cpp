// Unit tests of the tracking table texts (byte-exact drizzle-orm DDL and inserts, identifier quoting) and of
// reading rows without creating anything.
#include "migrate/tracking_table.hpp"

#include <gtest/gtest.h>

#include "fake_connection.hpp"

namespace sleet::migrate {
namespace {

using sleet::testing::FakeConnection;

TEST(TrackingTable, PostgresDdlIsDrizzlesTextByteForByte) {
  EXPECT_EQ(tracking_table_ddl(schema::Dialect::Postgres, {}),
            (std::vector<std::string>{
                "CREATE SCHEMA IF NOT EXISTS \"drizzle\"",
                "\n\t\t\tCREATE TABLE IF NOT EXISTS \"drizzle\".\"__drizzle_migrations\" (\n\t\t\t\tid SERIAL PRIMARY "
                "KEY,\n\t\t\t\thash text NOT NULL,\n\t\t\t\tcreated_at bigint\n\t\t\t)\n\t\t"}));
}

TEST(TrackingTable, SqliteDdlIsDrizzlesTextAndIgnoresTheSchema) {
  EXPECT_EQ(
      tracking_table_ddl(schema::Dialect::Sqlite, TrackingTable{"__drizzle_migrations", "ignored"}),
      (std::vector<std::string>{
          "\n\t\t\tCREATE TABLE IF NOT EXISTS \"__drizzle_migrations\" (\n\t\t\t\tid SERIAL PRIMARY KEY,\n\t\t\t\thash "
          "text NOT NULL,\n\t\t\t\tcreated_at numeric\n\t\t\t)\n\t\t"}));
}

TEST(TrackingTable, InsertTextsAreDrizzles) {
  EXPECT_EQ(tracking_insert_sql(schema::Dialect::Postgres, {}),
            "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\") values($1, $2)");
  EXPECT_EQ(tracking_insert_sql(schema::Dialect::Sqlite, {}),
            "INSERT INTO \"__drizzle_migrations\" (\"hash\", \"created_at\") VALUES(?, ?)");
}

TEST(TrackingTable, IdentifiersDoubleTheirQuotes) {
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(tracking_table_sql_name(schema::Dialect::Postgres, {"t\"", "s\"\""}), "\"s\"\"\"\"\".\"t\"\"\"");
  EXPECT_EQ(tracking_table_sql_name(schema::Dialect::Sqlite, {"t\"", "s"}), "\"t\"\"\"");
}

TEST(TrackingTable, ReadingAMissingTableCreatesNothing) {
  FakeConnection connection(schema::Dialect::Sqlite);
  auto rows = read_tracking_rows(connection, {});
  ASSERT_TRUE(rows) << rows.error().describe();
  EXPECT_TRUE(rows->empty());
  ASSERT_EQ(connection.calls().size(), 1u);
  EXPECT_EQ(connection.calls()[0].sql, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE");
  EXPECT_EQ(connection.calls()[0].params, (std::vector<std::string>{"__drizzle_migrations"}));
}

TEST(TrackingTable, RowsParseIntegersRealsAndNulls) {
  FakeConnection connection(schema::Dialect::Sqlite);
  connection.table_exists = true;
  connection.rows = {{std::nullopt, "a", "1795305602497"},
                     {std::nullopt, "b", "1795305602498.0"},
                     {std::string("7"), "c", std::string("not a number")},
                     {std::nullopt, "d", std::nullopt}};
  auto rows = read_tracking_rows(connection, {});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0], (AppliedRow{std::nullopt, "a", 1795305602497}));
  EXPECT_EQ((*rows)[1].created_at, 1795305602498);
  EXPECT_EQ((*rows)[2], (AppliedRow{7, "c", std::nullopt}));
  EXPECT_EQ((*rows)[3].created_at, std::nullopt);
}

TEST(TrackingTable, EnsureRunsTheDdlAndKeepsErrors) {
  FakeConnection connection(schema::Dialect::Postgres);
  connection.fail_when_contains("CREATE SCHEMA", "42501", "permission denied for database app");
  auto done = ensure_tracking_table(connection, {});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().sqlstate, "42501");
  EXPECT_EQ(done.error().describe(),
            "create tracking table \"drizzle\".\"__drizzle_migrations\": permission denied for database app (SQLSTATE "
            "42501)");
}

}  // namespace
}  // namespace sleet::migrate
