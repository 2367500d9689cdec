// Unit tests of pg::load_schema: errors with spans (syntax, semantic, strict mode), warnings for unmanaged
// statements, and the end-to-end behaviour of each statement transformer (types, defaults, constraints,
// default names, ALTER forms, indexes, views, policies, roles, sequences, enums, object order).
#include "dialect/postgres/load.hpp"

#include <gtest/gtest.h>

#include "dialect/postgres/transform.hpp"

#include <string>
#include <vector>

namespace sleet::pg {
namespace {

Result<LoadResult> load(const std::string& sql, LoadOptions options = {}) {
  return load_schema({SourceFile{"schema.sql", sql}}, options);
}

schema::Database load_ok(const std::string& sql) {
  auto result = load(sql);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().describe());
  return result ? result->database : schema::Database{};
}

const schema::Column& column(const schema::Table& table, const std::string& name) {
  for (const schema::Column& item : table.columns) {
    if (item.name == name) return item;
  }
  static const schema::Column kMissing;
  ADD_FAILURE() << "no column " << name;
  return kMissing;
}

TEST(LoadErrors, SyntaxErrorHasFileLineColumnAndCaret) {
  auto result = load("CREATE TABLE a (id int);\n\nCREATE TABEL b (id int);\n");
  ASSERT_FALSE(result.has_value());
  const Error& error = result.error();
  EXPECT_EQ(error.code, ErrorCode::Parse);
  ASSERT_TRUE(error.span.has_value());
  EXPECT_EQ(error.span->file, "schema.sql");
  EXPECT_EQ(error.span->line, 3);
  EXPECT_EQ(error.span->column, 8);
  EXPECT_EQ(error.span->source_line, "CREATE TABEL b (id int);");
  EXPECT_NE(error.message.find("TABEL"), std::string::npos) << error.message;
  EXPECT_NE(error.span->caret().find("       ^"), std::string::npos) << error.span->caret();
}

TEST(LoadErrors, SyntaxErrorNamesTheFileItIsIn) {
  auto result = load_schema({SourceFile{"a.sql", "CREATE TABLE a (id int);"}, SourceFile{"b.sql", "CREATE TABLE b (id int,);"}});
  ASSERT_FALSE(result.has_value());
  ASSERT_TRUE(result.error().span.has_value());
  EXPECT_EQ(result.error().span->location(), "b.sql:1:24");
}

TEST(LoadErrors, AlterOfUnknownTableIsInvalidSchemaAtItsLine) {
  auto result = load("CREATE TABLE a (id int);\nALTER TABLE nope ADD COLUMN x int;");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidSchema);
  ASSERT_TRUE(result.error().span.has_value());
  EXPECT_EQ(result.error().span->line, 2);
  EXPECT_NE(result.error().message.find("nope"), std::string::npos);
}

TEST(LoadErrors, DuplicateTableIsInvalidSchemaInTheSecondFile) {
  auto result = load_schema({SourceFile{"a.sql", "CREATE TABLE t (id int);"}, SourceFile{"b.sql", "\n\nCREATE TABLE t (id int);"}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidSchema);
  EXPECT_EQ(result.error().span->location(), "b.sql:3:1");
}

TEST(LoadErrors, IfNotExistsAcceptsADuplicate) {
  schema::Database database = load_ok("CREATE TABLE t (id int); CREATE TABLE IF NOT EXISTS t (other int);");
  ASSERT_EQ(database.tables.size(), 1u);
  EXPECT_EQ(database.tables[0].columns[0].name, "id");
}

TEST(LoadErrors, ForeignKeyToUndeclaredTableWithExplicitColumnsIsAccepted) {
  schema::Database database = load_ok("CREATE TABLE profiles (user_id uuid REFERENCES auth.users (id));");
  const schema::ForeignKey& key = database.tables.at(0).foreign_keys.at(0);
  EXPECT_EQ(key.name, "profiles_user_id_users_id_fk");
  EXPECT_EQ(key.schema_to, "auth");
}

TEST(LoadErrors, ForeignKeyToUndeclaredTableWithImpliedColumnsNamesItsLine) {
  auto result = load("CREATE TABLE a (\n  id int,\n  b_id int REFERENCES b\n);");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidSchema);
  ASSERT_TRUE(result.error().span.has_value());
  EXPECT_EQ(result.error().span->line, 3);
}

