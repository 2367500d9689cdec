// load: SQLite schema source files (declarative DDL) -> the schema model, as drizzle-kit's sqlite snapshot
// v6 would hold the equivalent drizzle schema. SQLite is the authority on its own grammar: the files are
// executed, statement by statement, into a private in-memory database, which is then introspected
// (introspect.hpp). It does not expand directories or globs (the caller does), never touches a database
// file, and never prints. The input and warning types mirror pg::load_schema's (dialects may not include
// each other).
#pragma once

#include "core/result.hpp"
#include "core/source_span.hpp"
#include "schema/schema.hpp"

#include <string>
#include <vector>

namespace sleet::sqlite {

struct SourceFile {
  std::string path; ///< as shown in messages
  std::string text;
};

/// A statement that was skipped (sleet does not manage it) or accepted with a caveat.
struct LoadWarning {
  SourceSpan span; ///< file:line:column of the statement's first token
  std::string message;
};

struct LoadOptions {
  bool strict = false; ///< every warning is an error (ErrorCode::Unsupported) instead: nothing is dropped silently
};

struct LoadResult {
  schema::Database database;
  std::vector<LoadWarning> warnings;
};

/// Loads `files` in the given order into one Database (dialect Sqlite); each statement sees the schema the
/// earlier ones built, so ALTER TABLE, DROP and CREATE … IF NOT EXISTS behave as in SQLite.
///
/// - SQL errors: ErrorCode::Parse with SQLite's message and the span file:line:column of the token SQLite
///   blamed (sqlite3_error_offset), else of the statement; this covers syntax errors and errors SQLite finds
///   while preparing or running DDL (an unknown table in CREATE INDEX, a duplicate table, …).
/// - Statements sleet does not manage (triggers, virtual tables, temporary objects, PRAGMA, INSERT/UPDATE/
///   DELETE, SELECT, ATTACH, VACUUM, …): one warning each with their span. Triggers, virtual tables and
///   temporary objects are still executed (later statements may name them) but never reach the model; the
///   others are not run.
///   BEGIN/COMMIT/SAVEPOINT are skipped silently. Details the model cannot hold (COLLATE, WITHOUT ROWID,
///   STRICT, ON CONFLICT, DESC index columns, deferred foreign keys) also warn, at the CREATE statement of
///   their object. With `options.strict` the first of these is an ErrorCode::Unsupported error.
/// - Schemas that cannot become a drizzle snapshot (two indexes with one name, a foreign key whose target
///   columns are implied by a table that is not declared or has no primary key, a view SQLite cannot read):
///   ErrorCode::InvalidSchema naming the object's CREATE statement.
///
/// The model follows drizzle's conventions (introspect.hpp): tables and views sorted by name, every UNIQUE
/// a unique index, default constraint names, defaults spelled as drizzle stores them.
Result<LoadResult> load_schema(const std::vector<SourceFile>& files, const LoadOptions& options = {});

} // namespace sleet::sqlite
