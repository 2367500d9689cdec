// SQLite statement templates (drizzle-kit 0.31's sqlgenerator.ts convertors, drizzle-reference.md 4.8).
#include "dialect/sqlite/render.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace sleet::sqlite {
namespace {

std::string quote_with(std::string_view name, char quote) {
  std::string out;
  out.reserve(name.size() + 2);
  out.push_back(quote);
  for (char c : name) {
    if (c == quote) out.push_back(quote);
    out.push_back(c);
  }
  out.push_back(quote);
  return out;
}

// SQLite's keywords (https://sqlite.org/lang_keywords.html), upper case, sorted.
constexpr std::array<std::string_view, 147> kKeywords = {
    "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS", "ASC", "ATTACH",
    "AUTOINCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BY", "CASCADE", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN",
    "COMMIT", "CONFLICT", "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "DATABASE", "DEFAULT", "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DETACH", "DISTINCT",
    "DO", "DROP", "EACH", "ELSE", "END", "ESCAPE", "EXCEPT", "EXCLUDE", "EXCLUSIVE", "EXISTS", "EXPLAIN", "FAIL",
    "FILTER", "FIRST", "FOLLOWING", "FOR", "FOREIGN", "FROM", "FULL", "GENERATED", "GLOB", "GROUP", "GROUPS",
    "HAVING", "IF", "IGNORE", "IMMEDIATE", "IN", "INDEX", "INDEXED", "INITIALLY", "INNER", "INSERT", "INSTEAD",
    "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "KEY", "LAST", "LEFT", "LIKE", "LIMIT", "MATCH", "MATERIALIZED",
    "NATURAL", "NO", "NOT", "NOTHING", "NOTNULL", "NULL", "NULLS", "OF", "OFFSET", "ON", "OR", "ORDER", "OTHERS",
    "OUTER", "OVER", "PARTITION", "PLAN", "PRAGMA", "PRECEDING", "PRIMARY", "QUERY", "RAISE", "RANGE", "RECURSIVE",
    "REFERENCES", "REGEXP", "REINDEX", "RELEASE", "RENAME", "REPLACE", "RESTRICT", "RETURNING", "RIGHT", "ROLLBACK",
    "ROW", "ROWS", "SAVEPOINT", "SELECT", "SET", "TABLE", "TEMP", "TEMPORARY", "THEN", "TIES", "TO", "TRANSACTION",
    "TRIGGER", "UNBOUNDED", "UNION", "UNIQUE", "UPDATE", "USING", "VACUUM", "VALUES", "VIEW", "VIRTUAL", "WHEN",
    "WHERE", "WINDOW", "WITH", "WITHOUT"};

/// drizzle writes some names bare (unique constraint names, the target of ADD ... REFERENCES); they stay bare
/// when SQLite reads them as the same identifier, and are quoted otherwise.
std::string bare_or_quoted(std::string_view name) {
  bool plain = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
  }
  if (plain) {
    std::string upper(name);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (std::binary_search(kKeywords.begin(), kKeywords.end(), std::string_view(upper))) plain = false;
  }
  return plain ? std::string(name) : quote_ident(name);
}

std::string join_quoted(const std::vector<std::string>& names, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += separator;
    out += quote_ident(names[i]);
  }
  return out;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string generated_clause(const schema::Column& column) {
  if (!column.generated) return "";
  return " GENERATED ALWAYS AS " + column.generated->as.text + " " +
         upper(column.generated->type == schema::GeneratedKind::Stored ? "stored" : "virtual");
}

std::string column_definition(const schema::Column& column) {
  std::string out = quote_ident(column.name) + " " + column.type;
  if (column.primary_key) out += " PRIMARY KEY";
  if (column.autoincrement.value_or(false)) out += " AUTOINCREMENT";
  if (column.default_value) out += " DEFAULT " + column.default_value->text;
  out += generated_clause(column);
  if (column.not_null) out += " NOT NULL";
  return out;
}

/// JavaScript's String.prototype.replaceAll.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = text.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(text, pos, hit - pos);
    out += to;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

/// SQLiteCreateTableConvertor. `checks` are (name, value) pairs, already rewritten for a recreation.
std::string create_table_text(const std::string& name, const schema::Table& table, bool with_uniques,
                              const std::vector<std::pair<std::string, std::string>>& checks) {
  std::string out = "CREATE TABLE " + quote_ident(name) + " (\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    out += "\t" + column_definition(table.columns[i]);
    if (i + 1 < table.columns.size()) out += ",\n";
  }
  for (const schema::PrimaryKey& pk : table.composite_primary_keys) {
    out += ",\n\tPRIMARY KEY(" + join_quoted(pk.columns, ", ") + ")";
  }
  for (const schema::ForeignKey& fk : table.foreign_keys) {
    out += ",\n\tFOREIGN KEY (" + join_quoted(fk.columns_from, ",") + ") REFERENCES " + quote_ident(fk.table_to) +
           "(" + join_quoted(fk.columns_to, ",") + ")";
    if (fk.on_update && !fk.on_update->empty()) out += " ON UPDATE " + *fk.on_update;
    if (fk.on_delete && !fk.on_delete->empty()) out += " ON DELETE " + *fk.on_delete;
  }
  if (with_uniques) {
    for (const schema::UniqueConstraint& u : table.unique_constraints) {
      out += ",\n\tCONSTRAINT " + bare_or_quoted(u.name) + " UNIQUE(" + join_quoted(u.columns, ",") + ")";
    }
  }
  for (const auto& [check_name, value] : checks) {
    out += ",\n\tCONSTRAINT " + quote_double(check_name) + " CHECK(" + value + ")";
  }
  out += "\n);\n";
  return out;
}

}  // namespace

