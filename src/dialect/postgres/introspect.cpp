// Placeholder until the catalog reader lands (issue 5, in progress): fails clearly instead of guessing.
#include "dialect/postgres/introspect.hpp"

namespace sleet::pg {

Result<Introspection> introspect(dialect::Connection&, const dialect::IntrospectFilters&) {
  return fail(ErrorCode::Database, "PostgreSQL introspection is not implemented yet");
}

}  // namespace sleet::pg
