// ALTER TABLE forms that are natural in a declarative schema file -> edits of an already declared table:
// ADD COLUMN / ADD CONSTRAINT, ALTER COLUMN SET/DROP DEFAULT, SET/DROP NOT NULL, SET DATA TYPE, DROP COLUMN /
// DROP CONSTRAINT, ENABLE/DISABLE ROW LEVEL SECURITY; and the RENAME statements that fix up names (RENAME
// CONSTRAINT from PostgreSQL's default name to drizzle's, RENAME of a sequence, identity or serial sequence,
// index, policy, view or role). Renaming a table, column, type or schema is refused (other objects refer to
// those names; a schema file declares the final name). Storage and ownership forms warn.
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

schema::Table& require_table(StatementContext& ctx, const ParseNode& relation) {
  schema::Table* table = find_table(ctx.state, relation);
  if (!table) {
    ctx.fail(ErrorCode::InvalidSchema,
             fmt::format("table \"{}\" does not exist", object_key(relation.str("schemaname"), relation.str("relname"))),
             static_cast<std::size_t>(relation.integer("location")));
  }
  return *table;
}

schema::Column& require_column(StatementContext& ctx, schema::Table& table, const std::string& name) {
  for (schema::Column& column : table.columns) {
    if (column.name == name) return column;
  }
  ctx.fail(ErrorCode::InvalidSchema, fmt::format("column \"{}\" of table \"{}\" does not exist", name, table.name));
}

std::size_t min_location(const ParseNode& node) {
  std::size_t best = static_cast<std::size_t>(-1);
  if (node.kind == ParseNode::Kind::Object) {
    for (const ParseNode& value : node.fields()) {
      if (value.key == "location" && value.kind == ParseNode::Kind::Number) {
        long long location = std::strtoll(value.text.c_str(), nullptr, 10);
        if (location >= 0) best = std::min(best, static_cast<std::size_t>(location));
      } else {
        best = std::min(best, min_location(value));
      }
    }
  } else if (node.kind == ParseNode::Kind::Array) {
    for (const ParseNode& item : node.items()) best = std::min(best, min_location(item));
  }
  return best;
}

bool drop_constraint(schema::Table& table, const std::string& name) {
  auto erase = [&](auto& list) {
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& item) { return item.name == name; });
    if (it == list.end()) return false;
    list.erase(it);
    return true;
  };
  auto pk = std::find_if(table.composite_primary_keys.begin(), table.composite_primary_keys.end(),
                         [&](const schema::PrimaryKey& key) { return key.name && *key.name == name; });
  if (pk != table.composite_primary_keys.end()) {
    table.composite_primary_keys.erase(pk);
    return true;
  }
  return erase(table.unique_constraints) || erase(table.foreign_keys) || erase(table.check_constraints);
}

bool rename_constraint(schema::Table& table, const std::string& from, const std::string& to) {
  for (auto& key : table.composite_primary_keys) {
    if (key.name && *key.name == from) {
      key.name = to;
      return true;
    }
  }
  auto rename = [&](auto& list) {
    for (auto& item : list) {
      if (item.name == from) {
        item.name = to;
        return true;
      }
    }
    return false;
  };
  return rename(table.unique_constraints) || rename(table.foreign_keys) || rename(table.check_constraints);
}

