// PostgreSQL text for tables and everything inside them: CREATE / DROP / RENAME / SET SCHEMA of tables, columns,
// constraints, indexes, policies and row level security, in drizzle-kit 0.31's exact templates (sqlgenerator.ts
// Pg*Convertor classes). Identifiers always go through quote_ident.
#include <array>
#include <string_view>

#include "dialect/postgres/render.hpp"
#include "dialect/postgres/render_internal.hpp"
#include "dialect/postgres/type_cast.hpp"

namespace sleet::pg {

std::string quote_ident(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out.push_back('"');
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string quote_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('\'');
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

namespace detail {

std::string table_name(const diff::TableRef& table) { return qualified(table.schema, table.name); }

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? quote_ident(name) : quote_ident(schema) + "." + quote_ident(name);
}

namespace {

constexpr std::array<std::string_view, 45> kNativeTypes = {
    "uuid", "smallint", "integer", "bigint", "boolean", "text", "varchar", "serial", "bigserial", "decimal",
    "numeric", "real", "json", "jsonb", "time", "time with time zone", "time without time zone", "time",
    "timestamp", "timestamp with time zone", "timestamp without time zone", "date", "interval", "bigint",
    "bigserial", "double precision", "interval year", "interval month", "interval day", "interval hour",
    "interval minute", "interval second", "interval year to month", "interval day to hour",
    "interval day to minute", "interval day to second", "interval hour to minute", "interval hour to second",
    "interval minute to second", "char", "vector", "geometry", "halfvec", "sparsevec", "bit"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Splits `type` into (type without "[n]" groups, the groups concatenated).
std::pair<std::string, std::string> split_array(const std::string& type) {
  std::string base;
  std::string arrays;
  for (std::size_t i = 0; i < type.size();) {
    if (type[i] == '[') {
      std::size_t j = i + 1;
      while (j < type.size() && is_digit(type[j])) ++j;
      if (j < type.size() && type[j] == ']') {
        arrays.append(type, i, j + 1 - i);
        i = j + 1;
        continue;
      }
    }
    base.push_back(type[i]);
    ++i;
  }
  return {base, arrays};
}

bool present(const std::optional<std::string>& value) { return value.has_value() && !value->empty(); }

}  // namespace

bool truthy(const std::optional<schema::Scalar>& value) {
  if (!value) return false;
  switch (value->kind) {
    case schema::Scalar::Kind::String: return !value->text.empty();
    case schema::Scalar::Kind::Boolean: return value->text == "true";
    case schema::Scalar::Kind::Number: return value->text != "0" && value->text != "-0" && value->text != "NaN";
    case schema::Scalar::Kind::Null: return false;
    case schema::Scalar::Kind::Json: return true;  // arrays and objects, even empty ones
  }
  return true;
}

namespace {

/// Reads compact JSON (Scalar::json's text) and writes it as the inside of a PostgreSQL array literal:
/// `[1,"a",[true,null]]` -> `{1,"a",{true,NULL}}`.
class ArrayLiteralWriter {
 public:
  explicit ArrayLiteralWriter(std::string_view json) : json_(json) {}

  /// The element at the cursor, written to `out` (strings and objects as double-quoted elements).
  void element(std::string& out) {
    if (pos_ >= json_.size()) return;
    char c = json_[pos_];
    if (c == '[') {
      ++pos_;
      out += '{';
      bool first = true;
      while (pos_ < json_.size() && json_[pos_] != ']') {
        if (!first) out += ',';
        first = false;
        element(out);
        if (pos_ < json_.size() && json_[pos_] == ',') ++pos_;
      }
      ++pos_;
      out += '}';
    } else if (c == '"') {
      quoted(string_value(), out);
    } else if (c == '{') {
      std::size_t start = pos_;
      skip_value();
      quoted(json_.substr(start, pos_ - start), out);
    } else {
      std::size_t start = pos_;
      while (pos_ < json_.size() && json_[pos_] != ',' && json_[pos_] != ']' && json_[pos_] != '}') ++pos_;
      std::string_view token = json_.substr(start, pos_ - start);
      out += token == "null" ? std::string_view("NULL") : token;
    }
  }

 private:
  static void quoted(std::string_view text, std::string& out) {
    out += '"';
    for (char ch : text) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  /// The decoded string at the cursor (which is on its opening quote).
  std::string string_value() {
    std::string out;
    ++pos_;
    while (pos_ < json_.size() && json_[pos_] != '"') {
      char ch = json_[pos_++];
      if (ch != '\\' || pos_ >= json_.size()) {
        out += ch;
        continue;
      }
      char esc = json_[pos_++];
      switch (esc) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned code = 0;
          for (int i = 0; i < 4 && pos_ < json_.size(); ++i, ++pos_) {
            char h = json_[pos_];
            code = code * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
          }
          append_utf8(out, code);
          break;
        }
        default: out += esc; break;
      }
    }
    ++pos_;
    return out;
  }

  void skip_value() {
    int depth = 0;
    bool in_string = false;
    for (; pos_ < json_.size(); ++pos_) {
      char ch = json_[pos_];
      if (in_string) {
        if (ch == '\\') ++pos_;
        else if (ch == '"') in_string = false;
      } else if (ch == '"') {
        in_string = true;
      } else if (ch == '{' || ch == '[') {
        ++depth;
      } else if (ch == '}' || ch == ']') {
        if (--depth == 0) {
          ++pos_;
          return;
        }
      }
    }
  }

  std::string_view json_;
  std::size_t pos_ = 0;
};

std::string columns_list(const std::vector<std::string>& columns) {
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ",";
    out += quote_ident(columns[i]);
  }
  return out;
}

std::string roles_list(const std::optional<std::vector<std::string>>& roles) {
  if (!roles) return "undefined";
  std::string out;
  for (std::size_t i = 0; i < roles->size(); ++i) {
    if (i > 0) out += ", ";
    const std::string& r = (*roles)[i];
    bool keyword = r == "current_user" || r == "current_role" || r == "session_user" || r == "public";
    out += keyword ? r : quote_ident(r);
  }
  return out;
}

std::string upper(const std::optional<std::string>& text) {
  if (!text) return "undefined";
  std::string out = *text;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string optional_text(const std::optional<std::string>& value) { return value.value_or("undefined"); }

}  // namespace

std::string column_type(const std::string& prefix, const std::string& type) {
  auto [base, arrays] = split_array(type);
  for (std::string_view native : kNativeTypes) {
    if (type.compare(0, native.size(), native) == 0) return base + arrays;
  }
  return prefix + quote_ident(base) + arrays;
}

std::string column_type_of(const schema::Column& column) {
  std::string prefix;
  if (column.type_schema && !column.type_schema->empty() && *column.type_schema != "public") {
    prefix = quote_ident(*column.type_schema) + ".";
  }
  return column_type(prefix, column.type);
}

std::string identity_clause(const schema::Identity& identity, const std::string& table_schema) {
  const schema::SequenceOptions& o = identity.options;
  std::string out = std::string(" GENERATED ") + (identity.type == schema::IdentityKind::Always ? "ALWAYS" : "BY DEFAULT") +
                    " AS IDENTITY (sequence name " + qualified(table_schema, identity.name);
  if (present(o.increment)) out += " INCREMENT BY " + *o.increment;
  if (present(o.min_value)) out += " MINVALUE " + *o.min_value;
  if (present(o.max_value)) out += " MAXVALUE " + *o.max_value;
  if (present(o.start_with)) out += " START WITH " + *o.start_with;
  if (present(o.cache)) out += " CACHE " + *o.cache;
  if (o.cycle.value_or(false)) out += " CYCLE";
  out += ")";
  return out;
}

std::string scalar_text(const schema::Scalar& value) {
  if (value.kind != schema::Scalar::Kind::Json) return value.text;  // null too: drizzle's `DEFAULT null`
  // drizzle prints `${[...]}`, JavaScript's String(array): `DEFAULT ,` for [] -- not SQL. sleet writes the array
  // literal drizzle-kit's own serializer builds for array defaults (buildArrayString), single quotes escaped
  // (docs/compat.md); an object (a json default) becomes its JSON text as a string literal.
  if (value.text.empty() || value.text.front() != '[') return quote_literal(value.text);
  std::string inner;
  ArrayLiteralWriter(value.text).element(inner);
  return quote_literal(inner);
}

std::string add_column_sql(const diff::TableRef& table, const schema::Column& column) {
  std::string out = "ALTER TABLE " + table_name(table) + " ADD COLUMN " + quote_ident(column.name) + " " +
                    column_type_of(column);
  if (column.primary_key) out += " PRIMARY KEY";
  if (column.default_value) out += " DEFAULT " + scalar_text(*column.default_value);
  if (column.generated) out += " GENERATED ALWAYS AS (" + column.generated->as.text + ") STORED";
  if (column.not_null) out += " NOT NULL";
  if (column.identity) out += identity_clause(*column.identity, table.schema);
  out += ";";
  return out;
}

std::string create_table_sql(const schema::Table& table) {
  std::string out = "CREATE TABLE " + qualified(table.schema, table.name) + " (\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const schema::Column& c = table.columns[i];
    out += "\t" + quote_ident(c.name) + " " + column_type_of(c);
    if (c.primary_key) out += " PRIMARY KEY";
    if (c.default_value) out += " DEFAULT " + scalar_text(*c.default_value);
    if (c.generated) out += " GENERATED ALWAYS AS (" + c.generated->as.text + ") STORED";
    if (c.not_null && !c.identity) out += " NOT NULL";
    if (c.is_unique.value_or(false)) {
      out += " CONSTRAINT " + quote_ident(optional_text(c.unique_name)) + " UNIQUE";
      if (c.nulls_not_distinct.value_or(false)) out += " NULLS NOT DISTINCT";
    }
    if (c.identity) out += identity_clause(*c.identity, table.schema);
    if (i + 1 != table.columns.size()) out += ",\n";
  }
  if (!table.composite_primary_keys.empty()) {
    const schema::PrimaryKey& pk = table.composite_primary_keys.front();
    out += ",\n\tCONSTRAINT " + quote_ident(optional_text(pk.name)) + " PRIMARY KEY(" + columns_list(pk.columns) + ")";
  }
  for (const auto& u : table.unique_constraints) {
    out += ",\n\tCONSTRAINT " + quote_ident(u.name) + " UNIQUE" +
           (u.nulls_not_distinct.value_or(false) ? " NULLS NOT DISTINCT" : "") + "(" + columns_list(u.columns) + ")";
  }
  for (const auto& c : table.check_constraints) {
    out += ",\n\tCONSTRAINT " + quote_ident(c.name) + " CHECK (" + c.value.text + ")";
  }
  out += "\n);\n";
  return out;
}

std::string create_policy_sql(const std::string& on, const schema::Policy& p) {
  std::string out = "CREATE POLICY " + quote_ident(p.name) + " ON " + on + " AS " + upper(p.as) + " FOR " +
                    upper(p.for_) + " TO " + roles_list(p.to);
  if (p.using_ && !p.using_->text.empty()) out += " USING (" + p.using_->text + ")";
  if (p.with_check && !p.with_check->text.empty()) out += " WITH CHECK (" + p.with_check->text + ")";
  out += ";";
  return out;
}

std::string alter_policy_sql(const std::string& on, const schema::Policy& from, const schema::Policy& to) {
  std::string roles;
  if (to.to) {
    for (std::size_t i = 0; i < to.to->size(); ++i) roles += (i > 0 ? "," : "") + (*to.to)[i];
  } else {
    roles = "undefined";
  }
  std::string out = "ALTER POLICY " + quote_ident(from.name) + " ON " + on + " TO " + roles;
  auto text = [](const std::optional<schema::Expr>& e) { return e ? e->text : std::string(); };
  if (!text(to.using_).empty()) {
    out += " USING (" + text(to.using_) + ")";
  } else if (!text(from.using_).empty()) {
    out += " USING (" + text(from.using_) + ")";
  }
  if (!text(to.with_check).empty()) {
    out += " WITH CHECK (" + text(to.with_check) + ")";
  } else if (!text(from.with_check).empty()) {
    out += " WITH CHECK  (" + text(from.with_check) + ")";
  }
  out += ";";
  return out;
}

std::string create_index_sql(const diff::TableRef& table, const schema::Index& index) {
  std::string columns;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    const schema::IndexColumn& c = index.columns[i];
    if (i > 0) columns += ",";
    columns += c.is_expression ? c.expression : quote_ident(c.expression);
    bool opclass = c.opclass && !c.opclass->empty();
    if (opclass) {
      columns += " " + *c.opclass;
    } else if (!c.asc) {
      columns += " DESC";
    }
    if (!((c.asc && c.nulls == "last") || opclass)) columns += " NULLS " + upper(c.nulls);
  }
  std::string out = std::string("CREATE ") + (index.is_unique ? "UNIQUE INDEX" : "INDEX") +
                    (index.concurrently ? " CONCURRENTLY" : "") + " " + quote_ident(index.name) + " ON " +
                    table_name(table) + " USING " + index.method + " (" + columns + ")";
  if (!index.with.empty()) {
    out += " WITH (";
    for (std::size_t i = 0; i < index.with.size(); ++i) {
      if (i > 0) out += ",";
      out += index.with[i].first + "=" + index.with[i].second.text;
    }
    out += ")";
  }
  if (index.where && !index.where->text.empty()) out += " WHERE " + index.where->text;
  out += ";";
  return out;
}

