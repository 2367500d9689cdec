// End-to-end tests of `sleet init`, `sleet migrate` and `sleet status` through the built binary: every bad
// input gets one clear message, the documented exit code, and nothing written.
#include <gtest/gtest.h>

#include "core/file_io.hpp"
#include "core/sha256.hpp"
#include "pg_fixture.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

namespace sleet::test {
namespace {

namespace fs = std::filesystem;

struct Migration {
  std::string tag;
  std::int64_t when;
  std::string sql;
};

/// Writes a drizzle-format folder (journal + SQL files) into `dir`.
void write_folder(const fs::path& dir, const std::string& dialect, const std::vector<Migration>& migrations) {
  fs::create_directories(dir / "meta");
  std::string journal = "{\n  \"version\": \"7\",\n  \"dialect\": \"" + dialect + "\",\n  \"entries\": [";
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const auto& m = migrations[i];
    journal += std::string(i ? "," : "") + "\n    {\n      \"idx\": " + std::to_string(i) +
               ",\n      \"version\": \"" + (dialect == "sqlite" ? "6" : "7") + "\",\n      \"when\": " +
               std::to_string(m.when) + ",\n      \"tag\": \"" + m.tag + "\",\n      \"breakpoints\": true\n    }";
    ASSERT_TRUE(write_file_atomic(dir / (m.tag + ".sql"), m.sql));
  }
  journal += migrations.empty() ? "]\n}" : "\n  ]\n}";
  ASSERT_TRUE(write_file_atomic(dir / "meta" / "_journal.json", journal));
}

class Cli : public ::testing::Test {
 protected:
  CommandResult sleet(const std::string& args) {
    return run_command("cd " + shell_quote(dir_.path().string()) + " && " + shell_quote(sleet_binary()) + " " + args);
  }
  CommandResult sqlite(const std::string& sql) {
    return run_command("sqlite3 " + shell_quote((dir_.path() / "app.db").string()) + " " + shell_quote(sql));
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }
  TempDir dir_{"sleet-cli"};
};

std::string sha256_of(const fs::path& file) { return sha256_hex(*read_file(file)); }

const std::vector<Migration> kTwoSqliteMigrations = {
    {"0000_init", 1700000000000, "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text\n);\n"},
    {"0001_posts", 1700000001000,
     "CREATE TABLE `posts` (\n\t`id` integer PRIMARY KEY NOT NULL\n);\n--> statement-breakpoint\nCREATE INDEX "
     "`posts_id_idx` ON `posts` (`id`);"},
};

TEST_F(Cli, MigrateOnTheEmbeddedDefaultThenStatus) {
  write_folder(path("drizzle"), "sqlite", kTwoSqliteMigrations);
  auto run = sleet("migrate");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("applied  0000_init"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("applied 2 migrations to sqlite:app.db"), std::string::npos) << run.out;
  auto rows = sqlite("select id is null, hash, created_at from __drizzle_migrations order by created_at");
  EXPECT_EQ(rows.out, "1|" + sha256_of(path("drizzle/0000_init.sql")) + "|1700000000000\n1|" +
                          sha256_of(path("drizzle/0001_posts.sql")) + "|1700000001000\n");
  auto status = sleet("status");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("applied      0000_init"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("2 applied, 0 pending"), std::string::npos) << status.out;
  auto again = sleet("migrate");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("nothing to migrate"), std::string::npos) << again.out;
}

