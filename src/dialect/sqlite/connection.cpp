// sqlite3 adapter: the only file that includes <sqlite3.h> (ARCHITECTURE.md 9.1.5). It opens the database,
// runs multi-statement text with a prepare/step loop over the tail, binds text parameters and maps result
// codes to their names; for schema loading it classifies statements with the authorizer and locates errors
// with sqlite3_error_offset. It uses no SQLite extensions, URIs or custom functions.
#include "dialect/sqlite/connection.hpp"

#include "dialect/sqlite/sql_text.hpp"

#include <cctype>
#include <climits>
#include <sqlite3.h>
#include <utility>

namespace sleet::sqlite {
namespace {

/// Result-code names as in sqlite3.h (https://www.sqlite.org/rescode.html); sqlite3_errstr() gives only the
/// English text, so the names are listed here.
struct CodeName {
  int code;
  const char* name;
};
constexpr CodeName kCodeNames[] = {
    {SQLITE_ERROR, "SQLITE_ERROR"},
    {SQLITE_INTERNAL, "SQLITE_INTERNAL"},
    {SQLITE_PERM, "SQLITE_PERM"},
    {SQLITE_ABORT, "SQLITE_ABORT"},
    {SQLITE_BUSY, "SQLITE_BUSY"},
    {SQLITE_LOCKED, "SQLITE_LOCKED"},
    {SQLITE_NOMEM, "SQLITE_NOMEM"},
    {SQLITE_READONLY, "SQLITE_READONLY"},
    {SQLITE_INTERRUPT, "SQLITE_INTERRUPT"},
    {SQLITE_IOERR, "SQLITE_IOERR"},
    {SQLITE_CORRUPT, "SQLITE_CORRUPT"},
    {SQLITE_NOTFOUND, "SQLITE_NOTFOUND"},
    {SQLITE_FULL, "SQLITE_FULL"},
    {SQLITE_CANTOPEN, "SQLITE_CANTOPEN"},
    {SQLITE_PROTOCOL, "SQLITE_PROTOCOL"},
    {SQLITE_EMPTY, "SQLITE_EMPTY"},
    {SQLITE_SCHEMA, "SQLITE_SCHEMA"},
    {SQLITE_TOOBIG, "SQLITE_TOOBIG"},
    {SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"},
    {SQLITE_MISMATCH, "SQLITE_MISMATCH"},
    {SQLITE_MISUSE, "SQLITE_MISUSE"},
    {SQLITE_NOLFS, "SQLITE_NOLFS"},
    {SQLITE_AUTH, "SQLITE_AUTH"},
    {SQLITE_FORMAT, "SQLITE_FORMAT"},
    {SQLITE_RANGE, "SQLITE_RANGE"},
    {SQLITE_NOTADB, "SQLITE_NOTADB"},
    {SQLITE_NOTICE, "SQLITE_NOTICE"},
    {SQLITE_WARNING, "SQLITE_WARNING"},
    {SQLITE_ERROR_MISSING_COLLSEQ, "SQLITE_ERROR_MISSING_COLLSEQ"},
    {SQLITE_ERROR_RETRY, "SQLITE_ERROR_RETRY"},
    {SQLITE_ERROR_SNAPSHOT, "SQLITE_ERROR_SNAPSHOT"},
    {SQLITE_IOERR_READ, "SQLITE_IOERR_READ"},
    {SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ"},
    {SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE"},
    {SQLITE_IOERR_FSYNC, "SQLITE_IOERR_FSYNC"},
    {SQLITE_IOERR_DIR_FSYNC, "SQLITE_IOERR_DIR_FSYNC"},
    {SQLITE_IOERR_TRUNCATE, "SQLITE_IOERR_TRUNCATE"},
    {SQLITE_IOERR_FSTAT, "SQLITE_IOERR_FSTAT"},
    {SQLITE_IOERR_UNLOCK, "SQLITE_IOERR_UNLOCK"},
    {SQLITE_IOERR_RDLOCK, "SQLITE_IOERR_RDLOCK"},
    {SQLITE_IOERR_DELETE, "SQLITE_IOERR_DELETE"},
    {SQLITE_IOERR_BLOCKED, "SQLITE_IOERR_BLOCKED"},
    {SQLITE_IOERR_NOMEM, "SQLITE_IOERR_NOMEM"},
    {SQLITE_IOERR_ACCESS, "SQLITE_IOERR_ACCESS"},
    {SQLITE_IOERR_CHECKRESERVEDLOCK, "SQLITE_IOERR_CHECKRESERVEDLOCK"},
    {SQLITE_IOERR_LOCK, "SQLITE_IOERR_LOCK"},
    {SQLITE_IOERR_CLOSE, "SQLITE_IOERR_CLOSE"},
    {SQLITE_IOERR_DIR_CLOSE, "SQLITE_IOERR_DIR_CLOSE"},
    {SQLITE_IOERR_SHMOPEN, "SQLITE_IOERR_SHMOPEN"},
    {SQLITE_IOERR_SHMSIZE, "SQLITE_IOERR_SHMSIZE"},
    {SQLITE_IOERR_SHMLOCK, "SQLITE_IOERR_SHMLOCK"},
    {SQLITE_IOERR_SHMMAP, "SQLITE_IOERR_SHMMAP"},
    {SQLITE_IOERR_SEEK, "SQLITE_IOERR_SEEK"},
    {SQLITE_IOERR_DELETE_NOENT, "SQLITE_IOERR_DELETE_NOENT"},
    {SQLITE_IOERR_MMAP, "SQLITE_IOERR_MMAP"},
    {SQLITE_IOERR_GETTEMPPATH, "SQLITE_IOERR_GETTEMPPATH"},
    {SQLITE_IOERR_CONVPATH, "SQLITE_IOERR_CONVPATH"},
    {SQLITE_IOERR_VNODE, "SQLITE_IOERR_VNODE"},
    {SQLITE_IOERR_AUTH, "SQLITE_IOERR_AUTH"},
    {SQLITE_IOERR_BEGIN_ATOMIC, "SQLITE_IOERR_BEGIN_ATOMIC"},
    {SQLITE_IOERR_COMMIT_ATOMIC, "SQLITE_IOERR_COMMIT_ATOMIC"},
    {SQLITE_IOERR_ROLLBACK_ATOMIC, "SQLITE_IOERR_ROLLBACK_ATOMIC"},
    {SQLITE_IOERR_DATA, "SQLITE_IOERR_DATA"},
    {SQLITE_IOERR_CORRUPTFS, "SQLITE_IOERR_CORRUPTFS"},
    {SQLITE_LOCKED_SHAREDCACHE, "SQLITE_LOCKED_SHAREDCACHE"},
    {SQLITE_LOCKED_VTAB, "SQLITE_LOCKED_VTAB"},
    {SQLITE_BUSY_RECOVERY, "SQLITE_BUSY_RECOVERY"},
    {SQLITE_BUSY_SNAPSHOT, "SQLITE_BUSY_SNAPSHOT"},
    {SQLITE_BUSY_TIMEOUT, "SQLITE_BUSY_TIMEOUT"},
    {SQLITE_CANTOPEN_NOTEMPDIR, "SQLITE_CANTOPEN_NOTEMPDIR"},
    {SQLITE_CANTOPEN_ISDIR, "SQLITE_CANTOPEN_ISDIR"},
    {SQLITE_CANTOPEN_FULLPATH, "SQLITE_CANTOPEN_FULLPATH"},
    {SQLITE_CANTOPEN_CONVPATH, "SQLITE_CANTOPEN_CONVPATH"},
    {SQLITE_CANTOPEN_DIRTYWAL, "SQLITE_CANTOPEN_DIRTYWAL"},
    {SQLITE_CANTOPEN_SYMLINK, "SQLITE_CANTOPEN_SYMLINK"},
    {SQLITE_CORRUPT_VTAB, "SQLITE_CORRUPT_VTAB"},
    {SQLITE_CORRUPT_SEQUENCE, "SQLITE_CORRUPT_SEQUENCE"},
    {SQLITE_CORRUPT_INDEX, "SQLITE_CORRUPT_INDEX"},
    {SQLITE_READONLY_RECOVERY, "SQLITE_READONLY_RECOVERY"},
    {SQLITE_READONLY_CANTLOCK, "SQLITE_READONLY_CANTLOCK"},
    {SQLITE_READONLY_ROLLBACK, "SQLITE_READONLY_ROLLBACK"},
    {SQLITE_READONLY_DBMOVED, "SQLITE_READONLY_DBMOVED"},
    {SQLITE_READONLY_CANTINIT, "SQLITE_READONLY_CANTINIT"},
    {SQLITE_READONLY_DIRECTORY, "SQLITE_READONLY_DIRECTORY"},
    {SQLITE_ABORT_ROLLBACK, "SQLITE_ABORT_ROLLBACK"},
    {SQLITE_CONSTRAINT_CHECK, "SQLITE_CONSTRAINT_CHECK"},
    {SQLITE_CONSTRAINT_COMMITHOOK, "SQLITE_CONSTRAINT_COMMITHOOK"},
    {SQLITE_CONSTRAINT_FOREIGNKEY, "SQLITE_CONSTRAINT_FOREIGNKEY"},
    {SQLITE_CONSTRAINT_FUNCTION, "SQLITE_CONSTRAINT_FUNCTION"},
    {SQLITE_CONSTRAINT_NOTNULL, "SQLITE_CONSTRAINT_NOTNULL"},
    {SQLITE_CONSTRAINT_PRIMARYKEY, "SQLITE_CONSTRAINT_PRIMARYKEY"},
    {SQLITE_CONSTRAINT_TRIGGER, "SQLITE_CONSTRAINT_TRIGGER"},
    {SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE"},
    {SQLITE_CONSTRAINT_VTAB, "SQLITE_CONSTRAINT_VTAB"},
    {SQLITE_CONSTRAINT_ROWID, "SQLITE_CONSTRAINT_ROWID"},
    {SQLITE_CONSTRAINT_PINNED, "SQLITE_CONSTRAINT_PINNED"},
    {SQLITE_CONSTRAINT_DATATYPE, "SQLITE_CONSTRAINT_DATATYPE"},
    {SQLITE_NOTICE_RECOVER_WAL, "SQLITE_NOTICE_RECOVER_WAL"},
    {SQLITE_NOTICE_RECOVER_ROLLBACK, "SQLITE_NOTICE_RECOVER_ROLLBACK"},
    {SQLITE_WARNING_AUTOINDEX, "SQLITE_WARNING_AUTOINDEX"},
    {SQLITE_AUTH_USER, "SQLITE_AUTH_USER"},
};

std::string code_name(int code) {
  for (const auto& entry : kCodeNames) {
    if (entry.code == code) return entry.name;
  }
  for (const auto& entry : kCodeNames) { // an extended code this table does not know: its primary code
    if (entry.code == (code & 0xff)) return entry.name;
  }
  return "SQLITE_" + std::to_string(code);
}

std::string describe_path(const std::string& path) {
  return path == ":memory:" || path.empty() ? std::string("in-memory database") : path;
}

/// Finalizes a prepared statement when it goes out of scope.
struct StatementGuard {
  sqlite3_stmt* stmt = nullptr;
  StatementGuard() = default;
  StatementGuard(const StatementGuard&) = delete;
  StatementGuard& operator=(const StatementGuard&) = delete;
  ~StatementGuard() { sqlite3_finalize(stmt); }
};

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

/// What the authorizer saw while one statement was prepared: the most telling action wins (a CREATE TABLE
/// also reports an INSERT into sqlite_schema; an ALTER TABLE also reports SELECTs), the first one on ties.
struct ActionLog {
  int rank = INT_MAX;
  StatementKind kind = StatementKind::Other;
  std::string object;
};

struct ActionClass {
  int rank;
  StatementKind kind;
};

ActionClass classify_action(int code) {
  switch (code) {
  case SQLITE_CREATE_VTABLE: return {0, StatementKind::CreateVirtualTable};
  case SQLITE_DROP_VTABLE: return {0, StatementKind::DropVirtualTable};
  case SQLITE_CREATE_TEMP_INDEX:
  case SQLITE_CREATE_TEMP_TABLE:
  case SQLITE_CREATE_TEMP_TRIGGER:
  case SQLITE_CREATE_TEMP_VIEW:
  case SQLITE_DROP_TEMP_INDEX:
  case SQLITE_DROP_TEMP_TABLE:
  case SQLITE_DROP_TEMP_TRIGGER:
  case SQLITE_DROP_TEMP_VIEW: return {1, StatementKind::Temporary};
  case SQLITE_CREATE_TABLE: return {2, StatementKind::CreateTable};
  case SQLITE_CREATE_INDEX: return {2, StatementKind::CreateIndex};
  case SQLITE_CREATE_VIEW: return {2, StatementKind::CreateView};
  case SQLITE_CREATE_TRIGGER: return {2, StatementKind::CreateTrigger};
  case SQLITE_DROP_TABLE: return {2, StatementKind::DropTable};
  case SQLITE_DROP_INDEX: return {2, StatementKind::DropIndex};
  case SQLITE_DROP_VIEW: return {2, StatementKind::DropView};
  case SQLITE_DROP_TRIGGER: return {2, StatementKind::DropTrigger};
  case SQLITE_ALTER_TABLE: return {2, StatementKind::AlterTable};
  case SQLITE_TRANSACTION:
  case SQLITE_SAVEPOINT: return {3, StatementKind::Transaction};
  case SQLITE_PRAGMA: return {3, StatementKind::Pragma};
  case SQLITE_ATTACH:
  case SQLITE_DETACH: return {3, StatementKind::Attach};
  case SQLITE_REINDEX:
  case SQLITE_ANALYZE: return {3, StatementKind::Maintenance};
  case SQLITE_INSERT:
  case SQLITE_UPDATE:
  case SQLITE_DELETE: return {4, StatementKind::DataChange};
  case SQLITE_SELECT: return {5, StatementKind::Query};
  default: return {INT_MAX, StatementKind::Other}; // READ, FUNCTION, RECURSIVE: details of the above
  }
}

int log_action(void* user, int code, const char* arg1, const char* arg2, const char* /*database*/,
               const char* /*trigger*/) {
  auto* log = static_cast<ActionLog*>(user);
  ActionClass action = classify_action(code);
  if (action.rank < log->rank) {
    log->rank = action.rank;
    log->kind = action.kind;
    // ALTER TABLE reports (database, table); the others (object, table or nothing).
    const char* object = code == SQLITE_ALTER_TABLE ? arg2 : arg1;
    log->object = object != nullptr && action.rank <= 2 ? object : "";
  }
  return SQLITE_OK;
}

/// Interrupts a statement after kMaxProgressCalls progress callbacks of kProgressSteps VM steps each.
constexpr int kProgressSteps = 1000;
constexpr long kMaxProgressCalls = 10000;

int count_progress(void* user) {
  auto* calls = static_cast<long*>(user);
  return ++*calls > kMaxProgressCalls ? 1 : 0;
}

} // namespace

bool is_keyword(std::string_view word) {
  return !word.empty() && word.size() < 64 && sqlite3_keyword_check(word.data(), static_cast<int>(word.size())) != 0;
}

Result<std::unique_ptr<SqliteConnection>> open_scratch() {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    Error error(ErrorCode::Database, std::string("cannot open an in-memory sqlite database: ") +
                                         (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    error.sqlstate = code_name(rc);
    sqlite3_close_v2(db);
    return error;
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, ":memory:"));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, kScratchMaxLength);
  // TEMP objects a schema script creates must not spill into temporary files.
  if (auto memory = connection->execute("PRAGMA temp_store = MEMORY"); !memory) return std::move(memory).error();
  return connection;
}

std::string library_version() {
  return sqlite3_libversion();
}

int library_version_number() {
  return sqlite3_libversion_number();
}

Result<std::unique_ptr<dialect::Connection>> open(const std::string& path, OpenMode mode) {
  const int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error(ErrorCode::Database, "cannot open sqlite database " + describe_path(path) + ": " +
                                         (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    error.sqlstate = code_name(db != nullptr ? sqlite3_extended_errcode(db) : rc);
    sqlite3_close_v2(db);
    return error;
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, path));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMilliseconds);
  // SQLite reads the file lazily; touching the schema makes a non-database file fail now, with its name.
  if (auto probe = connection->query("PRAGMA schema_version"); !probe) {
    Error error = std::move(probe).error();
    error.message = "cannot open sqlite database " + describe_path(path) + ": " + sqlite3_errmsg(db);
    return error;
  }
  return std::unique_ptr<dialect::Connection>(std::move(connection));
}

SqliteConnection::SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

SqliteConnection::~SqliteConnection() {
  sqlite3_close_v2(db_);
}

Error SqliteConnection::error_with(int code, std::string_view message) const {
  Error error(ErrorCode::Database, describe_path(path_) + ": " + std::string(message));
  error.sqlstate = code_name(code);
  return error;
}

Error SqliteConnection::last_error() const {
  return error_with(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
}

Result<void> SqliteConnection::execute(std::string_view sql) {
  // sqlite3_prepare_v2 stops at a NUL byte, which would silently drop the rest of the text.
  if (sql.find('\0') != std::string_view::npos) return error_with(SQLITE_MISUSE, "sql text contains a NUL byte");
  const char* cursor = sql.data();
  const char* const end = sql.data() + sql.size();
  while (cursor < end) {
    StatementGuard statement;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, cursor, static_cast<int>(end - cursor), &statement.stmt, &tail) != SQLITE_OK) {
      return last_error();
    }
    if (tail == nullptr || tail <= cursor) tail = end; // defensive: never loop without progress
    cursor = tail;
    if (statement.stmt == nullptr) continue; // whitespace or comments only
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement.stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return last_error();
  }
  return ok();
}

std::optional<ScriptError> SqliteConnection::run_script(std::string_view script, const StatementFilter& decide) {
  if (std::size_t nul = script.find('\0'); nul != std::string_view::npos) {
    return ScriptError{nul, "sql text contains a NUL byte", code_name(SQLITE_MISUSE)};
  }
  auto error_at = [&](std::size_t fallback, std::size_t base) {
    const int offset = sqlite3_error_offset(db_);
    ScriptError error;
    error.offset = offset >= 0 ? base + static_cast<std::size_t>(offset) : fallback;
    error.message = sqlite3_errmsg(db_);
    error.code = code_name(sqlite3_extended_errcode(db_));
    return error;
  };
  std::size_t cursor = 0;
  while (cursor < script.size()) {
    StatementGuard statement;
    const char* tail = nullptr;
    ActionLog log;
    sqlite3_set_authorizer(db_, &log_action, &log);
    const int rc = sqlite3_prepare_v2(db_, script.data() + cursor, static_cast<int>(script.size() - cursor),
                                      &statement.stmt, &tail);
    sqlite3_set_authorizer(db_, nullptr, nullptr);
    const std::size_t begin = skip_blanks(script, cursor);
    if (rc != SQLITE_OK) return error_at(begin, cursor);
    std::size_t end = tail != nullptr ? static_cast<std::size_t>(tail - script.data()) : script.size();
    if (end <= cursor || end > script.size()) end = script.size(); // defensive: never loop without progress
    const std::size_t statement_base = cursor;
    cursor = end;
    if (statement.stmt == nullptr) continue; // whitespace or comments only
    ScriptAction action = decide(ScriptStatement{begin, end, log.kind, log.object});
    if (action == ScriptAction::Stop) return std::nullopt;
    if (action == ScriptAction::Skip) continue;
    long progress_calls = 0;
    sqlite3_progress_handler(db_, kProgressSteps, &count_progress, &progress_calls);
    int step_rc = SQLITE_ROW;
    while ((step_rc = sqlite3_step(statement.stmt)) == SQLITE_ROW) {
    }
    sqlite3_progress_handler(db_, 0, nullptr, nullptr);
    if (step_rc != SQLITE_DONE) return error_at(begin, statement_base);
  }
  return std::nullopt;
}

Result<std::vector<dialect::Row>> SqliteConnection::query(std::string_view sql,
                                                          const std::vector<std::string>& params) {
  if (sql.empty()) return std::vector<dialect::Row>{};
  if (sql.find('\0') != std::string_view::npos) return error_with(SQLITE_MISUSE, "sql text contains a NUL byte");
  StatementGuard statement;
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement.stmt, &tail) != SQLITE_OK) {
    return last_error();
  }
  if (tail != nullptr && tail < sql.data() + sql.size()) {
    const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (!is_blank(rest)) {
      StatementGuard next;
      if (sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &next.stmt, nullptr) != SQLITE_OK ||
          next.stmt != nullptr) {
        return error_with(SQLITE_MISUSE, "query() takes one statement, the text holds more");
      }
    }
  }
  if (statement.stmt == nullptr) return std::vector<dialect::Row>{};

  const int placeholder_count = sqlite3_bind_parameter_count(statement.stmt);
  if (static_cast<std::size_t>(placeholder_count) != params.size()) {
    return error_with(SQLITE_RANGE, "statement has " + std::to_string(placeholder_count) + " parameter(s), got " +
                                        std::to_string(params.size()));
  }
  for (std::size_t param_idx = 0; param_idx < params.size(); ++param_idx) {
    const auto& value = params[param_idx];
    if (sqlite3_bind_text(statement.stmt, static_cast<int>(param_idx + 1), value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
      return last_error();
    }
  }

  std::vector<dialect::Row> rows;
  const int column_count = sqlite3_column_count(statement.stmt);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement.stmt)) == SQLITE_ROW) {
    dialect::Row row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int column_idx = 0; column_idx < column_count; ++column_idx) {
      if (sqlite3_column_type(statement.stmt, column_idx) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
        continue;
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.stmt, column_idx));
      const int size = sqlite3_column_bytes(statement.stmt, column_idx);
      row.emplace_back(text != nullptr ? std::string(text, static_cast<std::size_t>(size)) : std::string());
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return last_error();
  return rows;
}

} // namespace sleet::sqlite
