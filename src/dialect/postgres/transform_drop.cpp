// DROP TABLE / VIEW / MATERIALIZED VIEW / INDEX / TYPE / SEQUENCE / SCHEMA / POLICY and DROP ROLE on objects
// declared earlier in the schema files: hand-written schema files often start with `DROP … IF EXISTS`, and a
// drop after the CREATE must take the object out of the model. Without IF EXISTS an unknown object is an
// error, as in PostgreSQL; dropping a table that foreign keys reference needs CASCADE (which removes those
// foreign keys, as PostgreSQL does). Objects of kinds sleet does not manage are reported by load.cpp.
#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

/// {schema, name} of a dotted name list (`a`, `s.a`, `db.s.a`); schema "" when unqualified.
std::pair<std::string, std::string> split_name(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  return {parts.size() >= 2 ? parts[parts.size() - 2] : std::string(), parts.back()};
}

void rebuild_table_positions(LoadState& state) {
  state.table_positions.clear();
  for (std::size_t index = 0; index < state.database.tables.size(); ++index) {
    const schema::Table& table = state.database.tables[index];
    state.table_positions.emplace(object_key(table.schema, table.name), index);
  }
}

bool drop_table(StatementContext& ctx, const std::string& schema_name, const std::string& name, bool cascade) {
  std::string table_schema = schema_name == "public" ? "" : schema_name;
  auto& tables = ctx.state.database.tables;
  auto it = std::find_if(tables.begin(), tables.end(),
                         [&](const schema::Table& t) { return t.name == name && t.schema == table_schema; });
  if (it == tables.end()) return false;
  for (schema::Table& other : tables) {
    if (&other == &*it) continue;
    auto& keys = other.foreign_keys;
    auto references = [&](const schema::ForeignKey& key) {
      return key.table_to == name && key.schema_to.value_or("") == table_schema;
    };
    if (std::any_of(keys.begin(), keys.end(), references) && !cascade) {
      ctx.fail(ErrorCode::InvalidSchema,
               fmt::format("cannot drop table \"{}\" because table \"{}\" references it (use CASCADE)", name, other.name));
    }
    keys.erase(std::remove_if(keys.begin(), keys.end(), references), keys.end());
  }
  for (const schema::Index& index : it->indexes) ctx.state.index_names.erase(object_key(table_schema, index.name));
  tables.erase(it);
  rebuild_table_positions(ctx.state);
  return true;
}

bool drop_index(StatementContext& ctx, const std::string& schema_name, const std::string& name) {
  std::string table_schema = schema_name == "public" ? "" : schema_name;
  for (schema::Table& table : ctx.state.database.tables) {
    if (!schema_name.empty() && table.schema != table_schema) continue;
    auto it = std::find_if(table.indexes.begin(), table.indexes.end(), [&](const schema::Index& i) { return i.name == name; });
    if (it == table.indexes.end()) continue;
    ctx.state.index_names.erase(object_key(table.schema, name));
    table.indexes.erase(it);
    return true;
  }
  return false;
}

template <typename List>
bool erase_named(List& list, const std::string& schema_name, const std::string& name) {
  std::string wanted = schema_name.empty() ? "public" : schema_name;
  auto it = std::find_if(list.begin(), list.end(), [&](const auto& item) {
    if constexpr (std::is_same_v<std::decay_t<decltype(item.schema)>, std::string>) {
      return item.name == name && item.schema == wanted;
    } else {
      return item.name == name && item.schema.value_or("public") == wanted;
    }
  });
  if (it == list.end()) return false;
  list.erase(it);
  return true;
}

bool drop_one(StatementContext& ctx, const std::string& kind, const ParseNode& object, bool cascade) {
  auto& database = ctx.state.database;
  if (kind == "OBJECT_SCHEMA") {
    std::string name = object.body().str("sval");
    auto it = std::find(database.schemas.begin(), database.schemas.end(), name);
    if (it == database.schemas.end()) return false;
    database.schemas.erase(it);
    return true;
  }
  if (kind == "OBJECT_TYPE") {
    auto [schema_name, name] = split_name(string_list(object.body().list("names")));
    return erase_named(database.enums, schema_name, name);
  }
  std::vector<std::string> parts = string_list(object.body().list("items"));
  if (kind == "OBJECT_POLICY") {
    if (parts.size() < 2) return false;
    std::string policy = parts.back();
    parts.pop_back();
    auto [schema_name, table_name] = split_name(parts);
    // A RangeVar of its own, as find_table expects: {"schemaname": …, "relname": …}.
    std::array<ParseNode, 2> members;
    members[0].kind = members[1].kind = ParseNode::Kind::String;
    members[0].key = "schemaname";
    members[0].text = schema_name;
    members[1].key = "relname";
    members[1].text = table_name;
    ParseNode relation;
    relation.kind = ParseNode::Kind::Object;
    relation.children = members;
    schema::Table* table = find_table(ctx.state, relation);
    if (!table) return false;
    auto it = std::find_if(table->policies.begin(), table->policies.end(), [&](const schema::Policy& p) { return p.name == policy; });
    if (it == table->policies.end()) return false;
    table->policies.erase(it);
    return true;
  }
  auto [schema_name, name] = split_name(parts);
  if (kind == "OBJECT_TABLE") return drop_table(ctx, schema_name, name, cascade);
  if (kind == "OBJECT_INDEX") return drop_index(ctx, schema_name, name);
  if (kind == "OBJECT_SEQUENCE") return erase_named(database.sequences, schema_name, name);
  if (kind == "OBJECT_VIEW" || kind == "OBJECT_MATVIEW") return erase_named(database.views, schema_name, name);
  return false;
}

}  // namespace

void transform_drop(StatementContext& ctx, const ParseNode& stmt) {
  static const char* const kManaged[] = {"OBJECT_TABLE",  "OBJECT_VIEW",   "OBJECT_MATVIEW", "OBJECT_INDEX",
                                         "OBJECT_TYPE",   "OBJECT_SEQUENCE", "OBJECT_SCHEMA", "OBJECT_POLICY"};
  const std::string& kind = stmt.str("removeType");
  if (std::find(std::begin(kManaged), std::end(kManaged), kind) == std::end(kManaged)) {
    ctx.warn(fmt::format("DROP {} is not managed by sleet; statement ignored", object_kind_label(kind)), ctx.begin());
    return;
  }
  bool cascade = stmt.str("behavior") == "DROP_CASCADE";
  std::string kind_name = object_kind_label(kind);
  for (const ParseNode& object : stmt.list("objects")) {
    if (drop_one(ctx, kind, object, cascade) || stmt.flag("missing_ok")) continue;
    std::vector<std::string> parts = object.tag() == "String"     ? std::vector<std::string>{object.body().str("sval")}
                                     : object.tag() == "TypeName" ? string_list(object.body().list("names"))
                                                                  : string_list(object.body().list("items"));
    std::string name;
    for (const std::string& part : parts) name += (name.empty() ? "" : ".") + part;
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("cannot drop {} \"{}\": it is not declared in the schema files", kind_name, name));
  }
}

void transform_drop_role(StatementContext& ctx, const ParseNode& stmt) {
  auto& roles = ctx.state.database.roles;
  for (const ParseNode& role : stmt.list("roles")) {
    const std::string& name = role.body().str("rolename");
    auto it = std::find_if(roles.begin(), roles.end(), [&](const schema::Role& r) { return r.name == name; });
    if (it != roles.end()) {
      roles.erase(it);
    } else if (!stmt.flag("missing_ok")) {
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("role \"{}\" is not declared in the schema files", name));
    }
  }
}

}  // namespace sleet::pg
