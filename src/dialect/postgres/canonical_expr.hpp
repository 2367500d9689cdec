// Canonical forms of SQL expressions for the schema model (schema::Expr{text, canonical}): the canonical
// text is libpg_query's deparse of the parsed expression, so that `a>0`, `(a > 0)` and `A  >  0` compare
// equal while the text keeps what the user (or drizzle) wrote. It does not decide what text drizzle would
// show; the transformers do that.
#pragma once

#include <string>
#include <string_view>

#include "schema/expr.hpp"
#include "schema/schema.hpp"

namespace sleet::pg {

/// Canonical text of an expression (deparse of `SELECT <text>`), or `text` itself when it does not parse.
/// Idempotent: canonical_expression(canonical_expression(x)) == canonical_expression(x).
std::string canonical_expression(std::string_view text);

/// Canonical text of a query (a view body), or `text` itself when it does not parse.
std::string canonical_query(std::string_view text);

/// Expr{text, canonical_expression(text)}.
schema::Expr make_expr(std::string text);

/// Expr{text, canonical_query(text)}.
schema::Expr make_query_expr(std::string text);

/// Fills the canonical form of every expression of `database` (generated columns, checks, index predicates,
/// policy expressions, view bodies) that has none, e.g. after reading a snapshot, so that it compares equal
/// to the same schema loaded from SQL. Already canonical expressions are left alone.
void canonicalize_expressions(schema::Database& database);

}  // namespace sleet::pg