TEST(LoadErrors, PartitionedTableIsUnsupported) {
  auto result = load("CREATE TABLE m (at date) PARTITION BY RANGE (at);");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::Unsupported);
  EXPECT_EQ(result.error().span->line, 1);
}

TEST(LoadErrors, NulByteIsAParseError) {
  auto result = load(std::string("CREATE TABLE a (id int);\0", 25));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::Parse);
}

TEST(LineIndex, SpansEqualSourceSpanFromOffset) {
  SourceFile file{"f.sql", "CREATE TABLE a (\r\n  id int\n);\n\n-- end\nx"};
  LineIndex lines(file);
  for (std::size_t offset = 0; offset <= file.text.size() + 2; ++offset) {
    EXPECT_EQ(lines.span(offset), SourceSpan::from_offset(file.path, file.text, offset)) << offset;
  }
}

TEST(LoadWarnings, UnmanagedStatementsWarnOncePerStatementWithTheirLine) {
  auto result = load(
      "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
      "CREATE TABLE t (id int);\n"
      "CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;\n"
      "COMMENT ON TABLE t IS 'x';\n"
      "GRANT SELECT ON t TO PUBLIC;\n"
      "DO $$ BEGIN END $$;\n"
      "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n");
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  const auto& warnings = result->warnings;
  ASSERT_EQ(warnings.size(), 6u);
  EXPECT_EQ(warnings[0].span.location(), "schema.sql:1:1");
  EXPECT_EQ(warnings[0].message, "CREATE EXTENSION is not managed by sleet; statement ignored");
  EXPECT_EQ(warnings[1].span.line, 3);
  EXPECT_EQ(warnings[1].message, "CREATE FUNCTION is not managed by sleet; statement ignored");
  EXPECT_EQ(warnings[2].message, "COMMENT ON is not managed by sleet; statement ignored");
  EXPECT_EQ(warnings[3].message, "GRANT is not managed by sleet; statement ignored");
  EXPECT_EQ(warnings[4].message, "DO is not managed by sleet; statement ignored");
  EXPECT_EQ(warnings[5].span.line, 7);
  EXPECT_EQ(result->database.tables.size(), 1u);
}

TEST(LoadWarnings, StrictModeTurnsUnmanagedStatementsIntoErrors) {
  LoadOptions strict;
  strict.strict = true;
  auto result = load("CREATE TABLE t (id int);\n  CREATE EXTENSION pgcrypto;", strict);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::Unsupported);
  EXPECT_EQ(result.error().span->location(), "schema.sql:2:3");
  EXPECT_EQ(result.error().message, "CREATE EXTENSION is not managed by sleet");
}

TEST(LoadWarnings, TransactionStatementsAreSilentlyAccepted) {
  auto result = load("BEGIN; CREATE TABLE t (id int); COMMIT;");
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->warnings.empty());
}

TEST(TransformCreateTable, SpellsTypesLikeDrizzle) {
  schema::Database database = load_ok(
      "CREATE TABLE t (a int4, b bigint, c smallint, d varchar(255), e varchar, f char(2), g char,"
      " h numeric(10,2), i numeric(8), j numeric, k timestamptz, l timestamp(3), m timestamp with time zone,"
      " n double precision, o float4, p bool, q text[], r integer[][], s interval day to second, t2 interval,"
      " u serial, v bigserial, w jsonb, x uuid, y varchar(8)[], z timestamp(6) with time zone, aa time);");
  const schema::Table& table = database.tables.at(0);
  std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "integer"}, {"b", "bigint"}, {"c", "smallint"}, {"d", "varchar(255)"}, {"e", "varchar"}, {"f", "char(2)"},
      {"g", "char"}, {"h", "numeric(10, 2)"}, {"i", "numeric(8)"}, {"j", "numeric"}, {"k", "timestamp with time zone"},
      {"l", "timestamp (3)"}, {"m", "timestamp with time zone"}, {"n", "double precision"}, {"o", "real"},
      {"p", "boolean"}, {"q", "text[]"}, {"r", "integer[][]"}, {"s", "interval day to second"}, {"t2", "interval"},
      {"u", "serial"}, {"v", "bigserial"}, {"w", "jsonb"}, {"x", "uuid"}, {"y", "varchar(8)[]"},
      {"z", "timestamp (6) with time zone"}, {"aa", "time"}};
  for (const auto& [name, type] : expected) EXPECT_EQ(column(table, name).type, type) << name;
  EXPECT_TRUE(column(table, "u").not_null) << "serial implies NOT NULL in drizzle";
}