std::string add_foreign_key_sql(const diff::TableRef& table, const schema::ForeignKey& fk) {
  std::string schema_to = fk.schema_to && !fk.schema_to->empty() ? *fk.schema_to : "public";
  std::string out = "ALTER TABLE " + qualified(table.schema, fk.table_from) + " ADD CONSTRAINT " + quote_ident(fk.name) +
                    " FOREIGN KEY (" + columns_list(fk.columns_from) + ") REFERENCES " +
                    qualified(schema_to, fk.table_to) + "(" + columns_list(fk.columns_to) + ")";
  if (present(fk.on_delete)) out += " ON DELETE " + *fk.on_delete;
  if (present(fk.on_update)) out += " ON UPDATE " + *fk.on_update;
  out += ";";
  return out;
}

/// The SET DATA TYPE statements of drizzle's PgAlterTableAlterColumnSetTypeConvertor.
std::vector<std::string> alter_column_type_sql(const diff::TableRef& table, const diff::AlterColumnType& c) {
  const std::string t = table_name(table);
  const std::string col = quote_ident(c.column);
  const std::string type = column_type(quote_ident(c.type_schema.value_or("undefined")) + ".", c.to_type);
  const std::string prefix = "ALTER TABLE " + t + " ALTER COLUMN " + col;
  std::vector<std::string> out;
  if (!c.to_enum) {
    // drizzle-kit writes no USING here (drizzle-reference 8.14); where PostgreSQL has no assignment cast that
    // statement always fails, so sleet adds the explicit cast (docs/compat.md).
    bool cast = !c.from_enum && needs_using_cast(c.from_type, c.to_type);
    // An old default of the old type would block the conversion ("default ... cannot be cast automatically").
    if (cast && truthy(c.column_default)) out.push_back(prefix + " DROP DEFAULT;");
    out.push_back(prefix + " SET DATA TYPE " + type + (cast ? " USING " + col + "::" + type : "") + ";");
    if (truthy(c.column_default)) out.push_back(prefix + " SET DEFAULT " + scalar_text(*c.column_default) + ";");
  } else if (!c.from_enum) {
    if (truthy(c.column_default)) {
      out.push_back(prefix + " SET DEFAULT " + scalar_text(*c.column_default) + "::" + type + ";");
    }
    out.push_back(prefix + " SET DATA TYPE " + type + " USING " + col + "::" + type + ";");
  } else {
    std::string alter = prefix + " SET DATA TYPE " + type + " USING " + col + "::text::" + type + ";";
    if (c.from_type != c.to_type && truthy(c.column_default)) {
      out.push_back(prefix + " DROP DEFAULT;");
      out.push_back(alter);
      out.push_back(prefix + " SET DEFAULT " + scalar_text(*c.column_default) + ";");
    } else {
      out.push_back(alter);
    }
  }
  return out;
}

