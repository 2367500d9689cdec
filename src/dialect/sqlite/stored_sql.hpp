// stored_sql: reads the CREATE TABLE / CREATE INDEX / CREATE VIEW text SQLite keeps in sqlite_schema for
// what its PRAGMAs do not report: constraint names, CHECK expressions, defaults as written (PRAGMA
// table_xinfo drops the parentheses of `DEFAULT (unixepoch())`), generated-column expressions,
// AUTOINCREMENT, index expressions and WHERE clauses, view bodies, and details the schema model cannot hold
// (COLLATE, ON CONFLICT, DEFERRABLE), returned as notes. SQLite has accepted and normalised this text
// already (https://www.sqlite.org/lang_createtable.html), so the readers only walk tokens; they never
// decide whether the SQL is valid. Facts PRAGMAs do report (types, NOT NULL, key columns, FK actions)
// are taken from the PRAGMAs by the introspector, not from here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleet::sqlite {

struct ColumnSql {
  std::string name;
  std::optional<std::string> default_sql; ///< DEFAULT as written: `'a''b'`, `-5`, `(unixepoch())`, `CURRENT_DATE`
  std::optional<std::string> generated;   ///< the expression inside GENERATED ALWAYS AS ( … ), without parentheses
  bool autoincrement = false;             ///< PRIMARY KEY … AUTOINCREMENT on this column (column or table level)
};

struct CheckSql {
  std::string name;       ///< "" when the CHECK has no CONSTRAINT name
  std::string expression; ///< inside the parentheses, blanks collapsed
  std::string column;     ///< the column of a column-level CHECK, "" for a table-level one
};

/// A UNIQUE constraint (column `UNIQUE` or table `UNIQUE (a, b)`), which SQLite backs with an autoindex.
struct UniqueSql {
  std::string name; ///< "" when unnamed
  std::vector<std::string> columns;
  bool column_level = false;
};

struct ForeignKeySql {
  std::string name; ///< "" when unnamed
  std::vector<std::string> columns;
};

struct TableSql {
  std::vector<ColumnSql> columns;
  std::vector<CheckSql> checks;                ///< in declaration order
  std::vector<UniqueSql> uniques;              ///< in declaration order
  std::vector<ForeignKeySql> foreign_keys;     ///< in declaration order (PRAGMA foreign_key_list lists them reversed)
  std::optional<std::string> primary_key_name; ///< set when a PRIMARY KEY is declared; "" when unnamed
  std::vector<std::string> notes;              ///< details the schema model cannot hold, one message each
};

/// Reads a stored `CREATE TABLE name (…) [options]`; std::nullopt when the text has no column list.
std::optional<TableSql> read_create_table(std::string_view sql);

struct IndexSql {
  /// Each indexed column as written, without COLLATE / ASC / DESC: a column name or an expression.
  std::vector<std::string> columns;
  std::optional<std::string> where; ///< the partial-index predicate, blanks collapsed
  std::vector<std::string> notes;   ///< COLLATE and DESC on index columns, which the model cannot hold
};

/// Reads a stored `CREATE [UNIQUE] INDEX name ON table (…) [WHERE …]`; std::nullopt when it has no column list.
std::optional<IndexSql> read_create_index(std::string_view sql);

/// The query of a stored `CREATE VIEW name [(columns)] AS query`, as drizzle shows a raw sql`` view: the
/// text as written with keywords in lower case and blanks collapsed. std::nullopt when there is no AS.
std::optional<std::string> read_view_query(std::string_view sql);

} // namespace sleet::sqlite