void alter_command(StatementContext& ctx, schema::Table& table, const ParseNode& command) {
  const std::string& subtype = command.str("subtype");
  const std::string& name = command.str("name");
  const ParseNode* def = command.get("def");
  if (subtype == "AT_AddColumn") {
    if (!def) ctx.fail(ErrorCode::Parse, "ADD COLUMN without a column");
    bool exists = std::any_of(table.columns.begin(), table.columns.end(),
                              [&](const schema::Column& c) { return c.name == def->body().str("colname"); });
    if (exists && command.flag("missing_ok")) return;
    add_column(ctx, table, *def);
  } else if (subtype == "AT_AddConstraint") {
    if (!def) ctx.fail(ErrorCode::Parse, "ADD CONSTRAINT without a constraint");
    add_constraint(ctx, table, *def, nullptr);
  } else if (subtype == "AT_ColumnDefault") {
    schema::Column& column = require_column(ctx, table, name);
    if (!def) {
      column.default_value.reset();
      return;
    }
    std::size_t first = ctx.token_at(min_location(*def));
    std::size_t keyword = first;
    while (keyword > 0 && !ctx.is_keyword(keyword, "default")) --keyword;
    if (ctx.is_keyword(keyword, "default")) first = keyword + 1;
    column.default_value = default_value(ctx, *def, first, ctx.expression_end(first, ctx.end_token()));
  } else if (subtype == "AT_SetNotNull") {
    require_column(ctx, table, name).not_null = true;
  } else if (subtype == "AT_DropNotNull") {
    require_column(ctx, table, name).not_null = false;
  } else if (subtype == "AT_AlterColumnType") {
    schema::Column& column = require_column(ctx, table, name);
    const ParseNode* type_name = def ? def->body().get("typeName") : nullptr;
    if (!type_name) ctx.fail(ErrorCode::Parse, "SET DATA TYPE without a type");
    ColumnTypeInfo type = column_type(ctx, *type_name);
    column.type = type.type;
    column.type_schema = type.maybe_enum_schema;
  } else if (subtype == "AT_DropColumn") {
    auto it = std::find_if(table.columns.begin(), table.columns.end(), [&](const schema::Column& c) { return c.name == name; });
    if (it == table.columns.end()) {
      if (command.flag("missing_ok")) return;
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("column \"{}\" of table \"{}\" does not exist", name, table.name));
    }
    table.columns.erase(it);
  } else if (subtype == "AT_DropConstraint") {
    if (!drop_constraint(table, name) && !command.flag("missing_ok")) {
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("constraint \"{}\" of table \"{}\" does not exist", name, table.name));
    }
  } else if (subtype == "AT_EnableRowSecurity" || subtype == "AT_DisableRowSecurity") {
    std::string key = object_key(table.schema, table.name);
    auto& enabled = ctx.state.rls_enabled;
    enabled.erase(std::remove(enabled.begin(), enabled.end(), key), enabled.end());
    if (subtype == "AT_EnableRowSecurity") enabled.push_back(key);
  } else if (subtype == "AT_AddIdentity") {
    ctx.fail(ErrorCode::Unsupported, "ALTER COLUMN … ADD GENERATED AS IDENTITY is not supported; declare the identity in CREATE TABLE");
  } else if (subtype == "AT_ChangeOwner" || subtype == "AT_SetRelOptions" || subtype == "AT_ResetRelOptions" ||
             subtype == "AT_SetStatistics" || subtype == "AT_SetStorage" || subtype == "AT_ClusterOn" ||
             subtype == "AT_ForceRowSecurity" || subtype == "AT_NoForceRowSecurity" || subtype == "AT_ReplicaIdentity" ||
             subtype == "AT_SetCompression") {
    ctx.warn(fmt::format("ALTER TABLE {} is not kept in the schema model", subtype.substr(3)), ctx.begin());
  } else {
    ctx.fail(ErrorCode::Unsupported, fmt::format("unsupported ALTER TABLE form ({})", subtype.substr(3)));
  }
}

}  // namespace

std::string object_kind_label(const std::string& object_type) {
  if (object_type == "OBJECT_MATVIEW") return "materialized view";
  std::string label = object_type.rfind("OBJECT_", 0) == 0 ? object_type.substr(7) : object_type;
  for (char& ch : label) ch = ch == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return label;
}

void transform_alter_table(StatementContext& ctx, const ParseNode& stmt) {
  const std::string& object_type = stmt.str("objtype");
  if (object_type != "OBJECT_TABLE") {
    ctx.warn(fmt::format("ALTER {} is not managed by sleet; statement ignored", object_type.substr(7)), ctx.begin());
    return;
  }
  const ParseNode* relation = stmt.get("relation");
  if (!relation) ctx.fail(ErrorCode::Parse, "ALTER TABLE without a table");
  if (!find_table(ctx.state, *relation) && stmt.flag("missing_ok")) return;
  schema::Table& table = require_table(ctx, *relation);
  for (const ParseNode& command : stmt.list("cmds")) alter_command(ctx, table, command.body());
}