std::vector<std::string> alter_identity_sql(const std::string& prefix, const schema::Identity& from,
                                            const schema::Identity& to) {
  std::vector<std::string> out;
  const schema::SequenceOptions& a = from.options;
  const schema::SequenceOptions& b = to.options;
  if (from.type != to.type) {
    out.push_back(prefix + " SET GENERATED " + (to.type == schema::IdentityKind::Always ? "ALWAYS" : "BY DEFAULT") + ";");
  }
  if (a.min_value != b.min_value) out.push_back(prefix + " SET MINVALUE " + optional_text(b.min_value) + ";");
  if (a.max_value != b.max_value) out.push_back(prefix + " SET MAXVALUE " + optional_text(b.max_value) + ";");
  if (a.increment != b.increment) out.push_back(prefix + " SET INCREMENT BY " + optional_text(b.increment) + ";");
  if (a.start_with != b.start_with) out.push_back(prefix + " SET START WITH " + optional_text(b.start_with) + ";");
  if (a.cache != b.cache) out.push_back(prefix + " SET CACHE " + optional_text(b.cache) + ";");
  if (a.cycle.value_or(false) != b.cycle.value_or(false)) {
    out.push_back(prefix + " SET " + (b.cycle.value_or(false) ? "CYCLE" : "NO CYCLE") + ";");
  }
  return out;
}

