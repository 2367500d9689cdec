// libpq adapter: the only file that includes <libpq-fe.h> (ARCHITECTURE.md 9.1.5). It builds the connection
// parameters (connect timeout, application name), masks passwords in every message, and maps PGresult
// errors to Error{Database, sqlstate}. Rows are read in text format only; binary results are not used.
#include "dialect/postgres/connection.hpp"

#include <dlfcn.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <utility>

#include "core/url_mask.hpp"

namespace sleet::pg {
namespace {

// libpq is loaded when the first connection is made, not when sleet starts: the commands that never connect
// (generate, diff, export, init) then do not pay for loading it and its ~20 dependencies (Kerberos, LDAP,
// GnuTLS: ~4 ms of every run). The pointers below are named like libpq's functions and shadow its declarations
// inside this namespace, so the code reads as plain libpq calls; load_libpq() fills them.
#define SLEET_LIBPQ_FUNCTIONS(X)                                                                                  \
  X(PQclear) X(PQconnectdbParams) X(PQconninfoFree) X(PQconninfoParse) X(PQerrorMessage) X(PQfinish)             \
  X(PQfreemem) X(PQgetCopyData) X(PQgetResult) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQnfields)          \
  X(PQntuples) X(PQpass) X(PQputCopyEnd) X(PQresultErrorField) X(PQresultErrorMessage) X(PQresultStatus)         \
  X(PQsendQuery) X(PQsendQueryParams) X(PQserverVersion) X(PQsetNoticeProcessor) X(PQstatus)
#define SLEET_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
SLEET_LIBPQ_FUNCTIONS(SLEET_LIBPQ_POINTER)
#undef SLEET_LIBPQ_POINTER

/// Loads libpq once; the error text when it is not installed (or lacks a function), else empty.
const std::string& load_libpq() {
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    void* handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      error = std::string("cannot load the PostgreSQL client library libpq.so.5 (Debian package libpq5)") +
              (why != nullptr ? std::string(": ") + why : std::string());
      return;
    }
#define SLEET_LIBPQ_RESOLVE(name)                                              \
  if (void* symbol = dlsym(handle, #name); symbol != nullptr) {                \
    std::memcpy(&name, &symbol, sizeof symbol); /* object to function pointer */ \
  } else {                                                                     \
    error = "the PostgreSQL client library libpq.so.5 lacks " #name;           \
    return;                                                                    \
  }
    SLEET_LIBPQ_FUNCTIONS(SLEET_LIBPQ_RESOLVE)
#undef SLEET_LIBPQ_RESOLVE
  });
  return error;
}

constexpr std::string_view kWhitespace = " \t\r\n";

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kWhitespace);
  return std::string(text.substr(first, last - first + 1));
}

bool has_url_scheme(std::string_view conninfo) {
  return conninfo.starts_with("postgres://") || conninfo.starts_with("postgresql://");
}

int hex_value(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

/// The password in a URL's user-info, as written (possibly percent-encoded); empty if none. Used even when
/// libpq cannot parse the URL, so that its complaint can be redacted.
std::string url_userinfo_password(std::string_view conninfo) {
  if (!has_url_scheme(conninfo)) return {};
  const auto authority_start = conninfo.find("://") + 3;
  const auto authority_end = conninfo.find_first_of("/?#", authority_start);
  const std::string_view authority = conninfo.substr(authority_start, authority_end == std::string_view::npos
                                                                          ? std::string_view::npos
                                                                          : authority_end - authority_start);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return {};
  const std::string_view userinfo = authority.substr(0, at);
  const auto colon = userinfo.find(':');
  if (colon == std::string_view::npos) return {};
  return std::string(userinfo.substr(colon + 1));
}

/// Replaces every spelling of the password we know of with ****.
std::string redact_all(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) text = redact(std::move(text), secret);
  return text;
}

/// What connect() needs to know about the conninfo before handing it to libpq.
struct ConninfoFacts {
  std::vector<std::string> secrets;  ///< password spellings to redact from libpq messages
  bool has_connect_timeout = false;
};

Result<ConninfoFacts> inspect_conninfo(const std::string& conninfo) {
  ConninfoFacts facts;
  if (auto raw = url_userinfo_password(conninfo); !raw.empty()) {
    facts.secrets.push_back(percent_decode(raw));
    facts.secrets.push_back(std::move(raw));
  }
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    std::string why = parse_error != nullptr ? trim(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return fail(ErrorCode::Config,
                "malformed connection string " + mask_url(conninfo) + ": " + redact_all(why, facts.secrets));
  }
  for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr || option->val[0] == '\0') continue;
    const std::string_view keyword = option->keyword;
    if (keyword == "password") facts.secrets.emplace_back(option->val);
    if (keyword == "connect_timeout") facts.has_connect_timeout = true;
  }
  PQconninfoFree(options);
  // Longest first, so that a password containing another spelling of itself is replaced whole.
  std::sort(facts.secrets.begin(), facts.secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return facts;
}

bool env_is_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0';
}

void drop_notice(void* /*arg*/, const char* /*message*/) {}

std::string field(const PGresult* result, int code) {
  const char* value = PQresultErrorField(result, code);
  return value != nullptr ? trim(value) : std::string();
}

}  // namespace

