// CREATE POLICY -> schema::Policy on its table: AS PERMISSIVE/RESTRICTIVE, FOR <command>, TO roles (sorted,
// default `public`, as drizzle stores them) and the USING / WITH CHECK expressions as written. A policy on a
// table the schema files do not declare (e.g. Supabase's auth.users) becomes a top-level policy with `on`
// and `schema`, as drizzle's `pgPolicy(…).link(table)` does.
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

std::string role_name(const ParseNode& role_spec) {
  const std::string& type = role_spec.str("roletype");
  if (type == "ROLESPEC_PUBLIC") return "public";
  if (type == "ROLESPEC_CURRENT_USER") return "current_user";
  if (type == "ROLESPEC_SESSION_USER") return "session_user";
  if (type == "ROLESPEC_CURRENT_ROLE") return "current_role";
  return role_spec.str("rolename");
}

/// Text inside the parentheses after `keyword` (and `second`, when given) at depth 0 of the statement.
std::optional<std::string> clause_text(const StatementContext& ctx, std::string_view keyword, std::string_view second) {
  int depth = 0;
  for (std::size_t index = ctx.token_at(ctx.begin()); index < ctx.end_token(); ++index) {
    char punct = ctx.tokens()[index].punct;
    if (punct == '(') ++depth;
    if (punct == ')') --depth;
    if (depth != 0 || !ctx.is_keyword(index, keyword)) continue;
    std::size_t next = index + 1;
    if (!second.empty()) {
      if (!ctx.is_keyword(next, second)) continue;
      ++next;
    }
    if (next >= ctx.end_token() || ctx.tokens()[next].punct != '(') continue;
    return ctx.rebuild(next + 1, ctx.matching_paren(next));
  }
  return std::nullopt;
}

}  // namespace

void transform_create_policy(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* relation = stmt.get("table");
  if (!relation) ctx.fail(ErrorCode::Parse, "CREATE POLICY without a table");
  schema::Table* table = find_table(ctx.state, *relation);
  schema::Policy policy;
  policy.name = stmt.str("policy_name");
  std::string schema_name = relation->str("schemaname").empty() ? "public" : relation->str("schemaname");
  std::string on = "\"" + schema_name + "\".\"" + relation->str("relname") + "\"";
  const std::vector<schema::Policy>& siblings = table ? table->policies : ctx.state.database.policies;
  for (const schema::Policy& existing : siblings) {
    if (existing.name == policy.name && (table || existing.on == on)) {
      ctx.fail(ErrorCode::InvalidSchema,
               fmt::format("policy \"{}\" for table \"{}\" already exists", policy.name, relation->str("relname")));
    }
  }
  policy.as = stmt.flag("permissive") ? "PERMISSIVE" : "RESTRICTIVE";
  std::string command = stmt.str("cmd_name").empty() ? "all" : stmt.str("cmd_name");
  std::transform(command.begin(), command.end(), command.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  policy.for_ = command;
  std::vector<std::string> roles;
  for (const ParseNode& role : stmt.list("roles")) roles.push_back(role_name(role.body()));
  if (roles.empty()) roles.push_back("public");
  std::sort(roles.begin(), roles.end());
  policy.to = std::move(roles);
  if (stmt.get("qual")) {
    std::optional<std::string> text = clause_text(ctx, "using", "");
    if (!text) ctx.fail(ErrorCode::Parse, "cannot locate the USING expression");
    policy.using_ = make_expr(std::move(*text));
  }
  if (stmt.get("with_check")) {
    std::optional<std::string> text = clause_text(ctx, "with", "check");
    if (!text) ctx.fail(ErrorCode::Parse, "cannot locate the WITH CHECK expression");
    policy.with_check = make_expr(std::move(*text));
  }
  if (table) {
    table->policies.push_back(std::move(policy));
    return;
  }
  // A table the schema files do not declare: drizzle's linked policy (`pgPolicy(…).link(table)`), kept at
  // the top level with the table it is on.
  policy.on = std::move(on);
  policy.schema = std::move(schema_name);
  ctx.state.database.policies.push_back(std::move(policy));
}

}  // namespace sleet::pg
