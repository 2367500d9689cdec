// Integration tests of sleet::sqlite::open and SqliteConnection on real files in a temporary directory:
// queries and parameters, multi-statement and comment-only text, error messages and result-code names, and
// writes to databases that cannot be written. Root ignores chmod, so permission-based read-only cases only
// run for other users; OpenMode::ReadOnly is tested everywhere.
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/sqlite/connection.hpp"
#include "temp_dir.hpp"

namespace sleet::sqlite {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string scalar(dialect::Connection& connection, const std::string& sql,
                   const std::vector<std::string>& params = {}) {
  auto rows = connection.query(sql, params);
  EXPECT_TRUE(rows) << sql << ": " << rows.error().describe();
  if (!rows || rows->empty() || rows->front().empty()) return "<none>";
  return rows->front().front().value_or("<null>");
}

std::unique_ptr<dialect::Connection> open_ok(const std::string& path, OpenMode mode = OpenMode::ReadWriteCreate) {
  auto connection = open(path, mode);
  EXPECT_TRUE(connection) << connection.error().describe();
  return connection ? std::move(connection).value() : nullptr;
}

TEST(SqliteConnection, CreatesTheFileAndReportsItsDialect) {
  test::TempDir dir("sleet-sqlite");
  auto connection = open_ok(dir.file("app.db"));
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->dialect(), schema::Dialect::Sqlite);
  EXPECT_TRUE(std::filesystem::exists(dir.file("app.db")));
  EXPECT_EQ(dynamic_cast<SqliteConnection&>(*connection).path(), dir.file("app.db"));
  EXPECT_THAT(library_version(), StartsWith("3."));
  EXPECT_GE(library_version_number(), 3035000);
}

TEST(SqliteConnection, QueriesRowsAsTextWithNullsAsNullopt) {
  auto connection = open_ok(":memory:");
  ASSERT_TRUE(connection);
  auto rows = connection->query("select 1, null, 'héllo', 2.5, x'41' union all select 2, 'x', '', -1, null");
  ASSERT_TRUE(rows) << rows.error().describe();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], (dialect::Row{"1", std::nullopt, "héllo", "2.5", "A"}));
  EXPECT_EQ((*rows)[1], (dialect::Row{"2", "x", "", "-1", std::nullopt}));
}

TEST(SqliteConnection, BindsTextParameters) {
  test::TempDir dir("sleet-sqlite");
  auto connection = open_ok(dir.file("app.db"));
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->execute("create table t (id integer primary key, name text)"));
  auto inserted = connection->query("insert into t (id, name) values (?, ?)", {"7", "it's; -- not a comment"});
  ASSERT_TRUE(inserted) << inserted.error().describe();
  EXPECT_TRUE(inserted->empty());
  EXPECT_EQ(scalar(*connection, "select name from t where id = ?", {"7"}), "it's; -- not a comment");
  EXPECT_EQ(scalar(*connection, "select typeof(?)", {"7"}), "text");

  auto too_few = connection->query("select ?, ?", {"1"});
  ASSERT_FALSE(too_few);
  EXPECT_EQ(too_few.error().sqlstate, "SQLITE_RANGE");
  auto too_many = connection->query("select 1", {"1"});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().sqlstate, "SQLITE_RANGE");
}

TEST(SqliteConnection, RunsEveryStatementOfTheText) {
  test::TempDir dir("sleet-sqlite");
  auto connection = open_ok(dir.file("app.db"));
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->execute(
      "create table m (id integer);\n--> statement-breakpoint\ninsert into m values (1);\n"
      "insert into m values (2); -- trailing comment\n/* block */ select * from m;"));
  EXPECT_EQ(scalar(*connection, "select count(*) from m"), "2");

  // Statements run one by one: those before the failing one stay applied (no implicit transaction).
  auto failed = connection->execute("insert into m values (3); insert into nowhere values (4); insert into m values (5)");
  ASSERT_FALSE(failed);
  EXPECT_EQ(scalar(*connection, "select group_concat(id) from m"), "1,2,3");

  ASSERT_TRUE(connection->execute("begin; insert into m values (9); rollback;"));
  EXPECT_EQ(scalar(*connection, "select count(*) from m"), "3");
}

