// Change -> PostgreSQL statement text, byte for byte as drizzle-kit 0.31 writes it (drizzle-reference.md 4.5),
// except where drizzle's SQL is wrong (identifiers are always escaped, enum values in ADD VALUE too; see
// docs/compat.md). A change may render to several statements (CREATE TABLE + ENABLE ROW LEVEL SECURITY, DROP
// POLICY... + DROP TABLE, an enum recreation). Pure: no I/O, no lookups.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diff/change.hpp"

namespace sleet::pg {

/// `"name"` with every `"` doubled.
std::string quote_ident(std::string_view name);

/// `'text'` with every `'` doubled.
std::string quote_literal(std::string_view text);

/// The statements for one change, in order (some end with "\n", as drizzle's do).
std::vector<std::string> render_change(const diff::Change& change);

/// The statements for one change inside a table (`table` names it).
std::vector<std::string> render_table_change(const diff::TableRef& table, const diff::TableChange& change);

}  // namespace sleet::pg
