// Unit tests of parse_snapshot / write_snapshot: errors (syntax with line and column, versions, dialects,
// shapes with their JSON path), and layouts that must survive a round trip (older key orders, integer-like
// keys, values the model cannot hold, formatting styles).
#include "snapshot/snapshot_json.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

namespace sleet::snapshot {
namespace {

constexpr std::string_view kMinimalPg = R"({
  "id": "a",
  "prevId": "00000000-0000-0000-0000-000000000000",
  "version": "7",
  "dialect": "postgresql",
  "tables": {
    "public.users": {
      "name": "users",
      "schema": "",
      "columns": {
        "id": {
          "name": "id",
          "type": "integer",
          "primaryKey": true,
          "notNull": true
        }
      },
      "indexes": {},
      "foreignKeys": {},
      "compositePrimaryKeys": {},
      "uniqueConstraints": {},
      "policies": {},
      "checkConstraints": {},
      "isRLSEnabled": false
    }
  },
  "enums": {},
  "schemas": {},
  "sequences": {},
  "roles": {},
  "policies": {},
  "views": {},
  "_meta": {
    "columns": {},
    "schemas": {},
    "tables": {}
  }
})";

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  auto at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

void expect_round_trip(std::string_view text) {
  auto snapshot = parse_snapshot(text, "s.json");
  ASSERT_TRUE(snapshot) << snapshot.error().describe();
  EXPECT_EQ(write_snapshot(*snapshot), text);
}

TEST(SnapshotJson, MinimalPostgresRoundTrips) { expect_round_trip(kMinimalPg); }

