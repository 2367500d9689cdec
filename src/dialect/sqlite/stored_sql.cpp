// Token walkers over stored CREATE statements, following SQLite's grammar for column definitions and table
// constraints (parse.y: `carglist`, `ccons`, `conslist`, `tcons`, `refargs`). Table constraints may follow
// each other without a comma, as SQLite accepts (`PRIMARY KEY (a) UNIQUE (b)`).
#include "dialect/sqlite/stored_sql.hpp"

#include "dialect/sqlite/sql_text.hpp"

#include <fmt/format.h>
#include <utility>

namespace sleet::sqlite {

namespace {

/// Words that end a column's type name and start one of its constraints.
bool starts_column_constraint(const TokenList& tokens, std::size_t index) {
  for (const char* word : {"constraint", "primary", "not", "null", "unique", "check", "default", "collate",
                           "references", "generated", "as"}) {
    if (tokens.is_word(index, word)) return true;
  }
  return false;
}

bool starts_table_constraint(const TokenList& tokens, std::size_t index) {
  for (const char* word : {"constraint", "primary", "unique", "check", "foreign"}) {
    if (tokens.is_word(index, word)) return true;
  }
  return false;
}

/// Index after `name` or `schema.name` starting at `index`.
std::size_t skip_qualified_name(const TokenList& tokens, std::size_t index) {
  if (!tokens.is_name(index)) return index;
  return tokens.is_punct(index + 1, ".") && tokens.is_name(index + 2) ? index + 3 : index + 1;
}

/// Walks one constraint list (a column's, or a run of table constraints) and records what it declares.
class ConstraintReader {
public:
  ConstraintReader(const TokenList& tokens, TableSql& table) : tokens_(tokens), table_(table) {}

  /// Reads the constraints of column `column` in [first, last).
  void column_constraints(ColumnSql& column, std::size_t first, std::size_t last) {
    last_ = last;
    std::size_t i = first;
    while (i < last_) {
      if (tokens_.is_word(i, "constraint")) {
        pending_name_ = tokens_.name(i + 1);
        i += 2;
        continue;
      }
      if (tokens_.is_word(i, "primary")) {
        table_.primary_key_name = take_name();
        i += 2; // PRIMARY KEY
        if (tokens_.is_word(i, "asc") || tokens_.is_word(i, "desc")) ++i;
        i = conflict_clause(i, column.name);
        if (tokens_.is_word(i, "autoincrement")) {
          column.autoincrement = true;
          ++i;
        }
      } else if (tokens_.is_word(i, "not") || tokens_.is_word(i, "null")) {
        i = conflict_clause(i + (tokens_.is_word(i, "not") ? 2 : 1), column.name);
        take_name();
      } else if (tokens_.is_word(i, "unique")) {
        table_.uniques.push_back(UniqueSql{take_name(), {column.name}, true});
        i = conflict_clause(i + 1, column.name);
      } else if (tokens_.is_word(i, "check")) {
        i = check(i + 1, column.name);
      } else if (tokens_.is_word(i, "default")) {
        i = default_value(column, i + 1);
        take_name();
      } else if (tokens_.is_word(i, "collate")) {
        note(column.name, fmt::format("COLLATE {}", tokens_.text(i + 1)));
        take_name();
        i += 2;
      } else if (tokens_.is_word(i, "references")) {
        table_.foreign_keys.push_back(ForeignKeySql{take_name(), {column.name}});
        i = references(i + 1, column.name);
      } else if (tokens_.is_word(i, "generated") || tokens_.is_word(i, "as")) {
        i = generated(column, i);
        take_name();
      } else {
        ++i; // something this reader does not need
      }
    }
  }