TEST(TransformCreateTable, DefaultsKeepTheirJsonKind) {
  schema::Database database = load_ok(
      "CREATE TABLE t (a int DEFAULT 18, b int DEFAULT -1, c real DEFAULT 2.50, d boolean DEFAULT false,"
      " e text DEFAULT 'it''s', f timestamptz NOT NULL DEFAULT now(), g jsonb DEFAULT '{}'::jsonb NOT NULL,"
      " h int DEFAULT (1 + 2), i text DEFAULT NULL, j timestamptz DEFAULT now()  +  interval '1 hour');");
  const schema::Table& table = database.tables.at(0);
  EXPECT_EQ(column(table, "a").default_value, schema::Scalar::number("18"));
  EXPECT_EQ(column(table, "b").default_value, schema::Scalar::number("-1"));
  EXPECT_EQ(column(table, "c").default_value, schema::Scalar::number("2.5"));
  EXPECT_EQ(column(table, "d").default_value, schema::Scalar::boolean(false));
  EXPECT_EQ(column(table, "e").default_value, schema::Scalar::string("'it''s'"));
  EXPECT_EQ(column(table, "f").default_value, schema::Scalar::string("now()"));
  EXPECT_TRUE(column(table, "f").not_null);
  EXPECT_EQ(column(table, "g").default_value, schema::Scalar::string("'{}'::jsonb"));
  EXPECT_TRUE(column(table, "g").not_null);
  EXPECT_EQ(column(table, "h").default_value, schema::Scalar::string("(1 + 2)"));
  EXPECT_FALSE(column(table, "i").default_value.has_value());
  EXPECT_EQ(column(table, "j").default_value, schema::Scalar::string("now() + interval '1 hour'"));
}

TEST(TransformCreateTable, IdentityGetsDrizzleDefaults) {
  schema::Database database = load_ok(
      "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY, b bigint GENERATED BY DEFAULT AS IDENTITY"
      " (START WITH 10 INCREMENT BY 5 CACHE 20 CYCLE), d smallint GENERATED ALWAYS AS IDENTITY (INCREMENT BY -1));");
  const schema::Table& table = database.tables.at(0);
  const auto& id = column(table, "id").identity;
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->type, schema::IdentityKind::Always);
  EXPECT_EQ(id->name, "t_id_seq");
  EXPECT_EQ(id->schema, "public");
  EXPECT_EQ(id->options.max_value, "2147483647");
  EXPECT_EQ(id->options.start_with, "1");
  EXPECT_TRUE(column(table, "id").not_null);
  const auto& b = column(table, "b").identity;
  EXPECT_EQ(b->type, schema::IdentityKind::ByDefault);
  EXPECT_EQ(b->options.increment, "5");
  EXPECT_EQ(b->options.start_with, "10");
  EXPECT_EQ(b->options.max_value, "9223372036854775807");
  EXPECT_EQ(b->options.cache, "20");
  EXPECT_EQ(b->options.cycle, true);
  const auto& d = column(table, "d").identity;
  EXPECT_EQ(d->options.min_value, "-32768");
  EXPECT_EQ(d->options.max_value, "-1");
  EXPECT_EQ(d->options.start_with, "-1");
}