Result<std::unique_ptr<dialect::Connection>> connect(const std::string& conninfo, int connect_timeout_seconds) {
  if (const std::string& missing = load_libpq(); !missing.empty()) return fail(ErrorCode::Database, missing);
  auto facts = inspect_conninfo(conninfo);
  if (!facts) return std::move(facts).error();

  const std::string timeout = std::to_string(connect_timeout_seconds);
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  if (!facts->has_connect_timeout && !env_is_set("PGCONNECT_TIMEOUT") && connect_timeout_seconds > 0) {
    keywords.push_back("connect_timeout");
    values.push_back(timeout.c_str());
  }
  keywords.push_back("fallback_application_name");
  values.push_back("sleet");
  // expand_dbname=1: libpq expands a URL or key=value string given as dbname; a plain name stays a dbname.
  keywords.push_back("dbname");
  values.push_back(conninfo.c_str());
  keywords.push_back(nullptr);
  values.push_back(nullptr);

  PGconn* conn = PQconnectdbParams(keywords.data(), values.data(), 1);
  const std::string target = conninfo.empty() ? std::string("the server named by the PG* environment variables")
                                              : mask_url(conninfo);
  if (conn == nullptr) return fail(ErrorCode::Database, "cannot connect to " + target + ": out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = redact_all(trim(PQerrorMessage(conn)), facts->secrets);
    PQfinish(conn);
    return fail(ErrorCode::Database, "cannot connect to " + target + ": " + why);
  }
  PQsetNoticeProcessor(conn, drop_notice, nullptr);

  std::string password = facts->secrets.empty() ? std::string() : facts->secrets.front();
  if (const char* used = PQpass(conn); used != nullptr && used[0] != '\0') password = used;
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(conn, std::move(password)));
  if (auto set = connection->execute("SET client_min_messages = warning"); !set) {
    return std::move(set).error().with_context("cannot prepare the connection to " + target);
  }
  return std::unique_ptr<dialect::Connection>(std::move(connection));
}

PostgresConnection::PostgresConnection(pg_conn* conn, std::string password)
    : conn_(conn), password_(std::move(password)) {}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

int PostgresConnection::server_version() const { return PQserverVersion(conn_); }

Error PostgresConnection::connection_error(std::string_view what) const {
  std::string why = redact(trim(PQerrorMessage(conn_)), password_);
  if (why.empty()) why = "unknown libpq error";
  return Error(ErrorCode::Database, std::string(what) + ": " + why);
}

Result<void> PostgresConnection::drain_results(std::vector<dialect::Row>* rows) {
  std::optional<Error> first_error;
  auto record = [&](Error error) {
    if (!first_error) first_error = std::move(error);
  };
  while (PGresult* result = PQgetResult(conn_)) {
    const ExecStatusType status = PQresultStatus(result);
    bool stop = false;
    switch (status) {
      case PGRES_TUPLES_OK:
        if (rows != nullptr) {
          const int row_count = PQntuples(result);
          const int column_count = PQnfields(result);
          rows->reserve(rows->size() + static_cast<std::size_t>(row_count));
          for (int row_idx = 0; row_idx < row_count; ++row_idx) {
            dialect::Row row;
            row.reserve(static_cast<std::size_t>(column_count));
            for (int column_idx = 0; column_idx < column_count; ++column_idx) {
              if (PQgetisnull(result, row_idx, column_idx)) {
                row.emplace_back(std::nullopt);
              } else {
                row.emplace_back(std::string(PQgetvalue(result, row_idx, column_idx),
                                             static_cast<std::size_t>(PQgetlength(result, row_idx, column_idx))));
              }
            }
            rows->push_back(std::move(row));
          }
        }
        break;
      case PGRES_FATAL_ERROR: {
        Error error(ErrorCode::Database, field(result, PG_DIAG_MESSAGE_PRIMARY));
        if (error.message.empty()) error.message = trim(PQresultErrorMessage(result));
        if (error.message.empty()) error.message = "unknown server error";
        error.sqlstate = field(result, PG_DIAG_SQLSTATE);
        if (auto detail = field(result, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) error.message += "\ndetail: " + detail;
        if (auto hint = field(result, PG_DIAG_MESSAGE_HINT); !hint.empty()) error.message += "\nhint: " + hint;
        error.message = redact(std::move(error.message), password_);
        record(std::move(error));
        break;
      }
      case PGRES_COPY_IN:
        // Nothing to send: abort the COPY; the server answers with an error result (SQLSTATE 57014).
        if (PQputCopyEnd(conn_, "sleet does not support COPY FROM STDIN") != 1) {
          record(connection_error("cannot abort COPY FROM STDIN"));
          stop = true;
        }
        break;
      case PGRES_COPY_OUT: {
        char* buffer = nullptr;
        int received = 0;
        while ((received = PQgetCopyData(conn_, &buffer, 0)) > 0) PQfreemem(buffer);
        if (received == -2) {
          record(connection_error("cannot read COPY TO STDOUT data"));
          stop = true;
        }
        break;
      }
      case PGRES_COPY_BOTH:
        record(Error(ErrorCode::Database, "unexpected COPY BOTH (replication) result"));
        stop = true;
        break;
      default:  // COMMAND_OK, EMPTY_QUERY, ...
        break;
    }
    PQclear(result);
    if (stop) break;
  }
  if (first_error) return std::move(*first_error);
  return ok();
}

Result<void> PostgresConnection::execute(std::string_view sql) {
  if (sql.find('\0') != std::string_view::npos) {
    return fail(ErrorCode::Database, "sql text contains a NUL byte");
  }
  const std::string text(sql);
  if (PQsendQuery(conn_, text.c_str()) != 1) return connection_error("cannot send query");
  return drain_results(nullptr);
}

Result<std::vector<dialect::Row>> PostgresConnection::query(std::string_view sql,
                                                             const std::vector<std::string>& params) {
  if (sql.find('\0') != std::string_view::npos) {
    return fail(ErrorCode::Database, "sql text contains a NUL byte");
  }
  const std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param.c_str());
  if (PQsendQueryParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                        nullptr, 0) != 1) {
    return connection_error("cannot send query");
  }
  std::vector<dialect::Row> rows;
  SLEET_TRY(drain_results(&rows));
  return rows;
}

}  // namespace sleet::pg