std::string quote_ident(std::string_view name) { return quote_with(name, '`'); }

std::string quote_double(std::string_view name) { return quote_with(name, '"'); }

std::string create_table_sql(const schema::Table& table) {
  std::vector<std::pair<std::string, std::string>> checks;
  for (const schema::CheckConstraint& c : table.check_constraints) checks.emplace_back(c.name, c.value.text);
  return create_table_text(table.name, table, true, checks);
}

std::vector<std::string> recreate_table_sql(const schema::Table& table, const std::vector<CopiedColumn>& copied) {
  const std::string& name = table.name;
  const std::string new_name = "__new_" + name;
  // drizzle rewrites references to the table inside checks by plain text replacement.
  auto rewrite = [&](std::string text) {
    text = replace_all(std::move(text), "\"" + name + "\".", "\"" + new_name + "\".");
    text = replace_all(std::move(text), "`" + name + "`.", "`" + new_name + "`.");
    text = replace_all(std::move(text), name + ".", new_name + ".");
    return replace_all(std::move(text), "'" + name + "'.", "'" + new_name + "'.");
  };
  std::vector<std::pair<std::string, std::string>> checks;
  for (const schema::CheckConstraint& c : table.check_constraints) {
    checks.emplace_back(rewrite(c.name), rewrite(c.value.text));
  }
  std::vector<std::string> out;
  out.emplace_back("PRAGMA foreign_keys=OFF;");
  // drizzle leaves unique constraints out of the recreated table (never present in drizzle's own snapshots);
  // sleet keeps them, so a recreation never loses one.
  out.push_back(create_table_text(new_name, table, true, checks));
  if (!copied.empty()) {
    std::string to_list;
    std::string from_list;
    for (std::size_t i = 0; i < copied.size(); ++i) {
      if (i > 0) {
        to_list += ", ";
        from_list += ", ";
      }
      to_list += quote_double(copied[i].to);
      from_list += quote_double(copied[i].from);
    }
    out.push_back("INSERT INTO " + quote_ident(new_name) + "(" + to_list + ") SELECT " + from_list + " FROM " +
                  quote_ident(name) + ";");
  }
  out.push_back(drop_table_sql(name));
  out.push_back(rename_table_sql(new_name, name));
  out.emplace_back("PRAGMA foreign_keys=ON;");
  return out;
}

std::string create_index_sql(const std::string& table, const schema::Index& index) {
  std::string columns;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (i > 0) columns += ",";
    const schema::IndexColumn& c = index.columns[i];
    columns += c.is_expression ? c.expression : quote_ident(c.expression);
  }
  std::string out = std::string("CREATE ") + (index.is_unique ? "UNIQUE INDEX " : "INDEX ") + quote_ident(index.name) +
                    " ON " + quote_ident(table) + " (" + columns + ")";
  if (index.where && !index.where->text.empty()) out += " WHERE " + index.where->text;
  return out + ";";
}

std::string drop_index_sql(const std::string& name) { return "DROP INDEX " + quote_ident(name) + ";"; }

std::string drop_table_sql(const std::string& table) { return "DROP TABLE " + quote_ident(table) + ";"; }

std::string rename_table_sql(const std::string& from, const std::string& to) {
  return "ALTER TABLE " + quote_ident(from) + " RENAME TO " + quote_ident(to) + ";";
}

std::string rename_column_sql(const std::string& table, const std::string& from, const std::string& to) {
  return "ALTER TABLE " + quote_ident(table) + " RENAME COLUMN " + quote_double(from) + " TO " + quote_double(to) + ";";
}

std::string drop_column_sql(const std::string& table, const std::string& column) {
  return "ALTER TABLE " + quote_ident(table) + " DROP COLUMN " + quote_ident(column) + ";";
}

std::string add_column_sql(const std::string& table, const schema::Column& column,
                           const schema::ForeignKey* reference) {
  std::string out = "ALTER TABLE " + quote_ident(table) + " ADD " + quote_ident(column.name) + " " + column.type;
  if (column.primary_key) out += " PRIMARY KEY";
  if (column.default_value) out += " DEFAULT " + column.default_value->text;
  out += generated_clause(column);
  if (column.not_null) out += " NOT NULL";
  if (reference != nullptr) {
    std::string to_columns;
    for (std::size_t i = 0; i < reference->columns_to.size(); ++i) {
      if (i > 0) to_columns += ",";
      to_columns += bare_or_quoted(reference->columns_to[i]);
    }
    out += " REFERENCES " + bare_or_quoted(reference->table_to) + "(" + to_columns + ")";
    auto action = [](const std::optional<std::string>& a) { return a && !a->empty() && *a != "no action"; };
    if (action(reference->on_update)) out += " ON UPDATE " + *reference->on_update;
    if (action(reference->on_delete)) out += " ON DELETE " + *reference->on_delete;
  }
  return out + ";";
}

std::string create_view_sql(const std::string& name, const std::string& definition) {
  return "CREATE VIEW " + quote_ident(name) + " AS " + definition + ";";
}

std::string drop_view_sql(const std::string& name) { return "DROP VIEW " + quote_ident(name) + ";"; }

}  // namespace sleet::sqlite