TEST_F(Cli, JsonOutputIsOneDocumentOnStdout) {
  write_folder(path("drizzle"), "sqlite", kTwoSqliteMigrations);
  auto run = sleet("migrate --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("{\"ok\":true,\"dry_run\":false", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("\"tag\":\"0001_posts\",\"when\":1700000001000,\"statements\":2"), std::string::npos)
      << run.out;
  auto status = sleet("status --json");
  ASSERT_EQ(status.exit_code, 0);
  EXPECT_NE(status.out.find("\"state\":\"applied\""), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("\"applied\":2,\"pending\":0,\"out_of_order\":0"), std::string::npos) << status.out;
}

TEST_F(Cli, DryRunTouchesNothing) {
  write_folder(path("drizzle"), "sqlite", kTwoSqliteMigrations);
  auto run = sleet("migrate --dry-run");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("2 migrations would be applied"), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(path("app.db")));
  ASSERT_EQ(sleet("migrate").exit_code, 0);
  write_folder(path("drizzle"), "sqlite",
               {kTwoSqliteMigrations[0], kTwoSqliteMigrations[1], {"0002_x", 1700000002000, "CREATE TABLE x (a);"}});
  auto dry = sleet("migrate --dry-run");
  EXPECT_NE(dry.out.find("1 migration would be applied"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("0002_x"), std::string::npos);
  EXPECT_EQ(sqlite("select count(*) from sqlite_master where name = 'x'").out, "0\n");
}

TEST_F(Cli, OutOfOrderEntryIsExitTwoUntilAllowed) {
  write_folder(path("drizzle"), "sqlite", {kTwoSqliteMigrations[0], kTwoSqliteMigrations[1]});
  ASSERT_EQ(sleet("migrate").exit_code, 0);
  // A branch merge: an entry older than the newest applied one.
  write_folder(path("drizzle"), "sqlite",
               {kTwoSqliteMigrations[0], kTwoSqliteMigrations[1],
                {"0002_from_branch", 1700000000500, "CREATE TABLE `branch` (`id` integer);"}});
  auto run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("0002_from_branch"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--allow-out-of-order"), std::string::npos) << run.err;
  auto status = sleet("status");
  EXPECT_NE(status.out.find("out-of-order 0002_from_branch"), std::string::npos) << status.out;
  auto allowed = sleet("migrate --allow-out-of-order");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(sqlite("select count(*) from __drizzle_migrations").out, "3\n");
}

TEST_F(Cli, SqlErrorMidMigrationRollsBackEverythingAndNamesTheStatement) {
  write_folder(path("drizzle"), "sqlite",
               {kTwoSqliteMigrations[0],
                {"0001_broken", 1700000001000,
                 "CREATE TABLE `a` (`id` integer);--> statement-breakpoint\nINSERT INTO nope VALUES (1);"}});
  auto run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("0001_broken.sql"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("statement 2"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("INSERT INTO nope"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("no such table: nope"), std::string::npos) << run.err;
  EXPECT_EQ(sqlite("select count(*) from sqlite_master").out, "0\n");
}

TEST_F(Cli, MalformedJournalNamesFileLineAndColumn) {
  fs::create_directories(path("drizzle/meta"));
  ASSERT_TRUE(write_file_atomic(path("drizzle/meta/_journal.json"), "{\n  \"version\": \"7\",\n  \"dialect\" \"sqlite\"\n}"));
  auto run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("_journal.json:3:"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(path("app.db")));
}

TEST_F(Cli, MissingJournalAndMissingSqlFileNameThePath) {
  auto run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("migrations folder " + path("drizzle").string() + " does not exist"), std::string::npos)
      << run.err;
  fs::create_directories(path("drizzle/meta"));
  run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("drizzle/meta/_journal.json"), std::string::npos) << run.err;
  write_folder(path("drizzle"), "sqlite", kTwoSqliteMigrations);
  fs::remove(path("drizzle/0001_posts.sql"));
  run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("0001_posts.sql"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(path("app.db")));
}

TEST_F(Cli, ConfigErrorsAreExitFourWithLocation) {
  write_folder(path("drizzle"), "sqlite", kTwoSqliteMigrations);
  ASSERT_TRUE(write_file_atomic(path("sleet.toml"), "dialect = \"sqlite\"\nurl = \"sqlite:app.db\"\nshcema = \"x\"\n"));
  auto run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("sleet.toml:3:1: unknown key \"shcema\""), std::string::npos) << run.err;
  ASSERT_TRUE(write_file_atomic(path("sleet.toml"), "dialect = \"postgresql\"\nurl = \"${SLEET_TEST_UNSET_VAR}\"\n"));
  run = sleet("migrate");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("SLEET_TEST_UNSET_VAR is not set"), std::string::npos) << run.err;
  fs::remove(path("sleet.toml"));
  run = sleet("migrate --dialect mysql");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("unknown dialect \"mysql\""), std::string::npos) << run.err;
  run = sleet("migrate --no-such-flag");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("sleet --help"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(path("app.db")));
}

