// Shared between introspect.cpp (the whole schema: object list, views, foreign-key targets, order) and
// introspect_table.cpp (one table: columns, keys, uniques, indexes, checks). Not part of the module's API.
#pragma once

#include "dialect/sqlite/introspect.hpp"

#include <string>
#include <vector>

namespace sleet::sqlite::detail {

/// A table while it is read: drizzle orders its indexes column UNIQUEs, CREATE INDEX, table UNIQUEs, and
/// CREATE INDEX statements are met later, in sqlite_schema order.
struct TableParts {
  schema::Table table;
  std::vector<schema::Index> column_uniques;
  std::vector<schema::Index> created_indexes;
  std::vector<schema::Index> table_uniques;
};

/// Reads table `name` (stored CREATE statement `sql`): columns, primary key, UNIQUE autoindexes, foreign keys
/// (target columns may be left empty and names unset when the target is implied) and checks.
Result<TableParts> read_table(dialect::Connection& connection, const std::string& name, const std::string& sql,
                              Introspection& out);

/// Reads index `name` created by CREATE INDEX (`sql`) on `table`.
Result<schema::Index> read_created_index(dialect::Connection& connection, const std::string& table,
                                         const std::string& name, const std::string& sql, Introspection& out);

/// The value of column `index` of a PRAGMA row, "" for NULL.
std::string cell(const dialect::Row& row, std::size_t index);

/// SQLite compares identifiers ASCII case-insensitively.
bool same_name(const std::string& a, const std::string& b);

std::string join(const std::vector<std::string>& parts, const char* separator);

} // namespace sleet::sqlite::detail
