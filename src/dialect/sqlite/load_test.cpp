// Unit tests of sqlite::load_schema: the model drizzle's sqlite snapshot v6 would hold for each construct,
// warnings and errors with their spans.
#include "dialect/sqlite/load.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace sleet::sqlite {
namespace {

LoadResult load_ok(const std::string& sql, const LoadOptions& options = {}) {
  auto result = load_schema({{"schema.sql", sql}}, options);
  if (!result) {
    ADD_FAILURE() << result.error().describe();
    return {};
  }
  return std::move(*result);
}

Error load_error(const std::string& sql, const LoadOptions& options = {}) {
  auto result = load_schema({{"schema.sql", sql}}, options);
  if (result) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  return std::move(result).error();
}

const schema::Table& table(const LoadResult& result, const std::string& name) {
  auto it = std::find_if(result.database.tables.begin(), result.database.tables.end(),
                         [&](const schema::Table& t) { return t.name == name; });
  EXPECT_NE(it, result.database.tables.end()) << name;
  static const schema::Table kMissing;
  return it == result.database.tables.end() ? kMissing : *it;
}

const schema::Column& column(const schema::Table& t, const std::string& name) {
  auto it = std::find_if(t.columns.begin(), t.columns.end(), [&](const schema::Column& c) { return c.name == name; });
  EXPECT_NE(it, t.columns.end()) << name;
  static const schema::Column kMissing;
  return it == t.columns.end() ? kMissing : *it;
}

std::vector<std::string> names(const std::vector<schema::Index>& indexes) {
  std::vector<std::string> out;
  for (const auto& index : indexes)
    out.push_back(index.name);
  return out;
}

TEST(SqliteLoad, ColumnsAsDrizzleHoldsThem) {
  LoadResult result = load_ok("CREATE TABLE users (\n"
                              "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                              "  email TEXT(255) NOT NULL,\n"
                              "  created_at INTEGER DEFAULT (unixepoch()),\n"
                              "  updated TEXT DEFAULT CURRENT_TIMESTAMP,\n"
                              "  active INTEGER DEFAULT true,\n"
                              "  score REAL DEFAULT 2.50,\n"
                              "  nick TEXT DEFAULT 'it''s',\n"
                              "  maybe TEXT DEFAULT NULL\n"
                              ");");
  ASSERT_EQ(result.database.dialect, schema::Dialect::Sqlite);
  const schema::Table& users = table(result, "users");
  EXPECT_EQ(users.schema, "");
  const schema::Column& id = column(users, "id");
  EXPECT_EQ(id.type, "integer");
  EXPECT_TRUE(id.primary_key);
  EXPECT_TRUE(id.not_null); // a rowid alias is never NULL: drizzle's integer().primaryKey()
  EXPECT_EQ(id.autoincrement, true);
  EXPECT_EQ(column(users, "email").type, "text(255)");
  EXPECT_TRUE(column(users, "email").not_null);
  EXPECT_EQ(column(users, "email").autoincrement, false);
  EXPECT_EQ(column(users, "created_at").default_value, schema::Scalar::string("(unixepoch())"));
  EXPECT_EQ(column(users, "updated").default_value, schema::Scalar::string("CURRENT_TIMESTAMP"));
  EXPECT_EQ(column(users, "active").default_value, schema::Scalar::boolean(true));
  EXPECT_EQ(column(users, "score").default_value, schema::Scalar::number("2.5"));
  EXPECT_EQ(column(users, "nick").default_value, schema::Scalar::string("'it''s'"));
  EXPECT_EQ(column(users, "maybe").default_value, std::nullopt);
  EXPECT_TRUE(result.warnings.empty());
}

TEST(SqliteLoad, NonIntegerPrimaryKeyKeepsItsNullability) {
  LoadResult result = load_ok("CREATE TABLE t (code TEXT PRIMARY KEY, n INTEGER);");
  EXPECT_TRUE(column(table(result, "t"), "code").primary_key);
  EXPECT_FALSE(column(table(result, "t"), "code").not_null); // SQLite lets a TEXT primary key hold NULL
}

TEST(SqliteLoad, CompositePrimaryKeysAreNamedLikeDrizzle) {
  LoadResult result = load_ok("CREATE TABLE a (x INT NOT NULL, y INT NOT NULL, PRIMARY KEY (y, x));\n"
                              "CREATE TABLE b (x INT, y INT, CONSTRAINT b_key PRIMARY KEY (x, y));\n"
                              "CREATE TABLE c (x INTEGER, PRIMARY KEY (x AUTOINCREMENT));");
  ASSERT_EQ(table(result, "a").composite_primary_keys.size(), 1u);
  EXPECT_EQ(table(result, "a").composite_primary_keys[0].name, "a_y_x_pk");
  EXPECT_EQ(table(result, "a").composite_primary_keys[0].columns, (std::vector<std::string>{"y", "x"}));
  EXPECT_FALSE(column(table(result, "a"), "x").primary_key);
  EXPECT_EQ(table(result, "b").composite_primary_keys[0].name, "b_key");
  // A one-column table-level key is drizzle's primaryKey({columns: [t.x]}): the column's flag.
  EXPECT_TRUE(table(result, "c").composite_primary_keys.empty());
  EXPECT_TRUE(column(table(result, "c"), "x").primary_key);
  EXPECT_EQ(column(table(result, "c"), "x").autoincrement, true);
}

TEST(SqliteLoad, UniquesBecomeUniqueIndexesInDrizzleOrder) {
  LoadResult result =
      load_ok("CREATE TABLE t (a TEXT, b TEXT UNIQUE, c TEXT CONSTRAINT c_named UNIQUE, a2 TEXT UNIQUE,\n"
              "  UNIQUE (a, b), CONSTRAINT t_pair UNIQUE (b, c));\n"
              "CREATE INDEX t_a_idx ON t (a);\n"
              "CREATE UNIQUE INDEX t_c_idx ON t (c, a);");
  const schema::Table& t = table(result, "t");
  EXPECT_EQ(names(t.indexes), (std::vector<std::string>{"t_b_unique", "c_named", "t_a2_unique", "t_a_idx", "t_c_idx",
                                                        "t_a_b_unique", "t_pair"}));
  EXPECT_TRUE(t.indexes[0].is_unique);
  EXPECT_FALSE(t.indexes[3].is_unique);
  EXPECT_TRUE(t.indexes[4].is_unique);
  EXPECT_EQ(t.indexes[6].columns.size(), 2u);
  EXPECT_EQ(t.indexes[6].columns[1].expression, "c");
  EXPECT_TRUE(t.unique_constraints.empty());
}

TEST(SqliteLoad, ExpressionAndPartialIndexes) {
  LoadResult result =
      load_ok("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, deleted_at INTEGER);\n"
              "CREATE UNIQUE INDEX users_email_lower ON users (lower(\"email\"), id) WHERE deleted_at IS NULL;");
  const schema::Index& index = table(result, "users").indexes.at(0);
  ASSERT_EQ(index.columns.size(), 2u);
  EXPECT_EQ(index.columns[0].expression, "lower(\"email\")");
  EXPECT_TRUE(index.columns[0].is_expression);
  EXPECT_EQ(index.columns[1].expression, "id");
  EXPECT_FALSE(index.columns[1].is_expression);
  ASSERT_TRUE(index.where);
  EXPECT_EQ(index.where->text, "deleted_at IS NULL");
}

TEST(SqliteLoad, ForeignKeysWithActionsNamesAndImpliedTargets) {
  LoadResult result =
      load_ok("CREATE TABLE posts (\n"
              "  id INTEGER PRIMARY KEY,\n"
              "  author_id INTEGER REFERENCES Users ON DELETE CASCADE,\n"
              "  editor_id INTEGER,\n"
              "  a INT, b INT,\n"
              "  CONSTRAINT posts_editor FOREIGN KEY (editor_id) REFERENCES users (ID) ON UPDATE SET NULL,\n"
              "  FOREIGN KEY (a, b) REFERENCES pairs (x, y)\n"
              ");\n"
              "CREATE TABLE users (id INTEGER PRIMARY KEY);\n"
              "CREATE TABLE pairs (x INT, y INT, PRIMARY KEY (x, y));");
  const auto& keys = table(result, "posts").foreign_keys;
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].name, "posts_author_id_users_id_fk");
  EXPECT_EQ(keys[0].table_to, "users");
  EXPECT_EQ(keys[0].columns_to, (std::vector<std::string>{"id"}));
  EXPECT_EQ(keys[0].on_delete, "cascade");
  EXPECT_EQ(keys[0].on_update, "no action");
  EXPECT_EQ(keys[1].name, "posts_editor");
  EXPECT_EQ(keys[1].columns_to, (std::vector<std::string>{"id"}));
  EXPECT_EQ(keys[1].on_update, "set null");
  EXPECT_EQ(keys[2].name, "posts_a_b_pairs_x_y_fk");
  EXPECT_EQ(keys[2].columns_from, (std::vector<std::string>{"a", "b"}));
}