void transform_rename(StatementContext& ctx, const ParseNode& stmt) {
  const std::string& kind = stmt.str("renameType");
  const std::string& from = stmt.str("subname");
  const std::string& to = stmt.str("newname");
  const ParseNode* relation = stmt.get("relation");
  if (kind == "OBJECT_TABCONSTRAINT" && relation) {
    schema::Table& table = require_table(ctx, *relation);
    if (rename_constraint(table, from, to)) return;
    std::string key = object_key(table.schema, table.name);
    for (const ConstraintAlias& alias : ctx.state.aliases) {
      if (alias.table_key != key || alias.pg_name != from) continue;
      if (alias.model_name.empty()) {  // an inline primary key: its name is not part of the model
        ctx.state.aliases.push_back(ConstraintAlias{key, to, ""});
        return;
      }
      if (rename_constraint(table, alias.model_name, to)) return;
    }
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("constraint \"{}\" of table \"{}\" does not exist", from, table.name));
  }
  if (kind == "OBJECT_SEQUENCE" && relation) {
    std::string schema_name = relation->str("schemaname");
    if (schema_name.empty()) schema_name = "public";
    for (schema::Sequence& sequence : ctx.state.database.sequences) {
      if (sequence.name == relation->str("relname") && sequence.schema == schema_name) {
        sequence.name = stmt.str("newname");
        return;
      }
    }
    for (schema::Table& table : ctx.state.database.tables) {
      if (table.schema_or_public() != schema_name) continue;
      for (schema::Column& column : table.columns) {
        if (column.identity && column.identity->name == relation->str("relname")) {
          column.identity->name = to;
          return;
        }
        // The implicit sequence of a serial column: its name is not part of the model.
        bool serial = column.type == "serial" || column.type == "bigserial" || column.type == "smallserial";
        if (serial && table.name + "_" + column.name + "_seq" == relation->str("relname")) return;
      }
    }
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("sequence \"{}\" does not exist", relation->str("relname")));
  }
  if (kind == "OBJECT_INDEX" && relation) {
    for (schema::Table& table : ctx.state.database.tables) {
      for (schema::Index& index : table.indexes) {
        if (index.name == relation->str("relname")) {
          ctx.state.index_names.erase(object_key(table.schema, index.name));
          ctx.state.index_names.insert(object_key(table.schema, to));
          index.name = to;
          return;
        }
      }
    }
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("index \"{}\" does not exist", relation->str("relname")));
  }
  auto& database = ctx.state.database;
  if (kind == "OBJECT_POLICY" && relation) {
    schema::Table& table = require_table(ctx, *relation);
    for (schema::Policy& policy : table.policies) {
      if (policy.name == from) {
        policy.name = to;
        return;
      }
    }
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("policy \"{}\" for table \"{}\" does not exist", from, table.name));
  }
  if ((kind == "OBJECT_VIEW" || kind == "OBJECT_MATVIEW") && relation) {
    std::string schema_name = relation->str("schemaname").empty() ? "public" : relation->str("schemaname");
    for (schema::View& view : database.views) {
      if (view.name == relation->str("relname") && view.schema.value_or("public") == schema_name) {
        view.name = to;
        return;
      }
    }
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("view \"{}\" does not exist", relation->str("relname")));
  }
  if (kind == "OBJECT_ROLE") {
    for (schema::Role& role : database.roles) {
      if (role.name == from) {
        role.name = to;
        return;
      }
    }
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("role \"{}\" does not exist", from));
  }
  if (kind == "OBJECT_TABLE" || kind == "OBJECT_COLUMN" || kind == "OBJECT_TYPE" || kind == "OBJECT_SCHEMA" ||
      kind == "OBJECT_FOREIGN_TABLE") {
    // These names are referenced from other objects (foreign keys, column types, indexes); a schema file
    // declares the final name instead.
    ctx.fail(ErrorCode::Unsupported,
             fmt::format("ALTER … RENAME of a {} is not supported in a schema file; declare the final name",
                         object_kind_label(kind)));
  }
  ctx.warn("RENAME of an object sleet does not manage; statement ignored", ctx.begin());
}

}  // namespace sleet::pg