  /// Reads the table constraints in [first, last).
  void table_constraints(std::size_t first, std::size_t last) {
    last_ = last;
    std::size_t i = first;
    while (i < last_) {
      if (tokens_.is_word(i, "constraint")) {
        pending_name_ = tokens_.name(i + 1);
        i += 2;
      } else if (tokens_.is_word(i, "primary") && tokens_.is_punct(i + 2, "(")) {
        table_.primary_key_name = take_name();
        std::size_t close = tokens_.matching_paren(i + 2);
        std::vector<std::string> columns = column_list(i + 2, close);
        for (std::size_t k = i + 3; k < close; ++k) {
          if (!tokens_.is_word(k, "autoincrement")) continue;
          for (ColumnSql& column : table_.columns) {
            if (!columns.empty() && ascii_lower(column.name) == ascii_lower(columns.front()))
              column.autoincrement = true;
          }
        }
        i = conflict_clause(close + 1, "");
      } else if (tokens_.is_word(i, "unique") && tokens_.is_punct(i + 1, "(")) {
        std::size_t close = tokens_.matching_paren(i + 1);
        table_.uniques.push_back(UniqueSql{take_name(), column_list(i + 1, close), false});
        i = conflict_clause(close + 1, "");
      } else if (tokens_.is_word(i, "check")) {
        i = check(i + 1, "");
      } else if (tokens_.is_word(i, "foreign") && tokens_.is_punct(i + 2, "(")) {
        std::size_t close = tokens_.matching_paren(i + 2);
        table_.foreign_keys.push_back(ForeignKeySql{take_name(), column_list(i + 2, close)});
        i = tokens_.is_word(close + 1, "references") ? references(close + 2, "") : close + 1;
      } else {
        ++i;
      }
    }
  }

private:
  std::string take_name() { return std::exchange(pending_name_, std::string()); }

  void note(const std::string& column, const std::string& what) {
    table_.notes.push_back(
        column.empty() ? fmt::format("{} is not kept in the schema model", what)
                       : fmt::format("{} of column {} is not kept in the schema model", what, quote_name(column)));
  }

  /// The first name of each comma-separated element of the parenthesised list (open, close).
  std::vector<std::string> column_list(std::size_t open, std::size_t close) const {
    std::vector<std::string> columns;
    std::size_t element = open + 1;
    while (element < close) {
      std::size_t comma = tokens_.top_level_comma(element, close);
      if (tokens_.is_name(element)) columns.push_back(tokens_.name(element));
      element = comma + 1;
    }
    return columns;
  }

  std::size_t conflict_clause(std::size_t i, const std::string& column) {
    if (!tokens_.is_word(i, "on") || !tokens_.is_word(i + 1, "conflict")) return i;
    note(column, fmt::format("ON CONFLICT {}", ascii_lower(tokens_.text(i + 2))));
    return i + 3;
  }

  std::size_t check(std::size_t open, const std::string& column) {
    if (!tokens_.is_punct(open, "(")) return open;
    std::size_t close = tokens_.matching_paren(open);
    table_.checks.push_back(CheckSql{take_name(), tokens_.rebuild(open + 1, close), column});
    return close + 1;
  }

  std::size_t default_value(ColumnSql& column, std::size_t i) {
    if (tokens_.is_punct(i, "(")) {
      std::size_t close = tokens_.matching_paren(i);
      column.default_sql = tokens_.rebuild(i, close + 1);
      return close + 1;
    }
    if ((tokens_.is_punct(i, "-") || tokens_.is_punct(i, "+")) && i + 1 < last_) {
      column.default_sql = std::string(tokens_.text(i)) + std::string(tokens_.text(i + 1));
      return i + 2;
    }
    if (i < last_) column.default_sql = std::string(tokens_.text(i));
    return i + 1;
  }

  std::size_t generated(ColumnSql& column, std::size_t i) {
    if (tokens_.is_word(i, "generated")) i += 2; // GENERATED ALWAYS
    if (!tokens_.is_word(i, "as") || !tokens_.is_punct(i + 1, "(")) return i + 1;
    std::size_t close = tokens_.matching_paren(i + 1);
    column.generated = tokens_.rebuild(i + 2, close);
    i = close + 1;
    if (tokens_.is_word(i, "stored") || tokens_.is_word(i, "virtual")) ++i;
    return i;
  }

  /// Skips `table [(columns)]` and the REFERENCES arguments (ON DELETE/UPDATE, MATCH, [NOT] DEFERRABLE …).
  std::size_t references(std::size_t i, const std::string& column) {
    i = skip_qualified_name(tokens_, i);
    if (tokens_.is_punct(i, "(")) i = tokens_.matching_paren(i) + 1;
    while (i < last_) {
      if (tokens_.is_word(i, "on") && (tokens_.is_word(i + 1, "delete") || tokens_.is_word(i + 1, "update"))) {
        i += 2;
        if (tokens_.is_word(i, "set") || tokens_.is_word(i, "no")) ++i;
        ++i; // NULL / DEFAULT / ACTION / CASCADE / RESTRICT
      } else if (tokens_.is_word(i, "match")) {
        note(column, fmt::format("MATCH {} of a foreign key", tokens_.text(i + 1)));
        i += 2;
      } else if (tokens_.is_word(i, "deferrable") ||
                 (tokens_.is_word(i, "not") && tokens_.is_word(i + 1, "deferrable"))) {
        bool negated = tokens_.is_word(i, "not");
        i += negated ? 2 : 1;
        bool deferred = false;
        if (tokens_.is_word(i, "initially")) {
          deferred = tokens_.is_word(i + 1, "deferred");
          i += 2;
        }
        if (!negated && deferred) note(column, "DEFERRABLE INITIALLY DEFERRED of a foreign key");
      } else {
        break;
      }
    }
    return i;
  }