TEST(TransformCreateTable, UnnamedConstraintsGetDrizzleNames) {
  schema::Database database = load_ok(
      "CREATE TABLE users (id serial PRIMARY KEY, email text UNIQUE);\n"
      "CREATE TABLE posts (id int, tag text, author_id int REFERENCES users ON DELETE CASCADE,"
      " PRIMARY KEY (id, tag), UNIQUE NULLS NOT DISTINCT (tag, id), CONSTRAINT posts_id_check CHECK (id > 0));");
  const schema::Table& posts = database.tables.at(0);
  const schema::Table& users = database.tables.at(1);
  ASSERT_EQ(posts.name, "posts");
  EXPECT_EQ(users.unique_constraints.at(0).name, "users_email_unique");
  EXPECT_EQ(users.unique_constraints.at(0).nulls_not_distinct, false);
  EXPECT_TRUE(column(users, "id").primary_key);
  EXPECT_EQ(posts.composite_primary_keys.at(0).name, "posts_id_tag_pk");
  EXPECT_EQ(posts.unique_constraints.at(0).name, "posts_tag_id_unique");
  EXPECT_EQ(posts.unique_constraints.at(0).nulls_not_distinct, true);
  const schema::ForeignKey& key = posts.foreign_keys.at(0);
  EXPECT_EQ(key.name, "posts_author_id_users_id_fk");
  EXPECT_EQ(key.columns_to, std::vector<std::string>{"id"});
  EXPECT_EQ(key.on_delete, "cascade");
  EXPECT_EQ(key.on_update, "no action");
  EXPECT_EQ(posts.check_constraints.at(0).value.text, "\"posts\".\"id\" > 0");
}

TEST(TransformCreateTable, ChecksAreCanonicalisedSoFormattingIsNoChange) {
  schema::Database a = load_ok("CREATE TABLE t (n int, CONSTRAINT c CHECK (length(n::text) > 0));");
  schema::Database b = load_ok("CREATE TABLE t (n int, CONSTRAINT c CHECK (LENGTH( n :: text )>0));");
  EXPECT_NE(a.tables[0].check_constraints[0].value.text, b.tables[0].check_constraints[0].value.text);
  EXPECT_EQ(a.tables[0].check_constraints[0].value, b.tables[0].check_constraints[0].value);
  EXPECT_EQ(a, b);
}

TEST(TransformCreateTable, GeneratedColumnsAndEnumsFromOtherSchemas) {
  schema::Database database = load_ok(
      "CREATE SCHEMA app;\n"
      "CREATE TABLE app.t (qty int, price int, total int GENERATED ALWAYS AS (qty * price) STORED,"
      " state app.status NOT NULL DEFAULT 'new', tags app.status[]);\n"
      "CREATE TYPE app.status AS ENUM ('new', 'done');\n");
  const schema::Table& table = database.tables.at(0);
  EXPECT_EQ(table.schema, "app");
  ASSERT_TRUE(column(table, "total").generated.has_value());
  EXPECT_EQ(column(table, "total").generated->as.text, "\"app\".\"t\".\"qty\" * \"app\".\"t\".\"price\"");
  EXPECT_EQ(column(table, "state").type, "status");
  EXPECT_EQ(column(table, "state").type_schema, "app");
  EXPECT_EQ(column(table, "tags").type, "status[]");
  EXPECT_EQ(column(table, "tags").type_schema, "app");
  EXPECT_EQ(database.schemas, std::vector<std::string>{"app"});
  EXPECT_EQ(database.enums.at(0).values, (std::vector<std::string>{"new", "done"}));
}

TEST(TransformAlterTable, RenameConstraintFindsPostgresDefaultName) {
  schema::Database database = load_ok(
      "CREATE TABLE orgs (id int PRIMARY KEY);\n"
      "CREATE TABLE members (org_id int REFERENCES orgs (id), email text UNIQUE);\n"
      "ALTER TABLE members RENAME CONSTRAINT members_org_id_fkey TO members_org_fk;\n"
      "ALTER TABLE members RENAME CONSTRAINT members_email_key TO members_email_uq;\n"
      "ALTER TABLE orgs RENAME CONSTRAINT orgs_pkey TO orgs_pk;\n");
  const schema::Table& members = database.tables.at(0);
  EXPECT_EQ(members.foreign_keys.at(0).name, "members_org_fk");
  EXPECT_EQ(members.unique_constraints.at(0).name, "members_email_uq");
}

