// One table of a SQLite schema -> schema::Table (see introspect.hpp for the drizzle conventions). PRAGMAs
// give what SQLite knows for sure (types, NOT NULL, key positions, hidden = generated, FK actions, index
// columns); the stored CREATE statement gives names and expressions. Foreign keys pair with their
// declarations by position, as PRAGMA foreign_key_list lists them in reverse declaration order.
#include "dialect/sqlite/column_text.hpp"
#include "dialect/sqlite/introspect_internal.hpp"
#include "dialect/sqlite/sql_text.hpp"
#include "dialect/sqlite/stored_sql.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>

namespace sleet::sqlite::detail {

namespace {

constexpr int kHiddenVirtual = 2; // PRAGMA table_xinfo `hidden`: a VIRTUAL generated column
constexpr int kHiddenStored = 3;  // a STORED generated column

const ColumnSql* find_column_sql(const TableSql& table, const std::string& name) {
  for (const ColumnSql& column : table.columns) {
    if (same_name(column.name, name)) return &column;
  }
  return nullptr;
}

bool same_columns(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_name(a[i], b[i])) return false;
  }
  return true;
}

struct KeyColumn {
  int cid = 0; ///< -2 for an expression
  std::string name;
};

/// The key columns of index `name` in order (PRAGMA index_xinfo rows with key = 1).
Result<std::vector<KeyColumn>> index_key_columns(dialect::Connection& connection, const std::string& name) {
  auto rows =
      connection.query("SELECT cid, name FROM pragma_index_xinfo(?1, 'main') WHERE key = 1 ORDER BY seqno", {name});
  if (!rows) return std::move(rows).error();
  std::vector<KeyColumn> columns;
  for (const dialect::Row& row : *rows)
    columns.push_back(KeyColumn{std::stoi(cell(row, 0)), cell(row, 1)});
  return columns;
}

schema::Index plain_index(std::string name, const std::vector<std::string>& columns, bool is_unique) {
  schema::Index index;
  index.name = std::move(name);
  index.is_unique = is_unique;
  for (const std::string& column : columns) {
    schema::IndexColumn key;
    key.expression = column;
    index.columns.push_back(std::move(key));
  }
  return index;
}

Result<void> read_columns(dialect::Connection& connection, const TableSql& sql, TableParts& parts) {
  schema::Table& table = parts.table;
  auto rows = connection.query(
      "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
      {table.name});
  if (!rows) return std::move(rows).error();
  std::vector<std::pair<int, std::string>> key_positions;
  for (const dialect::Row& row : *rows) {
    const int hidden = std::stoi(cell(row, 5));
    if (hidden == 1) continue; // a virtual table's hidden column
    schema::Column column;
    column.name = cell(row, 0);
    column.type = snapshot_type(cell(row, 1));
    column.not_null = cell(row, 2) == "1";
    const ColumnSql* written = find_column_sql(sql, column.name);
    column.autoincrement = written != nullptr && written->autoincrement;
    if (written != nullptr && written->default_sql) {
      column.default_value = snapshot_default(*written->default_sql);
    } else if (row.size() > 3 && row[3]) {
      column.default_value = snapshot_default(*row[3]);
    }
    if ((hidden == kHiddenVirtual || hidden == kHiddenStored) && written != nullptr && written->generated) {
      column.generated =
          schema::Generated{schema::Expr("(" + *written->generated + ")"),
                            hidden == kHiddenStored ? schema::GeneratedKind::Stored : schema::GeneratedKind::Virtual};
    }
    if (const int position = std::stoi(cell(row, 4)); position > 0) key_positions.emplace_back(position, column.name);
    table.columns.push_back(std::move(column));
  }
  std::sort(key_positions.begin(), key_positions.end());
  if (key_positions.size() == 1) {
    auto column = std::find_if(table.columns.begin(), table.columns.end(),
                               [&](const schema::Column& c) { return c.name == key_positions.front().second; });
    column->primary_key = true;
    // An INTEGER PRIMARY KEY is the rowid, which is never NULL: drizzle's integer().primaryKey().
    if (column->type == "integer") column->not_null = true;
  } else if (key_positions.size() > 1) {
    schema::PrimaryKey key;
    for (const auto& [position, name] : key_positions)
      key.columns.push_back(name);
    key.name = sql.primary_key_name && !sql.primary_key_name->empty()
                   ? *sql.primary_key_name
                   : fmt::format("{}_{}_pk", table.name, join(key.columns, "_"));
    table.composite_primary_keys.push_back(std::move(key));
  }
  return ok();
}

Result<void> read_uniques(dialect::Connection& connection, const TableSql& sql, TableParts& parts) {
  auto rows = connection.query("SELECT name FROM pragma_index_list(?1, 'main') WHERE origin = 'u'", {parts.table.name});
  if (!rows) return std::move(rows).error();
  std::vector<bool> used(sql.uniques.size(), false);
  std::vector<std::pair<std::size_t, schema::Index>> declared; // declaration position -> index
  for (const dialect::Row& row : *rows) {
    auto keys = index_key_columns(connection, cell(row, 0));
    if (!keys) return std::move(keys).error();
    std::vector<std::string> columns;
    for (const KeyColumn& key : *keys)
      columns.push_back(key.name);
    std::size_t position = sql.uniques.size();
    for (std::size_t i = 0; i < sql.uniques.size(); ++i) {
      if (!used[i] && same_columns(sql.uniques[i].columns, columns)) {
        position = i;
        used[i] = true;
        break;
      }
    }
    std::string name = position < sql.uniques.size() ? sql.uniques[position].name : std::string();
    if (name.empty()) name = fmt::format("{}_{}_unique", parts.table.name, join(columns, "_"));
    declared.emplace_back(position, plain_index(std::move(name), columns, true));
  }
  std::stable_sort(declared.begin(), declared.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [position, index] : declared) {
    bool column_level = position < sql.uniques.size() && sql.uniques[position].column_level;
    (column_level ? parts.column_uniques : parts.table_uniques).push_back(std::move(index));
  }
  return ok();
}

