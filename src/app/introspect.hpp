// Reading a live database into the schema model: the one place app/ chooses a dialect's introspection, with the
// configured filters (schema_filter, tables_filter, extensions_filters, [entities] roles) and the tracking table
// always left out. Used by diff/push/pull/check.
#pragma once

#include <string>
#include <vector>

#include "app/config.hpp"
#include "dialect/dialect.hpp"
#include "schema/schema.hpp"

namespace sleet::app {

struct LiveSchema {
  schema::Database database;
  int queries = 0;                 ///< catalog queries sent
  std::vector<std::string> notes;  ///< what was left out and why
};

/// Introspects the database behind `connection` (its dialect decides how) with config.filters.
Result<LiveSchema> introspect_database(const Config& config, dialect::Connection& connection);

}  // namespace sleet::app
