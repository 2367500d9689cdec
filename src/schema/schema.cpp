// Small helpers of the schema model.
#include "schema/schema.hpp"

namespace sleet::schema {

const char* to_string(Dialect dialect) {
  switch (dialect) {
    case Dialect::Postgres: return "postgresql";
    case Dialect::Sqlite: return "sqlite";
  }
  return "postgresql";
}

const std::string& Table::schema_or_public() const {
  static const std::string kPublic = "public";
  return schema.empty() ? kPublic : schema;
}

}  // namespace sleet::schema
