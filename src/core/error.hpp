// Error: the one flat error type that crosses module boundaries (ARCHITECTURE.md 9.5), and the mapping from
// its code to the documented process exit codes. It carries evidence (span, SQLSTATE, context chain), never
// a password: callers mask URLs before they put them in a message (core/url_mask.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/source_span.hpp"

namespace sleet {

enum class ErrorCode {
  Parse,           ///< user input that does not parse (schema SQL, config TOML, snapshot/journal JSON)
  Unsupported,     ///< valid input sleet cannot handle (yet)
  InvalidSchema,   ///< a schema that parses but breaks an invariant
  Io,              ///< a file that cannot be read or written
  Journal,         ///< a broken migrations folder: journal, snapshot or SQL file missing or malformed
  HistoryChanged,  ///< an applied migration's file changed after it was applied
  OutOfOrder,      ///< a pending migration is older than an applied one
  Database,        ///< connection failure, SQL failure, lock timeout
  Conflict,        ///< a question that needs an answer (rename?) and got none
  Config,          ///< bad configuration: unknown key, missing ${VAR}, unknown dialect, bad URL
  Usage,           ///< bad command-line usage
  Drift,           ///< schema changes found where none were expected
  Pending,         ///< pending migrations where none were expected
  Internal,        ///< a bug in sleet
};

/// Process exit codes shared by every command (ARCHITECTURE.md "Exit codes").
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kDrift = 1;
inline constexpr int kBadMigrations = 2;
inline constexpr int kPending = 3;
inline constexpr int kConfig = 4;
inline constexpr int kDatabase = 5;
inline constexpr int kLint = 6;
}  // namespace exit_code

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;  ///< lowercase, no trailing period
  std::optional<SourceSpan> span;
  std::string sqlstate;              ///< database errors only
  std::vector<std::string> context;  ///< outermost last; added on the way up

  Error() = default;
  Error(ErrorCode error_code, std::string text) : code(error_code), message(std::move(text)) {}
  Error(ErrorCode error_code, std::string text, SourceSpan where)
      : code(error_code), message(std::move(text)), span(std::move(where)) {}

  /// Adds one frame of context ("apply 0003_add_users.sql: statement 2"); returns *this for chaining.
  Error& with_context(std::string frame) &;
  Error&& with_context(std::string frame) &&;

  /// One line: "context: ...: location: message[ (SQLSTATE xxxxx)]".
  std::string describe() const;
};

/// The documented exit code for an error code.
int to_exit_code(ErrorCode code);

/// Stable lowercase name of a code ("journal", "database"), used in --json output.
const char* to_string(ErrorCode code);

}  // namespace sleet
