// CREATE SCHEMA -> a declared non-public schema (drizzle's pgSchema). `public` is implicit and never listed.
// Schema elements (CREATE SCHEMA … CREATE TABLE …) are not supported: write them as separate statements.
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

void transform_create_schema(StatementContext& ctx, const ParseNode& stmt) {
  const std::string& name = stmt.str("schemaname");
  if (name.empty()) ctx.fail(ErrorCode::Unsupported, "CREATE SCHEMA AUTHORIZATION without a schema name is not supported");
  if (!stmt.list("schemaElts").empty()) ctx.fail(ErrorCode::Unsupported, "CREATE SCHEMA with schema elements is not supported");
  if (name == "public") return;
  auto& schemas = ctx.state.database.schemas;
  if (std::find(schemas.begin(), schemas.end(), name) != schemas.end()) {
    if (stmt.flag("if_not_exists")) return;
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("schema \"{}\" already exists", name));
  }
  schemas.push_back(name);
}

}  // namespace sleet::pg
