// introspect: a live PostgreSQL database -> the schema model, in a constant number of catalog queries whatever
// the number of tables, normalised so that a database built from a schema file diffs empty against that file
// (and against the snapshot drizzle-kit writes for it). Reads only; never changes the database.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "schema/schema.hpp"

namespace sleet::pg {

struct Introspection {
  schema::Database database;        ///< dialect Postgres
  int queries = 0;                  ///< catalog queries sent (constant: independent of the number of objects)
  std::vector<std::string> notes;   ///< what the model cannot hold and was left out (e.g. a partitioned table)
};

/// Reads the schemas, enums, sequences, tables (columns, identity, generated, defaults, keys, checks, foreign
/// keys), indexes, views, materialized views, policies, RLS and (filters.roles) roles that `filters` selects,
/// over `connection` (a PostgreSQL connection). The tracking table and extension-owned objects are left out.
/// Fails with ErrorCode::Database when a query fails.
Result<Introspection> introspect(dialect::Connection& connection, const dialect::IntrospectFilters& filters);

}  // namespace sleet::pg
