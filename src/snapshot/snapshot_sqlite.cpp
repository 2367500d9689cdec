// SQLite snapshot version "6" <-> schema::Database (drizzle-reference.md 3.3). Index columns are plain
// strings in this format; which of them are SQL expressions is recorded in the top-level
// `internal.indexes.<index>.columns.<expr>.isExpression`, which is rebuilt from the model when written (and
// kept raw by the layout when a file's `internal` says something else).
#include <fmt/format.h>

#include "snapshot/codec.hpp"

namespace sleet::snapshot {

namespace {

using namespace keys;
using json::Node;
using json::Value;

std::uint32_t column_present(const schema::Column& c) {
  return when(c.autoincrement.has_value(), key(kSqColumn, "autoincrement")) |
         when(c.default_value.has_value(), key(kSqColumn, "default")) |
         when(c.generated.has_value(), key(kSqColumn, "generated"));
}

schema::Column read_column(ReadContext& ctx, Kind kind, const Node& v) {
  schema::Column c;
  std::uint32_t raw = 0;
  auto actual = ctx.object(kind, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kSqColumn, "name"): c.name = ctx.string(x); break;
      case key(kSqColumn, "type"): c.type = ctx.string(x); break;
      case key(kSqColumn, "primaryKey"): c.primary_key = ctx.boolean(x); break;
      case key(kSqColumn, "notNull"): c.not_null = ctx.boolean(x); break;
      case key(kSqColumn, "autoincrement"): c.autoincrement = ctx.boolean(x); break;
      case key(kSqColumn, "default"):
        c.default_value = ctx.scalar(x);
        if (!c.default_value) raw |= bit(k);
        break;
      default: c.generated = read_generated(ctx, Kind::SqGenerated, x); break;
    }
  });
  ctx.record(kind, actual, column_present(c), raw, v);
  return c;
}

