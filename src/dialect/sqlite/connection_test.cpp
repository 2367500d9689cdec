// Unit tests of the script runner and the scratch database (the rest of SqliteConnection is exercised by the
// migrate tests).
#include "dialect/sqlite/connection.hpp"

#include <gtest/gtest.h>

namespace sleet::sqlite {
namespace {

struct Seen {
  StatementKind kind;
  std::string object;
  std::string text;
};

std::vector<Seen> classify(SqliteConnection& connection, const std::string& script,
                           std::optional<ScriptError>* error = nullptr) {
  std::vector<Seen> seen;
  auto result = connection.run_script(script, [&](const ScriptStatement& statement) {
    seen.push_back({statement.kind, statement.object, script.substr(statement.begin, statement.end - statement.begin)});
    return ScriptAction::Run;
  });
  if (error != nullptr) *error = result;
  return seen;
}

TEST(SqliteScript, ClassifiesStatementsByWhatTheAuthorizerReports) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  std::optional<ScriptError> error;
  auto seen = classify(**connection,
                       "CREATE TABLE t(a);\n  -- c\n  CREATE INDEX i ON t(a); CREATE VIEW v AS SELECT a FROM t;"
                       "ALTER TABLE t RENAME TO u; CREATE TRIGGER tr AFTER INSERT ON u BEGIN SELECT 1; END;"
                       "CREATE TEMP TABLE x(a); PRAGMA foreign_keys = ON; BEGIN; COMMIT; INSERT INTO u VALUES (1);"
                       "SELECT 1; CREATE VIRTUAL TABLE f USING fts5(body); VACUUM; DROP VIEW v;",
                       &error);
  ASSERT_FALSE(error) << error->message;
  std::vector<StatementKind> kinds;
  for (const Seen& statement : seen)
    kinds.push_back(statement.kind);
  EXPECT_EQ(kinds, (std::vector<StatementKind>{
                       StatementKind::CreateTable, StatementKind::CreateIndex, StatementKind::CreateView,
                       StatementKind::AlterTable, StatementKind::CreateTrigger, StatementKind::Temporary,
                       StatementKind::Pragma, StatementKind::Transaction, StatementKind::Transaction,
                       StatementKind::DataChange, StatementKind::Query, StatementKind::CreateVirtualTable,
                       StatementKind::Other, StatementKind::DropView}));
  EXPECT_EQ(seen[0].object, "t");
  EXPECT_EQ(seen[1].object, "i");
  EXPECT_EQ(seen[1].text, "CREATE INDEX i ON t(a);"); // starts at its first token, after the comment
  EXPECT_EQ(seen[3].object, "t");                     // ALTER TABLE names the table it alters
}

TEST(SqliteScript, SkippedStatementsDoNotRun) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  auto error = (*connection)->run_script("CREATE TABLE a(x); CREATE TABLE b(x);", [](const ScriptStatement& statement) {
    return statement.object == "b" ? ScriptAction::Skip : ScriptAction::Run;
  });
  ASSERT_FALSE(error);
  auto rows = (*connection)->query("SELECT group_concat(name) FROM sqlite_schema");
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0][0], "a");
}

TEST(SqliteScript, LocatesSyntaxErrorsInTheScript) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  std::string script = "CREATE TABLE a(x);\nCREATE TABEL b(x);";
  std::optional<ScriptError> error;
  classify(**connection, script, &error);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->offset, script.find("TABEL"));
  EXPECT_EQ(error->message, "near \"TABEL\": syntax error");
  EXPECT_EQ(error->code, "SQLITE_ERROR");
}

TEST(SqliteScript, LocatesErrorsFoundWhileRunningAtTheStatement) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  std::string script = "CREATE TABLE a(x);\n  CREATE TABLE a(y);";
  std::optional<ScriptError> error;
  classify(**connection, script, &error);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "table a already exists");
  EXPECT_GE(error->offset, script.find("CREATE TABLE a(y)"));
  EXPECT_LT(error->offset, script.size());
}

TEST(SqliteScript, RejectsNulBytesWhereTheyAre) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  std::string script = std::string("CREATE TABLE a(x);") + '\0' + "CREATE TABLE b(x);";
  auto error = (*connection)->run_script(script, [](const ScriptStatement&) { return ScriptAction::Run; });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->offset, script.find('\0'));
}

TEST(SqliteScript, InterruptsRunawayStatements) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  auto error = (*connection)
                   ->run_script("CREATE TABLE t AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                "SELECT count(*) FROM n;",
                                [](const ScriptStatement&) { return ScriptAction::Run; });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "interrupted");
}

TEST(SqliteScript, StopEndsTheScriptWithoutAnError) {
  auto connection = open_scratch();
  ASSERT_TRUE(connection);
  int calls = 0;
  auto error = (*connection)->run_script("SELECT 1; CREATE TABL oops;", [&](const ScriptStatement&) {
    ++calls;
    return ScriptAction::Stop;
  });
  EXPECT_FALSE(error);
  EXPECT_EQ(calls, 1);
}

TEST(SqliteScript, KnowsSqliteKeywords) {
  EXPECT_TRUE(is_keyword("select"));
  EXPECT_TRUE(is_keyword("WHERE"));
  EXPECT_FALSE(is_keyword("users"));
  EXPECT_FALSE(is_keyword(""));
}

} // namespace
} // namespace sleet::sqlite
