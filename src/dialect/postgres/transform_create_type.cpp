// CREATE TYPE … AS ENUM -> schema::Enum, and ALTER TYPE … ADD VALUE [BEFORE|AFTER] / RENAME VALUE on an
// enum declared earlier. Other kinds of CREATE TYPE (composite, range, base types) are not managed by
// drizzle and are reported as unmanaged statements by load.cpp.
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

std::pair<std::string, std::string> type_name_parts(const StatementContext& ctx, std::span<const ParseNode> names) {
  std::vector<std::string> parts = string_list(names);
  if (parts.empty() || parts.size() > 2) ctx.fail(ErrorCode::Parse, "bad type name");
  return parts.size() == 2 ? std::pair{parts[0], parts[1]} : std::pair{std::string("public"), parts[0]};
}

}  // namespace

void transform_create_enum(StatementContext& ctx, const ParseNode& stmt) {
  auto [schema_name, name] = type_name_parts(ctx, stmt.list("typeName"));
  for (const schema::Enum& existing : ctx.state.database.enums) {
    if (existing.name == name && existing.schema == schema_name) {
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("type \"{}\" already exists", object_key(schema_name, name)));
    }
  }
  schema::Enum item;
  item.name = name;
  item.schema = schema_name;
  item.values = string_list(stmt.list("vals"));
  ctx.state.database.enums.push_back(std::move(item));
}

void transform_alter_enum(StatementContext& ctx, const ParseNode& stmt) {
  auto [schema_name, name] = type_name_parts(ctx, stmt.list("typeName"));
  schema::Enum* target = nullptr;
  for (schema::Enum& existing : ctx.state.database.enums) {
    if (existing.name == name && existing.schema == schema_name) target = &existing;
  }
  if (!target) ctx.fail(ErrorCode::InvalidSchema, fmt::format("type \"{}\" does not exist", object_key(schema_name, name)));
  auto& values = target->values;
  const std::string& old_value = stmt.str("oldVal");
  const std::string& new_value = stmt.str("newVal");
  if (!old_value.empty()) {
    auto it = std::find(values.begin(), values.end(), old_value);
    if (it == values.end()) ctx.fail(ErrorCode::InvalidSchema, fmt::format("\"{}\" is not an existing enum label", old_value));
    *it = new_value;
    return;
  }
  if (std::find(values.begin(), values.end(), new_value) != values.end()) {
    if (stmt.flag("skipIfNewValExists")) return;
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("enum label \"{}\" already exists", new_value));
  }
  const std::string& neighbor = stmt.str("newValNeighbor");
  if (neighbor.empty()) {
    values.push_back(new_value);
    return;
  }
  auto it = std::find(values.begin(), values.end(), neighbor);
  if (it == values.end()) ctx.fail(ErrorCode::InvalidSchema, fmt::format("\"{}\" is not an existing enum label", neighbor));
  values.insert(stmt.flag("newValIsAfter") ? it + 1 : it, new_value);
}

}  // namespace sleet::pg