TEST_F(Cli, ReadOnlySqliteDatabaseFailsCleanly) {
  write_folder(path("drizzle"), "sqlite", kTwoSqliteMigrations);
  ASSERT_EQ(sqlite("create table keep (a);").exit_code, 0);
  fs::permissions(path("app.db"), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir_.path(), fs::perms::all & ~fs::perms::group_write & ~fs::perms::others_write);
  // root ignores file modes, so run sleet as an unprivileged user there; that user may not be able to reach
  // the build tree (a checkout under /root), so it runs a copy of the binary kept in the test folder.
  std::string as_user = geteuid() == 0 ? "runuser -u nobody -- " : "";
  fs::path binary = dir_.path() / "sleet";
  fs::copy_file(sleet_binary(), binary);
  fs::permissions(binary, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  auto run = run_command("cd " + shell_quote(dir_.path().string()) + " && " + as_user + shell_quote(binary.string()) +
                         " migrate");
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("readonly database"), std::string::npos) << run.err;
  EXPECT_EQ(sqlite("select count(*) from sqlite_master").out, "1\n");
  auto missing = sleet("migrate --url sqlite:no/such/dir/app.db");
  EXPECT_EQ(missing.exit_code, 5) << missing.err;
  EXPECT_NE(missing.err.find("no/such/dir"), std::string::npos) << missing.err;
}

TEST_F(Cli, UnreachableServerFailsFastWithoutThePassword) {
  write_folder(path("drizzle"), "postgresql", {{"0000_a", 1, "CREATE TABLE a (id int);"}});
  auto start = std::chrono::steady_clock::now();
  auto run = sleet("migrate --url postgres://someone:topsecret@127.0.0.1:1/db");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("postgres://someone:****@127.0.0.1:1/db"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("topsecret"), std::string::npos) << run.err;
  EXPECT_LT(elapsed, std::chrono::seconds(30));
}

TEST_F(Cli, InitScaffoldsAndRefusesTwice) {
  auto run = sleet("init");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(path("sleet.toml")));
  EXPECT_TRUE(fs::exists(path("schema.sql")));
  EXPECT_TRUE(fs::exists(path("drizzle/meta/_journal.json")));
  auto status = sleet("status");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("0 applied, 0 pending"), std::string::npos) << status.out;
  auto twice = sleet("init");
  EXPECT_EQ(twice.exit_code, 4);
  EXPECT_NE(twice.err.find("already exists"), std::string::npos);
}

class CliPostgres : public Cli {
 protected:
  void SetUp() override {
    auto created = PgTestDatabase::create();
    ASSERT_TRUE(created.has_value()) << created.error().describe();
    db_.emplace(std::move(created).value());
  }
  CommandResult psql(const std::string& sql) {
    return run_command("psql -qtAX " + shell_quote(db_->url()) + " -c " + shell_quote(sql));
  }
  std::optional<PgTestDatabase> db_;
};

