// Unit tests of the PostgreSQL renderer and plan_migration: exact statement text for each change kind, identifier
// escaping, and the deliberate deviations from drizzle-kit.
#include <gtest/gtest.h>

#include "diff/scripted_renames.hpp"
#include "dialect/postgres/plan_migration.hpp"
#include "dialect/postgres/render.hpp"

namespace sleet::pg {
namespace {

schema::Column column(std::string name, std::string type, bool not_null = false) {
  schema::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  return c;
}

std::vector<std::string> statements(const schema::Database& from, const schema::Database& to) {
  diff::NoRenames none;
  auto plan = plan_migration(from, to, none);
  EXPECT_TRUE(plan.has_value());
  return plan ? statement_texts(*plan) : std::vector<std::string>{};
}

TEST(QuoteIdent, DoublesEmbeddedQuotes) {
  EXPECT_EQ(quote_ident("users"), "\"users\"");
  EXPECT_EQ(quote_ident("we\"ird"), "\"we\"\"ird\"");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
}

TEST(Render, CreateTableWithConstraints) {
  schema::Table t;
  t.name = "post_tags";
  t.columns = {column("post_id", "integer", true), column("tag", "text", true)};
  t.composite_primary_keys.push_back(schema::PrimaryKey{"post_tags_post_id_tag_pk", {"post_id", "tag"}});
  t.unique_constraints.push_back(schema::UniqueConstraint{"post_tags_tag_post_id_unique", {"tag", "post_id"}, false});
  schema::Database to;
  to.tables.push_back(t);
  EXPECT_EQ(statements({}, to),
            std::vector<std::string>{"CREATE TABLE \"post_tags\" (\n\t\"post_id\" integer NOT NULL,\n\t\"tag\" text NOT NULL,\n"
                                     "\tCONSTRAINT \"post_tags_post_id_tag_pk\" PRIMARY KEY(\"post_id\",\"tag\"),\n"
                                     "\tCONSTRAINT \"post_tags_tag_post_id_unique\" UNIQUE(\"tag\",\"post_id\")\n);\n"});
}

TEST(Render, ColumnAlterationsAndIndexes) {
  schema::Table t;
  t.name = "users";
  t.columns = {column("id", "serial", true), column("name", "text")};
  schema::Database from;
  from.tables.push_back(t);
  schema::Database to = from;
  to.tables[0].columns[1].type = "varchar(100)";
  to.tables[0].columns[1].not_null = true;
  to.tables[0].columns.push_back(column("nick", "text"));
  to.tables[0].columns.back().default_value = schema::Scalar::string("'anon'");
  schema::Index index;
  index.name = "users_name_idx";
  index.columns.push_back(schema::IndexColumn{"name", false, false, "first", std::nullopt});
  to.tables[0].indexes.push_back(index);
  EXPECT_EQ(statements(from, to), (std::vector<std::string>{
                                      "ALTER TABLE \"users\" ALTER COLUMN \"name\" SET DATA TYPE varchar(100);",
                                      "ALTER TABLE \"users\" ALTER COLUMN \"name\" SET NOT NULL;",
                                      "ALTER TABLE \"users\" ADD COLUMN \"nick\" text DEFAULT 'anon';",
                                      "CREATE INDEX \"users_name_idx\" ON \"users\" USING btree (\"name\" DESC NULLS FIRST);",
                                  }));
}

TEST(Render, DroppedTableWithAlteredTableGetsDrizzlesDisableRls) {
  schema::Table a;
  a.name = "a";
  a.columns = {column("id", "integer")};
  schema::Table b;
  b.name = "b";
  b.columns = {column("id", "integer")};
  schema::Database from;
  from.tables = {a, b};
  schema::Database to;
  to.tables = {a};
  to.tables[0].columns[0].not_null = true;
  EXPECT_EQ(statements(from, to), (std::vector<std::string>{
                                      "ALTER TABLE \"b\" DISABLE ROW LEVEL SECURITY;",
                                      "DROP TABLE \"b\" CASCADE;",
                                      "ALTER TABLE \"a\" ALTER COLUMN \"id\" SET NOT NULL;",
                                  }));
}

TEST(Render, EscapesNamesAndEnumValuesUnlikeDrizzle) {
  schema::Database from;
  from.enums.push_back(schema::Enum{"mo\"od", "public", {"ok"}});
  schema::Database to;
  to.enums.push_back(schema::Enum{"mo\"od", "public", {"ok", "it's"}});
  EXPECT_EQ(statements(from, to), std::vector<std::string>{"ALTER TYPE \"public\".\"mo\"\"od\" ADD VALUE 'it''s';"});
}

TEST(Render, DestructiveFlags) {
  schema::Table t;
  t.name = "users";
  t.columns = {column("id", "integer"), column("old", "text")};
  schema::Database from;
  from.tables.push_back(t);
  schema::Database to = from;
  to.tables[0].columns.pop_back();
  diff::NoRenames none;
  auto plan = plan_migration(from, to, none);
  ASSERT_TRUE(plan.has_value());
  ASSERT_EQ(plan->statements.size(), 1u);
  EXPECT_TRUE(plan->statements[0].destructive);
}

TEST(Render, TableRenameRecreatesDefaultNamedConstraints) {
  schema::Table t;
  t.name = "post_tags";
  t.columns = {column("post_id", "integer", true), column("tag", "text", true)};
  t.composite_primary_keys.push_back(schema::PrimaryKey{"post_tags_post_id_tag_pk", {"post_id", "tag"}});
  schema::Database from;
  from.tables.push_back(t);
  schema::Database to = from;
  to.tables[0].name = "tags_of_posts";
  to.tables[0].composite_primary_keys[0].name = "tags_of_posts_post_id_tag_pk";
  diff::ScriptedRenames answers({std::optional<std::string>("post_tags")});
  auto plan = plan_migration(from, to, answers);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(statement_texts(*plan),
            (std::vector<std::string>{
                "ALTER TABLE \"post_tags\" RENAME TO \"tags_of_posts\";",
                "ALTER TABLE \"tags_of_posts\" DROP CONSTRAINT \"post_tags_post_id_tag_pk\";",
                "ALTER TABLE \"tags_of_posts\" ADD CONSTRAINT \"tags_of_posts_post_id_tag_pk\" PRIMARY KEY(\"post_id\",\"tag\");",
            }));
}

}  // namespace
}  // namespace sleet::pg
