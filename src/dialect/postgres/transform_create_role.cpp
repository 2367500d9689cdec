// CREATE ROLE -> schema::Role with the three attributes drizzle manages (CREATEDB, CREATEROLE, INHERIT;
// defaults false, false, true). Other role options (LOGIN, PASSWORD, …) are not part of drizzle's snapshot:
// they are accepted with a warning.
#include <fmt/format.h>

#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

void transform_create_role(StatementContext& ctx, const ParseNode& stmt) {
  schema::Role role;
  role.name = stmt.str("role");
  role.create_db = false;
  role.create_role = false;
  role.inherit = true;
  for (const schema::Role& existing : ctx.state.database.roles) {
    if (existing.name == role.name) ctx.fail(ErrorCode::InvalidSchema, fmt::format("role \"{}\" already exists", role.name));
  }
  for (const ParseNode& option : stmt.list("options")) {
    const ParseNode& def = option.body();
    const std::string& name = def.str("defname");
    const ParseNode* arg = def.get("arg");
    bool value = arg && arg->body().flag("boolval");
    if (name == "createdb") role.create_db = value;
    else if (name == "createrole") role.create_role = value;
    else if (name == "inherit") role.inherit = value;
    else ctx.warn(fmt::format("role option {} is not kept in the schema model", name), static_cast<std::size_t>(def.integer("location")));
  }
  ctx.state.database.roles.push_back(std::move(role));
}

}  // namespace sleet::pg
