// Integration tests of sleet::pg::connect and PostgresConnection against the throwaway server of
// scripts/test-postgres.sh: queries and parameters, SQLSTATEs and detail/hint lines, multi-statement text,
// transactions, COPY and a killed backend, plus the connection failures (closed port, silent server, wrong
// password, malformed URL) whose messages must be fast, clear and never show a password.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/postgres/connection.hpp"
#include "pg_fixture.hpp"

namespace sleet::pg {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
class PgConnectionTest : public test::PgTest {};

std::string scalar(dialect::Connection& connection, const std::string& sql,
                   const std::vector<std::string>& params = {}) {
  auto rows = connection.query(sql, params);
  EXPECT_TRUE(rows) << sql << ": " << rows.error().describe();
  if (!rows || rows->empty() || rows->front().empty()) return "<none>";
  return rows->front().front().value_or("<null>");
}

/// A TCP socket on 127.0.0.1 that listens but never answers: the kernel completes the handshake, the
/// server never speaks, so only connect_timeout ends the attempt.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_, 8) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      port_ = -1;
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() {
    if (fd_ >= 0) ::close(fd_);
  }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = -1;
};

TEST_F(PgConnectionTest, ReportsPostgresDialectAndServerVersion) {
  EXPECT_EQ(connection().dialect(), schema::Dialect::Postgres);
  auto* postgres = dynamic_cast<PostgresConnection*>(&connection());
  ASSERT_NE(postgres, nullptr);
  EXPECT_GE(postgres->server_version(), 100000);
  EXPECT_EQ(scalar(connection(), "select current_database()"), database().name());
}

TEST_F(PgConnectionTest, QueriesRowsAsTextWithNullsAsNullopt) {
  auto rows = connection().query("select 1::int, null::text, 'héllo'::text, true union all select 2, 'x', '', false");
  ASSERT_TRUE(rows) << rows.error().describe();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], (dialect::Row{"1", std::nullopt, "héllo", "t"}));
  EXPECT_EQ((*rows)[1], (dialect::Row{"2", "x", "", "f"}));
}

TEST_F(PgConnectionTest, BindsTextParameters) {
  EXPECT_EQ(scalar(connection(), "select $1::int + $2::int", {"40", "2"}), "42");
  EXPECT_EQ(scalar(connection(), "select $1::text", {"it's \"quoted\"; drop table x; --"}),
            "it's \"quoted\"; drop table x; --");
  ASSERT_TRUE(connection().execute("create table t (id int primary key, name text)"));
  auto inserted = connection().query("insert into t values ($1, $2)", {"1", "one"});
  ASSERT_TRUE(inserted) << inserted.error().describe();
  EXPECT_TRUE(inserted->empty());
  EXPECT_EQ(scalar(connection(), "select name from t where id = $1", {"1"}), "one");
  auto none = connection().query("select name from t where id = $1", {"2"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(PgConnectionTest, ReportsSqlstateAndPrimaryMessage) {
  auto result = connection().execute("select 1/0");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_EQ(result.error().sqlstate, "22012");
  EXPECT_EQ(result.error().message, "division by zero");
  EXPECT_EQ(result.error().describe(), "division by zero (SQLSTATE 22012)");

  auto queried = connection().query("select $1::int / 0", {"1"});
  ASSERT_FALSE(queried);
  EXPECT_EQ(queried.error().sqlstate, "22012");

  auto syntax = connection().execute("selec 1");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().sqlstate, "42601");
  EXPECT_THAT(syntax.error().message, HasSubstr("syntax error at or near \"selec\""));
}

TEST_F(PgConnectionTest, PutsDetailAndHintOnFollowingLines) {
  ASSERT_TRUE(connection().execute("create table u (id int primary key); insert into u values (1)"));
  auto duplicate = connection().execute("insert into u values (1)");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().sqlstate, "23505");
  EXPECT_EQ(duplicate.error().message,
            "duplicate key value violates unique constraint \"u_pkey\"\ndetail: Key (id)=(1) already exists.");

  auto missing = connection().execute("select no_such_function(1)");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().sqlstate, "42883");
  EXPECT_THAT(missing.error().message, HasSubstr("\nhint: No function matches the given name and argument types."));
}

TEST_F(PgConnectionTest, RunsSeveralStatementsInOneExecute) {
  ASSERT_TRUE(connection().execute(
      "create table m (id int);\n insert into m values (1);\n--> statement-breakpoint\n insert into m values (2);"));
  EXPECT_EQ(scalar(connection(), "select count(*) from m"), "2");

  // Without BEGIN the text is one implicit transaction: a failure undoes the statements before it too.
  auto failed = connection().execute("insert into m values (3); select 1/0; insert into m values (4);");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().sqlstate, "22012");
  EXPECT_EQ(scalar(connection(), "select count(*) from m"), "2");
}