void write_column(WriteContext& ctx, Kind kind, const PathNode* node, const schema::Column& c) {
  ctx.object(kind, node, column_present(c), [&](int k) {
    switch (k) {
      case key(kSqColumn, "name"): ctx.w.string(c.name); break;
      case key(kSqColumn, "type"): ctx.w.string(c.type); break;
      case key(kSqColumn, "primaryKey"): ctx.w.boolean(c.primary_key); break;
      case key(kSqColumn, "notNull"): ctx.w.boolean(c.not_null); break;
      case key(kSqColumn, "autoincrement"): ctx.w.boolean(*c.autoincrement); break;
      case key(kSqColumn, "default"): ctx.scalar(*c.default_value); break;
      default: write_generated(ctx, Kind::SqGenerated, child(node, "generated"), *c.generated); break;
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

std::uint32_t index_present(const schema::Index& i) { return when(i.where.has_value(), key(kSqIndex, "where")); }

schema::Index read_index(ReadContext& ctx, const Node& v) {
  schema::Index index;
  auto actual = ctx.object(Kind::SqIndex, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kSqIndex, "name"): index.name = ctx.string(x); break;
      case key(kSqIndex, "columns"):
        for (std::string& column : ctx.strings(x)) {
          schema::IndexColumn c;
          c.expression = std::move(column);
          index.columns.push_back(std::move(c));
        }
        break;
      case key(kSqIndex, "isUnique"): index.is_unique = ctx.boolean(x); break;
      default: index.where = schema::Expr(std::string(ctx.string(x))); break;
    }
  });
  ctx.record(Kind::SqIndex, actual, index_present(index), 0, v);
  return index;
}

void write_index(WriteContext& ctx, const PathNode* node, const schema::Index& index) {
  ctx.object(Kind::SqIndex, node, index_present(index), [&](int k) {
    switch (k) {
      case key(kSqIndex, "name"): ctx.w.string(index.name); break;
      case key(kSqIndex, "columns"): {
        std::vector<std::string> columns;
        columns.reserve(index.columns.size());
        for (const schema::IndexColumn& c : index.columns) columns.push_back(c.expression);
        ctx.w.string_array(columns);
        break;
      }
      case key(kSqIndex, "isUnique"): ctx.w.boolean(index.is_unique); break;
      default: ctx.w.string(index.where->text); break;
    }
  });
}

schema::UniqueConstraint read_unique(ReadContext& ctx, const Node& v) {
  schema::UniqueConstraint u;
  auto actual = ctx.object(Kind::SqUnique, v, [&](int k, const Node& x) {
    if (k == key(kSqUnique, "name")) u.name = ctx.string(x);
    else u.columns = ctx.strings(x);
  });
  ctx.record(Kind::SqUnique, actual, 0, 0, v);
  return u;
}

void write_unique(WriteContext& ctx, const PathNode* node, const schema::UniqueConstraint& u) {
  ctx.object(Kind::SqUnique, node, 0, [&](int k) {
    if (k == key(kSqUnique, "name")) ctx.w.string(u.name);
    else ctx.w.string_array(u.columns);
  });
}

std::uint32_t table_present(const schema::Table& t) {
  return when(!t.unique_constraints.empty(), key(kSqTable, "uniqueConstraints")) |
         when(!t.check_constraints.empty(), key(kSqTable, "checkConstraints"));
}

schema::Table read_table(ReadContext& ctx, const Node& v) {
  schema::Table t;
  if (const Node* name = v.find("name"); name != nullptr && name->is_string()) t.name = name->text;
  auto actual = ctx.object(Kind::SqTable, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kSqTable, "name"): t.name = ctx.string(x); break;
      case key(kSqTable, "columns"): read_columns(ctx, Kind::SqColumn, x, t.columns); break;
      case key(kSqTable, "indexes"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.indexes.push_back(read_index(ctx, e));
          return t.indexes.back().name;
        });
        break;
      case key(kSqTable, "foreignKeys"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.foreign_keys.push_back(read_foreign_key(ctx, Kind::SqForeignKey, e));
          return t.foreign_keys.back().name;
        });
        break;
      case key(kSqTable, "compositePrimaryKeys"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.composite_primary_keys.push_back(read_primary_key(ctx, Kind::SqPrimaryKey, e));
          return primary_key_key(t.name, t.composite_primary_keys.back());
        });
        break;
      case key(kSqTable, "uniqueConstraints"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.unique_constraints.push_back(read_unique(ctx, e));
          return t.unique_constraints.back().name;
        });
        break;
      default:
        ctx.map(x, [&](std::string_view, const Node& e) {
          t.check_constraints.push_back(read_check(ctx, Kind::SqCheck, e));
          return t.check_constraints.back().name;
        });
        break;
    }
  });
  ctx.record(Kind::SqTable, actual, table_present(t), 0, v);
  return t;
}

void write_table(WriteContext& ctx, const PathNode* node, const schema::Table& t) {
  ctx.object(Kind::SqTable, node, table_present(t), [&](int k) {
    switch (k) {
      case key(kSqTable, "name"): ctx.w.string(t.name); break;
      case key(kSqTable, "columns"): write_columns(ctx, Kind::SqColumn, child(node, "columns"), t.columns); break;
      case key(kSqTable, "indexes"):
        ctx.map(child(node, "indexes"), t.indexes, [](const schema::Index& i) -> const std::string& { return i.name; },
                [&](const schema::Index& i, const PathNode* n) { write_index(ctx, n, i); });
        break;
      case key(kSqTable, "foreignKeys"):
        ctx.map(child(node, "foreignKeys"), t.foreign_keys, [](const schema::ForeignKey& f) -> const std::string& { return f.name; },
                [&](const schema::ForeignKey& f, const PathNode* n) { write_foreign_key(ctx, Kind::SqForeignKey, n, f); });
        break;
      case key(kSqTable, "compositePrimaryKeys"):
        ctx.map(child(node, "compositePrimaryKeys"), t.composite_primary_keys,
                [&](const schema::PrimaryKey& p) { return primary_key_key(t.name, p); },
                [&](const schema::PrimaryKey& p, const PathNode* n) { write_primary_key(ctx, Kind::SqPrimaryKey, n, p); });
        break;
      case key(kSqTable, "uniqueConstraints"):
        ctx.map(child(node, "uniqueConstraints"), t.unique_constraints,
                [](const schema::UniqueConstraint& u) -> const std::string& { return u.name; },
                [&](const schema::UniqueConstraint& u, const PathNode* n) { write_unique(ctx, n, u); });
        break;
      default:
        ctx.map(child(node, "checkConstraints"), t.check_constraints,
                [](const schema::CheckConstraint& c) -> const std::string& { return c.name; },
                [&](const schema::CheckConstraint& c, const PathNode* n) { write_check(ctx, Kind::SqCheck, n, c); });
        break;
    }
  });
}

