#include "app/config.hpp"

#include <gtest/gtest.h>

#include "app/database_url.hpp"
#include "core/file_io.hpp"
#include "temp_dir.hpp"

namespace sleet::app {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, std::string_view text) { ASSERT_TRUE(write_file_atomic(path, text)); }

TEST(Config, WithoutAFileUsesTheEmbeddedSqliteDefault) {
  sleet::test::TempDir dir;
  auto config = load_config({}, dir.path(), {});
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->dialect, schema::Dialect::Sqlite);
  EXPECT_EQ(config->schema, std::vector<std::string>{"schema.sql"});
  EXPECT_EQ(config->out, "drizzle");
  EXPECT_EQ(config->url, "sqlite:app.db");
  EXPECT_EQ(config->tracking.table, "__drizzle_migrations");
  EXPECT_TRUE(config->config_file.empty());
}

TEST(Config, ReadsEveryKeyAndExpandsVariablesFromDotEnvBesideTheFile) {
  sleet::test::TempDir dir;
  write(dir.path() / "sleet.toml", R"(dialect = "postgresql"
schema = ["db/a.sql", "db/b"]
out = "migrations"
url = "postgres://app:${DB_PASSWORD}@localhost:5432/${DB_NAME:-app}"
breakpoints = false
[migrations]
table = "history"
schema = "meta"
prefix = "timestamp"
)");
  write(dir.path() / ".env", "# secrets\nexport DB_PASSWORD='p@ss word'\nUNUSED=1\n");
  auto config = load_config({}, dir.path(), {});
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->dialect, schema::Dialect::Postgres);
  EXPECT_EQ(config->schema, (std::vector<std::string>{"db/a.sql", "db/b"}));
  EXPECT_EQ(config->out, "migrations");
  EXPECT_EQ(config->url, "postgres://app:p@ss word@localhost:5432/app");
  EXPECT_FALSE(config->breakpoints);
  EXPECT_EQ(config->tracking.table, "history");
  EXPECT_EQ(config->tracking.schema, "meta");
  EXPECT_EQ(config->prefix, "timestamp");
  EXPECT_EQ(config->base_dir, dir.path());
}

TEST(Config, TheRealEnvironmentWinsOverDotEnvAndFlagsWinOverEverything) {
  sleet::test::TempDir dir;
  write(dir.path() / "sleet.toml", "dialect = \"sqlite\"\nurl = \"sqlite:${DB}\"\nout = \"a\"\n");
  write(dir.path() / ".env", "DB=from-dotenv.db\n");
  auto config = load_config({}, dir.path(), {{"DB", "from-env.db"}});
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->url, "sqlite:from-env.db");
  ConfigOverrides flags;
  flags.out = "b";
  flags.url = "sqlite:flag.db";
  config = load_config(flags, dir.path(), {});
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->out, "b");
  EXPECT_EQ(config->url, "sqlite:flag.db");
}

TEST(Config, UnknownKeyIsAnErrorWithLineAndColumn) {
  sleet::test::TempDir dir;
  write(dir.path() / "sleet.toml", "dialect = \"sqlite\"\n  outt = \"x\"\n");
  auto config = load_config({}, dir.path(), {});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::Config);
  EXPECT_NE(config.error().message.find("unknown key \"outt\""), std::string::npos);
  ASSERT_TRUE(config.error().span);
  EXPECT_EQ(config.error().span->line, 2);
  EXPECT_EQ(config.error().span->column, 3);
  EXPECT_EQ(to_exit_code(config.error().code), 4);
}

TEST(Config, UnknownMigrationsKeyIsAnError) {
  sleet::test::TempDir dir;
  write(dir.path() / "sleet.toml", "[migrations]\ntabel = \"x\"\n");
  auto config = load_config({}, dir.path(), {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("migrations.tabel"), std::string::npos);
  EXPECT_EQ(config.error().span->line, 2);
}

TEST(Config, MissingVariableIsNamedWithItsLocation) {
  sleet::test::TempDir dir;
  write(dir.path() / "sleet.toml", "dialect = \"postgresql\"\nurl = \"${DATABASE_URL}\"\n");
  auto config = load_config({}, dir.path(), {});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::Config);
  EXPECT_NE(config.error().message.find("DATABASE_URL is not set"), std::string::npos);
  ASSERT_TRUE(config.error().span);
  EXPECT_EQ(config.error().span->line, 2);
}