TEST(TransformAlterTable, DeclarativeFormsEditTheTable) {
  schema::Database database = load_ok(
      "CREATE TABLE t (id int, a text, b text NOT NULL, c int);\n"
      "ALTER TABLE t ADD COLUMN d int DEFAULT 1 NOT NULL, ALTER COLUMN a SET DEFAULT 'x', ALTER COLUMN a SET NOT NULL,\n"
      "  ALTER COLUMN b DROP NOT NULL, ALTER COLUMN c TYPE bigint, DROP COLUMN id;\n"
      "ALTER TABLE t ADD CONSTRAINT t_c_positive CHECK (c > 0);\n"
      "ALTER TABLE ONLY t ADD CONSTRAINT t_pk PRIMARY KEY (a);\n"
      "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n");
  const schema::Table& table = database.tables.at(0);
  ASSERT_EQ(table.columns.size(), 4u);
  EXPECT_EQ(column(table, "d").default_value, schema::Scalar::number("1"));
  EXPECT_TRUE(column(table, "d").not_null);
  EXPECT_EQ(column(table, "a").default_value, schema::Scalar::string("'x'"));
  EXPECT_TRUE(column(table, "a").not_null);
  EXPECT_FALSE(column(table, "b").not_null);
  EXPECT_EQ(column(table, "c").type, "bigint");
  EXPECT_EQ(table.check_constraints.at(0).name, "t_c_positive");
  EXPECT_EQ(table.composite_primary_keys.at(0).name, "t_pk");
  EXPECT_TRUE(table.is_rls_enabled);
}

TEST(TransformAlterTable, PoliciesLeaveTheRlsFlagFalseAsDrizzleRecordsIt) {
  schema::Database database = load_ok(
      "CREATE TABLE d (owner text);\nALTER TABLE d ENABLE ROW LEVEL SECURITY;\n"
      "CREATE POLICY p ON d AS RESTRICTIVE FOR DELETE TO session_user, bob USING (owner = current_user)"
      " WITH CHECK (true);\nCREATE POLICY q ON d;\n");
  const schema::Table& table = database.tables.at(0);
  EXPECT_FALSE(table.is_rls_enabled);
  ASSERT_EQ(table.policies.size(), 2u);
  const schema::Policy& p = table.policies[0];
  EXPECT_EQ(p.as, "RESTRICTIVE");
  EXPECT_EQ(p.for_, "DELETE");
  EXPECT_EQ(p.to, (std::vector<std::string>{"bob", "session_user"}));
  EXPECT_EQ(p.using_->text, "owner = current_user");
  EXPECT_EQ(p.with_check->text, "true");
  const schema::Policy& q = table.policies[1];
  EXPECT_EQ(q.as, "PERMISSIVE");
  EXPECT_EQ(q.for_, "ALL");
  EXPECT_EQ(q.to, std::vector<std::string>{"public"});
  EXPECT_FALSE(q.using_.has_value());
}

TEST(TransformCreatePolicy, PolicyOnUndeclaredTableIsLinkedAtTopLevel) {
  schema::Database database = load_ok("CREATE POLICY own ON auth.users FOR SELECT USING (id = auth.uid());");
  ASSERT_EQ(database.policies.size(), 1u);
  EXPECT_EQ(database.policies[0].on, "\"auth\".\"users\"");
  EXPECT_EQ(database.policies[0].schema, "auth");
  EXPECT_EQ(database.policies[0].using_->text, "id = auth.uid()");
}

TEST(TransformCreateIndex, ColumnsExpressionsAndOptions) {
  schema::Database database = load_ok(
      "CREATE TABLE t (id int, email text, data jsonb, at timestamptz);\n"
      "CREATE UNIQUE INDEX CONCURRENTLY t_email_idx ON t (lower(email)) WHERE at IS NULL;\n"
      "CREATE INDEX ON t USING gin (data jsonb_path_ops) WITH (fastupdate = off);\n"
      "CREATE INDEX t_at ON t (at DESC, (data->>'k') NULLS FIRST, id DESC NULLS LAST) WITH (fillfactor = 70);\n");
  const auto& indexes = database.tables.at(0).indexes;
  ASSERT_EQ(indexes.size(), 3u);
  EXPECT_EQ(indexes[0].name, "t_email_idx");
  EXPECT_TRUE(indexes[0].is_unique);
  EXPECT_TRUE(indexes[0].concurrently);
  EXPECT_EQ(indexes[0].columns[0].expression, "lower(\"email\")");
  EXPECT_TRUE(indexes[0].columns[0].is_expression);
  EXPECT_EQ(indexes[0].where->text, "at IS NULL");
  EXPECT_EQ(indexes[1].name, "t_data_index");
  EXPECT_EQ(indexes[1].method, "gin");
  EXPECT_EQ(indexes[1].columns[0].opclass, "jsonb_path_ops");
  EXPECT_EQ(indexes[1].with, (schema::Options{{"fastupdate", schema::Scalar::string("off")}}));
  const auto& columns = indexes[2].columns;
  EXPECT_FALSE(columns[0].asc);
  EXPECT_EQ(columns[0].nulls, "first");
  EXPECT_EQ(columns[1].expression, "(data->>'k')");
  EXPECT_EQ(columns[1].nulls, "first");
  EXPECT_EQ(columns[2].nulls, "last");
  EXPECT_EQ(indexes[2].with, (schema::Options{{"fillfactor", schema::Scalar::number("70")}}));
}

