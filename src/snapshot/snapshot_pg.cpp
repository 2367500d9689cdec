// PostgreSQL snapshot version "7" <-> schema::Database (drizzle-reference.md 3.2): the mapping of every JSON
// key to a model field, in both directions, and which keys each model object makes present. Key order and
// anything the model cannot hold are the layout's business (codec.hpp, layout.hpp).
#include <fmt/format.h>

#include "snapshot/codec.hpp"

namespace sleet::snapshot {

namespace {

using namespace keys;
using json::Node;
using json::Value;

// ---- columns ----

std::uint32_t identity_present(const schema::Identity& id) {
  const schema::SequenceOptions& o = id.options;
  return when(o.increment.has_value(), key(kIdentity, "increment")) |
         when(o.start_with.has_value(), key(kIdentity, "startWith")) |
         when(o.min_value.has_value(), key(kIdentity, "minValue")) |
         when(o.max_value.has_value(), key(kIdentity, "maxValue")) |
         when(o.cache.has_value(), key(kIdentity, "cache")) | when(o.cycle.has_value(), key(kIdentity, "cycle"));
}

schema::Identity read_identity(ReadContext& ctx, const Node& v) {
  schema::Identity id;
  schema::SequenceOptions& o = id.options;
  auto actual = ctx.object(Kind::PgIdentity, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kIdentity, "type"): {
        std::string_view type = ctx.string(x);
        if (type == "always") id.type = schema::IdentityKind::Always;
        else if (type == "byDefault") id.type = schema::IdentityKind::ByDefault;
        else ctx.fail(x, fmt::format("unknown identity type \"{}\"", type));
        break;
      }
      case key(kIdentity, "name"): id.name = ctx.string(x); break;
      case key(kIdentity, "schema"): id.schema = ctx.string(x); break;
      case key(kIdentity, "increment"): o.increment = ctx.string(x); break;
      case key(kIdentity, "startWith"): o.start_with = ctx.string(x); break;
      case key(kIdentity, "minValue"): o.min_value = ctx.string(x); break;
      case key(kIdentity, "maxValue"): o.max_value = ctx.string(x); break;
      case key(kIdentity, "cache"): o.cache = ctx.string(x); break;
      case key(kIdentity, "cycle"): o.cycle = ctx.boolean(x); break;
      default: break;
    }
  });
  ctx.record(Kind::PgIdentity, actual, identity_present(id), 0, v);
  return id;
}

void write_identity(WriteContext& ctx, const PathNode* node, const schema::Identity& id) {
  const schema::SequenceOptions& o = id.options;
  ctx.object(Kind::PgIdentity, node, identity_present(id), [&](int k) {
    switch (k) {
      case key(kIdentity, "type"): ctx.w.string(id.type == schema::IdentityKind::Always ? "always" : "byDefault"); break;
      case key(kIdentity, "name"): ctx.w.string(id.name); break;
      case key(kIdentity, "schema"): ctx.w.string(id.schema); break;
      case key(kIdentity, "increment"): ctx.w.string(*o.increment); break;
      case key(kIdentity, "startWith"): ctx.w.string(*o.start_with); break;
      case key(kIdentity, "minValue"): ctx.w.string(*o.min_value); break;
      case key(kIdentity, "maxValue"): ctx.w.string(*o.max_value); break;
      case key(kIdentity, "cache"): ctx.w.string(*o.cache); break;
      default: ctx.w.boolean(*o.cycle); break;
    }
  });
}

std::uint32_t column_present(const schema::Column& c) {
  return when(c.type_schema.has_value(), key(kPgColumn, "typeSchema")) |
         when(c.generated.has_value(), key(kPgColumn, "generated")) |
         when(c.identity.has_value(), key(kPgColumn, "identity")) |
         when(c.default_value.has_value(), key(kPgColumn, "default")) |
         when(c.is_unique.has_value(), key(kPgColumn, "isUnique")) |
         when(c.unique_name.has_value(), key(kPgColumn, "uniqueName")) |
         when(c.nulls_not_distinct.has_value(), key(kPgColumn, "nullsNotDistinct"));
}