TEST(Config, TomlSyntaxErrorHasAPosition) {
  sleet::test::TempDir dir;
  write(dir.path() / "sleet.toml", "dialect = \"sqlite\n");
  auto config = load_config({}, dir.path(), {});
  ASSERT_FALSE(config);
  ASSERT_TRUE(config.error().span);
  EXPECT_EQ(config.error().span->line, 1);
  EXPECT_GT(config.error().span->column, 1);
}

TEST(Config, UnknownDialectAndPrefixAreErrors) {
  sleet::test::TempDir dir;
  ConfigOverrides flags;
  flags.dialect = "oracle";
  auto config = load_config(flags, dir.path(), {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("unknown dialect \"oracle\""), std::string::npos);
  flags = {};
  flags.prefix = "weekly";
  config = load_config(flags, dir.path(), {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("weekly"), std::string::npos);
}

TEST(Config, MissingExplicitConfigFileIsAnError) {
  sleet::test::TempDir dir;
  ConfigOverrides flags;
  flags.config_file = "nope.toml";
  auto config = load_config(flags, dir.path(), {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("nope.toml: config file not found"), std::string::npos);
}

TEST(Config, PostgresUrlFlagAloneSelectsPostgres) {
  sleet::test::TempDir dir;
  ConfigOverrides flags;
  flags.url = "postgresql://u:pw@localhost/db";
  auto config = load_config(flags, dir.path(), {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->dialect, schema::Dialect::Postgres);
}

TEST(Config, PostgresDialectWithoutUrlHasNoDefaultDatabase) {
  sleet::test::TempDir dir;
  ConfigOverrides flags;
  flags.dialect = "postgresql";
  auto config = load_config(flags, dir.path(), {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->url, "");
  auto url = parse_database_url(config->url, config->dialect, dir.path());
  ASSERT_FALSE(url);
  EXPECT_NE(url.error().message.find("no database URL"), std::string::npos);
}

TEST(ExpandVariables, HandlesFallbacksAndDollarEscapes) {
  Environment env{{"A", "1"}, {"EMPTY", ""}};
  EXPECT_EQ(*expand_variables("x${A}y", env), "x1y");
  EXPECT_EQ(*expand_variables("${B:-two}", env), "two");
  EXPECT_EQ(*expand_variables("${EMPTY:-dflt}", env), "dflt");
  EXPECT_EQ(*expand_variables("cost $$5 $x", env), "cost $5 $x");
  EXPECT_FALSE(expand_variables("${B}", env));
  EXPECT_FALSE(expand_variables("${A", env));
}

TEST(DotEnv, ParsesQuotesCommentsAndExport) {
  auto env = parse_dotenv("A=1\n# c\nexport B = \"x\\ny\"\nC='lit $A'\nD=plain # comment\n\nE=\n", ".env");
  ASSERT_TRUE(env) << env.error().describe();
  EXPECT_EQ(env->at("A"), "1");
  EXPECT_EQ(env->at("B"), "x\ny");
  EXPECT_EQ(env->at("C"), "lit $A");
  EXPECT_EQ(env->at("D"), "plain");
  EXPECT_EQ(env->at("E"), "");
  auto bad = parse_dotenv("OK=1\nnot a line\n", ".env");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().span->line, 2);
}

TEST(DatabaseUrl, ParsesEveryKindAndMasksPasswords) {
  auto pg = parse_database_url("postgres://me:hunter2@db:5432/app", schema::Dialect::Postgres, "/base");
  ASSERT_TRUE(pg);
  EXPECT_EQ(pg->conninfo, "postgres://me:hunter2@db:5432/app");
  EXPECT_EQ(pg->display, "postgres://me:****@db:5432/app");
  auto kv = parse_database_url("host=db dbname=app password=hunter2", schema::Dialect::Postgres, "/base");
  ASSERT_TRUE(kv);
  EXPECT_EQ(kv->display, "host=db dbname=app password=****");
  auto lite = parse_database_url("sqlite:data/app.db", schema::Dialect::Sqlite, "/base");
  ASSERT_TRUE(lite);
  EXPECT_EQ(lite->sqlite_path, "/base/data/app.db");
  auto file = parse_database_url("file:/abs/app.db?mode=ro", schema::Dialect::Sqlite, "/base");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->sqlite_path, "/abs/app.db");
  auto wrong = parse_database_url("postgres://me:hunter2@db/app", schema::Dialect::Sqlite, "/base");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message.find("hunter2"), std::string::npos);
  EXPECT_NE(wrong.error().message.find("****"), std::string::npos);
  auto other = parse_database_url("mysql://x@y/z", schema::Dialect::Sqlite, "/base");
  ASSERT_FALSE(other);
}

}  // namespace
}  // namespace sleet::app