TEST_F(PgConnectionTest, AcceptsEmptyAndCommentOnlyText) {
  EXPECT_TRUE(connection().execute(""));
  EXPECT_TRUE(connection().execute("  \n"));
  EXPECT_TRUE(connection().execute("-- just a comment\n/* and another */"));
  auto rows = connection().query("-- nothing");
  ASSERT_TRUE(rows) << rows.error().describe();
  EXPECT_TRUE(rows->empty());
}

TEST_F(PgConnectionTest, RefusesTextWithANulByte) {
  using namespace std::string_view_literals;
  auto result = connection().execute("select 1;\0select 2"sv);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_THAT(result.error().message, HasSubstr("NUL byte"));
}

TEST_F(PgConnectionTest, RollsBackExplicitTransactions) {
  ASSERT_TRUE(connection().execute("create table r (id int)"));
  ASSERT_TRUE(connection().execute("begin"));
  ASSERT_TRUE(connection().execute("insert into r values (1)"));
  EXPECT_EQ(scalar(connection(), "select count(*) from r"), "1");
  ASSERT_TRUE(connection().execute("rollback"));
  EXPECT_EQ(scalar(connection(), "select count(*) from r"), "0");

  // After an error inside a transaction every statement fails with 25P02 until ROLLBACK.
  ASSERT_TRUE(connection().execute("begin; insert into r values (1)"));
  ASSERT_FALSE(connection().execute("select 1/0"));
  auto aborted = connection().execute("insert into r values (2)");
  ASSERT_FALSE(aborted);
  EXPECT_EQ(aborted.error().sqlstate, "25P02");
  ASSERT_TRUE(connection().execute("rollback"));
  EXPECT_EQ(scalar(connection(), "select count(*) from r"), "0");

  ASSERT_TRUE(connection().execute("begin; insert into r values (5); commit"));
  EXPECT_EQ(scalar(connection(), "select count(*) from r"), "1");
}

TEST_F(PgConnectionTest, SetsSessionDefaults) {
  EXPECT_EQ(scalar(connection(), "show client_min_messages"), "warning");
  EXPECT_EQ(scalar(connection(), "show application_name"), "sleet");
  // Notices and warnings are dropped, not printed and not errors.
  EXPECT_TRUE(connection().execute("do $$ begin raise notice 'n'; raise warning 'w'; end $$"));
  EXPECT_TRUE(connection().execute("drop table if exists no_such_table"));
}

TEST_F(PgConnectionTest, KeepsAnExplicitApplicationName) {
  auto connection = connect(database().url() + "?application_name=custom");
  ASSERT_TRUE(connection) << connection.error().describe();
  EXPECT_EQ(scalar(**connection, "show application_name"), "custom");
}

TEST_F(PgConnectionTest, AcceptsKeyValueConninfo) {
  auto parts = test::PgUrlParts::parse(database().url());
  ASSERT_TRUE(parts);
  const auto colon = parts->hostport.rfind(':');
  ASSERT_NE(colon, std::string::npos);
  const std::string conninfo = "host=" + parts->hostport.substr(0, colon) + " port=" + parts->hostport.substr(colon + 1) +
                               " user=postgres dbname=" + database().name();
  auto connection = connect(conninfo);
  ASSERT_TRUE(connection) << connection.error().describe();
  EXPECT_EQ(scalar(**connection, "select current_database()"), database().name());
}

TEST_F(PgConnectionTest, RefusesCopyFromStdinAndStaysUsable) {
  ASSERT_TRUE(connection().execute("create table c (id int); insert into c values (1)"));
  auto copy_in = connection().execute("copy c from stdin");
  ASSERT_FALSE(copy_in);
  EXPECT_EQ(copy_in.error().code, ErrorCode::Database);
  EXPECT_THAT(copy_in.error().message, HasSubstr("sleet does not support COPY FROM STDIN"));
  EXPECT_TRUE(connection().execute("copy c to stdout"));
  EXPECT_EQ(scalar(connection(), "select count(*) from c"), "1");
}