schema::Column read_column(ReadContext& ctx, Kind kind, const Node& v) {
  schema::Column c;
  auto actual = ctx.object(kind, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kPgColumn, "name"): c.name = ctx.string(x); break;
      case key(kPgColumn, "type"): c.type = ctx.string(x); break;
      case key(kPgColumn, "typeSchema"): c.type_schema = ctx.string(x); break;
      case key(kPgColumn, "primaryKey"): c.primary_key = ctx.boolean(x); break;
      case key(kPgColumn, "notNull"): c.not_null = ctx.boolean(x); break;
      case key(kPgColumn, "generated"): c.generated = read_generated(ctx, Kind::PgGenerated, x); break;
      case key(kPgColumn, "identity"): c.identity = read_identity(ctx, x); break;
      // null, [] or {} too: drizzle accepts any JSON here and prints it with `${default}`.
      case key(kPgColumn, "default"): c.default_value = ctx.any_value(x); break;
      case key(kPgColumn, "isUnique"): c.is_unique = ctx.boolean(x); break;
      case key(kPgColumn, "uniqueName"): c.unique_name = ctx.string(x); break;
      case key(kPgColumn, "nullsNotDistinct"): c.nulls_not_distinct = ctx.boolean(x); break;
      default: break;
    }
  });
  ctx.record(kind, actual, column_present(c), 0, v);
  return c;
}

void write_column(WriteContext& ctx, Kind kind, const PathNode* node, const schema::Column& c) {
  ctx.object(kind, node, column_present(c), [&](int k) {
    switch (k) {
      case key(kPgColumn, "name"): ctx.w.string(c.name); break;
      case key(kPgColumn, "type"): ctx.w.string(c.type); break;
      case key(kPgColumn, "typeSchema"): ctx.w.string(*c.type_schema); break;
      case key(kPgColumn, "primaryKey"): ctx.w.boolean(c.primary_key); break;
      case key(kPgColumn, "notNull"): ctx.w.boolean(c.not_null); break;
      case key(kPgColumn, "generated"): write_generated(ctx, Kind::PgGenerated, child(node, "generated"), *c.generated); break;
      case key(kPgColumn, "identity"): write_identity(ctx, child(node, "identity"), *c.identity); break;
      case key(kPgColumn, "default"): ctx.scalar(*c.default_value); break;
      case key(kPgColumn, "isUnique"): ctx.w.boolean(*c.is_unique); break;
      case key(kPgColumn, "uniqueName"): ctx.w.string(*c.unique_name); break;
      default: ctx.w.boolean(*c.nulls_not_distinct); break;
    }
  });
}

void read_columns(ReadContext& ctx, Kind kind, const Node& v, std::vector<schema::Column>& out) {
  ctx.map(v, [&](std::string_view, const Node& x) {
    out.push_back(read_column(ctx, kind, x));
    return out.back().name;
  });
}

void write_columns(WriteContext& ctx, Kind kind, const PathNode* node, const std::vector<schema::Column>& columns) {
  ctx.map(node, columns, [](const schema::Column& c) -> const std::string& { return c.name; },
          [&](const schema::Column& c, const PathNode* n) { write_column(ctx, kind, n, c); });
}

// ---- indexes ----

std::uint32_t index_column_present(const schema::IndexColumn& c) {
  return when(c.nulls != "last", key(kIndexColumn, "nulls")) | when(c.opclass.has_value(), key(kIndexColumn, "opclass"));
}

schema::IndexColumn read_index_column(ReadContext& ctx, const Node& v) {
  schema::IndexColumn c;
  auto actual = ctx.object(Kind::PgIndexColumn, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kIndexColumn, "expression"): c.expression = ctx.string(x); break;
      case key(kIndexColumn, "isExpression"): c.is_expression = ctx.boolean(x); break;
      case key(kIndexColumn, "asc"): c.asc = ctx.boolean(x); break;
      case key(kIndexColumn, "nulls"): c.nulls = ctx.string(x); break;
      default: c.opclass = ctx.string(x); break;
    }
  });
  ctx.record(c.is_expression ? Kind::PgIndexExpression : Kind::PgIndexColumn, actual, index_column_present(c), 0, v);
  return c;
}

