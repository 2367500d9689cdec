// Canonicalisation of expressions and view bodies through libpg_query's parse -> deparse round trip
// (ARCHITECTURE.md 9.1.2). Deparse normalises whitespace, keyword case, redundant parentheses and quoting.
#include "dialect/postgres/canonical_expr.hpp"

#include <optional>

#include "dialect/postgres/pg_query_api.hpp"

namespace sleet::pg {

std::string canonical_expression(std::string_view text) {
  std::optional<std::string> deparsed = deparse_expression(text);
  return deparsed ? *deparsed : std::string(text);
}

std::string canonical_query(std::string_view text) {
  std::optional<std::string> deparsed = deparse_statement(text);
  return deparsed ? *deparsed : std::string(text);
}

schema::Expr make_expr(std::string text) {
  std::string canonical = canonical_expression(text);
  return schema::Expr(std::move(text), std::move(canonical));
}

schema::Expr make_query_expr(std::string text) {
  std::string canonical = canonical_query(text);
  return schema::Expr(std::move(text), std::move(canonical));
}

namespace {

void fill(schema::Expr& expr, bool query) {
  if (expr.canonical.empty()) expr.canonical = query ? canonical_query(expr.text) : canonical_expression(expr.text);
}

void fill_policy(schema::Policy& policy) {
  if (policy.using_) fill(*policy.using_, false);
  if (policy.with_check) fill(*policy.with_check, false);
}

}  // namespace

void canonicalize_expressions(schema::Database& database) {
  for (schema::Table& table : database.tables) {
    for (schema::Column& column : table.columns) {
      if (column.generated) fill(column.generated->as, false);
    }
    for (schema::Index& index : table.indexes) {
      if (index.where) fill(*index.where, false);
    }
    for (schema::CheckConstraint& check : table.check_constraints) fill(check.value, false);
    for (schema::Policy& policy : table.policies) fill_policy(policy);
  }
  for (schema::Policy& policy : database.policies) fill_policy(policy);
  for (schema::View& view : database.views) {
    if (view.definition) fill(*view.definition, true);
  }
}

}  // namespace sleet::pg
