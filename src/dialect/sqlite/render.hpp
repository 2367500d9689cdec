// SQLite statement text, byte for byte as drizzle-kit 0.31 writes it (drizzle-reference.md 4.2, 4.7, 4.8), except
// where drizzle's SQL is wrong (docs/compat.md, SQLite section): identifiers are escaped, expression index columns
// stay expressions after a table recreation, the recreation copies only columns the old table has (never
// generated ones), and a column added with a foreign key keeps its ON DELETE / ON UPDATE actions. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/schema.hpp"

namespace sleet::sqlite {

/// `` `name` `` with every backtick doubled (drizzle does not escape; identical for every ordinary name).
std::string quote_ident(std::string_view name);

/// `"name"` with every `"` doubled (drizzle's quoting of RENAME COLUMN and the recreation's column lists).
std::string quote_double(std::string_view name);

/// `CREATE TABLE `t` (\n\t...\n);\n` for a new table: columns, composite primary keys, foreign keys, unique
/// constraints (name unquoted, as drizzle writes it, unless the name needs quoting) and checks.
std::string create_table_sql(const schema::Table& table);

/// One column copied by a table recreation: `to` in the new table, read from `from` in the old one.
struct CopiedColumn {
  std::string to;
  std::string from;
};

/// drizzle's table recreation: PRAGMA foreign_keys=OFF, CREATE TABLE `__new_t`, INSERT ... SELECT (only
/// `copied`; left out when empty), DROP TABLE, ALTER TABLE `__new_t` RENAME TO `t`, PRAGMA foreign_keys=ON. The
/// new table's indexes are not included (see create_index_sql).
std::vector<std::string> recreate_table_sql(const schema::Table& table, const std::vector<CopiedColumn>& copied);

/// `CREATE [UNIQUE ]INDEX `i` ON `t` (`a`,expr)[ WHERE ...];` (expression columns as written).
std::string create_index_sql(const std::string& table, const schema::Index& index);

std::string drop_index_sql(const std::string& name);
std::string drop_table_sql(const std::string& table);
std::string rename_table_sql(const std::string& from, const std::string& to);
std::string rename_column_sql(const std::string& table, const std::string& from, const std::string& to);
std::string drop_column_sql(const std::string& table, const std::string& column);

/// `ALTER TABLE `t` ADD `c` type[ PRIMARY KEY][ DEFAULT d][ GENERATED ALWAYS AS (...) STORED|VIRTUAL][ NOT
/// NULL][ REFERENCES t2(c2)[ ON UPDATE u][ ON DELETE d]];`. drizzle writes the reference target unquoted and
/// without its actions; sleet adds the actions that are not "no action" (and quotes names that need it).
std::string add_column_sql(const std::string& table, const schema::Column& column,
                           const schema::ForeignKey* reference = nullptr);

std::string create_view_sql(const std::string& name, const std::string& definition);
std::string drop_view_sql(const std::string& name);

}  // namespace sleet::sqlite