TEST(SnapshotJson, MalformedJsonCarriesLineAndColumn) {
  std::string text = replaced(kMinimalPg, "\"notNull\": true", "\"notNull\": tru");
  auto result = parse_snapshot(text, "drizzle/meta/0003_snapshot.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Journal);
  ASSERT_TRUE(result.error().span.has_value());
  EXPECT_EQ(result.error().span->file, "drizzle/meta/0003_snapshot.json");
  EXPECT_EQ(result.error().span->line, 15);
  EXPECT_EQ(result.error().span->column, 22);
  EXPECT_NE(result.error().message.find("malformed JSON"), std::string::npos);
}

TEST(SnapshotJson, OlderVersionsPointAtSleetUp) {
  auto pg = parse_snapshot(replaced(kMinimalPg, "\"version\": \"7\"", "\"version\": \"6\""), "meta/0001_snapshot.json");
  ASSERT_FALSE(pg);
  EXPECT_EQ(pg.error().code, ErrorCode::Journal);
  EXPECT_EQ(pg.error().message,
            "meta/0001_snapshot.json: snapshot version 6 is older than 7; run `sleet up` to upgrade it");
  auto sqlite = parse_snapshot(R"({"version": "5", "dialect": "sqlite"})", "s.json");
  ASSERT_FALSE(sqlite);
  EXPECT_NE(sqlite.error().message.find("snapshot version 5 is older than 6; run `sleet up`"), std::string::npos);
}

TEST(SnapshotJson, NewerVersionsAreNotSupportedYet) {
  auto result = parse_snapshot(replaced(kMinimalPg, "\"version\": \"7\"", "\"version\": \"8\""), "s.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Journal);
  EXPECT_NE(result.error().message.find("does not support it yet"), std::string::npos);
}

TEST(SnapshotJson, UnknownDialectIsNamed) {
  auto result = parse_snapshot(R"({"version": "5", "dialect": "mysql"})", "s.json");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("\"mysql\""), std::string::npos);
}

TEST(SnapshotJson, UnknownKeyIsRejectedWithItsPath) {
  auto result = parse_snapshot(replaced(kMinimalPg, "\"notNull\": true", "\"notNull\": true,\n\"comment\": \"x\""), "s.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Journal);
  EXPECT_EQ(result.error().message, R"(tables."public.users".columns.id.comment: unknown key in column)");
  ASSERT_TRUE(result.error().span.has_value());
  EXPECT_EQ(result.error().span->line, 16);
}

TEST(SnapshotJson, WrongTypeNamesThePath) {
  auto result = parse_snapshot(replaced(kMinimalPg, "\"notNull\": true", "\"notNull\": \"yes\""), "s.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, R"(tables."public.users".columns.id.notNull: expected a boolean, found a string)");
  EXPECT_EQ(result.error().describe().substr(0, 13), "s.json:15:22:");
}

TEST(SnapshotJson, MissingKeyIsReported) {
  auto result = parse_snapshot(replaced(kMinimalPg, "\"type\": \"integer\",", ""), "s.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, R"(tables."public.users".columns.id: missing key "type" in column)");
}

TEST(SnapshotJson, ColumnLevelUniqueKeysAreAccepted) {
  expect_round_trip(replaced(kMinimalPg, "\"notNull\": true",
                             "\"notNull\": true,\n          \"isUnique\": true,\n          \"uniqueName\": \"u\""));
}

TEST(SnapshotJson, UpgradedKeyOrdersRoundTrip) {
  // `drizzle-kit up` output: id/prevId last, tables without policies/checks, index keys reordered.
  std::string text = R"({
  "version": "7",
  "dialect": "postgresql",
  "tables": {
    "public.users": {
      "name": "users",
      "schema": "",
      "columns": {},
      "indexes": {
        "email_idx": {
          "name": "email_idx",
          "columns": [
            {
              "expression": "email",
              "isExpression": false,
              "asc": true,
              "nulls": "last"
            }
          ],
          "isUnique": false,
          "with": {},
          "method": "btree",
          "concurrently": false
        }
      },
      "foreignKeys": {},
      "compositePrimaryKeys": {},
      "uniqueConstraints": {}
    }
  },
  "enums": {},
  "schemas": {},
  "_meta": {
    "schemas": {},
    "tables": {},
    "columns": {}
  },
  "id": "6b9e5f0c-7a52-4f7e-9a7e-000000000001",
  "prevId": "00000000-0000-0000-0000-000000000000",
  "sequences": {},
  "policies": {},
  "views": {},
  "roles": {}
})";
  expect_round_trip(text);
  auto snapshot = parse_snapshot(text, "s.json");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(layout_stats(snapshot->layout).exceptions, 0u);
}

TEST(SnapshotJson, IntegerLikeNamesComeFirst) {
  std::string text = replaced(kMinimalPg, R"("columns": {
        "id": {)",
                              R"("columns": {
        "7": {
          "name": "7",
          "type": "text",
          "primaryKey": false,
          "notNull": false
        },
        "id": {)");
  expect_round_trip(text);
  auto snapshot = parse_snapshot(text, "s.json");
  ASSERT_TRUE(snapshot);
  // A model holding the integer-like column last is still written the JavaScript way.
  std::swap(snapshot->database.tables[0].columns[0], snapshot->database.tables[0].columns[1]);
  EXPECT_EQ(write_snapshot(*snapshot), text);
}

TEST(SnapshotJson, PgNullAndArrayDefaultsAreInTheModel) {
  // drizzle accepts any JSON as a pg column default; null, arrays and objects are model values, not raw bytes.
  const std::pair<const char*, schema::Scalar> cases[] = {
      {"null", schema::Scalar::null()},
      {"[]", schema::Scalar::json("[]")},
      {"[\n            1,\n            \"a\\\"b\",\n            [\n              true,\n              null\n            ]\n          ]",
       schema::Scalar::json("[1,\"a\\\"b\",[true,null]]")},
      {"{\n            \"k\": [],\n            \"x\": {}\n          }", schema::Scalar::json("{\"k\":[],\"x\":{}}")},
  };
  for (const auto& [json_text, expected] : cases) {
    std::string text = replaced(kMinimalPg, "\"notNull\": true", std::string("\"notNull\": true,\n          \"default\": ") + json_text);
    expect_round_trip(text);
    auto snapshot = parse_snapshot(text, "s.json");
    ASSERT_TRUE(snapshot) << snapshot.error().describe();
    EXPECT_EQ(snapshot->database.tables[0].columns[0].default_value, expected) << json_text;
    EXPECT_EQ(layout_stats(snapshot->layout).raw_values, 0u) << json_text;
    // Written from the model alone (a fresh layout), the value comes out the way drizzle writes it.
    Snapshot fresh{snapshot->id, snapshot->prev_id, snapshot->version, snapshot->database, SnapshotLayout()};
    EXPECT_EQ(write_snapshot(fresh), text) << json_text;
  }
  auto snapshot = parse_snapshot(replaced(kMinimalPg, "\"notNull\": true", "\"notNull\": true,\n          \"default\": 1.50"), "s.json");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->database.tables[0].columns[0].default_value, schema::Scalar::number("1.50"));
}

TEST(SnapshotJson, FormattingStyleIsKeptForNewContent) {
  // Tab indentation and a trailing newline: a table added later gets the same style.
  std::string text = "{\n\t\"version\": \"6\",\n\t\"dialect\": \"sqlite\",\n\t\"id\": \"a\",\n\t\"prevId\": \"b\",\n"
                     "\t\"tables\": {},\n\t\"views\": {},\n\t\"enums\": {},\n\t\"_meta\": {\n\t\t\"schemas\": {},\n"
                     "\t\t\"tables\": {},\n\t\t\"columns\": {}\n\t},\n\t\"internal\": {\n\t\t\"indexes\": {}\n\t}\n}\n";
  auto snapshot = parse_snapshot(text, "s.json");
  ASSERT_TRUE(snapshot) << snapshot.error().describe();
  EXPECT_EQ(write_snapshot(*snapshot), text);
  schema::Table t;
  t.name = "t";
  schema::UniqueConstraint u;
  u.name = "t_a_unique";
  u.columns = {"a"};
  t.unique_constraints.push_back(u);
  snapshot->database.tables.push_back(t);
  std::string written = write_snapshot(*snapshot);
  EXPECT_NE(written.find("\n\t\t\t\t\t\"columns\": [\n\t\t\t\t\t\t\"a\"\n\t\t\t\t\t]\n"), std::string::npos)
      << written;
  EXPECT_EQ(written.back(), '\n');
}

TEST(SnapshotJson, SqliteExpressionIndexesComeFromInternal) {
  std::string text = R"snap({
  "version": "6",
  "dialect": "sqlite",
  "id": "a",
  "prevId": "b",
  "tables": {
    "users": {
      "name": "users",
      "columns": {},
      "indexes": {
        "users_lower_name": {
          "name": "users_lower_name",
          "columns": [
            "lower(\"full_name\")",
            "id"
          ],
          "isUnique": false
        }
      },
      "foreignKeys": {},
      "compositePrimaryKeys": {},
      "uniqueConstraints": {},
      "checkConstraints": {}
    }
  },
  "views": {},
  "enums": {},
  "_meta": {
    "schemas": {},
    "tables": {},
    "columns": {}
  },
  "internal": {
    "indexes": {
      "users_lower_name": {
        "columns": {
          "lower(\"full_name\")": {
            "isExpression": true
          }
        }
      }
    }
  }
})snap";
  auto snapshot = parse_snapshot(text, "s.json");
  ASSERT_TRUE(snapshot) << snapshot.error().describe();
  const auto& columns = snapshot->database.tables[0].indexes[0].columns;
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_TRUE(columns[0].is_expression);
  EXPECT_FALSE(columns[1].is_expression);
  EXPECT_EQ(layout_stats(snapshot->layout).raw_values, 0u);
  EXPECT_EQ(write_snapshot(*snapshot), text);
  Snapshot fresh{snapshot->id, snapshot->prev_id, snapshot->version, snapshot->database, SnapshotLayout()};
  EXPECT_EQ(write_snapshot(fresh), text);
}

