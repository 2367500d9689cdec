// CREATE TABLE -> schema::Table: columns (types in drizzle's spelling, defaults, NOT NULL, identity,
// GENERATED ALWAYS AS … STORED) and constraints, inline or table-level (PRIMARY KEY, UNIQUE [NULLS NOT
// DISTINCT], CHECK, REFERENCES … ON DELETE/UPDATE). Unnamed constraints get drizzle's default names
// (drizzle-reference.md 4.3); PostgreSQL's own names for them are remembered so that a later
// RENAME CONSTRAINT finds them. add_column()/add_constraint() are shared with ALTER TABLE. Partitioning,
// inheritance, LIKE and temporary tables are rejected: the model cannot hold them.
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string action_name(const std::string& code) {
  if (code == "r") return "restrict";
  if (code == "c") return "cascade";
  if (code == "n") return "set null";
  if (code == "d") return "set default";
  return "no action";
}

std::string table_key(const schema::Table& table) { return object_key(table.schema, table.name); }

void remember_alias(StatementContext& ctx, const schema::Table& table, std::string pg_name, std::string model_name) {
  ctx.state.aliases.push_back(ConstraintAlias{table_key(table), std::move(pg_name), std::move(model_name)});
}

schema::Column* find_column(schema::Table& table, const std::string& name) {
  for (schema::Column& column : table.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

void require_columns(StatementContext& ctx, schema::Table& table, const std::vector<std::string>& columns,
                     std::size_t location) {
  for (const std::string& name : columns) {
    if (!find_column(table, name)) {
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("column \"{}\" of table \"{}\" does not exist", name, table.name),
               location);
    }
  }
}

bool has_constraint_name(const schema::Table& table, const std::string& name) {
  auto named = [&](const auto& list) {
    return std::any_of(list.begin(), list.end(), [&](const auto& item) { return item.name == name; });
  };
  bool pk = std::any_of(table.composite_primary_keys.begin(), table.composite_primary_keys.end(),
                        [&](const schema::PrimaryKey& key) { return key.name && *key.name == name; });
  return pk || named(table.unique_constraints) || named(table.foreign_keys) || named(table.check_constraints);
}

/// Columns of the primary key of `table` (column-level keys first, else its first composite key).
std::vector<std::string> primary_key_columns(const schema::Table& table) {
  std::vector<std::string> out;
  for (const schema::Column& column : table.columns) {
    if (column.primary_key) out.push_back(column.name);
  }
  if (out.empty() && !table.composite_primary_keys.empty()) out = table.composite_primary_keys.front().columns;
  return out;
}

/// Drizzle's identity defaults (drizzle-kit pgSerializer: min/max by column type, negative increments).
schema::SequenceOptions identity_defaults(schema::SequenceOptions options, const std::string& type) {
  std::string increment = options.increment.value_or("1");
  bool negative = !increment.empty() && increment[0] == '-';
  std::string max_for_type = type == "integer" ? "2147483647" : type == "bigint" ? "9223372036854775807" : "32767";
  std::string min_for_type = type == "integer" ? "-2147483648" : type == "bigint" ? "-9223372036854775808" : "-32768";
  options.increment = increment;
  if (!options.min_value) options.min_value = negative ? min_for_type : "1";
  if (!options.max_value) options.max_value = negative ? "-1" : max_for_type;
  if (!options.start_with) options.start_with = negative ? *options.max_value : *options.min_value;
  if (!options.cache) options.cache = "1";
  if (!options.cycle) options.cycle = false;
  return options;
}

}  // namespace