void write_index_column(WriteContext& ctx, const PathNode* node, const schema::IndexColumn& c) {
  ctx.object(c.is_expression ? Kind::PgIndexExpression : Kind::PgIndexColumn, node, index_column_present(c), [&](int k) {
    switch (k) {
      case key(kIndexColumn, "expression"): ctx.w.string(c.expression); break;
      case key(kIndexColumn, "isExpression"): ctx.w.boolean(c.is_expression); break;
      case key(kIndexColumn, "asc"): ctx.w.boolean(c.asc); break;
      case key(kIndexColumn, "nulls"): ctx.w.string(c.nulls); break;
      default: ctx.w.string(*c.opclass); break;
    }
  });
}

std::uint32_t index_present(const schema::Index& i) {
  return when(i.where.has_value(), key(kPgIndex, "where")) | when(i.concurrently, key(kPgIndex, "concurrently")) |
         when(i.method != "btree", key(kPgIndex, "method")) | when(!i.with.empty(), key(kPgIndex, "with"));
}

schema::Index read_index(ReadContext& ctx, const Node& v) {
  schema::Index index;
  auto actual = ctx.object(Kind::PgIndex, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kPgIndex, "name"): index.name = ctx.string(x); break;
      case key(kPgIndex, "columns"):
        if (!x.is_array()) ctx.fail(x, "expected an array");
        for (std::size_t i = 0; i < x.size(); ++i) {
          auto scope = ctx.at_index(i);
          index.columns.push_back(read_index_column(ctx, x[i]));
        }
        break;
      case key(kPgIndex, "isUnique"): index.is_unique = ctx.boolean(x); break;
      case key(kPgIndex, "where"): index.where = schema::Expr(std::string(ctx.string(x))); break;
      case key(kPgIndex, "concurrently"): index.concurrently = ctx.boolean(x); break;
      case key(kPgIndex, "method"): index.method = ctx.string(x); break;
      default: index.with = ctx.options(x); break;
    }
  });
  ctx.record(Kind::PgIndex, actual, index_present(index), 0, v);
  return index;
}

void write_index(WriteContext& ctx, const PathNode* node, const schema::Index& index) {
  ctx.object(Kind::PgIndex, node, index_present(index), [&](int k) {
    switch (k) {
      case key(kPgIndex, "name"): ctx.w.string(index.name); break;
      case key(kPgIndex, "columns"): {
        const PathNode* cols = child(node, "columns");
        ctx.w.begin_array();
        for (std::size_t i = 0; i < index.columns.size(); ++i) write_index_column(ctx, child(cols, i), index.columns[i]);
        ctx.w.end_array();
        break;
      }
      case key(kPgIndex, "isUnique"): ctx.w.boolean(index.is_unique); break;
      case key(kPgIndex, "where"): ctx.w.string(index.where->text); break;
      case key(kPgIndex, "concurrently"): ctx.w.boolean(index.concurrently); break;
      case key(kPgIndex, "method"): ctx.w.string(index.method); break;
      default: ctx.options(index.with); break;
    }
  });
}

// ---- constraints and policies ----

std::uint32_t unique_present(const schema::UniqueConstraint& u) {
  return when(u.nulls_not_distinct.has_value(), key(kPgUnique, "nullsNotDistinct"));
}

schema::UniqueConstraint read_unique(ReadContext& ctx, const Node& v) {
  schema::UniqueConstraint u;
  auto actual = ctx.object(Kind::PgUnique, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kPgUnique, "name"): u.name = ctx.string(x); break;
      case key(kPgUnique, "nullsNotDistinct"): u.nulls_not_distinct = ctx.boolean(x); break;
      default: u.columns = ctx.strings(x); break;
    }
  });
  ctx.record(Kind::PgUnique, actual, unique_present(u), 0, v);
  return u;
}