std::string inline_primary_key_name(const std::string& table) {
  // PostgreSQL's makeObjectName(table, NULL, "pkey"): the table name cut to NAMEDATALEN - 1 - strlen("_pkey") =
  // 58 bytes, at a UTF-8 character boundary, then "_pkey".
  constexpr std::size_t kAvailable = 63 - 5;
  std::size_t keep = table.size();
  if (keep > kAvailable) {
    keep = kAvailable;
    while (keep > 0 && (static_cast<unsigned char>(table[keep]) & 0xC0) == 0x80) --keep;
  }
  return table.substr(0, keep) + "_pkey";
}

}  // namespace detail

std::vector<std::string> render_table_change(const diff::TableRef& table, const diff::TableChange& change) {
  using namespace detail;
  const std::string t = table_name(table);
  auto column_prefix = [&](const std::string& column) { return "ALTER TABLE " + t + " ALTER COLUMN " + quote_ident(column); };
  struct Visitor {
    const diff::TableRef& table;
    const std::string& t;
    decltype(column_prefix)& col;
    std::vector<std::string> operator()(const diff::RenameColumn& c) const {
      return {"ALTER TABLE " + t + " RENAME COLUMN " + quote_ident(c.from) + " TO " + quote_ident(c.to) + ";"};
    }
    std::vector<std::string> operator()(const diff::AddColumn& c) const { return {add_column_sql(table, c.column)}; }
    std::vector<std::string> operator()(const diff::DropColumn& c) const {
      return {"ALTER TABLE " + t + " DROP COLUMN " + quote_ident(c.name) + ";"};
    }
    std::vector<std::string> operator()(const diff::AlterColumnType& c) const { return alter_column_type_sql(table, c); }
    std::vector<std::string> operator()(const diff::SetColumnDefault& c) const {
      return {col(c.column) + " SET DEFAULT " + scalar_text(c.value) + ";"};
    }
    std::vector<std::string> operator()(const diff::DropColumnDefault& c) const { return {col(c.column) + " DROP DEFAULT;"}; }
    std::vector<std::string> operator()(const diff::SetColumnNotNull& c) const { return {col(c.column) + " SET NOT NULL;"}; }
    std::vector<std::string> operator()(const diff::DropColumnNotNull& c) const { return {col(c.column) + " DROP NOT NULL;"}; }
    std::vector<std::string> operator()(const diff::AddColumnIdentity& c) const {
      return {col(c.column) + " ADD" + identity_clause(c.identity, table.schema) + ";"};
    }
    std::vector<std::string> operator()(const diff::DropColumnIdentity& c) const { return {col(c.column) + " DROP IDENTITY;"}; }
    std::vector<std::string> operator()(const diff::AlterColumnIdentity& c) const {
      return alter_identity_sql(col(c.column), c.from, c.to);
    }
    std::vector<std::string> operator()(const diff::RecreateGeneratedColumn& c) const {
      return {"ALTER TABLE " + t + " drop column " + quote_ident(c.column.name) + ";", add_column_sql(table, c.column)};
    }
    std::vector<std::string> operator()(const diff::DropColumnGenerated& c) const {
      return {col(c.column) + " DROP EXPRESSION;"};
    }
    std::vector<std::string> operator()(const diff::AddColumnPrimaryKey& c) const {
      return {"ALTER TABLE " + t + " ADD PRIMARY KEY (" + quote_ident(c.column) + ");"};
    }
    std::vector<std::string> operator()(const diff::DropColumnPrimaryKey& c) const {
      // drizzle-kit writes only a commented-out hint here (drizzle-reference 8.15), so
      // the key stays. A column-level key has no name in the model: PostgreSQL named it after the table it was
      // created in (docs/compat.md).
      return {"ALTER TABLE " + t + " DROP CONSTRAINT " + quote_ident(inline_primary_key_name(c.table_name)) + ";"};
    }
    std::vector<std::string> operator()(const diff::CreateIndex& c) const { return {create_index_sql(table, c.index)}; }
    std::vector<std::string> operator()(const diff::DropIndex& c) const {
      return {"DROP INDEX " + qualified(table.schema, c.name) + ";"};
    }
    std::vector<std::string> operator()(const diff::AddForeignKey& c) const {
      return {add_foreign_key_sql(table, c.foreign_key)};
    }
    std::vector<std::string> operator()(const diff::DropForeignKey& c) const {
      return {"ALTER TABLE " + t + " DROP CONSTRAINT " + quote_ident(c.foreign_key.name) + ";\n"};
    }
    std::vector<std::string> operator()(const diff::AddPrimaryKey& c) const {
      return {"ALTER TABLE " + t + " ADD CONSTRAINT " + quote_ident(c.primary_key.name.value_or("undefined")) +
              " PRIMARY KEY(" + columns_list(c.primary_key.columns) + ");"};
    }
    std::vector<std::string> operator()(const diff::DropPrimaryKey& c) const {
      return {"ALTER TABLE " + t + " DROP CONSTRAINT " + quote_ident(c.primary_key.name.value_or("undefined")) + ";"};
    }
    std::vector<std::string> operator()(const diff::AlterPrimaryKey& c) const {
      return {"ALTER TABLE " + t + " DROP CONSTRAINT " + quote_ident(c.from.name.value_or("undefined")) +
              ";\n--> statement-breakpoint\nALTER TABLE " + t + " ADD CONSTRAINT " +
              quote_ident(c.to.name.value_or("undefined")) + " PRIMARY KEY(" + columns_list(c.to.columns) + ");"};
    }
    std::vector<std::string> operator()(const diff::AddUnique& c) const {
      return {"ALTER TABLE " + t + " ADD CONSTRAINT " + quote_ident(c.unique.name) + " UNIQUE" +
              (c.unique.nulls_not_distinct.value_or(false) ? " NULLS NOT DISTINCT" : "") + "(" +
              columns_list(c.unique.columns) + ");"};
    }
    std::vector<std::string> operator()(const diff::DropUnique& c) const {
      return {"ALTER TABLE " + t + " DROP CONSTRAINT " + quote_ident(c.unique.name) + ";"};
    }
    std::vector<std::string> operator()(const diff::AddCheck& c) const {
      return {"ALTER TABLE " + t + " ADD CONSTRAINT " + quote_ident(c.check.name) + " CHECK (" + c.check.value.text + ");"};
    }
    std::vector<std::string> operator()(const diff::DropCheck& c) const {
      return {"ALTER TABLE " + t + " DROP CONSTRAINT " + quote_ident(c.name) + ";"};
    }
    std::vector<std::string> operator()(const diff::CreatePolicy& c) const { return {create_policy_sql(t, c.policy)}; }
    std::vector<std::string> operator()(const diff::DropPolicy& c) const {
      return {"DROP POLICY " + quote_ident(c.policy.name) + " ON " + t + " CASCADE;"};
    }
    std::vector<std::string> operator()(const diff::RenamePolicy& c) const {
      return {"ALTER POLICY " + quote_ident(c.from) + " ON " + t + " RENAME TO " + quote_ident(c.to) + ";"};
    }
    std::vector<std::string> operator()(const diff::AlterPolicy& c) const { return {alter_policy_sql(t, c.from, c.to)}; }
    std::vector<std::string> operator()(const diff::EnableRls&) const {
      return {"ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY;"};
    }
    std::vector<std::string> operator()(const diff::DisableRls&) const {
      return {"ALTER TABLE " + t + " DISABLE ROW LEVEL SECURITY;"};
    }
  };
  return std::visit(Visitor{table, t, column_prefix}, change);
}

}  // namespace sleet::pg
