// PostgreSQL connections over libpq: connect() with a bounded connect timeout and password-safe error
// messages, and PostgresConnection, the RAII dialect::Connection that runs SQL text (simple query protocol)
// and parameterised queries, turning server errors into Error{Database, sqlstate}. It does not open
// transactions, take advisory locks or retry; callers send BEGIN/COMMIT themselves. This header deliberately
// does not include <libpq-fe.h>: connection.cpp is the only file that does (ARCHITECTURE.md 9.1.5).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"

struct pg_conn;  // libpq's PGconn

namespace sleet::pg {

/// Seconds connect() waits for a server before giving up, unless the conninfo or PGCONNECT_TIMEOUT says
/// otherwise.
inline constexpr int kDefaultConnectTimeoutSeconds = 10;

/// Opens a connection. `conninfo` is a `postgres://` / `postgresql://` URL or a libpq `key=value` string (an
/// empty string means "libpq defaults and PG* environment variables"); it is handed to libpq unchanged,
/// except that `connect_timeout=<connect_timeout_seconds>` is added when neither the conninfo nor
/// PGCONNECT_TIMEOUT sets one (<= 0 adds nothing, i.e. libpq waits forever), and application_name defaults to
/// `sleet` (libpq's fallback_application_name, so an explicit application_name or PGAPPNAME wins).
/// After connecting it sets `client_min_messages=warning` and drops every NOTICE/WARNING libpq receives.
/// Fails with ErrorCode::Config when the conninfo does not parse, and with ErrorCode::Database when the
/// server cannot be reached or refuses the login: "cannot connect to postgres://u:****@h:5432/db:
/// <libpq message>". No message ever contains the password, neither from the URL nor echoed by libpq.
Result<std::unique_ptr<dialect::Connection>> connect(const std::string& conninfo,
                                                     int connect_timeout_seconds = kDefaultConnectTimeoutSeconds);

/// An open libpq connection (closed by the destructor). Not thread-safe; one connection per thread.
class PostgresConnection final : public dialect::Connection {
 public:
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  schema::Dialect dialect() const override { return schema::Dialect::Postgres; }

  /// Sends `sql` with the simple query protocol: several `;`-separated statements run in one round trip
  /// (as one implicit transaction unless the text has its own BEGIN/COMMIT); the first failing statement
  /// stops the rest. Empty or comment-only text succeeds. `COPY ... FROM STDIN` is refused (the server aborts
  /// the COPY) and `COPY ... TO STDOUT` output is discarded, so the connection stays usable.
  /// Errors: ErrorCode::Database, `sqlstate` = the server's SQLSTATE (empty for client-side failures such as
  /// a lost connection), message = the server's primary message, then "detail: ..." and "hint: ..." lines
  /// when the server sent them.
  Result<void> execute(std::string_view sql) override;

  /// Runs one statement with text parameters $1..$n (extended protocol, so `sql` must be a single
  /// statement) and returns its rows as text; NULL is std::nullopt. Errors as for execute().
  Result<std::vector<dialect::Row>> query(std::string_view sql, const std::vector<std::string>& params = {}) override;

  /// The server version as libpq reports it, e.g. 150004 for 15.4.
  int server_version() const;

 private:
  friend Result<std::unique_ptr<dialect::Connection>> connect(const std::string& conninfo,
                                                              int connect_timeout_seconds);
  PostgresConnection(pg_conn* conn, std::string password);

  /// Reads every pending result of the query just sent; appends the rows of tuple results to `rows` when
  /// non-null. Returns the first error.
  Result<void> drain_results(std::vector<dialect::Row>* rows);
  Error connection_error(std::string_view what) const;

  pg_conn* conn_;
  std::string password_;  ///< only to redact it from libpq messages
};

}  // namespace sleet::pg
