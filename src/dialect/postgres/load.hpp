// load: PostgreSQL schema source files (declarative DDL) -> the schema model, as drizzle-kit would have
// snapshotted the equivalent TypeScript schema. Files are parsed with the real PostgreSQL 15 grammar
// (libpg_query) and transformed statement by statement (transform_*.cpp). It does not expand directories or
// globs (the caller does), never touches a database, and never prints.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/source_span.hpp"
#include "schema/schema.hpp"

namespace sleet::pg {

struct SourceFile {
  std::string path;  ///< as shown in messages
  std::string text;
};

/// A statement that was skipped (sleet does not manage it) or accepted with a caveat.
struct LoadWarning {
  SourceSpan span;  ///< file:line of the statement (column 1 of its first token)
  std::string message;
};

struct LoadOptions {
  bool strict = false;  ///< every warning is an error (ErrorCode::Unsupported) instead: nothing is dropped silently
  /// Files are parsed in pieces of about this many bytes, on worker threads (prepared_pieces.hpp). The result
  /// never depends on it; tests make it tiny to cut at every statement.
  std::size_t piece_size = 32 * 1024;
};

struct LoadResult {
  schema::Database database;
  std::vector<LoadWarning> warnings;
};

/// Loads `files` in the given order into one Database (dialect Postgres).
///
/// - Syntax errors: ErrorCode::Parse, span file:line:column at libpg_query's error position.
/// - Statements sleet does not manage (functions, triggers, extensions, comments, grants, DO blocks, …):
///   one warning each with file:line; details the model cannot hold (collations, INCLUDE columns, storage
///   parameters, …) also warn. With `options.strict` the first of these is an ErrorCode::Unsupported error.
/// - Managed statements using something the model cannot hold (partitioning, temporary tables, …):
///   ErrorCode::Unsupported with the statement's span.
/// - Semantic errors (ALTER TABLE of an unknown table, a duplicate table, an unknown column in a key, a
///   REFERENCES without columns to an undeclared table): ErrorCode::InvalidSchema naming file:line.
///   A foreign key with explicit columns may reference a table the files do not declare, and a policy on
///   such a table becomes a top-level (linked) policy, as drizzle allows for e.g. Supabase's auth.users.
///
/// Objects are ordered as drizzle-kit orders them: every kind (tables, enums, sequences, views, roles,
/// schemas) sorted by name, since drizzle walks the TypeScript exports sorted by name and export names
/// follow object names. Unnamed constraints get drizzle's default names (`<table>_<cols>_unique`,
/// `<table>_<cols>_pk`, `<table>_<cols>_<reftable>_<refcols>_fk`, `<table>_<cols>_index`).
Result<LoadResult> load_schema(const std::vector<SourceFile>& files, const LoadOptions& options = {});

}  // namespace sleet::pg
