// introspect: the `main` schema of a SQLite database -> the schema model, exactly as drizzle-kit's sqlite
// snapshot v6 holds the equivalent drizzle schema (drizzle-reference.md 3.3, 4.3). Facts SQLite reports
// come from its PRAGMAs (table_list, table_xinfo, index_list, index_xinfo, foreign_key_list); names,
// CHECK and generated expressions, defaults as written, AUTOINCREMENT, index expressions and predicates and
// view bodies come from the SQL stored in sqlite_schema (stored_sql.hpp). It only reads: the loader
// executes schema files into a scratch database and then calls this; a live database can be read the same
// way. Triggers, virtual tables (and their shadow tables) and SQLite's own sqlite_* tables are left out.
#pragma once

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "schema/schema.hpp"

#include <string>
#include <vector>

namespace sleet::sqlite {

/// Something about one schema object, for the caller to place (the loader knows which statement made it).
struct ObjectNote {
  std::string object;  ///< the table, index or view it concerns, as named in sqlite_schema
  std::string message; ///< complete sentence fragment, lowercase, e.g. `table "t": WITHOUT ROWID is not kept …`
};

struct Introspection {
  schema::Database database;        ///< dialect Sqlite
  std::vector<ObjectNote> notes;    ///< details the model cannot hold (COLLATE, WITHOUT ROWID, DESC, …)
  std::vector<ObjectNote> problems; ///< why the schema cannot be a drizzle snapshot (name clashes, FKs
                                    ///< whose target columns cannot be known, views SQLite cannot read)
  int queries = 0;                  ///< statements sent to SQLite
};

/// Reads the database behind `connection` (a SQLite connection). Tables and views are sorted by name (drizzle
/// meets them in the order of the sorted TypeScript export names); columns, foreign keys and checks keep
/// declaration order; indexes are column UNIQUEs, then CREATE INDEX in creation order, then table UNIQUEs,
/// as drizzle's serializer adds them.
///
/// drizzle's conventions applied: every UNIQUE becomes a unique index named `<table>_<cols>_unique` unless
/// the constraint is named; a single-column primary key is the column's `primaryKey`, a longer one a
/// composite key named `<table>_<cols>_pk` unless named; foreign keys are named
/// `<table>_<cols>_<target>_<target cols>_fk` unless named, with lower-case actions; an `INTEGER PRIMARY
/// KEY` (a rowid alias, never NULL) is `notNull`; unnamed CHECKs get PostgreSQL-style names
/// (`<table>_<column>_check`, `<table>_check`, then `…_check1`, …) because drizzle requires a name.
/// Fails only when a query fails (ErrorCode::Database); schema problems are returned in `problems`.
Result<Introspection> introspect(dialect::Connection& connection);

/// introspect() of a user's database: tables `filters.tables` does not select, and the tracking table
/// (filters.tracking_table), are left out, with their indexes; views are kept.
Result<Introspection> introspect_live(dialect::Connection& connection, const dialect::IntrospectFilters& filters);

} // namespace sleet::sqlite