void write_unique(WriteContext& ctx, const PathNode* node, const schema::UniqueConstraint& u) {
  ctx.object(Kind::PgUnique, node, unique_present(u), [&](int k) {
    switch (k) {
      case key(kPgUnique, "name"): ctx.w.string(u.name); break;
      case key(kPgUnique, "nullsNotDistinct"): ctx.w.boolean(*u.nulls_not_distinct); break;
      default: ctx.w.string_array(u.columns); break;
    }
  });
}

std::uint32_t policy_present(const schema::Policy& p) {
  return when(p.as.has_value(), key(kPolicy, "as")) | when(p.for_.has_value(), key(kPolicy, "for")) |
         when(p.to.has_value(), key(kPolicy, "to")) | when(p.using_.has_value(), key(kPolicy, "using")) |
         when(p.with_check.has_value(), key(kPolicy, "withCheck")) | when(p.on.has_value(), key(kPolicy, "on")) |
         when(p.schema.has_value(), key(kPolicy, "schema"));
}

schema::Policy read_policy(ReadContext& ctx, Kind kind, const Node& v) {
  schema::Policy p;
  auto actual = ctx.object(kind, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kPolicy, "name"): p.name = ctx.string(x); break;
      case key(kPolicy, "as"): p.as = ctx.string(x); break;
      case key(kPolicy, "for"): p.for_ = ctx.string(x); break;
      case key(kPolicy, "to"): p.to = ctx.strings(x); break;
      case key(kPolicy, "using"): p.using_ = schema::Expr(std::string(ctx.string(x))); break;
      case key(kPolicy, "withCheck"): p.with_check = schema::Expr(std::string(ctx.string(x))); break;
      case key(kPolicy, "on"): p.on = ctx.string(x); break;
      default: p.schema = ctx.string(x); break;
    }
  });
  ctx.record(kind, actual, policy_present(p), 0, v);
  return p;
}

void write_policy(WriteContext& ctx, Kind kind, const PathNode* node, const schema::Policy& p) {
  ctx.object(kind, node, policy_present(p), [&](int k) {
    switch (k) {
      case key(kPolicy, "name"): ctx.w.string(p.name); break;
      case key(kPolicy, "as"): ctx.w.string(*p.as); break;
      case key(kPolicy, "for"): ctx.w.string(*p.for_); break;
      case key(kPolicy, "to"): ctx.w.string_array(*p.to); break;
      case key(kPolicy, "using"): ctx.w.string(p.using_->text); break;
      case key(kPolicy, "withCheck"): ctx.w.string(p.with_check->text); break;
      case key(kPolicy, "on"): ctx.w.string(*p.on); break;
      default: ctx.w.string(*p.schema); break;
    }
  });
}

// ---- tables ----

std::uint32_t table_present(const schema::Table& t) {
  return when(!t.unique_constraints.empty(), key(kPgTable, "uniqueConstraints")) |
         when(!t.policies.empty(), key(kPgTable, "policies")) |
         when(!t.check_constraints.empty(), key(kPgTable, "checkConstraints")) |
         when(t.is_rls_enabled, key(kPgTable, "isRLSEnabled"));
}

std::string table_key(const schema::Table& t) { return t.schema_or_public() + "." + t.name; }