TEST(SqliteLoad, ForeignKeyToAnUndeclaredTableNeedsItsColumns) {
  LoadResult result = load_ok("CREATE TABLE t (u INT REFERENCES elsewhere (id));");
  EXPECT_EQ(table(result, "t").foreign_keys.at(0).name, "t_u_elsewhere_id_fk");
  Error error = load_error("CREATE TABLE t (\n  u INT REFERENCES elsewhere\n);");
  EXPECT_EQ(error.code, ErrorCode::InvalidSchema);
  EXPECT_EQ(error.span->location(), "schema.sql:1:1");
  EXPECT_NE(error.message.find("\"elsewhere\""), std::string::npos) << error.message;
}

TEST(SqliteLoad, ChecksKeepTheirTextAndGetNames) {
  LoadResult result = load_ok("CREATE TABLE t (age INT CHECK (age >= 0), b INT CONSTRAINT b_small CHECK(b < 10),\n"
                              "  CHECK (age < 200), CHECK (b <> age));");
  const auto& checks = table(result, "t").check_constraints;
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_EQ(checks[0].name, "t_age_check");
  EXPECT_EQ(checks[0].value.text, "age >= 0");
  EXPECT_EQ(checks[1].name, "b_small");
  EXPECT_EQ(checks[2].name, "t_check");
  EXPECT_EQ(checks[3].name, "t_check1");
  EXPECT_EQ(checks[3].value.text, "b <> age");
}

