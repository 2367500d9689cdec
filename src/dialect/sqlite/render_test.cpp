// Unit tests of the SQLite statement templates (drizzle-reference.md 4.8) and of sleet's escaping.
#include "dialect/sqlite/render.hpp"

#include <gtest/gtest.h>

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

schema::Table table(std::string name, std::vector<schema::Column> columns) {
  schema::Table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  return t;
}

TEST(SqliteRender, IdentifiersAreEscaped) {
  EXPECT_EQ(quote_ident("a`b"), "`a``b`");
  EXPECT_EQ(quote_double("a\"b"), "\"a\"\"b\"");
  schema::Column c = col("x", "integer");
  schema::ForeignKey fk;
  fk.table_to = "group";
  fk.columns_to = {"id"};
  EXPECT_EQ(add_column_sql("t", c, &fk), "ALTER TABLE `t` ADD `x` integer REFERENCES `group`(id);");
  fk.table_to = "board";
  EXPECT_EQ(add_column_sql("t", c, &fk), "ALTER TABLE `t` ADD `x` integer REFERENCES board(id);");
}

TEST(SqliteRender, CreateTableTemplate) {
  schema::Table t = table("t", {col("id", "integer", true, true), col("n", "text", true)});
  t.columns[0].autoincrement = true;
  t.columns[1].default_value = schema::Scalar::string("'x'");
  schema::CheckConstraint check;
  check.name = "n_check";
  check.value = schema::Expr("\"t\".\"n\" <> ''");
  t.check_constraints.push_back(check);
  EXPECT_EQ(create_table_sql(t),
            "CREATE TABLE `t` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n\t`n` text DEFAULT 'x' NOT NULL,\n"
            "\tCONSTRAINT \"n_check\" CHECK(\"t\".\"n\" <> '')\n);\n");
  std::vector<std::string> recreate = recreate_table_sql(t, {{"id", "id"}, {"n", "n"}});
  ASSERT_EQ(recreate.size(), 6u);
  EXPECT_NE(recreate[1].find("CHECK(\"__new_t\".\"n\" <> '')"), std::string::npos);
}

TEST(SqliteRender, IndexTemplates) {
  schema::Index index;
  index.name = "i";
  schema::IndexColumn a;
  a.expression = "a";
  schema::IndexColumn e;
  e.expression = "lower(b)";
  e.is_expression = true;
  index.columns = {a, e};
  index.is_unique = true;
  index.where = schema::Expr("a > 0");
  EXPECT_EQ(create_index_sql("t", index), "CREATE UNIQUE INDEX `i` ON `t` (`a`,lower(b)) WHERE a > 0;");
  EXPECT_EQ(drop_index_sql("i"), "DROP INDEX `i`;");
  EXPECT_EQ(rename_column_sql("t", "a", "b"), "ALTER TABLE `t` RENAME COLUMN \"a\" TO \"b\";");
  EXPECT_EQ(rename_table_sql("a", "b"), "ALTER TABLE `a` RENAME TO `b`;");
  EXPECT_EQ(drop_column_sql("t", "c"), "ALTER TABLE `t` DROP COLUMN `c`;");
  EXPECT_EQ(create_view_sql("v", "select 1"), "CREATE VIEW `v` AS select 1;");
  EXPECT_EQ(drop_view_sql("v"), "DROP VIEW `v`;");
}

}  // namespace
}  // namespace sleet::sqlite
