// SQLite connections: open() a database file (or ":memory:") and SqliteConnection, the RAII
// dialect::Connection that runs every statement of a SQL text in turn and binds text parameters to `?`.
// For loading schema files it also opens a hardened scratch database (open_scratch) and runs a script one
// statement at a time (run_script), telling the caller what each statement does (from SQLite's authorizer)
// and where SQLite located an error, so that the loader decides what to execute and reports file:line:col.
// Errors become Error{Database} with the SQLite result-code name (e.g. "SQLITE_READONLY") in `sqlstate`.
// It does not interpret `file:` URIs or drizzle's URL forms (app/ turns config into a path) and opens no
// transactions of its own. This header does not include <sqlite3.h>: connection.cpp is the only file that
// does (ARCHITECTURE.md 9.1.5).
#pragma once

#include "core/result.hpp"
#include "dialect/dialect.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace sleet::sqlite {

enum class OpenMode {
  ReadWriteCreate, ///< open for reading and writing, creating the file if missing
  ReadOnly,        ///< the file must exist; every write fails with SQLITE_READONLY
};

/// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
inline constexpr int kBusyTimeoutMilliseconds = 5000;

/// Opens `path` (":memory:" for a private in-memory database) with a busy timeout of
/// kBusyTimeoutMilliseconds and extended result codes on, then reads the schema once so that a file which is
/// not a database fails here rather than at the first statement. Fails with ErrorCode::Database:
/// "cannot open sqlite database <path>: unable to open database file" (missing file in ReadOnly mode,
/// missing directory, ...) or "... file is not a database". Note: SQLite silently opens a file it may not
/// write (chmod 444, read-only directory) read-only even in ReadWriteCreate mode; the first write then fails
/// with SQLITE_READONLY. Root bypasses file permissions, so only OpenMode::ReadOnly is reliable there.
Result<std::unique_ptr<dialect::Connection>> open(const std::string& path, OpenMode mode = OpenMode::ReadWriteCreate);

/// The runtime SQLite version, e.g. "3.40.1" (sqlite3_libversion()).
std::string library_version();

/// The runtime SQLite version as a number, e.g. 3040001 (sqlite3_libversion_number()), for capability
/// checks such as ALTER TABLE DROP COLUMN (3.35+).
int library_version_number();

/// True when `word` is an SQLite keyword (sqlite3_keyword_check; ASCII case-insensitive).
bool is_keyword(std::string_view word);

/// What a statement does, from the actions SQLite's authorizer reports while preparing it
/// (https://www.sqlite.org/c3ref/c_alter_table.html). Objects of the `main` schema only, except Temporary.
enum class StatementKind {
  CreateTable,
  CreateIndex,
  CreateView,
  AlterTable,
  DropTable,
  DropIndex,
  DropView,
  CreateTrigger,
  DropTrigger,
  CreateVirtualTable,
  DropVirtualTable,
  Temporary,   ///< creates or drops a TEMP table, index, view or trigger
  Transaction, ///< BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE
  Pragma,
  Attach,      ///< ATTACH or DETACH
  Maintenance, ///< ANALYZE, REINDEX
  DataChange,  ///< INSERT, UPDATE, DELETE
  Query,       ///< SELECT
  Other,       ///< nothing the authorizer reports: VACUUM, or DROP … IF EXISTS of a missing object
};

/// One statement of a script, as run_script() shows it to its caller before running it.
struct ScriptStatement {
  std::size_t begin = 0; ///< byte offset of its first token in the script
  std::size_t end = 0;   ///< one past its last byte (where the next statement's text starts)
  StatementKind kind = StatementKind::Other;
  std::string object; ///< the table, index, view or trigger it creates, alters or drops ("" otherwise)
};

enum class ScriptAction {
  Run,  ///< execute the statement
  Skip, ///< leave it out (it was prepared, so its syntax and references were checked)
  Stop, ///< stop the script; run_script returns no error (the caller recorded its own)
};

/// Where and why SQLite rejected a statement of a script.
struct ScriptError {
  std::size_t offset = 0; ///< byte offset in the script: the token SQLite blamed, else the statement start
  std::string message;    ///< sqlite3_errmsg, e.g. `near "tabel": syntax error`
  std::string code;       ///< result-code name, e.g. "SQLITE_ERROR"
};

/// Decides, per statement, whether run_script executes it.
using StatementFilter = std::function<ScriptAction(const ScriptStatement&)>;

class SqliteConnection;

/// Opens a private in-memory database for executing untrusted schema text: defensive mode on (no writes to
/// sqlite_schema, no corrupting PRAGMAs), strings and blobs limited to kScratchMaxLength bytes, TEMP objects
/// kept in memory. Fails only
/// when SQLite cannot allocate the database (ErrorCode::Database).
Result<std::unique_ptr<SqliteConnection>> open_scratch();

/// Longest string or blob a scratch database holds (a schema never needs more; bounds fuzzed input).
inline constexpr int kScratchMaxLength = 64 * 1024 * 1024;

/// An open SQLite database handle (closed by the destructor). Not thread-safe.
class SqliteConnection final : public dialect::Connection {
public:
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  schema::Dialect dialect() const override { return schema::Dialect::Sqlite; }

  /// Prepares and runs each statement of `sql` in turn, discarding rows; stops at the first error (earlier
  /// statements stay applied unless the caller wrapped them in a transaction). Empty, whitespace-only and
  /// comment-only text succeeds (unlike better-sqlite3's "contains no statements").
  /// Errors: ErrorCode::Database, message "<path>: <sqlite3_errmsg>", sqlstate e.g. "SQLITE_CONSTRAINT_UNIQUE".
  Result<void> execute(std::string_view sql) override;

  /// Runs exactly one statement, binding `params` as text to its `?` placeholders in order, and returns its
  /// rows: NULL is std::nullopt, every other value its text form (sqlite3_column_text). Fails if `sql` holds
  /// more than one statement or the number of parameters differs from the placeholders (SQLITE_RANGE).
  Result<std::vector<dialect::Row>> query(std::string_view sql, const std::vector<std::string>& params = {}) override;

  /// Prepares the statements of `script` one at a time (each sees the schema the previous ones left),
  /// classifies each with the authorizer and asks `decide` whether to run it. Blank and comment-only text is
  /// no statement. Returns the first error SQLite reports while preparing or running a statement, located in
  /// the script (sqlite3_error_offset), or std::nullopt when every statement was prepared and those to run
  /// ran (or `decide` said Stop). A statement that runs more than about 10^7 virtual-machine steps is
  /// interrupted ("interrupted"): schema DDL never needs that many, a recursive CTE in CREATE TABLE … AS may.
  /// A script holding a NUL byte is rejected at the NUL (SQLite would stop reading there).
  std::optional<ScriptError> run_script(std::string_view script, const StatementFilter& decide);

  /// The path the connection was opened with.
  const std::string& path() const { return path_; }

private:
  friend Result<std::unique_ptr<dialect::Connection>> open(const std::string& path, OpenMode mode);
  friend Result<std::unique_ptr<SqliteConnection>> open_scratch();
  SqliteConnection(sqlite3* db, std::string path);

  /// Error{Database} from the handle's current error code and message.
  Error last_error() const;
  Error error_with(int code, std::string_view message) const;

  sqlite3* db_;
  std::string path_;
};

} // namespace sleet::sqlite