TEST(SqliteLoad, GeneratedColumns) {
  LoadResult result =
      load_ok("CREATE TABLE boxes (w INT, h INT, area INT GENERATED ALWAYS AS (w * h) STORED, half INT AS (w / 2));");
  const schema::Table& boxes = table(result, "boxes");
  ASSERT_TRUE(column(boxes, "area").generated);
  EXPECT_EQ(column(boxes, "area").generated->as.text, "(w * h)");
  EXPECT_EQ(column(boxes, "area").generated->type, schema::GeneratedKind::Stored);
  ASSERT_TRUE(column(boxes, "half").generated);
  EXPECT_EQ(column(boxes, "half").generated->type, schema::GeneratedKind::Virtual);
}

TEST(SqliteLoad, ViewsAreSortedWithTheirColumnsAndLowerCaseKeywords) {
  LoadResult result = load_ok("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INT);\n"
                              "CREATE VIEW b_view AS SELECT id, name, count(*) AS n FROM users GROUP BY id;\n"
                              "CREATE VIEW a_view AS\n  SELECT id FROM users WHERE age >= 21;");
  ASSERT_EQ(result.database.views.size(), 2u);
  const schema::View& a = result.database.views[0];
  EXPECT_EQ(a.name, "a_view");
  EXPECT_EQ(a.definition->text, "select id from users where age >= 21");
  EXPECT_FALSE(a.is_existing);
  const schema::View& b = result.database.views[1];
  ASSERT_EQ(b.columns.size(), 3u);
  EXPECT_EQ(b.columns[0].type, "integer");
  EXPECT_FALSE(b.columns[0].primary_key); // a view column is never a key
  EXPECT_EQ(b.columns[1].type, "text");
  EXPECT_EQ(b.columns[2].type, ""); // SQLite knows no declared type for an expression
}