TEST_F(PgConnectionTest, ReportsAKilledBackendAsADatabaseError) {
  const std::string pid = scalar(connection(), "select pg_backend_pid()");
  auto other = database().connect();
  ASSERT_TRUE(other) << other.error().describe();
  EXPECT_EQ(scalar(**other, "select pg_terminate_backend($1::int)", {pid}), "t");
  auto dead = connection().execute("select 1");
  ASSERT_FALSE(dead);
  EXPECT_EQ(dead.error().code, ErrorCode::Database);
  EXPECT_FALSE(dead.error().message.empty());
  auto again = connection().query("select 1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Database);
}

TEST(PgConnect, FailsFastOnAClosedPortWithAMaskedUrl) {
  const auto started = std::chrono::steady_clock::now();
  auto connection = connect("postgres://someone:topsecret-pw@127.0.0.1:1/db");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, ErrorCode::Database);
  EXPECT_THAT(connection.error().message, HasSubstr("cannot connect to postgres://someone:****@127.0.0.1:1/db: "));
  EXPECT_THAT(connection.error().message, HasSubstr("Connection refused"));
  EXPECT_THAT(connection.error().describe(), Not(HasSubstr("topsecret-pw")));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(PgConnect, GivesUpOnASilentServerAfterTheConnectTimeout) {
  SilentServer server;
  ASSERT_GT(server.port(), 0);
  const auto started = std::chrono::steady_clock::now();
  auto connection = connect("postgresql://u:hush-pw@127.0.0.1:" + std::to_string(server.port()) + "/db", 2);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(connection);
  EXPECT_THAT(connection.error().message, HasSubstr("timeout expired"));
  EXPECT_THAT(connection.error().message, Not(HasSubstr("hush-pw")));
  EXPECT_GE(elapsed, std::chrono::milliseconds(1500));
  EXPECT_LT(elapsed, std::chrono::seconds(8));
}

TEST(PgConnect, KeepsAConnectTimeoutGivenInTheUrl) {
  SilentServer server;
  ASSERT_GT(server.port(), 0);
  const auto started = std::chrono::steady_clock::now();
  auto connection =
      connect("postgres://u@127.0.0.1:" + std::to_string(server.port()) + "/db?connect_timeout=2", 600);
  ASSERT_FALSE(connection);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(8));
}

TEST(PgConnect, AcceptsTheRightPasswordForThePasswordRole) {
  auto base = test::pg_base_url();
  ASSERT_TRUE(base) << base.error().describe();
  auto connection = connect(test::pg_url_for_user(*base, "sleet_pw", "s3cret-pw"));
  ASSERT_TRUE(connection) << connection.error().describe();
  EXPECT_EQ(scalar(**connection, "select current_user"), "sleet_pw");
}

TEST(PgConnect, ExplainsAWrongPasswordWithoutShowingIt) {
  auto base = test::pg_base_url();
  ASSERT_TRUE(base) << base.error().describe();
  auto connection = connect(test::pg_url_for_user(*base, "sleet_pw", "wrong-s3cret"));
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, ErrorCode::Database);
  EXPECT_THAT(connection.error().message, HasSubstr("password authentication failed for user \"sleet_pw\""));
  EXPECT_THAT(connection.error().message, HasSubstr("sleet_pw:****@"));
  EXPECT_THAT(connection.error().describe(), Not(HasSubstr("wrong-s3cret")));
  EXPECT_THAT(connection.error().describe(), Not(HasSubstr("s3cret-pw")));

  // The same with a key=value string.
  auto parts = test::PgUrlParts::parse(*base);
  ASSERT_TRUE(parts);
  const auto colon = parts->hostport.rfind(':');
  auto key_value = connect("host=127.0.0.1 port=" + parts->hostport.substr(colon + 1) +
                           " user=sleet_pw password='wrong-s3cret' dbname=postgres");
  ASSERT_FALSE(key_value);
  EXPECT_THAT(key_value.error().message, HasSubstr("password authentication failed"));
  EXPECT_THAT(key_value.error().message, HasSubstr("password=****"));
  EXPECT_THAT(key_value.error().describe(), Not(HasSubstr("wrong-s3cret")));
}

TEST(PgConnect, RejectsAMalformedUrlAsAConfigError) {
  auto bad_parameter = connect("postgres://u:pw-in-url@127.0.0.1:5432/db?no_such_option=1");
  ASSERT_FALSE(bad_parameter);
  EXPECT_EQ(bad_parameter.error().code, ErrorCode::Config);
  EXPECT_THAT(bad_parameter.error().message, HasSubstr("malformed connection string postgres://u:****@"));
  EXPECT_THAT(bad_parameter.error().message, HasSubstr("no_such_option"));
  EXPECT_THAT(bad_parameter.error().describe(), Not(HasSubstr("pw-in-url")));

  // A one-letter password is redacted where it stands alone, not inside the words of the message.
  auto short_password = connect("postgres://u:p@127.0.0.1:5432/db?x=1");
  ASSERT_FALSE(short_password);
  EXPECT_EQ(short_password.error().message,
            "malformed connection string postgres://u:****@127.0.0.1:5432/db?x=1: invalid URI query parameter: \"x\"");

  auto bad_key = connect("host=x password=kv-secret bogus=1");
  ASSERT_FALSE(bad_key);
  EXPECT_EQ(bad_key.error().code, ErrorCode::Config);
  EXPECT_THAT(bad_key.error().describe(), Not(HasSubstr("kv-secret")));

  auto bad_encoding = connect("postgres://u:p%zzsecret@127.0.0.1/db");
  ASSERT_FALSE(bad_encoding);
  EXPECT_EQ(bad_encoding.error().code, ErrorCode::Config);
  EXPECT_THAT(bad_encoding.error().describe(), Not(HasSubstr("zzsecret")));
}

}  // namespace
}  // namespace sleet::pg