TEST(TransformCreateView, RawViewsWithOptionsAndInferredColumns) {
  schema::Database database = load_ok(
      "CREATE TABLE s (id serial PRIMARY KEY, region text NOT NULL, amount integer NOT NULL);\n"
      "CREATE VIEW v WITH (security_barrier = true, check_option = local) AS\n"
      "  SELECT id, region AS r, count(*)::int AS n, sum(amount) AS total\n  FROM s GROUP BY id, region;\n"
      "CREATE MATERIALIZED VIEW app_m USING heap TABLESPACE fast AS SELECT * FROM s WITH NO DATA;\n");
  ASSERT_EQ(database.views.size(), 2u);
  const schema::View& m = database.views[0];
  const schema::View& v = database.views[1];
  EXPECT_EQ(v.schema, "public");
  EXPECT_EQ(v.definition->text, "select id, region as r, count(*)::int as n, sum(amount) as total from s group by id, region");
  ASSERT_EQ(v.columns.size(), 4u);
  EXPECT_EQ(v.columns[0].type, "integer");
  EXPECT_FALSE(v.columns[0].primary_key);
  EXPECT_EQ(v.columns[1].name, "r");
  EXPECT_EQ(v.columns[2].type, "integer");
  EXPECT_EQ(v.columns[3].type, "bigint");
  EXPECT_EQ(v.with, (schema::Options{{"securityBarrier", schema::Scalar::boolean(true)},
                                     {"checkOption", schema::Scalar::string("local")}}));
  EXPECT_EQ(v.materialized, false);
  EXPECT_EQ(m.materialized, true);
  EXPECT_EQ(m.with_no_data, true);
  EXPECT_EQ(m.tablespace, "fast");
  EXPECT_EQ(m.using_, "heap");
  EXPECT_EQ(m.definition->text, "select * from s");
  EXPECT_EQ(m.columns.size(), 3u);
}

TEST(TransformCreateView, ColumnListRenamesAndUntypedColumnsWarn) {
  auto result = load("CREATE TABLE t (id int, name text);\nCREATE VIEW v (key, label, extra) AS SELECT id, name, md5(name) FROM t;");
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  const schema::View& view = result->database.views.at(0);
  ASSERT_EQ(view.columns.size(), 2u);
  EXPECT_EQ(view.columns[0].name, "key");
  EXPECT_EQ(view.columns[1].name, "label");
  EXPECT_EQ(view.columns[1].type, "text");
  ASSERT_EQ(result->warnings.size(), 1u);
  EXPECT_EQ(result->warnings[0].span.line, 2);
  EXPECT_EQ(result->warnings[0].message, "cannot infer the type of view column \"extra\"; it is left out of the snapshot");
}

