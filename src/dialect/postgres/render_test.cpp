// Unit tests of the PostgreSQL renderer and plan_migration: exact statement text for each change kind, identifier
// escaping, and the deliberate deviations from drizzle-kit.
#include <gtest/gtest.h>

#include "diff/scripted_renames.hpp"
#include "dialect/postgres/plan_migration.hpp"
#include "dialect/postgres/render.hpp"
#include "dialect/postgres/render_internal.hpp"

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

TEST(Render, NullAndArrayDefaults) {
  // drizzle prints any JSON default with `${default}`: `DEFAULT null` (valid, kept) and, for arrays, JavaScript's
  // String(array) (`DEFAULT ,` for [] -- a syntax error); sleet writes PostgreSQL array literals instead.
  schema::Table t;
  t.name = "t";
  t.columns = {column("a", "uuid"), column("b", "bigint[]"), column("c", "text[]"), column("d", "integer[][]"),
               column("e", "jsonb")};
  t.columns[0].default_value = schema::Scalar::null();
  t.columns[1].default_value = schema::Scalar::json("[]");
  t.columns[2].default_value = schema::Scalar::json(R"(["it's","q\"b\\s",null])");
  t.columns[3].default_value = schema::Scalar::json("[[1,2],[3,4]]");
  t.columns[4].default_value = schema::Scalar::json(R"({"k":[1]})");
  schema::Database to;
  to.tables.push_back(t);
  EXPECT_EQ(statements({}, to),
            std::vector<std::string>{"CREATE TABLE \"t\" (\n\t\"a\" uuid DEFAULT null,\n\t\"b\" bigint[] DEFAULT '{}',\n"
                                     "\t\"c\" text[] DEFAULT '{\"it''s\",\"q\\\"b\\\\s\",NULL}',\n"
                                     "\t\"d\" integer[][] DEFAULT '{{1,2},{3,4}}',\n\t\"e\" jsonb DEFAULT '{\"k\":[1]}'\n);\n"});
  schema::Database changed = to;
  changed.tables[0].columns[0].default_value.reset();
  changed.tables[0].columns[1].default_value = schema::Scalar::json("[7]");
  EXPECT_EQ(statements(to, changed), (std::vector<std::string>{
                                         "ALTER TABLE \"t\" ALTER COLUMN \"a\" DROP DEFAULT;",
                                         "ALTER TABLE \"t\" ALTER COLUMN \"b\" SET DEFAULT '{7}';",
                                     }));
}

TEST(Render, DroppedColumnPrimaryKeyIsDroppedByPostgresName) {
  // drizzle-kit writes a commented-out hint only (drizzle-reference 8.15); sleet drops `<table>_pkey`, the name
  // PostgreSQL gave the inline key, as the table was named before this migration.
  schema::Table t;
  t.name = "users";
  t.schema = "auth";
  t.columns = {column("id", "integer", true)};
  t.columns[0].primary_key = true;
  schema::Database from;
  from.tables.push_back(t);
  schema::Database to = from;
  to.tables[0].columns[0].primary_key = false;
  to.tables[0].columns[0].not_null = false;
  EXPECT_EQ(statements(from, to), (std::vector<std::string>{
                                      "ALTER TABLE \"auth\".\"users\" DROP CONSTRAINT \"users_pkey\";",
                                      "ALTER TABLE \"auth\".\"users\" ALTER COLUMN \"id\" DROP NOT NULL;",
                                  }));
  // Renamed in the same migration: the key still has the old table's name.
  to.tables[0].name = "people";
  diff::ScriptedRenames answers({std::optional<std::string>("auth.users")});
  auto plan = plan_migration(from, to, answers);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(statement_texts(*plan)[1], "ALTER TABLE \"auth\".\"people\" DROP CONSTRAINT \"users_pkey\";");
}

TEST(Render, InlinePrimaryKeyNameIsCutLikePostgres) {
  EXPECT_EQ(detail::inline_primary_key_name("users"), "users_pkey");
  std::string long_name(70, 'x');
  EXPECT_EQ(detail::inline_primary_key_name(long_name), std::string(58, 'x') + "_pkey");
  // A multibyte character is never split: 57 ASCII bytes then "é" (2 bytes) crossing byte 58.
  std::string accented = std::string(57, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(detail::inline_primary_key_name(accented), std::string(57, 'a') + "_pkey");
}

TEST(Render, IdentityOnANullableColumnSetsNotNullFirst) {
  // drizzle-kit removes the SET NOT NULL (pg/080), and PostgreSQL refuses ADD GENERATED on a nullable column.
  schema::Table t;
  t.name = "tags";
  t.columns = {column("id", "integer")};
  schema::Database from;
  from.tables.push_back(t);
  schema::Database to = from;
  to.tables[0].columns[0].not_null = true;
  schema::Identity identity{schema::IdentityKind::ByDefault, "tags_id_seq", "public", {}};
  identity.options.increment = "1";
  to.tables[0].columns[0].identity = identity;
  EXPECT_EQ(statements(from, to),
            (std::vector<std::string>{
                "ALTER TABLE \"tags\" ALTER COLUMN \"id\" SET NOT NULL;",
                "ALTER TABLE \"tags\" ALTER COLUMN \"id\" ADD GENERATED BY DEFAULT AS IDENTITY (sequence name "
                "\"tags_id_seq\" INCREMENT BY 1);",
            }));
  // And back: DROP IDENTITY keeps NOT NULL, so DROP NOT NULL follows it.
  EXPECT_EQ(statements(to, from), (std::vector<std::string>{
                                      "ALTER TABLE \"tags\" ALTER COLUMN \"id\" DROP IDENTITY;",
                                      "ALTER TABLE \"tags\" ALTER COLUMN \"id\" DROP NOT NULL;",
                                  }));
}

}  // namespace
}  // namespace sleet::pg
