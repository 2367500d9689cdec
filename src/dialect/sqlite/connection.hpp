// SQLite connections: open() a database file (or ":memory:") and SqliteConnection, the RAII
// dialect::Connection that runs every statement of a SQL text in turn and binds text parameters to `?`.
// Errors become Error{Database} with the SQLite result-code name (e.g. "SQLITE_READONLY") in `sqlstate`.
// It does not interpret `file:` URIs or drizzle's URL forms (app/ turns config into a path) and opens no
// transactions of its own. This header does not include <sqlite3.h>: connection.cpp is the only file that
// does (ARCHITECTURE.md 9.1.5).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"

struct sqlite3;

namespace sleet::sqlite {

enum class OpenMode {
  ReadWriteCreate,  ///< open for reading and writing, creating the file if missing
  ReadOnly,         ///< the file must exist; every write fails with SQLITE_READONLY
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
Result<std::unique_ptr<dialect::Connection>> open(const std::string& path,
                                                  OpenMode mode = OpenMode::ReadWriteCreate);

/// The runtime SQLite version, e.g. "3.40.1" (sqlite3_libversion()).
std::string library_version();

/// The runtime SQLite version as a number, e.g. 3040001 (sqlite3_libversion_number()), for capability
/// checks such as ALTER TABLE DROP COLUMN (3.35+).
int library_version_number();

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

  /// The path the connection was opened with.
  const std::string& path() const { return path_; }

 private:
  friend Result<std::unique_ptr<dialect::Connection>> open(const std::string& path, OpenMode mode);
  SqliteConnection(sqlite3* db, std::string path);

  /// Error{Database} from the handle's current error code and message.
  Error last_error() const;
  Error error_with(int code, std::string_view message) const;

  sqlite3* db_;
  std::string path_;
};

}  // namespace sleet::sqlite
