// Snapshot objects whose JSON shape is the same for postgresql and sqlite (generated columns, foreign keys,
// composite primary keys, check constraints, `_meta`); the Kind passed in selects the dialect's key order.
#include <fmt/format.h>

#include "snapshot/codec.hpp"

namespace sleet::snapshot {

using namespace keys;

schema::Generated read_generated(ReadContext& ctx, Kind kind, const json::Node& v) {
  schema::Generated g;
  auto actual = ctx.object(kind, v, [&](int k, const json::Node& x) {
    switch (k) {
      case key(kGenerated, "as"): g.as = schema::Expr(std::string(ctx.string(x))); break;
      case key(kGenerated, "type"): {
        std::string_view type = ctx.string(x);
        if (type == "stored") g.type = schema::GeneratedKind::Stored;
        else if (type == "virtual" && kind == Kind::SqGenerated) g.type = schema::GeneratedKind::Virtual;
        else ctx.fail(x, fmt::format("unknown generated column type \"{}\"", type));
        break;
      }
      default: break;
    }
  });
  ctx.record(kind, actual, 0, 0, v);
  return g;
}

void write_generated(WriteContext& ctx, Kind kind, const PathNode* node, const schema::Generated& g) {
  ctx.object(kind, node, 0, [&](int k) {
    if (k == key(kGenerated, "as")) ctx.w.string(g.as.text);
    else ctx.w.string(g.type == schema::GeneratedKind::Stored ? "stored" : "virtual");
  });
}

namespace {

std::uint32_t fk_present(const schema::ForeignKey& fk) {
  return when(fk.schema_to.has_value(), key(kForeignKey, "schemaTo")) |
         when(fk.on_delete.has_value(), key(kForeignKey, "onDelete")) |
         when(fk.on_update.has_value(), key(kForeignKey, "onUpdate"));
}

}  // namespace

schema::ForeignKey read_foreign_key(ReadContext& ctx, Kind kind, const json::Node& v) {
  schema::ForeignKey fk;
  auto actual = ctx.object(kind, v, [&](int k, const json::Node& x) {
    switch (k) {
      case key(kForeignKey, "name"): fk.name = ctx.string(x); break;
      case key(kForeignKey, "tableFrom"): fk.table_from = ctx.string(x); break;
      case key(kForeignKey, "tableTo"): fk.table_to = ctx.string(x); break;
      case key(kForeignKey, "schemaTo"): fk.schema_to = ctx.string(x); break;
      case key(kForeignKey, "columnsFrom"): fk.columns_from = ctx.strings(x); break;
      case key(kForeignKey, "columnsTo"): fk.columns_to = ctx.strings(x); break;
      case key(kForeignKey, "onDelete"): fk.on_delete = ctx.string(x); break;
      case key(kForeignKey, "onUpdate"): fk.on_update = ctx.string(x); break;
      default: break;
    }
  });
  ctx.record(kind, actual, fk_present(fk), 0, v);
  return fk;
}

void write_foreign_key(WriteContext& ctx, Kind kind, const PathNode* node, const schema::ForeignKey& fk) {
  ctx.object(kind, node, fk_present(fk), [&](int k) {
    switch (k) {
      case key(kForeignKey, "name"): ctx.w.string(fk.name); break;
      case key(kForeignKey, "tableFrom"): ctx.w.string(fk.table_from); break;
      case key(kForeignKey, "tableTo"): ctx.w.string(fk.table_to); break;
      case key(kForeignKey, "schemaTo"): ctx.w.string(*fk.schema_to); break;
      case key(kForeignKey, "columnsFrom"): ctx.w.string_array(fk.columns_from); break;
      case key(kForeignKey, "columnsTo"): ctx.w.string_array(fk.columns_to); break;
      case key(kForeignKey, "onDelete"): ctx.w.string(*fk.on_delete); break;
      default: ctx.w.string(*fk.on_update); break;
    }
  });
}

schema::PrimaryKey read_primary_key(ReadContext& ctx, Kind kind, const json::Node& v) {
  schema::PrimaryKey pk;
  auto actual = ctx.object(kind, v, [&](int k, const json::Node& x) {
    if (k == key(kPrimaryKey, "name")) pk.name = ctx.string(x);
    else pk.columns = ctx.strings(x);
  });
  ctx.record(kind, actual, when(pk.name.has_value(), key(kPrimaryKey, "name")), 0, v);
  return pk;
}

void write_primary_key(WriteContext& ctx, Kind kind, const PathNode* node, const schema::PrimaryKey& pk) {
  ctx.object(kind, node, when(pk.name.has_value(), key(kPrimaryKey, "name")), [&](int k) {
    if (k == key(kPrimaryKey, "name")) ctx.w.string(*pk.name);
    else ctx.w.string_array(pk.columns);
  });
}

std::string primary_key_key(const std::string& table, const schema::PrimaryKey& pk) {
  if (pk.name) return *pk.name;
  std::string out = table;
  for (const std::string& column : pk.columns) out += "_" + column;
  return out + "_pk";
}

schema::CheckConstraint read_check(ReadContext& ctx, Kind kind, const json::Node& v) {
  schema::CheckConstraint check;
  auto actual = ctx.object(kind, v, [&](int k, const json::Node& x) {
    if (k == key(kCheck, "name")) check.name = ctx.string(x);
    else check.value = schema::Expr(std::string(ctx.string(x)));
  });
  ctx.record(kind, actual, 0, 0, v);
  return check;
}

void write_check(WriteContext& ctx, Kind kind, const PathNode* node, const schema::CheckConstraint& check) {
  ctx.object(kind, node, 0, [&](int k) { ctx.w.string(k == key(kCheck, "name") ? check.name : check.value.text); });
}

namespace {

std::uint32_t meta_present(const schema::RenameMaps& meta) {
  return when(!meta.schemas.empty(), key(kMeta, "schemas")) | when(!meta.tables.empty(), key(kMeta, "tables")) |
         when(!meta.columns.empty(), key(kMeta, "columns"));
}

}  // namespace

bool renames_empty(const schema::RenameMaps& meta) { return meta_present(meta) == 0; }

schema::RenameMaps read_meta(ReadContext& ctx, Kind kind, const json::Node& v) {
  schema::RenameMaps meta;
  auto actual = ctx.object(kind, v, [&](int k, const json::Node& x) {
    switch (k) {
      case key(kMeta, "schemas"): meta.schemas = ctx.string_map(x); break;
      case key(kMeta, "tables"): meta.tables = ctx.string_map(x); break;
      default: meta.columns = ctx.string_map(x); break;
    }
  });
  ctx.record(kind, actual, meta_present(meta), 0, v);
  return meta;
}

void write_meta(WriteContext& ctx, Kind kind, const PathNode* node, const schema::RenameMaps& meta) {
  ctx.object(kind, node, meta_present(meta), [&](int k) {
    switch (k) {
      case key(kMeta, "schemas"): ctx.string_map(meta.schemas); break;
      case key(kMeta, "tables"): ctx.string_map(meta.tables); break;
      default: ctx.string_map(meta.columns); break;
    }
  });
}

}  // namespace sleet::snapshot