void add_constraint(StatementContext& ctx, schema::Table& table, const ParseNode& constraint_node,
                    const std::string* column) {
  const ParseNode& constraint = constraint_node.body();
  const std::string& type = constraint.str("contype");
  const std::string& given_name = constraint.str("conname");
  std::size_t location = static_cast<std::size_t>(constraint.integer("location"));
  auto check_unique_name = [&](const std::string& name) {
    if (has_constraint_name(table, name)) {
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("constraint \"{}\" of table \"{}\" already exists", name, table.name),
               location);
    }
  };
  auto key_columns = [&](const char* field) {
    std::vector<std::string> columns = column ? std::vector<std::string>{*column} : string_list(constraint.list(field));
    require_columns(ctx, table, columns, location);
    return columns;
  };

  if (type == "CONSTR_PRIMARY") {
    if (column) {
      schema::Column* target = find_column(table, *column);
      target->primary_key = true;
      target->not_null = true;
      remember_alias(ctx, table, given_name.empty() ? table.name + "_pkey" : given_name, "");
      return;
    }
    std::vector<std::string> columns = key_columns("keys");
    if (!primary_key_columns(table).empty()) {
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("table \"{}\" has more than one primary key", table.name), location);
    }
    std::string name = given_name.empty() ? fmt::format("{}_{}_pk", table.name, join(columns, "_")) : given_name;
    check_unique_name(name);
    table.composite_primary_keys.push_back(schema::PrimaryKey{name, columns});
    if (given_name.empty()) remember_alias(ctx, table, table.name + "_pkey", name);
  } else if (type == "CONSTR_UNIQUE") {
    std::vector<std::string> columns = key_columns("keys");
    std::string name = given_name.empty() ? fmt::format("{}_{}_unique", table.name, join(columns, "_")) : given_name;
    check_unique_name(name);
    table.unique_constraints.push_back(schema::UniqueConstraint{name, columns, constraint.flag("nulls_not_distinct")});
    if (given_name.empty()) remember_alias(ctx, table, fmt::format("{}_{}_key", table.name, join(columns, "_")), name);
  } else if (type == "CONSTR_FOREIGN") {
    schema::ForeignKey key;
    key.table_from = table.name;
    key.columns_from = key_columns("fk_attrs");
    const ParseNode* target = constraint.get("pktable");
    if (!target) ctx.fail(ErrorCode::Parse, "foreign key without a referenced table", location);
    key.table_to = target->str("relname");
    std::string schema_to = target->str("schemaname");
    if (!schema_to.empty() && schema_to != "public") key.schema_to = schema_to;
    key.columns_to = string_list(constraint.list("pk_attrs"));
    if (key.columns_to.empty()) {
      const schema::Table* referenced =
          (key.table_to == table.name && key.schema_to.value_or("") == table.schema) ? &table : find_table(ctx.state, *target);
      if (referenced) key.columns_to = primary_key_columns(*referenced);
    }
    key.on_delete = action_name(constraint.str("fk_del_action"));
    key.on_update = action_name(constraint.str("fk_upd_action"));
    if (!given_name.empty()) {
      key.name = given_name;
    } else if (!key.columns_to.empty()) {
      key.name = fmt::format("{}_{}_{}_{}_fk", table.name, join(key.columns_from, "_"), key.table_to, join(key.columns_to, "_"));
    }
    if (!key.name.empty()) check_unique_name(key.name);
    if (given_name.empty()) remember_alias(ctx, table, fmt::format("{}_{}_fkey", table.name, join(key.columns_from, "_")), key.name);
    ctx.state.foreign_key_origins.push_back(
        ForeignKeyOrigin{table_key(table), key.columns_from, key.table_to, ctx.span_at(location)});
    table.foreign_keys.push_back(std::move(key));
  } else if (type == "CONSTR_CHECK") {
    const ParseNode* expr = constraint.get("raw_expr");
    if (!expr) ctx.fail(ErrorCode::Parse, "CHECK without an expression", location);
    std::size_t open = ctx.open_paren_after(location);
    std::size_t close = ctx.matching_paren(open);
    std::string text = qualified_expression_text(ctx, *expr, open + 1, close, table, true);
    std::string name = given_name;
    if (name.empty()) name = column ? fmt::format("{}_{}_check", table.name, *column) : table.name + "_check";
    check_unique_name(name);
    table.check_constraints.push_back(schema::CheckConstraint{name, make_expr(std::move(text))});
  } else if (type == "CONSTR_ATTR_DEFERRABLE" || type == "CONSTR_ATTR_NOT_DEFERRABLE" ||
             type == "CONSTR_ATTR_DEFERRED" || type == "CONSTR_ATTR_IMMEDIATE") {
    ctx.warn("constraint deferrability is not kept in the schema model", location);
  } else if (type == "CONSTR_EXCLUSION") {
    ctx.fail(ErrorCode::Unsupported, "EXCLUDE constraints are not supported", location);
  } else {
    ctx.fail(ErrorCode::Unsupported, fmt::format("unsupported table constraint ({})", type), location);
  }
}