std::uint32_t view_present(const schema::View& v) { return when(v.definition.has_value(), key(kSqView, "definition")); }

schema::View read_view(ReadContext& ctx, const Node& v) {
  schema::View view;
  auto actual = ctx.object(Kind::SqView, v, [&](int k, const Node& x) {
    switch (k) {
      case key(kSqView, "columns"): read_columns(ctx, Kind::SqViewColumn, x, view.columns); break;
      case key(kSqView, "name"): view.name = ctx.string(x); break;
      case key(kSqView, "isExisting"): view.is_existing = ctx.boolean(x); break;
      default: view.definition = schema::Expr(std::string(ctx.string(x))); break;
    }
  });
  ctx.record(Kind::SqView, actual, view_present(view), 0, v);
  return view;
}

void write_view(WriteContext& ctx, const PathNode* node, const schema::View& view) {
  ctx.object(Kind::SqView, node, view_present(view), [&](int k) {
    switch (k) {
      case key(kSqView, "columns"): write_columns(ctx, Kind::SqViewColumn, child(node, "columns"), view.columns); break;
      case key(kSqView, "name"): ctx.w.string(view.name); break;
      case key(kSqView, "isExisting"): ctx.w.boolean(view.is_existing); break;
      default: ctx.w.string(view.definition->text); break;
    }
  });
}

bool has_expression_index(const schema::Database& db) {
  for (const schema::Table& t : db.tables) {
    for (const schema::Index& i : t.indexes) {
      for (const schema::IndexColumn& c : i.columns) {
        if (c.is_expression) return true;
      }
    }
  }
  return false;
}

/// `internal` as drizzle-kit writes it: {"indexes": {<index>: {"columns": {<expr>: {"isExpression": true}}}}}.
Value build_internal(const schema::Database& db) {
  Value internal = Value::make_object();
  Value indexes = Value::make_object();
  for (const schema::Table& t : db.tables) {
    for (const schema::Index& i : t.indexes) {
      Value columns = Value::make_object();
      for (const schema::IndexColumn& c : i.columns) {
        if (!c.is_expression) continue;
        Value flag = Value::make_object();
        Value yes;
        yes.type = Value::Type::Bool;
        yes.boolean = true;
        flag.keys.push_back("isExpression");
        flag.items.push_back(std::move(yes));
        columns.keys.push_back(c.expression);
        columns.items.push_back(std::move(flag));
      }
      if (columns.keys.empty()) continue;
      Value entry = Value::make_object();
      entry.keys.push_back("columns");
      entry.items.push_back(std::move(columns));
      indexes.keys.push_back(i.name);
      indexes.items.push_back(std::move(entry));
    }
  }
  internal.keys.push_back("indexes");
  internal.items.push_back(std::move(indexes));
  return internal;
}