TEST(SnapshotJson, LayoutCopiesAreIndependentAndDefaultIsDrizzles) {
  auto snapshot = parse_snapshot(kMinimalPg, "s.json");
  ASSERT_TRUE(snapshot);
  Snapshot copy = *snapshot;
  EXPECT_EQ(write_snapshot(copy), kMinimalPg);
  LayoutStats stats = layout_stats(SnapshotLayout());
  EXPECT_EQ(stats.kinds_reordered, 0u);
  EXPECT_TRUE(stats.default_style);
}

TEST(SnapshotJson, ThousandTableSnapshotTakesMilliseconds) {
  schema::Database db;
  for (int t = 0; t < 1000; ++t) {
    schema::Table table;
    table.name = "table_" + std::to_string(t);
    for (int c = 0; c < 10; ++c) {
      schema::Column column;
      column.name = "column_" + std::to_string(c);
      column.type = c == 0 ? "serial" : "text";
      column.primary_key = c == 0;
      column.not_null = c < 3;
      if (c == 2) column.default_value = schema::Scalar::string("now()");
      table.columns.push_back(column);
    }
    schema::Index index;
    index.name = table.name + "_idx";
    index.columns.push_back({"column_1", false, true, "last", std::nullopt});
    table.indexes.push_back(index);
    schema::ForeignKey fk;
    fk.name = table.name + "_fk";
    fk.table_from = table.name;
    fk.table_to = "table_0";
    fk.columns_from = {"column_1"};
    fk.columns_to = {"column_0"};
    fk.on_delete = "cascade";
    fk.on_update = "no action";
    table.foreign_keys.push_back(fk);
    db.tables.push_back(table);
  }
  Snapshot snapshot{"a", "b", "7", db, SnapshotLayout()};
  std::string text = write_snapshot(snapshot);
  auto start = std::chrono::steady_clock::now();
  auto read = parse_snapshot(text, "big.json");
  ASSERT_TRUE(read) << read.error().describe();
  std::string again = write_snapshot(*read);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(again, text);
  EXPECT_EQ(read->database, db);
  std::cout << "1000 tables, " << text.size() / 1024 << " KiB: parse + write " << ms << " ms\n";
  EXPECT_LT(ms, 5000.0);  // only catches accidental quadratic behaviour; a release build takes a few ms
}

}  // namespace
}  // namespace sleet::snapshot