TEST(SqliteConnection, AcceptsEmptyAndCommentOnlyText) {
  auto connection = open_ok(":memory:");
  ASSERT_TRUE(connection);
  EXPECT_TRUE(connection->execute(""));
  EXPECT_TRUE(connection->execute(" \n\t"));
  EXPECT_TRUE(connection->execute("-- only a comment"));
  EXPECT_TRUE(connection->execute("/* block */ -- line\n;;"));
  auto rows = connection->query("-- nothing");
  ASSERT_TRUE(rows) << rows.error().describe();
  EXPECT_TRUE(rows->empty());
  auto empty = connection->query("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(SqliteConnection, RefusesTextWithANulByteInsteadOfDroppingTheRest) {
  auto connection = open_ok(":memory:");
  ASSERT_TRUE(connection);
  using namespace std::string_view_literals;
  auto result = connection->execute("create table a (id int);\0create table b (id int);"sv);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().sqlstate, "SQLITE_MISUSE");
  EXPECT_EQ(scalar(*connection, "select count(*) from sqlite_schema"), "0");
}

TEST(SqliteConnection, RejectsSeveralStatementsInQuery) {
  auto connection = open_ok(":memory:");
  ASSERT_TRUE(connection);
  auto rows = connection->query("select 1; select 2");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::Database);
  EXPECT_TRUE(connection->query("select 1; -- just a comment"));
}

TEST(SqliteConnection, ReportsSyntaxErrorsWithTheFileAndCodeName) {
  test::TempDir dir("sleet-sqlite");
  auto connection = open_ok(dir.file("app.db"));
  ASSERT_TRUE(connection);
  auto result = connection->execute("create table ok (id int); selec 1;");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_EQ(result.error().sqlstate, "SQLITE_ERROR");
  EXPECT_EQ(result.error().message, dir.file("app.db") + ": near \"selec\": syntax error");

  ASSERT_TRUE(connection->execute("create table u (id integer primary key, v text unique)"));
  ASSERT_TRUE(connection->execute("insert into u values (1, 'a')"));
  auto duplicate = connection->execute("insert into u values (2, 'a')");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().sqlstate, "SQLITE_CONSTRAINT_UNIQUE");
  EXPECT_THAT(duplicate.error().message, HasSubstr("UNIQUE constraint failed: u.v"));

  auto memory = open_ok(":memory:");
  ASSERT_TRUE(memory);
  auto in_memory = memory->execute("selec");
  ASSERT_FALSE(in_memory);
  EXPECT_THAT(in_memory.error().message, StartsWith("in-memory database: "));
}

TEST(SqliteConnection, FailsToOpenAMissingFileReadOnlyOrAMissingDirectory) {
  test::TempDir dir("sleet-sqlite");
  auto missing = open(dir.file("missing.db"), OpenMode::ReadOnly);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::Database);
  EXPECT_EQ(missing.error().sqlstate, "SQLITE_CANTOPEN");
  EXPECT_EQ(missing.error().message,
            "cannot open sqlite database " + dir.file("missing.db") + ": unable to open database file");
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));

  auto no_dir = open(dir.file("no/such/dir/app.db"));
  ASSERT_FALSE(no_dir);
  EXPECT_EQ(no_dir.error().sqlstate, "SQLITE_CANTOPEN");
}

TEST(SqliteConnection, FailsToOpenAFileThatIsNotADatabase) {
  test::TempDir dir("sleet-sqlite");
  std::ofstream(dir.file("notes.txt")) << "this is not an sqlite database, just some text that is long enough\n";
  auto connection = open(dir.file("notes.txt"));
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().sqlstate, "SQLITE_NOTADB");
  EXPECT_EQ(connection.error().message,
            "cannot open sqlite database " + dir.file("notes.txt") + ": file is not a database");
}

TEST(SqliteConnection, ReadOnlyModeReadsButRefusesWrites) {
  test::TempDir dir("sleet-sqlite");
  {
    auto writer = open_ok(dir.file("app.db"));
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->execute("create table t (id int); insert into t values (1);"));
  }
  auto reader = open_ok(dir.file("app.db"), OpenMode::ReadOnly);
  ASSERT_TRUE(reader);
  EXPECT_EQ(scalar(*reader, "select count(*) from t"), "1");
  auto write = reader->execute("insert into t values (2)");
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::Database);
  EXPECT_EQ(write.error().sqlstate, "SQLITE_READONLY");
  EXPECT_EQ(write.error().message, dir.file("app.db") + ": attempt to write a readonly database");
  auto ddl = reader->execute("create table x (id int)");
  ASSERT_FALSE(ddl);
  EXPECT_EQ(ddl.error().sqlstate, "SQLITE_READONLY");
  EXPECT_EQ(scalar(*reader, "select count(*) from t"), "1");
}

// chmod 444 only stops non-root users and CI runs as root: a write-protected file is covered end to end in
// tests/cli, where sleet runs as `nobody`.

}  // namespace
}  // namespace sleet::sqlite