schema::Table read_table(ReadContext& ctx, const Node& v) {
  schema::Table t;
  if (const Node* name = v.find("name"); name != nullptr && name->is_string()) t.name = name->text;
  auto actual = ctx.object(Kind::PgTable, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kPgTable, "name"): t.name = ctx.string(x); break;
      case key(kPgTable, "schema"): t.schema = ctx.string(x); break;
      case key(kPgTable, "columns"): read_columns(ctx, Kind::PgColumn, x, t.columns); break;
      case key(kPgTable, "indexes"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.indexes.push_back(read_index(ctx, e));
          return t.indexes.back().name;
        });
        break;
      case key(kPgTable, "foreignKeys"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.foreign_keys.push_back(read_foreign_key(ctx, Kind::PgForeignKey, e));
          return t.foreign_keys.back().name;
        });
        break;
      case key(kPgTable, "compositePrimaryKeys"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.composite_primary_keys.push_back(read_primary_key(ctx, Kind::PgPrimaryKey, e));
          return primary_key_key(t.name, t.composite_primary_keys.back());
        });
        break;
      case key(kPgTable, "uniqueConstraints"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.unique_constraints.push_back(read_unique(ctx, e));
          return t.unique_constraints.back().name;
        });
        break;
      case key(kPgTable, "policies"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.policies.push_back(read_policy(ctx, Kind::PgPolicy, e));
          return t.policies.back().name;
        });
        break;
      case key(kPgTable, "checkConstraints"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.check_constraints.push_back(read_check(ctx, Kind::PgCheck, e));
          return t.check_constraints.back().name;
        });
        break;
      default: t.is_rls_enabled = ctx.boolean(x); break;
    }
  });
  ctx.record(Kind::PgTable, actual, table_present(t), 0, v);
  return t;
}

void write_table(WriteContext& ctx, const PathNode* node, const schema::Table& t) {
  ctx.object(Kind::PgTable, node, table_present(t), [&](int k) {
    switch (k) {
      case key(kPgTable, "name"): ctx.w.string(t.name); break;
      case key(kPgTable, "schema"): ctx.w.string(t.schema); break;
      case key(kPgTable, "columns"): write_columns(ctx, Kind::PgColumn, child(node, "columns"), t.columns); break;
      case key(kPgTable, "indexes"):
        ctx.map(child(node, "indexes"), t.indexes, [](const schema::Index& i) -> const std::string& { return i.name; },
                [&](const schema::Index& i, const PathNode* n) { write_index(ctx, n, i); });
        break;
      case key(kPgTable, "foreignKeys"):
        ctx.map(child(node, "foreignKeys"), t.foreign_keys, [](const schema::ForeignKey& f) -> const std::string& { return f.name; },
                [&](const schema::ForeignKey& f, const PathNode* n) { write_foreign_key(ctx, Kind::PgForeignKey, n, f); });
        break;
      case key(kPgTable, "compositePrimaryKeys"):
        ctx.map(child(node, "compositePrimaryKeys"), t.composite_primary_keys,
                [&](const schema::PrimaryKey& p) { return primary_key_key(t.name, p); },
                [&](const schema::PrimaryKey& p, const PathNode* n) { write_primary_key(ctx, Kind::PgPrimaryKey, n, p); });
        break;
      case key(kPgTable, "uniqueConstraints"):
        ctx.map(child(node, "uniqueConstraints"), t.unique_constraints,
                [](const schema::UniqueConstraint& u) -> const std::string& { return u.name; },
                [&](const schema::UniqueConstraint& u, const PathNode* n) { write_unique(ctx, n, u); });
        break;
      case key(kPgTable, "policies"):
        ctx.map(child(node, "policies"), t.policies, [](const schema::Policy& p) -> const std::string& { return p.name; },
                [&](const schema::Policy& p, const PathNode* n) { write_policy(ctx, Kind::PgPolicy, n, p); });
        break;
      case key(kPgTable, "checkConstraints"):
        ctx.map(child(node, "checkConstraints"), t.check_constraints,
                [](const schema::CheckConstraint& c) -> const std::string& { return c.name; },
                [&](const schema::CheckConstraint& c, const PathNode* n) { write_check(ctx, Kind::PgCheck, n, c); });
        break;
      default: ctx.w.boolean(t.is_rls_enabled); break;
    }
  });
}

// ---- enums, sequences, roles, views ----

schema::Enum read_enum(ReadContext& ctx, const Node& v) {
  schema::Enum e;
  auto actual = ctx.object(Kind::PgEnum, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kEnum, "name"): e.name = ctx.string(x); break;
      case key(kEnum, "schema"): e.schema = ctx.string(x); break;
      default: e.values = ctx.strings(x); break;
    }
  });
  ctx.record(Kind::PgEnum, actual, 0, 0, v);
  return e;
}