/// Marks index columns named in `internal` as expressions. Anything it does not understand is left for the
/// raw copy (the caller compares the rebuilt object with the file's).
void apply_internal(const Node& internal, schema::Database& db) {
  const Node* indexes = internal.find("indexes");
  if (indexes == nullptr || !indexes->is_object()) return;
  for (const Node& index_entry : *indexes) {
    const Node* columns = index_entry.find("columns");
    if (columns == nullptr || !columns->is_object()) continue;
    for (const Node& column_entry : *columns) {
      const Node* flag = column_entry.find("isExpression");
      if (flag == nullptr || flag->type != Value::Type::Bool || !flag->boolean) continue;
      for (schema::Table& t : db.tables) {
        for (schema::Index& index : t.indexes) {
          if (index.name != index_entry.key) continue;
          for (schema::IndexColumn& column : index.columns) {
            if (column.expression == column_entry.key) column.is_expression = true;
          }
        }
      }
    }
  }
}

std::uint32_t top_present(const schema::Database& db) {
  return when(!db.views.empty(), key(kSqTop, "views")) | when(!renames_empty(db.renames), key(kSqTop, "_meta")) |
         when(has_expression_index(db), key(kSqTop, "internal"));
}

}  // namespace

void read_sqlite(ReadContext& ctx, const Node& root, Snapshot& out) {
  schema::Database& db = out.database;
  db.dialect = schema::Dialect::Sqlite;
  std::uint32_t raw = 0;
  const Node* internal = nullptr;
  auto actual = ctx.object(Kind::SqTop, root, [&](int k, const Node& x) {
    switch (k) {
      case key(kSqTop, "version"): out.version = ctx.string(x); break;
      case key(kSqTop, "dialect"): ctx.string(x); break;
      case key(kSqTop, "id"): out.id = ctx.string(x); break;
      case key(kSqTop, "prevId"): out.prev_id = ctx.string(x); break;
      case key(kSqTop, "tables"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.tables.push_back(read_table(ctx, e));
          return db.tables.back().name;
        });
        break;
      case key(kSqTop, "views"):
        ctx.map(x, [&](std::string_view, const Node& e) {
          db.views.push_back(read_view(ctx, e));
          return db.views.back().name;
        });
        break;
      case key(kSqTop, "enums"):
        ctx.expect_object(x);
        if (x.size() != 0) raw |= bit(k);  // always {} for sqlite; kept as found otherwise
        break;
      case key(kSqTop, "_meta"): db.renames = read_meta(ctx, Kind::SqMeta, x); break;
      default:
        ctx.expect_object(x);
        internal = &x;
        break;
    }
  });
  if (internal != nullptr) {
    apply_internal(*internal, db);
    if (!build_internal(db).same(json::to_value(*internal))) raw |= bit(key(kSqTop, "internal"));
  }
  ctx.record(Kind::SqTop, actual, top_present(db), raw, root);
}

void write_sqlite(WriteContext& ctx, const Snapshot& s) {
  const schema::Database& db = s.database;
  const PathNode* root = ctx.layout().root.get();
  ctx.object(Kind::SqTop, root, top_present(db), [&](int k) {
    switch (k) {
      case key(kSqTop, "version"): ctx.w.string(s.version); break;
      case key(kSqTop, "dialect"): ctx.w.string("sqlite"); break;
      case key(kSqTop, "id"): ctx.w.string(s.id); break;
      case key(kSqTop, "prevId"): ctx.w.string(s.prev_id); break;
      case key(kSqTop, "tables"):
        ctx.map(child(root, "tables"), db.tables, [](const schema::Table& t) -> const std::string& { return t.name; },
                [&](const schema::Table& t, const PathNode* n) { write_table(ctx, n, t); });
        break;
      case key(kSqTop, "views"):
        ctx.map(child(root, "views"), db.views, [](const schema::View& v) -> const std::string& { return v.name; },
                [&](const schema::View& v, const PathNode* n) { write_view(ctx, n, v); });
        break;
      case key(kSqTop, "enums"): ctx.w.raw("{}"); break;
      case key(kSqTop, "_meta"): write_meta(ctx, Kind::SqMeta, child(root, "_meta"), db.renames); break;
      default: ctx.w.value(build_internal(db)); break;
    }
  });
}

}  // namespace sleet::snapshot