void add_column(StatementContext& ctx, schema::Table& table, const ParseNode& column_def) {
  const ParseNode& def = column_def.body();
  std::size_t location = static_cast<std::size_t>(def.integer("location"));
  schema::Column column;
  column.name = def.str("colname");
  if (find_column(table, column.name)) {
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("column \"{}\" specified more than once", column.name), location);
  }
  const ParseNode* type_name = def.get("typeName");
  if (!type_name) ctx.fail(ErrorCode::Parse, "column without a type", location);
  ColumnTypeInfo type = column_type(ctx, *type_name);
  column.type = type.type;
  column.type_schema = type.maybe_enum_schema;
  if (type.is_serial) column.not_null = true;
  if (def.get("collClause")) ctx.warn("column collations are not kept in the schema model", location);
  table.columns.push_back(column);

  const auto& constraints = def.list("constraints");
  for (std::size_t index = 0; index < constraints.size(); ++index) {
    const ParseNode& constraint = constraints[index].body();
    const std::string& kind = constraint.str("contype");
    std::size_t at = static_cast<std::size_t>(constraint.integer("location"));
    // Re-find the column each time: add_constraint may not reallocate columns, but stay safe.
    auto target = [&]() -> schema::Column& { return *find_column(table, column.name); };
    if (kind == "CONSTR_NOTNULL") {
      target().not_null = true;
    } else if (kind == "CONSTR_NULL") {
      target().not_null = false;
    } else if (kind == "CONSTR_DEFAULT") {
      const ParseNode* expr = constraint.get("raw_expr");
      if (!expr) ctx.fail(ErrorCode::Parse, "DEFAULT without an expression", at);
      std::size_t first = ctx.token_at(at);
      while (first < ctx.end_token() && !ctx.is_keyword(first, "default")) ++first;
      ++first;
      std::size_t stop = ctx.end_token();
      if (index + 1 < constraints.size()) {
        stop = ctx.token_at(static_cast<std::size_t>(constraints[index + 1].body().integer("location")));
      }
      std::size_t last = ctx.expression_end(first, stop);
      target().default_value = default_value(ctx, *expr, first, last);
    } else if (kind == "CONSTR_GENERATED") {
      const ParseNode* expr = constraint.get("raw_expr");
      if (!expr) ctx.fail(ErrorCode::Parse, "GENERATED without an expression", at);
      std::size_t open = ctx.open_paren_after(at);
      std::size_t close = ctx.matching_paren(open);
      schema::Generated generated;
      generated.as = make_expr(qualified_expression_text(ctx, *expr, open + 1, close, table, false));
      generated.type = schema::GeneratedKind::Stored;
      target().generated = std::move(generated);
    } else if (kind == "CONSTR_IDENTITY") {
      schema::Identity identity;
      identity.type = constraint.str("generated_when") == "d" ? schema::IdentityKind::ByDefault : schema::IdentityKind::Always;
      std::optional<std::string> sequence_name;
      identity.options = identity_defaults(sequence_options(ctx, constraint.list("options"), &sequence_name), target().type);
      identity.name = sequence_name.value_or(fmt::format("{}_{}_seq", table.name, column.name));
      identity.schema = table.schema.empty() ? "public" : table.schema;
      target().identity = std::move(identity);
      target().not_null = true;
    } else {
      add_constraint(ctx, table, constraints[index], &column.name);
    }
  }
}

void transform_create_table(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* relation = stmt.get("relation");
  if (!relation) ctx.fail(ErrorCode::Parse, "CREATE TABLE without a name");
  const std::string& persistence = relation->str("relpersistence");
  if (persistence == "t") ctx.fail(ErrorCode::Unsupported, "temporary tables are not part of a schema");
  if (persistence == "u") ctx.warn("UNLOGGED is not kept in the schema model", ctx.begin());
  if (!stmt.list("inhRelations").empty()) ctx.fail(ErrorCode::Unsupported, "table inheritance (INHERITS / PARTITION OF) is not supported");
  if (stmt.get("partspec")) ctx.fail(ErrorCode::Unsupported, "partitioned tables are not supported");
  if (stmt.get("ofTypename")) ctx.fail(ErrorCode::Unsupported, "typed tables (OF type) are not supported");
  if (!stmt.list("options").empty()) ctx.warn("table storage parameters are not kept in the schema model", ctx.begin());
  if (!stmt.str("tablespacename").empty()) ctx.warn("TABLESPACE is not kept in the schema model", ctx.begin());

  schema::Table table;
  table.name = relation->str("relname");
  table.schema = relation->str("schemaname");
  if (table.schema == "public") table.schema.clear();
  if (find_table(ctx.state, *relation)) {
    if (stmt.flag("if_not_exists")) return;
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("table \"{}\" already exists", object_key(table.schema, table.name)));
  }

  std::vector<const ParseNode*> table_constraints;
  for (const ParseNode& element : stmt.list("tableElts")) {
    std::string_view tag = element.tag();
    if (tag == "ColumnDef") {
      add_column(ctx, table, element);
    } else if (tag == "Constraint") {
      table_constraints.push_back(&element);
    } else if (tag == "TableLikeClause") {
      ctx.fail(ErrorCode::Unsupported, "CREATE TABLE … (LIKE …) is not supported");
    } else {
      ctx.fail(ErrorCode::Unsupported, fmt::format("unsupported table element ({})", tag));
    }
  }
  for (const ParseNode* constraint : table_constraints) add_constraint(ctx, table, *constraint, nullptr);
  ctx.state.table_positions.emplace(object_key(table.schema, table.name), ctx.state.database.tables.size());
  ctx.state.database.tables.push_back(std::move(table));
}

}  // namespace sleet::pg