Result<void> read_foreign_keys(dialect::Connection& connection, const TableSql& sql, TableParts& parts) {
  auto rows = connection.query(
      "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1, 'main') "
      "ORDER BY id DESC, seq",
      {parts.table.name});
  if (!rows) return std::move(rows).error();
  std::vector<schema::ForeignKey> keys;
  std::vector<bool> implied; // REFERENCES t without columns: t's primary key, resolved once every table is known
  std::string current_id;
  for (const dialect::Row& row : *rows) {
    if (keys.empty() || cell(row, 0) != current_id) {
      current_id = cell(row, 0);
      schema::ForeignKey key;
      key.table_from = parts.table.name;
      key.table_to = cell(row, 1);
      key.on_update = ascii_lower(cell(row, 4));
      key.on_delete = ascii_lower(cell(row, 5));
      keys.push_back(std::move(key));
      implied.push_back(false);
    }
    keys.back().columns_from.push_back(cell(row, 2));
    if (row.size() > 3 && row[3])
      keys.back().columns_to.push_back(*row[3]);
    else
      implied.back() = true;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (implied[i]) keys[i].columns_to.clear();
  }
  if (keys.size() == sql.foreign_keys.size()) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (same_columns(keys[i].columns_from, sql.foreign_keys[i].columns)) keys[i].name = sql.foreign_keys[i].name;
    }
  }
  parts.table.foreign_keys = std::move(keys);
  return ok();
}

void read_checks(const TableSql& sql, schema::Table& table, Introspection& out) {
  std::map<std::string, int> taken; // lower-case name -> times used
  for (const CheckSql& check : sql.checks) {
    if (!check.name.empty()) ++taken[ascii_lower(check.name)];
  }
  for (const CheckSql& check : sql.checks) {
    std::string name = check.name;
    if (name.empty()) {
      std::string base =
          check.column.empty() ? table.name + "_check" : fmt::format("{}_{}_check", table.name, check.column);
      name = base;
      for (int suffix = 1; taken.count(ascii_lower(name)) != 0; ++suffix)
        name = base + std::to_string(suffix);
      ++taken[ascii_lower(name)];
    } else if (taken[ascii_lower(name)] > 1) {
      out.problems.push_back({table.name, fmt::format("table {} declares CHECK constraint {} twice",
                                                      quote_name(table.name), quote_name(name))});
      taken[ascii_lower(name)] = 1; // report once
    }
    table.check_constraints.push_back(schema::CheckConstraint{name, schema::Expr(check.expression)});
  }
}

} // namespace

std::string cell(const dialect::Row& row, std::size_t index) {
  return index < row.size() && row[index] ? *row[index] : std::string();
}

bool same_name(const std::string& a, const std::string& b) {
  return ascii_lower(a) == ascii_lower(b);
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts)
    out += (out.empty() ? "" : separator) + part;
  return out;
}

Result<TableParts> read_table(dialect::Connection& connection, const std::string& name, const std::string& sql,
                              Introspection& out) {
  TableParts parts;
  parts.table.name = name;
  TableSql written = read_create_table(sql).value_or(TableSql{});
  for (const std::string& note : written.notes) {
    out.notes.push_back({name, fmt::format("table {}: {}", quote_name(name), note)});
  }
  SLEET_TRY(read_columns(connection, written, parts));
  SLEET_TRY(read_uniques(connection, written, parts));
  SLEET_TRY(read_foreign_keys(connection, written, parts));
  read_checks(written, parts.table, out);
  return parts;
}

Result<schema::Index> read_created_index(dialect::Connection& connection, const std::string& table,
                                         const std::string& name, const std::string& sql, Introspection& out) {
  auto unique = connection.query("SELECT \"unique\" FROM pragma_index_list(?1, 'main') WHERE name = ?2", {table, name});
  if (!unique) return std::move(unique).error();
  auto keys = index_key_columns(connection, name);
  if (!keys) return std::move(keys).error();
  IndexSql written = read_create_index(sql).value_or(IndexSql{});
  for (const std::string& note : written.notes) {
    out.notes.push_back({name, fmt::format("index {}: {}", quote_name(name), note)});
  }
  schema::Index index;
  index.name = name;
  index.is_unique = !unique->empty() && cell(unique->front(), 0) == "1";
  for (std::size_t i = 0; i < keys->size(); ++i) {
    schema::IndexColumn column;
    const KeyColumn& key = (*keys)[i];
    if (key.cid == -2) {
      column.expression = i < written.columns.size() ? written.columns[i] : std::string();
      column.is_expression = true;
    } else {
      column.expression = key.name;
    }
    index.columns.push_back(std::move(column));
  }
  if (written.where) index.where = schema::Expr(*written.where);
  return index;
}

} // namespace sleet::sqlite::detail