TEST_F(CliPostgres, MigratesWithCustomTrackingTableAndReportsSqlState) {
  write_folder(path("drizzle"), "postgresql",
               {{"0000_a", 1700000000000, "CREATE TABLE \"a\" (\"id\" integer);"},
                {"0001_b", 1700000001000, "CREATE TABLE \"b\" (\"id\" integer);--> statement-breakpoint\nSELECT 1/0;"}});
  auto run = sleet("migrate --url " + shell_quote(db_->url()) + " --migrations-table hist --migrations-schema meta");
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("0001_b.sql"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("22012"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("division by zero"), std::string::npos) << run.err;
  EXPECT_EQ(psql("select count(*) from pg_tables where schemaname not in ('pg_catalog','information_schema')").out,
            "0\n");
  write_folder(path("drizzle"), "postgresql", {{"0000_a", 1700000000000, "CREATE TABLE \"a\" (\"id\" integer);"}});
  run = sleet("migrate --url " + shell_quote(db_->url()) + " --migrations-table hist --migrations-schema meta");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(psql("select created_at from meta.hist").out, "1700000000000\n");
}

TEST_F(CliPostgres, WrongPasswordIsAClearDatabaseError) {
  write_folder(path("drizzle"), "postgresql", {{"0000_a", 1, "CREATE TABLE a (id int);"}});
  std::string url = pg_url_for_user(db_->url(), "sleet_pw", "wrong-password");
  auto run = sleet("migrate --url " + shell_quote(url));
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("password authentication failed"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("wrong-password"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace sleet::test

namespace sleet::test {
namespace {

class CliGenerate : public Cli {
 protected:
  void write_schema(const std::string& sql) { ASSERT_TRUE(write_file_atomic(path("schema.sql"), sql)); }
  CommandResult generate(const std::string& args = "") {
    return sleet("generate --dialect postgresql --schema schema.sql " + args + " </dev/null");
  }
};

TEST_F(CliGenerate, WritesMigrationThenNothingThenAChange) {
  write_schema("CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);\n");
  auto first = generate("--name init");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("wrote drizzle/0000_init.sql (1 statement)"), std::string::npos) << first.out;
  EXPECT_EQ(*read_file(path("drizzle/0000_init.sql")),
            "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"name\" text NOT NULL\n);\n");
  auto noop = generate();
  ASSERT_EQ(noop.exit_code, 0) << noop.err;
  EXPECT_NE(noop.out.find("nothing to migrate"), std::string::npos) << noop.out;
  EXPECT_FALSE(fs::exists(path("drizzle/meta/0001_snapshot.json")));

  write_schema("CREATE TABLE users (id serial PRIMARY KEY);\n");
  auto drop = generate("--name drop_name");
  ASSERT_EQ(drop.exit_code, 0) << drop.err;
  EXPECT_NE(drop.out.find("! ALTER TABLE \"users\" DROP COLUMN \"name\";"), std::string::npos) << drop.out;
  EXPECT_EQ(*read_file(path("drizzle/0001_drop_name.sql")), "ALTER TABLE \"users\" DROP COLUMN \"name\";");
}

TEST_F(CliGenerate, NoOpIsRememberedUntilAnInputChanges) {
  write_schema("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE TABLE t (id int);\n");
  ASSERT_EQ(generate("--name init").exit_code, 0);
  auto computed = generate();
  ASSERT_EQ(computed.exit_code, 0) << computed.err;
  EXPECT_NE(computed.out.find("nothing to migrate"), std::string::npos) << computed.out;
  EXPECT_NE(computed.err.find("warning: schema.sql:1:1: CREATE FUNCTION"), std::string::npos) << computed.err;
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(path(".sleet/cache"))) entries.push_back(entry.path());
  ASSERT_EQ(entries.size(), 1u);

  auto remembered = generate();  // answered from the memo: the same output
  EXPECT_EQ(remembered.exit_code, 0);
  EXPECT_EQ(remembered.out, computed.out);
  EXPECT_EQ(remembered.err, computed.err);
  // Proof that the memo answered: an entry edited by hand is what comes back; --no-cache ignores it.
  std::string entry = *read_file(entries[0]);
  std::size_t message = entry.rfind('\t');
  ASSERT_NE(message, std::string::npos);
  ASSERT_TRUE(write_file_atomic(entries[0], entry.substr(0, message + 1) + "from the memo\n"));
  EXPECT_NE(generate().err.find("from the memo"), std::string::npos);
  EXPECT_EQ(generate("--no-cache").err, computed.err);

  // Any change of an input is a miss: the new column is migrated.
  write_schema("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE TABLE t (id int, v int);\n");
  auto changed = generate("--name add_v");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(*read_file(path("drizzle/0001_add_v.sql")), "ALTER TABLE \"t\" ADD COLUMN \"v\" integer;");
}

TEST_F(CliGenerate, UnansweredRenameIsExitFourWithTheFlagsAndWritesNothing) {
  write_schema("CREATE TABLE users (id serial PRIMARY KEY, name text);\n");
  ASSERT_EQ(generate("--name init").exit_code, 0);
  write_schema("CREATE TABLE users (id serial PRIMARY KEY, full_name text);\n");
  auto run = generate();
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_NE(run.err.find("Is full_name column in users table created or renamed from another column?"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("--rename column:users.name=full_name"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(path("drizzle/meta/0001_snapshot.json")));
  auto renamed = generate("--rename column:users.name=full_name --name rename");
  ASSERT_EQ(renamed.exit_code, 0) << renamed.err;
  EXPECT_EQ(*read_file(path("drizzle/0001_rename.sql")),
            "ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\";");
  write_schema("CREATE TABLE users (id serial PRIMARY KEY, email text);\n");
  auto recreated = generate("--no-renames --name recreate");
  ASSERT_EQ(recreated.exit_code, 0) << recreated.err;
  EXPECT_EQ(*read_file(path("drizzle/0002_recreate.sql")),
            "ALTER TABLE \"users\" ADD COLUMN \"email\" text;--> statement-breakpoint\n"
            "ALTER TABLE \"users\" DROP COLUMN \"full_name\";");
}

TEST_F(CliGenerate, CustomMigrationAndDiffAgreeWithGenerate) {
  write_schema("CREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE TABLE t (id integer, m mood);\n");
  auto diff = sleet("diff --dialect postgresql --to schema.sql");
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  ASSERT_EQ(generate("--name init").exit_code, 0);
  EXPECT_EQ(diff.out, *read_file(path("drizzle/0000_init.sql")));
  auto custom = generate("--custom --name seed");
  ASSERT_EQ(custom.exit_code, 0) << custom.err;
  EXPECT_EQ(*read_file(path("drizzle/0001_seed.sql")), "-- Custom SQL migration file, put your code below! --");
  auto from_folder = sleet("diff --dialect postgresql --from drizzle --to schema.sql");
  ASSERT_EQ(from_folder.exit_code, 0) << from_folder.err;
  EXPECT_EQ(from_folder.out, "");
  auto exported = sleet("export --dialect postgresql --schema schema.sql");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out,
            "CREATE TYPE \"public\".\"mood\" AS ENUM('ok', 'sad');\nCREATE TABLE \"t\" (\n\t\"id\" integer,\n\t\"m\" "
            "\"mood\"\n);\n\n");
}

TEST_F(CliGenerate, SyntaxErrorNamesFileLineAndColumnWithACaret) {
  write_schema("CREATE TABLE a (id int);\nCREATE TABEL b (id int);\n");
  auto run = generate();
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_NE(run.err.find("schema.sql:2:8"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("^"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(path("drizzle")));
}

}  // namespace
}  // namespace sleet::test

namespace sleet::test {
namespace {

// examples/embedded: the library call an application makes at start-up, on the quickstart's folder.
TEST(EmbeddedExample, MigratesAtStartUpThenFindsNothingToDo) {
  TempDir dir("sleet-embedded");
  std::string program = std::string(SLEET_BINARY_DIR) + "/examples/embedded/migrate_at_startup";
  std::string folder = std::string(SLEET_SOURCE_DIR) + "/examples/quickstart/drizzle";
  std::string url = "sqlite:" + (dir.path() / "app.db").string();
  auto first = run_command(shell_quote(program) + " " + shell_quote(url) + " " + shell_quote(folder));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied 0000_init"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("applied 0001_pin_notes"), std::string::npos) << first.out;
  auto second = run_command(shell_quote(program) + " " + shell_quote(url) + " " + shell_quote(folder));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("up to date (0 applied now, 2 before)"), std::string::npos) << second.out;
  auto missing = run_command(shell_quote(program) + " " + shell_quote(url) + " /nonexistent/folder");
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
}

}  // namespace
}  // namespace sleet::test