  const TokenList& tokens_;
  TableSql& table_;
  std::string pending_name_;
  std::size_t last_ = 0;
};

/// Index of the first token after `CREATE … <kind> [IF NOT EXISTS] [schema.]name`, or size() when the
/// statement does not have that shape.
std::size_t after_created_name(const TokenList& tokens, std::string_view kind) {
  std::size_t i = 0;
  while (i < tokens.size() && !tokens.is_word(i, kind))
    ++i;
  if (i >= tokens.size()) return tokens.size();
  ++i;
  if (tokens.is_word(i, "if") && tokens.is_word(i + 1, "not") && tokens.is_word(i + 2, "exists")) i += 3;
  return skip_qualified_name(tokens, i);
}

} // namespace

std::optional<TableSql> read_create_table(std::string_view sql) {
  TokenList tokens(sql);
  std::size_t open = after_created_name(tokens, "table");
  if (!tokens.is_punct(open, "(")) return std::nullopt;
  std::size_t close = tokens.matching_paren(open);
  TableSql table;
  ConstraintReader reader(tokens, table);
  std::size_t element = open + 1;
  while (element < close) {
    std::size_t comma = tokens.top_level_comma(element, close);
    if (starts_table_constraint(tokens, element)) {
      // Table constraints come after every column; the rest of the list is constraints.
      reader.table_constraints(element, close);
      break;
    }
    ColumnSql column;
    column.name = tokens.name(element);
    std::size_t constraints = element + 1;
    int depth = 0;
    for (; constraints < comma; ++constraints) { // the type name, which may hold parentheses: DECIMAL(10, 2)
      if (tokens.is_punct(constraints, "(")) ++depth;
      if (tokens.is_punct(constraints, ")")) --depth;
      if (depth == 0 && starts_column_constraint(tokens, constraints)) break;
    }
    table.columns.push_back(std::move(column));
    reader.column_constraints(table.columns.back(), constraints, comma);
    element = comma + 1;
  }
  return table;
}

std::optional<IndexSql> read_create_index(std::string_view sql) {
  TokenList tokens(sql);
  std::size_t on = after_created_name(tokens, "index");
  if (!tokens.is_word(on, "on")) return std::nullopt;
  std::size_t open = skip_qualified_name(tokens, on + 1);
  if (!tokens.is_punct(open, "(")) return std::nullopt;
  std::size_t close = tokens.matching_paren(open);
  IndexSql index;
  std::size_t element = open + 1;
  while (element < close) {
    std::size_t comma = tokens.top_level_comma(element, close);
    std::size_t stop = comma;
    int depth = 0;
    for (std::size_t i = element; i < comma; ++i) { // the column or expression ends at COLLATE / ASC / DESC
      if (tokens.is_punct(i, "(")) ++depth;
      if (tokens.is_punct(i, ")")) --depth;
      if (depth == 0 && i > element &&
          (tokens.is_word(i, "collate") || tokens.is_word(i, "asc") || tokens.is_word(i, "desc"))) {
        stop = i;
        break;
      }
    }
    std::string column = tokens.rebuild(element, stop);
    for (std::size_t i = stop; i < comma; ++i) {
      if (tokens.is_word(i, "collate")) {
        index.notes.push_back(
            fmt::format("COLLATE {} of index column {} is not kept in the schema model", tokens.text(i + 1), column));
      }
      if (tokens.is_word(i, "desc")) {
        index.notes.push_back(fmt::format("DESC of index column {} is not kept in the schema model", column));
      }
    }
    index.columns.push_back(std::move(column));
    element = comma + 1;
  }
  if (tokens.is_word(close + 1, "where")) index.where = tokens.rebuild(close + 2, tokens.size());
  return index;
}

std::optional<std::string> read_view_query(std::string_view sql) {
  TokenList tokens(sql);
  std::size_t i = after_created_name(tokens, "view");
  if (tokens.is_punct(i, "(")) i = tokens.matching_paren(i) + 1;
  if (!tokens.is_word(i, "as")) return std::nullopt;
  return tokens.rebuild(i + 1, tokens.size(), true);
}

} // namespace sleet::sqlite
