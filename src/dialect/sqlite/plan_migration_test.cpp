// Unit tests of the SQLite planner: drizzle-kit's grouping and recreation rules, and each place where sleet's SQL
// deliberately differs from drizzle's (docs/compat.md, SQLite section), checked by running the SQL on SQLite.
#include "dialect/sqlite/plan_migration.hpp"

#include <gtest/gtest.h>

#include "diff/scripted_renames.hpp"
#include "dialect/sqlite/connection.hpp"

namespace sleet::sqlite {
namespace {

schema::Column col(std::string name, std::string type, bool not_null = false, bool pk = false) {
  schema::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null || pk;
  c.primary_key = pk;
  c.autoincrement = false;
  return c;
}

schema::Database db(std::vector<schema::Table> tables) {
  schema::Database d;
  d.dialect = schema::Dialect::Sqlite;
  d.tables = std::move(tables);
  return d;
}

schema::Table table(std::string name, std::vector<schema::Column> columns) {
  schema::Table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  return t;
}

std::vector<std::string> plan(const schema::Database& from, const schema::Database& to,
                              std::vector<std::optional<std::string>> answers = {}) {
  diff::ScriptedRenames renames(std::move(answers));
  auto p = plan_migration(from, to, renames);
  EXPECT_TRUE(p) << (p ? "" : p.error().message);
  return p ? statement_texts(*p) : std::vector<std::string>{};
}

/// Applies `statements` (foreign keys on, no transaction) after `setup`; "" or the first error.
std::string run(const std::vector<std::string>& setup, const std::vector<std::string>& statements) {
  auto conn = open(":memory:");
  if (!conn) return conn.error().message;
  if (auto r = (*conn)->execute("PRAGMA foreign_keys=ON;"); !r) return r.error().message;
  for (const auto* list : {&setup, &statements}) {
    for (const std::string& sql : *list) {
      if (auto r = (*conn)->execute(sql); !r) return r.error().message + " in " + sql;
    }
  }
  return "";
}

bool contains(const std::vector<std::string>& statements, const std::string& sql) {
  return std::find(statements.begin(), statements.end(), sql) != statements.end();
}

TEST(SqlitePlan, AddColumnAndIndexNeedNoRecreation) {
  schema::Database from = db({table("users", {col("id", "integer", true, true)})});
  schema::Database to = from;
  to.tables[0].columns.push_back(col("email", "text"));
  schema::Index index;
  index.name = "users_email_idx";
  schema::IndexColumn email;
  email.expression = "email";
  index.columns.push_back(email);
  to.tables[0].indexes.push_back(index);
  EXPECT_EQ(plan(from, to), (std::vector<std::string>{"ALTER TABLE `users` ADD `email` text;",
                                                      "CREATE INDEX `users_email_idx` ON `users` (`email`);"}));
}

TEST(SqlitePlan, ExpressionIndexStaysAnExpressionAfterRecreation) {
  // drizzle-reference 8.2: drizzle re-creates it as CREATE INDEX ... (`lower("name")`), which fails.
  schema::Table users = table("users", {col("id", "integer", true, true), col("name", "text")});
  schema::Index index;
  index.name = "users_lower_name";
  schema::IndexColumn expression;
  expression.expression = "lower(\"name\")";
  expression.is_expression = true;
  index.columns.push_back(expression);
  users.indexes.push_back(index);
  schema::Database from = db({users});
  schema::Database to = from;
  to.tables[0].columns[1].not_null = true;
  std::vector<std::string> statements = plan(from, to);
  ASSERT_FALSE(statements.empty());
  EXPECT_EQ(statements.back(), "CREATE INDEX `users_lower_name` ON `users` (lower(\"name\"));");
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, RecreationCopiesOnlyColumnsTheOldTableHas) {
  // drizzle-reference 8.3: drizzle copies "level" too (an error, or the string 'level' in every row).
  schema::Database from = db({table("t", {col("id", "integer", true, true), col("a", "text")})});
  schema::Database to = from;
  to.tables[0].columns[1].not_null = true;
  to.tables[0].columns.push_back(col("level", "integer"));
  std::vector<std::string> statements = plan(from, to);
  EXPECT_TRUE(contains(statements, "INSERT INTO `__new_t`(\"id\", \"a\") SELECT \"id\", \"a\" FROM `t`;"));
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, RecreationReadsAFoldedRenameByItsOldName) {
  schema::Database from = db({table("t", {col("id", "integer", true, true), col("old_name", "text")})});
  schema::Database to = db({table("t", {col("id", "integer", true, true), col("new_name", "text", true)})});
  std::vector<std::string> statements = plan(from, to, {std::string("old_name")});
  EXPECT_FALSE(contains(statements, "ALTER TABLE `t` RENAME COLUMN \"old_name\" TO \"new_name\";"));
  EXPECT_TRUE(contains(statements,
                       "INSERT INTO `__new_t`(\"id\", \"new_name\") SELECT \"id\", \"old_name\" FROM `t`;"));
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, RenamedTableKeepsItsRenamesBeforeTheRecreation) {
  schema::Database from = db({table("a", {col("id", "integer", true, true), col("x", "text")})});
  schema::Database to = db({table("b", {col("id", "integer", true, true), col("y", "text", true)})});
  std::vector<std::string> statements = plan(from, to, {std::string("a"), std::string("x")});
  ASSERT_GE(statements.size(), 3u);
  EXPECT_EQ(statements[0], "ALTER TABLE `a` RENAME TO `b`;");
  EXPECT_EQ(statements[1], "ALTER TABLE `b` RENAME COLUMN \"x\" TO \"y\";");
  EXPECT_TRUE(contains(statements, "INSERT INTO `__new_b`(\"id\", \"y\") SELECT \"id\", \"y\" FROM `b`;"));
  EXPECT_EQ(run(export_statements(from), statements), "");
  diff::ScriptedRenames renames({std::string("a"), std::string("x")});
  auto p = plan_migration(from, to, renames);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->renames.tables, (std::vector<std::pair<std::string, std::string>>{{"\"a\"", "\"b\""}}));
  EXPECT_EQ(p->renames.columns,
            (std::vector<std::pair<std::string, std::string>>{{"\"b\".\"x\"", "\"b\".\"y\""}}));
}

TEST(SqlitePlan, AddedColumnKeepsItsForeignKeyActions) {
  // drizzle-reference 8.17: drizzle writes `REFERENCES users(id)` and loses ON DELETE cascade.
  schema::Database from =
      db({table("users", {col("id", "integer", true, true)}), table("posts", {col("id", "integer", true, true)})});
  schema::Database to = from;
  to.tables[1].columns.push_back(col("author_id", "integer"));
  schema::ForeignKey fk;
  fk.name = "posts_author_id_users_id_fk";
  fk.table_from = "posts";
  fk.table_to = "users";
  fk.columns_from = {"author_id"};
  fk.columns_to = {"id"};
  fk.on_delete = "cascade";
  fk.on_update = "no action";
  to.tables[1].foreign_keys.push_back(fk);
  EXPECT_EQ(plan(from, to), (std::vector<std::string>{
                                "ALTER TABLE `posts` ADD `author_id` integer REFERENCES users(id) ON DELETE cascade;"}));
  to.tables[1].foreign_keys[0].on_delete = "no action";
  EXPECT_EQ(plan(from, to),
            (std::vector<std::string>{"ALTER TABLE `posts` ADD `author_id` integer REFERENCES users(id);"}));
}

TEST(SqlitePlan, ForeignKeyOnExistingColumnRecreates) {
  schema::Database from =
      db({table("users", {col("id", "integer", true, true)}),
          table("posts", {col("id", "integer", true, true), col("author_id", "integer")})});
  schema::Database to = from;
  schema::ForeignKey fk;
  fk.name = "posts_author_id_users_id_fk";
  fk.table_from = "posts";
  fk.table_to = "users";
  fk.columns_from = {"author_id"};
  fk.columns_to = {"id"};
  fk.on_delete = "no action";
  fk.on_update = "no action";
  to.tables[1].foreign_keys.push_back(fk);
  std::vector<std::string> statements = plan(from, to);
  ASSERT_EQ(statements.size(), 6u);
  EXPECT_EQ(statements[0], "PRAGMA foreign_keys=OFF;");
  EXPECT_EQ(statements[1],
            "CREATE TABLE `__new_posts` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`author_id` integer,\n\tFOREIGN KEY "
            "(`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action\n);\n");
}

TEST(SqlitePlan, StoredGeneratedColumnIsAddedByRecreation) {
  // drizzle skips it with a warning and writes nothing; ALTER TABLE ADD cannot add a STORED column.
  schema::Database from = db({table("r", {col("w", "integer"), col("h", "integer")})});
  schema::Database to = from;
  schema::Column area = col("area", "integer");
  area.generated = schema::Generated{schema::Expr("(w * h)"), schema::GeneratedKind::Stored};
  to.tables[0].columns.push_back(area);
  std::vector<std::string> statements = plan(from, to);
  EXPECT_TRUE(contains(statements, "INSERT INTO `__new_r`(\"w\", \"h\") SELECT \"w\", \"h\" FROM `r`;"));
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, ViewsOverARecreatedTableAreDroppedAndRecreated) {
  schema::Database from = db({table("notes", {col("id", "integer", true, true), col("body", "text")})});
  schema::View direct;
  direct.name = "v1";
  direct.definition = schema::Expr("select id from \"notes\"");
  schema::View indirect;
  indirect.name = "v2";
  indirect.definition = schema::Expr("select id from v1");
  schema::View unrelated;
  unrelated.name = "v3";
  unrelated.definition = schema::Expr("select 'notes' as x");
  from.views = {direct, indirect, unrelated};
  schema::Database to = from;
  to.tables[0].columns[1].not_null = true;
  std::vector<std::string> statements = plan(from, to);
  ASSERT_GE(statements.size(), 4u);
  EXPECT_EQ(statements[0], "DROP VIEW `v1`;");
  EXPECT_EQ(statements[1], "DROP VIEW `v2`;");
  EXPECT_EQ(statements[statements.size() - 2], "CREATE VIEW `v1` AS select id from \"notes\";");
  EXPECT_EQ(statements.back(), "CREATE VIEW `v2` AS select id from v1;");
  EXPECT_FALSE(contains(statements, "DROP VIEW `v3`;"));
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, EachRecreationKeepsItsPragmaPair) {
  schema::Database from = db({table("a", {col("id", "integer", true, true), col("x", "text")}),
                              table("b", {col("id", "integer", true, true), col("y", "text")})});
  schema::Database to = from;
  to.tables[0].columns[1].not_null = true;
  to.tables[1].columns[1].not_null = true;
  std::vector<std::string> statements = plan(from, to);
  EXPECT_EQ(std::count(statements.begin(), statements.end(), "PRAGMA foreign_keys=OFF;"), 2);
  EXPECT_EQ(std::count(statements.begin(), statements.end(), "PRAGMA foreign_keys=ON;"), 2);
}

TEST(SqlitePlan, IntegerLikeTableNamesComeFirst) {
  // sqliteCombineStatements groups statements in a JavaScript object: integer-like keys come first.
  schema::Database from = db({table("b", {col("id", "integer")}), table("10", {col("id", "integer")}),
                              table("2", {col("id", "integer")})});
  schema::Database to = from;
  for (auto& t : to.tables) t.columns.push_back(col("n", "text"));
  EXPECT_EQ(plan(from, to), (std::vector<std::string>{"ALTER TABLE `2` ADD `n` text;", "ALTER TABLE `10` ADD `n` text;",
                                                      "ALTER TABLE `b` ADD `n` text;"}));
}

TEST(SqlitePlan, ViewsAreDroppedAndCreatedLast) {
  schema::Database from = db({table("t", {col("id", "integer")})});
  schema::View v;
  v.name = "v";
  v.definition = schema::Expr("select id from t");
  from.views = {v};
  schema::Database to = from;
  to.views[0].definition = schema::Expr("select id + 1 from t");
  to.tables[0].columns.push_back(col("n", "text"));
  EXPECT_EQ(plan(from, to), (std::vector<std::string>{"ALTER TABLE `t` ADD `n` text;", "DROP VIEW `v`;",
                                                      "CREATE VIEW `v` AS select id + 1 from t;"}));
}

TEST(SqlitePlan, UniqueConstraintChangeRecreatesAndKeepsIt) {
  schema::Database from = db({table("t", {col("id", "integer", true, true), col("a", "text")})});
  schema::Database to = from;
  schema::UniqueConstraint unique;
  unique.name = "t_a_unique";
  unique.columns = {"a"};
  to.tables[0].unique_constraints.push_back(unique);
  std::vector<std::string> statements = plan(from, to);
  ASSERT_EQ(statements.size(), 6u);
  EXPECT_NE(statements[1].find("\tCONSTRAINT t_a_unique UNIQUE(`a`)\n"), std::string::npos) << statements[1];
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, RenamingAColumnOfAUniqueConstraintIsOnlyARename) {
  schema::UniqueConstraint unique;
  unique.name = "t_a_unique";
  unique.columns = {"a"};
  schema::Database from = db({table("t", {col("id", "integer", true, true), col("a", "text")})});
  from.tables[0].unique_constraints.push_back(unique);
  schema::Database to = db({table("t", {col("id", "integer", true, true), col("b", "text")})});
  unique.columns = {"b"};
  to.tables[0].unique_constraints.push_back(unique);
  std::vector<std::string> statements = plan(from, to, {std::string("a")});
  EXPECT_EQ(statements, std::vector<std::string>{"ALTER TABLE `t` RENAME COLUMN \"a\" TO \"b\";"});
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, GeneratedExpressionChanges) {
  schema::Database from = db({table("t", {col("a", "integer"), col("b", "integer")})});
  from.tables[0].columns[1].generated = schema::Generated{schema::Expr("(a * 2)"), schema::GeneratedKind::Virtual};
  schema::Database to = from;
  to.tables[0].columns[1].generated->as = schema::Expr("(a * 3)");
  // VIRTUAL: drizzle's DROP COLUMN + ADD.
  EXPECT_EQ(plan(from, to), (std::vector<std::string>{
                                "ALTER TABLE `t` DROP COLUMN `b`;",
                                "ALTER TABLE `t` ADD `b` integer GENERATED ALWAYS AS (a * 3) VIRTUAL;"}));
  EXPECT_EQ(run(export_statements(from), plan(from, to)), "");
  // STORED: ALTER TABLE ADD cannot add it; the table is recreated.
  to.tables[0].columns[1].generated->type = schema::GeneratedKind::Stored;
  std::vector<std::string> statements = plan(from, to);
  EXPECT_TRUE(contains(statements, "INSERT INTO `__new_t`(\"a\") SELECT \"a\" FROM `t`;"));
  EXPECT_EQ(run(export_statements(from), statements), "");
}

TEST(SqlitePlan, ExportOfEmptyIsEmpty) { EXPECT_TRUE(export_statements(db({})).empty()); }

}  // namespace
}  // namespace sleet::sqlite
