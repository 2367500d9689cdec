// Test support for integration tests against a real PostgreSQL: the server URL from SLEET_TEST_PG_URL
// (exported by `eval "$(scripts/test-postgres.sh start DIR)"`), PgTestDatabase (a throwaway database
// `t_<random>` per test, dropped WITH (FORCE) afterwards) and the PgTest GoogleTest fixture. Without
// SLEET_TEST_PG_URL the tests FAIL with instructions, they never skip (ARCHITECTURE.md 9.6). Everything goes
// through sleet::pg::connect; this header never includes libpq.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "dialect/postgres/connection.hpp"

namespace sleet::test {

inline constexpr const char* kPgUrlVariable = "SLEET_TEST_PG_URL";

/// The base URL of the test server (its `postgres` database), or ErrorCode::Config saying how to start one.
inline Result<std::string> pg_base_url() {
  const char* url = std::getenv(kPgUrlVariable);
  if (url == nullptr || url[0] == '\0') {
    return fail(ErrorCode::Config,
                "SLEET_TEST_PG_URL is not set, so there is no PostgreSQL server to test against: run scripts/test, "
                "or start a throwaway server with `eval \"$(scripts/test-postgres.sh start build/pg)\"` and run "
                "ctest again (stop it with `scripts/test-postgres.sh stop build/pg`)");
  }
  return std::string(url);
}

/// A postgres:// URL split at its user-info and path: scheme://[userinfo@]hostport[/database][?query].
struct PgUrlParts {
  std::string scheme;  ///< "postgres://"
  std::string userinfo;
  std::string hostport;
  std::string database;
  std::string query;  ///< including the leading '?', or empty

  static std::optional<PgUrlParts> parse(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    PgUrlParts parts;
    parts.scheme = std::string(url.substr(0, scheme_end + 3));
    std::string_view rest = url.substr(scheme_end + 3);
    if (const auto question = rest.find('?'); question != std::string_view::npos) {
      parts.query = std::string(rest.substr(question));
      rest = rest.substr(0, question);
    }
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
      parts.database = std::string(rest.substr(slash + 1));
      rest = rest.substr(0, slash);
    }
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
      parts.userinfo = std::string(rest.substr(0, at));
      rest = rest.substr(at + 1);
    }
    parts.hostport = std::string(rest);
    return parts;
  }

  std::string str() const {
    return scheme + (userinfo.empty() ? "" : userinfo + "@") + hostport + "/" + database + query;
  }
};

/// `base` pointed at another database. `base` is a URL or a libpq key=value string (a later key wins).
inline std::string pg_url_for_database(std::string_view base, std::string_view database) {
  if (auto parts = PgUrlParts::parse(base)) {
    parts->database = std::string(database);
    return parts->str();
  }
  return std::string(base) + " dbname=" + std::string(database);
}

/// `base` with another user and password (neither may need percent-encoding in a URL).
inline std::string pg_url_for_user(std::string_view base, std::string_view user, std::string_view password) {
  if (auto parts = PgUrlParts::parse(base)) {
    parts->userinfo = std::string(user) + (password.empty() ? "" : ":" + std::string(password));
    return parts->str();
  }
  return std::string(base) + " user=" + std::string(user) + " password=" + std::string(password);
}

/// A database created for one test and dropped (WITH (FORCE), so open connections do not block it) when
/// the object dies. Set SLEET_TEST_PG_KEEP=1 to keep it for inspection.
class PgTestDatabase {
 public:
  /// Creates `t_<16 random hex digits>` on the SLEET_TEST_PG_URL server. Fails when the variable is unset
  /// (ErrorCode::Config, with instructions) or the server refuses (ErrorCode::Database).
  static Result<PgTestDatabase> create() {
    auto base = pg_base_url();
    if (!base) return std::move(base).error();
    auto admin = pg::connect(*base);
    if (!admin) return std::move(admin).error();
    std::random_device device;
    std::uniform_int_distribution<unsigned long long> digits;
    char name[32];
    std::snprintf(name, sizeof name, "t_%016llx", digits(device));
    if (auto created = (*admin)->execute(std::string("CREATE DATABASE \"") + name + "\""); !created) {
      return std::move(created).error().with_context(std::string("create test database ") + name);
    }
    return PgTestDatabase(*base, name);
  }

  PgTestDatabase(PgTestDatabase&& other) noexcept
      : base_url_(std::move(other.base_url_)), name_(std::move(other.name_)), url_(std::move(other.url_)) {
    other.name_.clear();
  }
  PgTestDatabase& operator=(PgTestDatabase&&) = delete;
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  ~PgTestDatabase() {
    if (name_.empty()) return;
    if (const char* keep = std::getenv("SLEET_TEST_PG_KEEP"); keep != nullptr && keep[0] == '1') {
      std::fprintf(stderr, "SLEET_TEST_PG_KEEP: keeping test database %s\n", name_.c_str());
      return;
    }
    auto admin = pg::connect(base_url_);
    Result<void> dropped = admin ? (*admin)->execute("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)")
                                 : Result<void>(std::move(admin).error());
    if (!dropped) {
      std::fprintf(stderr, "warning: cannot drop test database %s: %s\n", name_.c_str(),
                   dropped.error().describe().c_str());
    }
  }

  const std::string& name() const { return name_; }

  /// URL of the test database (same server, user and options as SLEET_TEST_PG_URL).
  const std::string& url() const { return url_; }

  /// A new connection to the test database.
  Result<std::unique_ptr<dialect::Connection>> connect() const { return pg::connect(url_); }

 private:
  PgTestDatabase(std::string base_url, std::string name)
      : base_url_(std::move(base_url)), name_(std::move(name)), url_(pg_url_for_database(base_url_, name_)) {}

  std::string base_url_;
  std::string name_;
  std::string url_;
};

/// GoogleTest fixture: SetUp creates a PgTestDatabase and connects to it, failing the test (never skipping)
/// when that is impossible. Use `TEST_F(PgTest, ...)` or derive from it.
class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = PgTestDatabase::create();
    ASSERT_TRUE(database.has_value()) << database.error().describe();
    database_.emplace(std::move(database).value());
    auto connection = database_->connect();
    ASSERT_TRUE(connection.has_value()) << connection.error().describe();
    connection_ = std::move(connection).value();
  }

  void TearDown() override {
    connection_.reset();
    database_.reset();
  }

  PgTestDatabase& database() { return *database_; }
  dialect::Connection& connection() { return *connection_; }

 private:
  std::optional<PgTestDatabase> database_;
  std::unique_ptr<dialect::Connection> connection_;
};

}  // namespace sleet::test