void write_enum(WriteContext& ctx, const PathNode* node, const schema::Enum& e) {
  ctx.object(Kind::PgEnum, node, 0, [&](int k) {
    switch (k) {
      case key(kEnum, "name"): ctx.w.string(e.name); break;
      case key(kEnum, "schema"): ctx.w.string(e.schema); break;
      default: ctx.w.string_array(e.values); break;
    }
  });
}

std::uint32_t sequence_present(const schema::SequenceOptions& o) {
  return when(o.increment.has_value(), key(kSequence, "increment")) |
         when(o.start_with.has_value(), key(kSequence, "startWith")) |
         when(o.min_value.has_value(), key(kSequence, "minValue")) |
         when(o.max_value.has_value(), key(kSequence, "maxValue")) |
         when(o.cache.has_value(), key(kSequence, "cache")) | when(o.cycle.has_value(), key(kSequence, "cycle"));
}

schema::Sequence read_sequence(ReadContext& ctx, const Node& v) {
  schema::Sequence s;
  schema::SequenceOptions& o = s.options;
  auto actual = ctx.object(Kind::PgSequence, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kSequence, "name"): s.name = ctx.string(x); break;
      case key(kSequence, "schema"): s.schema = ctx.string(x); break;
      case key(kSequence, "increment"): o.increment = ctx.string(x); break;
      case key(kSequence, "startWith"): o.start_with = ctx.string(x); break;
      case key(kSequence, "minValue"): o.min_value = ctx.string(x); break;
      case key(kSequence, "maxValue"): o.max_value = ctx.string(x); break;
      case key(kSequence, "cache"): o.cache = ctx.string(x); break;
      default: o.cycle = ctx.boolean(x); break;
    }
  });
  ctx.record(Kind::PgSequence, actual, sequence_present(o), 0, v);
  return s;
}

void write_sequence(WriteContext& ctx, const PathNode* node, const schema::Sequence& s) {
  const schema::SequenceOptions& o = s.options;
  ctx.object(Kind::PgSequence, node, sequence_present(o), [&](int k) {
    switch (k) {
      case key(kSequence, "name"): ctx.w.string(s.name); break;
      case key(kSequence, "schema"): ctx.w.string(s.schema); break;
      case key(kSequence, "increment"): ctx.w.string(*o.increment); break;
      case key(kSequence, "startWith"): ctx.w.string(*o.start_with); break;
      case key(kSequence, "minValue"): ctx.w.string(*o.min_value); break;
      case key(kSequence, "maxValue"): ctx.w.string(*o.max_value); break;
      case key(kSequence, "cache"): ctx.w.string(*o.cache); break;
      default: ctx.w.boolean(*o.cycle); break;
    }
  });
}

std::uint32_t role_present(const schema::Role& r) {
  return when(r.create_db.has_value(), key(kRole, "createDb")) |
         when(r.create_role.has_value(), key(kRole, "createRole")) | when(r.inherit.has_value(), key(kRole, "inherit"));
}

schema::Role read_role(ReadContext& ctx, const Node& v) {
  schema::Role r;
  auto actual = ctx.object(Kind::PgRole, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kRole, "name"): r.name = ctx.string(x); break;
      case key(kRole, "createDb"): r.create_db = ctx.boolean(x); break;
      case key(kRole, "createRole"): r.create_role = ctx.boolean(x); break;
      default: r.inherit = ctx.boolean(x); break;
    }
  });
  ctx.record(Kind::PgRole, actual, role_present(r), 0, v);
  return r;
}

void write_role(WriteContext& ctx, const PathNode* node, const schema::Role& r) {
  ctx.object(Kind::PgRole, node, role_present(r), [&](int k) {
    switch (k) {
      case key(kRole, "name"): ctx.w.string(r.name); break;
      case key(kRole, "createDb"): ctx.w.boolean(*r.create_db); break;
      case key(kRole, "createRole"): ctx.w.boolean(*r.create_role); break;
      default: ctx.w.boolean(*r.inherit); break;
    }
  });
}