TEST(SqliteLoad, TablesAreSortedByNameAndLaterStatementsApply) {
  LoadResult result = load_ok("CREATE TABLE zeta (id INTEGER PRIMARY KEY);\n"
                              "CREATE TABLE alpha (id INTEGER PRIMARY KEY, old TEXT);\n"
                              "ALTER TABLE alpha ADD COLUMN extra TEXT DEFAULT 'x';\n"
                              "ALTER TABLE alpha RENAME COLUMN old TO renamed;\n"
                              "CREATE TABLE gone (id INT);\n"
                              "DROP TABLE gone;\n"
                              "DROP TABLE IF EXISTS never_there;\n"
                              "BEGIN; COMMIT;");
  ASSERT_EQ(result.database.tables.size(), 2u);
  EXPECT_EQ(result.database.tables[0].name, "alpha");
  EXPECT_EQ(result.database.tables[1].name, "zeta");
  EXPECT_EQ(column(result.database.tables[0], "renamed").type, "text");
  EXPECT_EQ(column(result.database.tables[0], "extra").default_value, schema::Scalar::string("'x'"));
  EXPECT_TRUE(result.warnings.empty());
}

TEST(SqliteLoad, UnmanagedStatementsWarnWithTheirPosition) {
  LoadResult result = load_ok("PRAGMA foreign_keys = ON;\n"
                              "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);\n"
                              "  CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; END;\n"
                              "CREATE VIRTUAL TABLE t_fts USING fts5(body);\n"
                              "INSERT INTO t (body) VALUES ('seed');\n"
                              "CREATE TEMP TABLE scratch (x);\n");
  ASSERT_EQ(result.warnings.size(), 5u);
  EXPECT_EQ(result.warnings[0].span.location(), "schema.sql:1:1");
  EXPECT_EQ(result.warnings[0].message, "PRAGMA is not managed by sleet; statement ignored");
  EXPECT_EQ(result.warnings[1].span.location(), "schema.sql:3:3");
  EXPECT_EQ(result.warnings[1].message, "CREATE TRIGGER is not managed by sleet; statement ignored");
  EXPECT_EQ(result.warnings[2].message, "CREATE VIRTUAL TABLE is not managed by sleet; statement ignored");
  EXPECT_EQ(result.warnings[3].message, "INSERT is not managed by sleet; statement ignored");
  EXPECT_EQ(
      result.warnings[4].message,
      "CREATE TEMP TABLE is not managed by sleet (temporary objects are not part of the schema); statement ignored");
  // Virtual tables and their shadow tables stay out of the model.
  ASSERT_EQ(result.database.tables.size(), 1u);
  EXPECT_EQ(result.database.tables[0].name, "t");
}

TEST(SqliteLoad, StrictModeTurnsTheFirstWarningIntoAnError) {
  LoadOptions strict;
  strict.strict = true;
  Error error = load_error("CREATE TABLE t (id INT);\nCREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END;", strict);
  EXPECT_EQ(error.code, ErrorCode::Unsupported);
  EXPECT_EQ(error.span->location(), "schema.sql:2:1");
  Error detail = load_error("CREATE TABLE t (\n  name TEXT PRIMARY KEY COLLATE NOCASE\n) WITHOUT ROWID;", strict);
  EXPECT_EQ(detail.code, ErrorCode::Unsupported);
  EXPECT_EQ(detail.message, "table \"t\": COLLATE NOCASE of column \"name\" is not kept in the schema model");
}

TEST(SqliteLoad, DetailsTheModelCannotHoldWarnAtTheirCreateStatement) {
  LoadResult result = load_ok("CREATE TABLE t (id TEXT PRIMARY KEY, n INT) WITHOUT ROWID;\n"
                              "CREATE INDEX t_n ON t (n DESC);\n"
                              "ALTER TABLE t RENAME TO u;");
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_EQ(result.warnings[0].message, "table \"u\": WITHOUT ROWID is not kept in the schema model");
  EXPECT_EQ(result.warnings[0].span.location(), "schema.sql:1:1");
  EXPECT_EQ(result.warnings[1].message, "index \"t_n\": DESC of index column n is not kept in the schema model");
  EXPECT_EQ(result.warnings[1].span.location(), "schema.sql:2:1");
}