TEST(TransformOthers, SequencesRolesEnumsAndOrder) {
  schema::Database database = load_ok(
      "CREATE SEQUENCE zeta_seq;\n"
      "CREATE SEQUENCE ops.alpha_seq INCREMENT BY -2 MAXVALUE 100 CACHE 5 CYCLE;\n"
      "CREATE ROLE reader;\nCREATE ROLE admin WITH CREATEDB CREATEROLE NOINHERIT;\n"
      "CREATE TYPE mood AS ENUM ('ok', 'sad');\nALTER TYPE mood ADD VALUE 'happy' BEFORE 'ok';\n"
      "ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';\nALTER TYPE mood RENAME VALUE 'sad' TO 'blue';\n"
      "CREATE TABLE zoo (id int);\nCREATE TABLE Apple (id int);\nCREATE TABLE mid (id int);\n");
  ASSERT_EQ(database.sequences.size(), 2u);
  const schema::Sequence& alpha = database.sequences[0];
  EXPECT_EQ(alpha.name, "alpha_seq");
  EXPECT_EQ(alpha.schema, "ops");
  EXPECT_EQ(alpha.options.increment, "-2");
  EXPECT_EQ(alpha.options.min_value, "-9223372036854775808");
  EXPECT_EQ(alpha.options.max_value, "100");
  EXPECT_EQ(alpha.options.start_with, "100");
  EXPECT_EQ(alpha.options.cache, "5");
  EXPECT_EQ(alpha.options.cycle, true);
  const schema::Sequence& zeta = database.sequences[1];
  EXPECT_EQ(zeta.options.min_value, "1");
  EXPECT_EQ(zeta.options.max_value, "9223372036854775807");
  EXPECT_EQ(zeta.options.start_with, "1");
  EXPECT_EQ(zeta.options.cycle, false);
  ASSERT_EQ(database.roles.size(), 2u);
  EXPECT_EQ(database.roles[0].name, "admin");
  EXPECT_EQ(database.roles[0].create_db, true);
  EXPECT_EQ(database.roles[0].inherit, false);
  EXPECT_EQ(database.roles[1].inherit, true);
  EXPECT_EQ(database.enums.at(0).values, (std::vector<std::string>{"happy", "ok", "meh", "blue"}));
  std::vector<std::string> names;
  for (const schema::Table& table : database.tables) names.push_back(table.name);
  EXPECT_EQ(names, (std::vector<std::string>{"apple", "mid", "zoo"}));
}


TEST(TransformDrop, DropsDeclaredObjectsAndAcceptsIfExists) {
  schema::Database database = load_ok(
      "DROP TABLE IF EXISTS users CASCADE;\nDROP TYPE IF EXISTS mood;\n"
      "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE users (id int PRIMARY KEY);\n"
      "CREATE TABLE posts (id int, user_id int REFERENCES users);\nCREATE INDEX posts_user ON posts (user_id);\n"
      "CREATE VIEW v AS SELECT id FROM users;\nCREATE SEQUENCE s;\n"
      "DROP INDEX posts_user;\nDROP VIEW v;\nDROP SEQUENCE s;\nDROP TYPE mood;\nDROP TABLE users CASCADE;\n");
  ASSERT_EQ(database.tables.size(), 1u);
  EXPECT_EQ(database.tables[0].name, "posts");
  EXPECT_TRUE(database.tables[0].foreign_keys.empty());
  EXPECT_TRUE(database.tables[0].indexes.empty());
  EXPECT_TRUE(database.views.empty());
  EXPECT_TRUE(database.sequences.empty());
  EXPECT_TRUE(database.enums.empty());
}

TEST(TransformDrop, DropOfUndeclaredOrReferencedTableFails) {
  auto missing = load("DROP TABLE nope;");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidSchema);
  EXPECT_EQ(missing.error().message, "cannot drop table \"nope\": it is not declared in the schema files");
  auto referenced = load("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a);\nDROP TABLE a;");
  ASSERT_FALSE(referenced.has_value());
  EXPECT_EQ(referenced.error().span->line, 2);
}

TEST(TransformRename, PoliciesViewsAndRolesAreRenamedTablesAreRefused) {
  schema::Database database = load_ok(
      "CREATE ROLE r; CREATE TABLE t (id int); CREATE POLICY p ON t; CREATE VIEW v AS SELECT id FROM t;\n"
      "ALTER POLICY p ON t RENAME TO q; ALTER VIEW v RENAME TO w; ALTER ROLE r RENAME TO s;");
  EXPECT_EQ(database.tables[0].policies[0].name, "q");
  EXPECT_EQ(database.views[0].name, "w");
  EXPECT_EQ(database.roles[0].name, "s");
  auto table = load("CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;");
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().code, ErrorCode::Unsupported);
  EXPECT_EQ(table.error().span->line, 2);
}

TEST(LoadWarnings, StrictModeAlsoRefusesDetailsTheModelCannotHold) {
  LoadOptions strict;
  strict.strict = true;
  auto result = load("CREATE TABLE t (name text COLLATE \"C\");", strict);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::Unsupported);
  EXPECT_EQ(result.error().message, "column collations are not kept in the schema model");
  auto relaxed = load("CREATE TABLE t (name text COLLATE \"C\");");
  ASSERT_TRUE(relaxed.has_value());
  EXPECT_EQ(relaxed->warnings.size(), 1u);
}

}  // namespace
}  // namespace sleet::pg