std::uint32_t view_present(const schema::View& v) {
  return when(v.definition.has_value(), key(kPgView, "definition")) | when(v.schema.has_value(), key(kPgView, "schema")) |
         when(v.with.has_value(), key(kPgView, "with")) | when(v.with_no_data.has_value(), key(kPgView, "withNoData")) |
         when(v.materialized.has_value(), key(kPgView, "materialized")) |
         when(v.tablespace.has_value(), key(kPgView, "tablespace")) | when(v.using_.has_value(), key(kPgView, "using"));
}

std::string view_key(const schema::View& v) { return v.schema ? *v.schema + "." + v.name : v.name; }

schema::View read_view(ReadContext& ctx, const Node& v) {
  schema::View view;
  auto actual = ctx.object(Kind::PgView, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kPgView, "columns"): read_columns(ctx, Kind::PgViewColumn, x, view.columns); break;
      case key(kPgView, "definition"): view.definition = schema::Expr(std::string(ctx.string(x))); break;
      case key(kPgView, "name"): view.name = ctx.string(x); break;
      case key(kPgView, "schema"): view.schema = ctx.string(x); break;
      case key(kPgView, "isExisting"): view.is_existing = ctx.boolean(x); break;
      case key(kPgView, "with"): view.with = ctx.options(x); break;
      case key(kPgView, "withNoData"): view.with_no_data = ctx.boolean(x); break;
      case key(kPgView, "materialized"): view.materialized = ctx.boolean(x); break;
      case key(kPgView, "tablespace"): view.tablespace = ctx.string(x); break;
      default: view.using_ = ctx.string(x); break;
    }
  });
  ctx.record(Kind::PgView, actual, view_present(view), 0, v);
  return view;
}

void write_view(WriteContext& ctx, const PathNode* node, const schema::View& view) {
  ctx.object(Kind::PgView, node, view_present(view), [&](int k) {
    switch (k) {
      case key(kPgView, "columns"): write_columns(ctx, Kind::PgViewColumn, child(node, "columns"), view.columns); break;
      case key(kPgView, "definition"): ctx.w.string(view.definition->text); break;
      case key(kPgView, "name"): ctx.w.string(view.name); break;
      case key(kPgView, "schema"): ctx.w.string(*view.schema); break;
      case key(kPgView, "isExisting"): ctx.w.boolean(view.is_existing); break;
      case key(kPgView, "with"): ctx.options(*view.with); break;
      case key(kPgView, "withNoData"): ctx.w.boolean(*view.with_no_data); break;
      case key(kPgView, "materialized"): ctx.w.boolean(*view.materialized); break;
      case key(kPgView, "tablespace"): ctx.w.string(*view.tablespace); break;
      default: ctx.w.string(*view.using_); break;
    }
  });
}

std::uint32_t top_present(const schema::Database& db) {
  return when(!db.sequences.empty(), key(kPgTop, "sequences")) | when(!db.roles.empty(), key(kPgTop, "roles")) |
         when(!db.policies.empty(), key(kPgTop, "policies")) | when(!db.views.empty(), key(kPgTop, "views")) |
         when(!renames_empty(db.renames), key(kPgTop, "_meta"));
}

}  // namespace