TEST(SqliteLoad, SqlErrorsNameFileLineAndColumnWithACaret) {
  Error error = load_error("CREATE TABLE a (id INT);\n\nCREATE TABLE b (id INT,, x INT);");
  EXPECT_EQ(error.code, ErrorCode::Parse);
  EXPECT_EQ(error.message, "near \",\": syntax error");
  ASSERT_TRUE(error.span);
  EXPECT_EQ(error.span->location(), "schema.sql:3:24");
  EXPECT_EQ(error.span->caret(), "    3 | CREATE TABLE b (id INT,, x INT);\n      |                        ^");
}

TEST(SqliteLoad, SemanticErrorsFromSqliteAreLocatedToo) {
  Error error = load_error("CREATE TABLE a (id INT);\nCREATE INDEX i ON missing (id);");
  EXPECT_EQ(error.code, ErrorCode::Parse);
  EXPECT_EQ(error.message, "no such table: main.missing");
  EXPECT_EQ(error.span->line, 2);
}

TEST(SqliteLoad, LaterFilesSeeEarlierOnesAndErrorsNameTheirFile) {
  auto result = load_schema({{"a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);"},
                             {"b.sql", "CREATE TABLE b (a_id INT REFERENCES a);\nCREATE INDEX b_a ON b (a_id);"}});
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->database.tables.size(), 2u);
  auto failed = load_schema({{"a.sql", "CREATE TABLE a (id INT);"}, {"b.sql", "\nCREATE TABLE a (id INT);"}});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().span->file, "b.sql");
  EXPECT_EQ(failed.error().span->line, 2);
}

TEST(SqliteLoad, DuplicateIndexNamesAreInvalid) {
  Error error =
      load_error("CREATE TABLE t (a TEXT UNIQUE);\nCREATE TABLE u (b TEXT, CONSTRAINT t_a_unique UNIQUE (b));");
  EXPECT_EQ(error.code, ErrorCode::InvalidSchema);
  EXPECT_NE(error.message.find("t_a_unique"), std::string::npos) << error.message;
  EXPECT_EQ(error.span->line, 2);
}

TEST(SqliteLoad, DuplicateForeignKeyNamesAreInvalid) {
  Error error = load_error("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
                           "CREATE TABLE c (p_id INT REFERENCES p (id), FOREIGN KEY (p_id) REFERENCES p (id));");
  EXPECT_EQ(error.code, ErrorCode::InvalidSchema);
  EXPECT_EQ(error.message, "table \"c\" declares foreign key \"c_p_id_p_id_fk\" twice");
  EXPECT_EQ(error.span->line, 2);
}

TEST(SqliteLoad, TemporaryTablesMayServeLaterStatements) {
  LoadResult result = load_ok("CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                              "CREATE TEMP TABLE backup AS SELECT * FROM t;\n"
                              "INSERT INTO t SELECT * FROM backup;\n"
                              "DROP TABLE backup;");
  EXPECT_EQ(result.database.tables.size(), 1u);
  EXPECT_EQ(result.warnings.size(), 3u);
}

TEST(SqliteLoad, ViewsSqliteCannotReadAreInvalid) {
  Error error = load_error("CREATE TABLE t (id INT);\nCREATE VIEW v AS SELECT id FROM nowhere;");
  EXPECT_EQ(error.code, ErrorCode::InvalidSchema);
  EXPECT_EQ(error.message, "view \"v\" cannot be read: no such table: main.nowhere");
  EXPECT_EQ(error.span->location(), "schema.sql:2:1");
}

TEST(SqliteLoad, NulBytesAreParseErrors) {
  Error error = load_error(std::string("CREATE TABLE a (id INT);\n") + '\0');
  EXPECT_EQ(error.code, ErrorCode::Parse);
  EXPECT_EQ(error.span->location(), "schema.sql:2:1");
}

TEST(SqliteLoad, EmptyInputIsAnEmptySchema) {
  LoadResult result = load_ok("-- nothing yet\n");
  EXPECT_TRUE(result.database.tables.empty());
  EXPECT_EQ(result.database.dialect, schema::Dialect::Sqlite);
}

} // namespace
} // namespace sleet::sqlite
