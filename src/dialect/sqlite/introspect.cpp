// introspect(): walks sqlite_schema in creation order, reads each table (introspect_table.cpp), each index a
// CREATE INDEX made and each view, then the passes that need every table: foreign-key targets (canonical
// table and column names, implied primary keys, drizzle's default names), index-name clashes and
// drizzle's object order.
#include "dialect/sqlite/introspect.hpp"

#include "dialect/sqlite/column_text.hpp"
#include "dialect/sqlite/introspect_internal.hpp"
#include "dialect/sqlite/sql_text.hpp"
#include "dialect/sqlite/stored_sql.hpp"
#include "core/name_glob.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace sleet::sqlite {

namespace {

using detail::cell;
using detail::same_name;

struct TableKind {
  std::string type; ///< "table", "view", "virtual", "shadow" (PRAGMA table_list)
  bool without_rowid = false;
  bool strict = false;
};

Result<std::map<std::string, TableKind>> table_kinds(dialect::Connection& connection) {
  auto rows = connection.query("SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'");
  if (!rows) return std::move(rows).error();
  std::map<std::string, TableKind> kinds;
  for (const dialect::Row& row : *rows) {
    kinds[cell(row, 0)] = TableKind{cell(row, 1), cell(row, 2) == "1", cell(row, 3) == "1"};
  }
  return kinds;
}

bool is_internal(const std::string& name) {
  return ascii_lower(name).rfind("sqlite_", 0) == 0;
}

Result<schema::View> read_view(dialect::Connection& connection, const std::string& name, const std::string& sql,
                               Introspection& out) {
  schema::View view;
  view.name = name;
  if (auto query = read_view_query(sql)) view.definition = schema::Expr(std::move(*query));
  auto rows = connection.query("SELECT name, type FROM pragma_table_xinfo(?1, 'main') ORDER BY cid", {name});
  if (!rows) {
    // SQLite creates a view without checking its query; reading its columns is the first check.
    std::string message = rows.error().message;
    if (auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    out.problems.push_back({name, fmt::format("view {} cannot be read: {}", quote_name(name), message)});
    return view;
  }
  for (const dialect::Row& row : *rows) {
    schema::Column column;
    column.name = cell(row, 0);
    column.type = snapshot_type(cell(row, 1)); // "" for an expression: SQLite knows no declared type for it
    column.autoincrement = false;
    view.columns.push_back(std::move(column));
  }
  return view;
}

const schema::Table* find_table(const std::vector<schema::Table>& tables, const std::string& name) {
  for (const schema::Table& table : tables) {
    if (same_name(table.name, name)) return &table;
  }
  return nullptr;
}

std::vector<std::string> primary_key_columns(const schema::Table& table) {
  std::vector<std::string> columns;
  for (const schema::Column& column : table.columns) {
    if (column.primary_key) columns.push_back(column.name);
  }
  if (columns.empty() && !table.composite_primary_keys.empty()) columns = table.composite_primary_keys.front().columns;
  return columns;
}

/// Canonical target names, implied target columns and drizzle's default names.
void resolve_foreign_keys(std::vector<schema::Table>& tables, Introspection& out) {
  for (schema::Table& table : tables) {
    for (schema::ForeignKey& key : table.foreign_keys) {
      const schema::Table* target = find_table(tables, key.table_to);
      if (target != nullptr) {
        key.table_to = target->name;
        if (key.columns_to.empty()) key.columns_to = primary_key_columns(*target);
        for (std::string& column : key.columns_to) {
          for (const schema::Column& candidate : target->columns) {
            if (same_name(candidate.name, column)) column = candidate.name;
          }
        }
      }
      if (key.columns_to.empty()) {
        out.problems.push_back(
            {table.name,
             fmt::format("foreign key of table {} references {} without naming the referenced columns, and {}",
                         quote_name(table.name), quote_name(key.table_to),
                         target == nullptr ? "that table is not declared" : "that table has no primary key")});
        continue;
      }
      if (key.name.empty()) {
        key.name = fmt::format("{}_{}_{}_{}_fk", table.name, detail::join(key.columns_from, "_"), key.table_to,
                               detail::join(key.columns_to, "_"));
      }
    }
  }
}

/// drizzle keys foreign keys by name: two identical REFERENCES clauses get the same default name.
void check_foreign_key_names(const std::vector<schema::Table>& tables, Introspection& out) {
  for (const schema::Table& table : tables) {
    std::map<std::string, int> seen;
    for (const schema::ForeignKey& key : table.foreign_keys) {
      if (!key.name.empty() && ++seen[ascii_lower(key.name)] == 2) {
        out.problems.push_back({table.name, fmt::format("table {} declares foreign key {} twice",
                                                        quote_name(table.name), quote_name(key.name))});
      }
    }
  }
}

/// drizzle keys indexes by name in one namespace per table, SQLite in one per schema: generated UNIQUE
/// names must not collide with each other or with CREATE INDEX names.
void check_index_names(const std::vector<schema::Table>& tables, Introspection& out) {
  std::map<std::string, std::string> owners; // lower-case index name -> table
  for (const schema::Table& table : tables) {
    for (const schema::Index& index : table.indexes) {
      auto [it, inserted] = owners.emplace(ascii_lower(index.name), table.name);
      if (!inserted) {
        out.problems.push_back(
            {table.name, fmt::format("index name {} is used twice (tables {} and {}); name the "
                                     "UNIQUE constraint with CONSTRAINT <name>",
                                     quote_name(index.name), quote_name(it->second), quote_name(table.name))});
      }
    }
  }
}

} // namespace

Result<Introspection> introspect(dialect::Connection& connection) {
  Introspection out;
  out.database.dialect = schema::Dialect::Sqlite;
  auto kinds = table_kinds(connection);
  if (!kinds) return std::move(kinds).error();
  auto objects = connection.query("SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid");
  if (!objects) return std::move(objects).error();

  std::vector<detail::TableParts> tables;
  std::map<std::string, std::size_t> table_positions; // lower-case name -> index in `tables`
  for (const dialect::Row& row : *objects) {
    const std::string type = cell(row, 0);
    const std::string name = cell(row, 1);
    const std::string sql = cell(row, 3);
    if (type == "table" && !is_internal(name)) {
      auto kind = kinds->find(name);
      if (kind == kinds->end() || kind->second.type != "table") continue; // virtual and shadow tables
      auto parts = detail::read_table(connection, name, sql, out);
      if (!parts) return std::move(parts).error();
      if (kind->second.without_rowid)
        out.notes.push_back(
            {name, fmt::format("table {}: WITHOUT ROWID is not kept in the schema model", quote_name(name))});
      if (kind->second.strict)
        out.notes.push_back({name, fmt::format("table {}: STRICT is not kept in the schema model", quote_name(name))});
      table_positions[ascii_lower(name)] = tables.size();
      tables.push_back(std::move(*parts));
    } else if (type == "index" && !sql.empty()) {
      auto owner = table_positions.find(ascii_lower(cell(row, 2)));
      if (owner == table_positions.end()) continue; // an index on a table left out of the model
      auto index = detail::read_created_index(connection, tables[owner->second].table.name, name, sql, out);
      if (!index) return std::move(index).error();
      tables[owner->second].created_indexes.push_back(std::move(*index));
    } else if (type == "view") {
      auto view = read_view(connection, name, sql, out);
      if (!view) return std::move(view).error();
      out.database.views.push_back(std::move(*view));
    }
  }

  for (detail::TableParts& parts : tables) {
    schema::Table& table = parts.table;
    for (auto* list : {&parts.column_uniques, &parts.created_indexes, &parts.table_uniques}) {
      for (schema::Index& index : *list)
        table.indexes.push_back(std::move(index));
    }
    out.database.tables.push_back(std::move(table));
  }
  resolve_foreign_keys(out.database.tables, out);
  check_foreign_key_names(out.database.tables, out);
  check_index_names(out.database.tables, out);
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::stable_sort(out.database.tables.begin(), out.database.tables.end(), by_name);
  std::stable_sort(out.database.views.begin(), out.database.views.end(), by_name);
  return out;
}

namespace {

// Counts the statements introspect() sends, so callers can report them.
class CountingConnection final : public dialect::Connection {
 public:
  explicit CountingConnection(dialect::Connection& inner) : inner_(inner) {}
  schema::Dialect dialect() const override { return inner_.dialect(); }
  Result<void> execute(std::string_view sql) override {
    ++count;
    return inner_.execute(sql);
  }
  Result<std::vector<dialect::Row>> query(std::string_view sql, const std::vector<std::string>& params) override {
    ++count;
    return inner_.query(sql, params);
  }
  int count = 0;

 private:
  dialect::Connection& inner_;
};

} // namespace

Result<Introspection> introspect_live(dialect::Connection& connection, const dialect::IntrospectFilters& filters) {
  CountingConnection counting(connection);
  auto read = introspect(counting);
  if (!read) return std::move(read).error();
  read->queries = counting.count;
  auto& tables = read->database.tables;
  std::erase_if(tables, [&](const schema::Table& table) {
    return same_name(table.name, filters.tracking_table) || !selected_by_globs(filters.tables, table.name);
  });
  return read;
}

} // namespace sleet::sqlite