void read_pg(ReadContext& ctx, const Node& root, Snapshot& out) {
  schema::Database& db = out.database;
  db.dialect = schema::Dialect::Postgres;
  std::uint32_t raw = 0;
  auto actual = ctx.object(Kind::PgTop, root, [&](int k, const Node& x) {
    switch (k) {
      case key(kPgTop, "id"): out.id = ctx.string(x); break;
      case key(kPgTop, "prevId"): out.prev_id = ctx.string(x); break;
      case key(kPgTop, "version"): out.version = ctx.string(x); break;
      case key(kPgTop, "dialect"): ctx.string(x); break;
      case key(kPgTop, "tables"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.tables.push_back(read_table(ctx, e));
          return table_key(db.tables.back());
        });
        break;
      case key(kPgTop, "enums"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.enums.push_back(read_enum(ctx, e));
          return db.enums.back().schema + "." + db.enums.back().name;
        });
        break;
      case key(kPgTop, "schemas"):
        for (const auto& [name, value] : ctx.string_map(x)) {
          db.schemas.push_back(name);
          if (value != name) raw |= bit(k);  // the model keeps only the names
        }
        break;
      case key(kPgTop, "sequences"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.sequences.push_back(read_sequence(ctx, e));
          return db.sequences.back().schema + "." + db.sequences.back().name;
        });
        break;
      case key(kPgTop, "roles"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.roles.push_back(read_role(ctx, e));
          return db.roles.back().name;
        });
        break;
      case key(kPgTop, "policies"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.policies.push_back(read_policy(ctx, Kind::PgTopPolicy, e));
          return db.policies.back().name;
        });
        break;
      case key(kPgTop, "views"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.views.push_back(read_view(ctx, e));
          return view_key(db.views.back());
        });
        break;
      case key(kPgTop, "_meta"): db.renames = read_meta(ctx, Kind::PgMeta, x); break;
      default:  // internal: drizzle-kit's optional introspection hints, not part of the model
        ctx.expect_object(x);
        raw |= bit(k);
        break;
    }
  });
  ctx.record(Kind::PgTop, actual, top_present(db), raw, root);
}

void write_pg(WriteContext& ctx, const Snapshot& s) {
  const schema::Database& db = s.database;
  const PathNode* root = ctx.layout().root.get();
  ctx.object(Kind::PgTop, root, top_present(db), [&](int k) {
    switch (k) {
      case key(kPgTop, "id"): ctx.w.string(s.id); break;
      case key(kPgTop, "prevId"): ctx.w.string(s.prev_id); break;
      case key(kPgTop, "version"): ctx.w.string(s.version); break;
      case key(kPgTop, "dialect"): ctx.w.string("postgresql"); break;
      case key(kPgTop, "tables"):
        ctx.map(child(root, "tables"), db.tables, table_key,
                [&](const schema::Table& t, const PathNode* n) { write_table(ctx, n, t); });
        break;
      case key(kPgTop, "enums"):
        ctx.map(child(root, "enums"), db.enums, [](const schema::Enum& e) { return e.schema + "." + e.name; },
                [&](const schema::Enum& e, const PathNode* n) { write_enum(ctx, n, e); });
        break;
      case key(kPgTop, "schemas"): {
        std::vector<std::pair<std::string, std::string>> entries;
        for (const std::string& name : db.schemas) entries.emplace_back(name, name);
        ctx.string_map(entries);
        break;
      }
      case key(kPgTop, "sequences"):
        ctx.map(child(root, "sequences"), db.sequences, [](const schema::Sequence& q) { return q.schema + "." + q.name; },
                [&](const schema::Sequence& q, const PathNode* n) { write_sequence(ctx, n, q); });
        break;
      case key(kPgTop, "roles"):
        ctx.map(child(root, "roles"), db.roles, [](const schema::Role& r) -> const std::string& { return r.name; },
                [&](const schema::Role& r, const PathNode* n) { write_role(ctx, n, r); });
        break;
      case key(kPgTop, "policies"):
        ctx.map(child(root, "policies"), db.policies, [](const schema::Policy& p) -> const std::string& { return p.name; },
                [&](const schema::Policy& p, const PathNode* n) { write_policy(ctx, Kind::PgTopPolicy, n, p); });
        break;
      case key(kPgTop, "views"):
        ctx.map(child(root, "views"), db.views, view_key,
                [&](const schema::View& v, const PathNode* n) { write_view(ctx, n, v); });
        break;
      case key(kPgTop, "_meta"): write_meta(ctx, Kind::PgMeta, child(root, "_meta"), db.renames); break;
      default: ctx.w.raw("{}"); break;  // internal is only ever written from the raw value kept by the layout
    }
  });
}

}  // namespace sleet::snapshot
