// The SQLite planner (see plan_migration.hpp): renames from diff::diff_databases, then drizzle-kit's
// applySqliteSnapshotsDiff (statement groups), sqliteCombineStatements (per-table grouping and recreation) and
// fromJson + de-duplication, with sleet's corrections where drizzle's SQL is wrong.
#include "dialect/sqlite/plan_migration.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "diff/differ.hpp"
#include "dialect/sqlite/render.hpp"

namespace sleet::sqlite {
namespace {

using schema::Column;
using schema::ForeignKey;
using schema::Index;
using schema::Table;
using schema::View;

// ---- drizzle's squashed equality for SQLite (drizzle-reference.md 3.5) -------------------------------------

bool same_where(const std::optional<schema::Expr>& a, const std::optional<schema::Expr>& b) {
  if (!a || !b) return (a ? a->text : std::string()) == (b ? b->text : std::string());
  return *a == *b;
}

bool same_index(const Index& a, const Index& b) {
  if (a.name != b.name || a.is_unique != b.is_unique || a.columns.size() != b.columns.size()) return false;
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    if (a.columns[i].expression != b.columns[i].expression) return false;
  }
  return same_where(a.where, b.where);
}

bool same_foreign_key(const ForeignKey& a, const ForeignKey& b) {
  return a.name == b.name && a.table_from == b.table_from && a.columns_from == b.columns_from &&
         a.table_to == b.table_to && a.columns_to == b.columns_to &&
         a.on_update.value_or("") == b.on_update.value_or("") && a.on_delete.value_or("") == b.on_delete.value_or("");
}

bool same_primary_key(const schema::PrimaryKey& a, const schema::PrimaryKey& b) { return a.columns == b.columns; }
bool same_unique(const schema::UniqueConstraint& a, const schema::UniqueConstraint& b) {
  return a.name == b.name && a.columns == b.columns;
}
bool same_check(const schema::CheckConstraint& a, const schema::CheckConstraint& b) {
  return a.name == b.name && a.value == b.value;
}

std::string pk_key(const std::string& table, const schema::PrimaryKey& pk) {
  if (pk.name) return *pk.name;
  std::string out = table;
  for (const std::string& c : pk.columns) out += "_" + c;
  return out + "_pk";
}

/// json-diff of two keyed maps: added (new order), deleted (old order), changed (old order).
template <typename T>
struct Keyed {
  std::vector<const T*> added;
  std::vector<const T*> deleted;
  std::vector<std::pair<const T*, const T*>> changed;
};

template <typename T, typename KeyFn, typename Same>
Keyed<T> keyed(const std::vector<T>& old_items, const std::vector<T>& new_items, KeyFn key, Same same) {
  Keyed<T> d;
  std::unordered_map<std::string, const T*> new_map;
  std::unordered_set<std::string> old_keys;
  for (const T& n : new_items) new_map.emplace(key(n), &n);
  for (const T& o : old_items) {
    old_keys.insert(key(o));
    auto it = new_map.find(key(o));
    if (it == new_map.end()) {
      d.deleted.push_back(&o);
    } else if (!same(o, *it->second)) {
      d.changed.emplace_back(&o, it->second);
    }
  }
  for (const T& n : new_items) {
    if (!old_keys.count(key(n))) d.added.push_back(&n);
  }
  return d;
}

/// drizzle's `type.replace(" (", "(")`.
std::string normalize_type_spacing(std::string type) {
  if (auto pos = type.find(" ("); pos != std::string::npos) type.erase(pos, 1);
  return type;
}

// ---- drizzle's JSON statements, reduced to what SQLite needs -------------------------------------------------

enum class Op {
  CreateTable,
  DropTable,
  RenameTable,
  RenameColumn,
  AddColumn,
  DropColumn,
  RegenerateColumn,  ///< generated expression set / changed / dropped: DROP COLUMN + ADD
  CreateIndex,
  DropIndex,
  CreateReference,
  Recreate,  ///< any change SQLite cannot ALTER (drizzle's recreate_table triggers)
  CreateView,
  DropView,
};

struct Step {
  Op op = Op::Recreate;
  std::string table = {};  ///< drizzle's grouping key (views: "undefined", their statements carry no tableName)
  std::string from = {};
  std::string to = {};
  const Table* table_def = nullptr;
  const Column* column = nullptr;
  const ForeignKey* foreign_key = nullptr;
  const Index* index = nullptr;
  const View* view = nullptr;
};

constexpr const char* kViewGroup = "undefined";

/// JavaScript orders integer-like object keys ("0", "17"; below 2^32 - 1) first, numerically.
bool is_array_index(const std::string& key) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  for (char c : key) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return std::stoull(key) < 4294967295ULL;
}

/// Whether `definition` names any of `names` (case-insensitive identifier tokens: bare, "..", `..`, [..]).
bool references_any(const std::string& definition, const std::unordered_set<std::string>& names) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::size_t n = definition.size();
  for (std::size_t i = 0; i < n;) {
    char c = definition[i];
    if (c == '\'') {  // string literal
      for (++i; i < n; ++i) {
        if (definition[i] == '\'' && !(i + 1 < n && definition[i + 1] == '\'')) break;
        if (definition[i] == '\'') ++i;
      }
      ++i;
      continue;
    }
    std::string token;
    if (c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      for (++i; i < n; ++i) {
        if (definition[i] == close) {
          if (close != ']' && i + 1 < n && definition[i + 1] == close) {
            token.push_back(close);
            ++i;
            continue;
          }
          break;
        }
        token.push_back(definition[i]);
      }
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      while (i < n && (std::isalnum(static_cast<unsigned char>(definition[i])) || definition[i] == '_' ||
                       definition[i] == '$' || static_cast<unsigned char>(definition[i]) >= 0x80)) {
        token.push_back(definition[i++]);
      }
    } else {
      ++i;
      continue;
    }
    if (names.count(lower(token))) return true;
  }
  return false;
}

std::string lower_name(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Planner {
 public:
  Planner(const schema::Database& from, const schema::Database& to) : from_(from), to_(to) {}

  Result<MigrationPlan> run(diff::RenameResolver& resolver) {
    auto changes = diff::diff_databases(from_, to_, resolver);
    if (!changes) return std::move(changes).error();
    collect_renames(*changes);
    patch_old_tables();
    build_steps();
    combine();
    return render();
  }

 private:
  const schema::Database& from_;
  const schema::Database& to_;

  std::vector<std::pair<std::string, std::string>> table_renames_;
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> column_renames_;  // new table
  std::vector<std::pair<std::string, std::string>> view_renames_;

  std::vector<Table> old_tables_;  ///< `from` with renamed tables and columns (drizzle's patched snapshot)
  std::unordered_map<std::string, std::size_t> old_by_name_;
  std::unordered_map<std::string, std::size_t> new_by_name_;
  /// (new table, new column) -> the column's name before this migration's renames.
  std::unordered_map<std::string, std::string> original_column_;

  std::vector<Step> steps_;

  struct Group {
    std::string key;
    std::vector<const Step*> items;  ///< nullptr = the table's recreation
    bool recreate = false;
  };
  std::vector<Group> groups_;
  std::vector<const Step*> final_;  ///< the combined statements; nullptr = the recreation of recreate_keys_[i]
  std::vector<std::string> recreate_keys_;  ///< the group key of each entry of final_

  static std::string column_key(const std::string& table, const std::string& column) {
    return table + '\x1f' + column;
  }

  void collect_renames(const diff::ChangeList& changes) {
    for (const diff::Change& change : changes) {
      if (const auto* t = std::get_if<diff::RenameTable>(&change)) {
        table_renames_.emplace_back(t->from, t->to);
      } else if (const auto* v = std::get_if<diff::RenameView>(&change)) {
        view_renames_.emplace_back(v->from, v->to);
      } else if (const auto* a = std::get_if<diff::AlterTable>(&change)) {
        if (const auto* c = std::get_if<diff::RenameColumn>(&a->change)) {
          column_renames_[a->table.name].emplace_back(c->from, c->to);
        }
      }
    }
  }

  void patch_old_tables() {
    old_tables_ = from_.tables;
    std::unordered_map<std::string, std::string> renamed(table_renames_.begin(), table_renames_.end());
    for (Table& t : old_tables_) {
      if (auto it = renamed.find(t.name); it != renamed.end()) t.name = it->second;
      auto cols = column_renames_.find(t.name);
      if (cols == column_renames_.end()) continue;
      for (Column& c : t.columns) {
        for (const auto& [old_name, new_name] : cols->second) {
          if (c.name != old_name) continue;
          c.name = new_name;
          original_column_[column_key(t.name, new_name)] = old_name;
          break;
        }
      }
      // A unique constraint follows its renamed columns (RENAME COLUMN updates it), so that a rename alone is
      // not a constraint change that would recreate the table.
      for (schema::UniqueConstraint& unique : t.unique_constraints) {
        for (std::string& column : unique.columns) {
          for (const auto& [old_name, new_name] : cols->second) {
            if (column == old_name) {
              column = new_name;
              break;
            }
          }
        }
      }
    }
    for (std::size_t i = 0; i < old_tables_.size(); ++i) old_by_name_.emplace(old_tables_[i].name, i);
    for (std::size_t i = 0; i < to_.tables.size(); ++i) new_by_name_.emplace(to_.tables[i].name, i);
  }

  void add(Op op, const std::string& table, Step step = {}) {
    step.op = op;
    step.table = table;
    steps_.push_back(std::move(step));
  }

  struct Common {
    const Table* o;
    const Table* n;
    Keyed<ForeignKey> fks;
    Keyed<schema::CheckConstraint> checks;
    Keyed<Index> indexes;
    Keyed<schema::PrimaryKey> pks;
    bool pk_delete_and_create = false;
    Keyed<schema::UniqueConstraint> uniques;
    std::vector<const Column*> added_columns;
    std::vector<const Column*> deleted_columns;
  };

  /// prepareSqliteAlterColumns for one table: [drop pk..., set pk..., the rest...].
  void alter_columns(const Common& c) {
    std::unordered_map<std::string, const Column*> new_columns;
    for (const Column& col : c.n->columns) new_columns.emplace(col.name, &col);
    std::unordered_set<std::string> composite_names;
    for (const auto& pk : c.n->composite_primary_keys) composite_names.insert(pk_key(c.n->name, pk));
    std::vector<Step> drop_pk;
    std::vector<Step> set_pk;
    std::vector<Step> rest;
    const std::string& table = c.n->name;
    auto recreate = [&](std::vector<Step>& list) {
      Step s;
      s.op = Op::Recreate;
      s.table = table;
      list.push_back(std::move(s));
    };
    bool set_autoincrement = false;
    for (const Column& c1 : c.o->columns) {
      auto it = new_columns.find(c1.name);
      if (it == new_columns.end()) continue;
      const Column& c2 = *it->second;
      if (c1.type != c2.type && normalize_type_spacing(c1.type) == normalize_type_spacing(c2.type)) continue;
      if (c1.autoincrement != c2.autoincrement) {
        if (c2.autoincrement.value_or(false) || !c1.autoincrement) set_autoincrement = true;
        recreate(rest);
      }
      if (c1.type != c2.type) recreate(rest);
      if (c1.primary_key && !c2.primary_key && !composite_names.count(table + "_" + c2.name)) recreate(drop_pk);
      if (!(c1.default_value == c2.default_value)) recreate(rest);
      if (c1.not_null != c2.not_null) recreate(rest);
      if (c1.generated != c2.generated) {
        // Deviation: SQLite cannot ADD a STORED generated column, so that case recreates the table.
        if (c2.generated && c2.generated->type == schema::GeneratedKind::Stored) {
          recreate(rest);
        } else {
          Step s;
          s.op = Op::RegenerateColumn;
          s.table = table;
          s.column = &c2;
          rest.push_back(std::move(s));
        }
      }
      if (!c1.primary_key && c2.primary_key && !set_autoincrement) recreate(set_pk);
    }
    for (auto* list : {&drop_pk, &set_pk, &rest}) {
      for (Step& s : *list) steps_.push_back(std::move(s));
    }
  }

  void build_steps() {
    std::vector<const Table*> created;
    for (const Table& t : to_.tables) {
      if (!old_by_name_.count(t.name)) created.push_back(&t);
    }
    std::vector<Common> common;
    auto by_name = [](const auto& x) { return x.name; };
    for (const Table& o : old_tables_) {
      auto it = new_by_name_.find(o.name);
      if (it == new_by_name_.end()) continue;
      const Table& n = to_.tables[it->second];
      Common c{&o, &n, {}, {}, {}, {}, false, {}, {}, {}};
      c.fks = keyed(o.foreign_keys, n.foreign_keys, by_name, same_foreign_key);
      c.checks = keyed(o.check_constraints, n.check_constraints, by_name, same_check);
      c.indexes = keyed(o.indexes, n.indexes, by_name, same_index);
      auto pk_name_o = [&](const schema::PrimaryKey& pk) { return pk_key(o.name, pk); };
      c.pks = keyed(o.composite_primary_keys, n.composite_primary_keys, pk_name_o, same_primary_key);
      // drizzle compares the columns of the last added and the last deleted primary key only.
      std::vector<std::string> added_columns;
      std::vector<std::string> deleted_columns;
      if (!c.pks.added.empty()) added_columns = c.pks.added.back()->columns;
      if (!c.pks.deleted.empty()) deleted_columns = c.pks.deleted.back()->columns;
      c.pk_delete_and_create = added_columns != deleted_columns;
      c.uniques = keyed(o.unique_constraints, n.unique_constraints, by_name, same_unique);
      std::unordered_set<std::string> old_cols;
      std::unordered_set<std::string> new_cols;
      for (const Column& col : o.columns) old_cols.insert(col.name);
      for (const Column& col : n.columns) new_cols.insert(col.name);
      for (const Column& col : n.columns) {
        if (!old_cols.count(col.name)) c.added_columns.push_back(&col);
      }
      for (const Column& col : o.columns) {
        if (!new_cols.count(col.name)) c.deleted_columns.push_back(&col);
      }
      common.push_back(std::move(c));
    }

    // 1. CREATE TABLE  2. DROP TABLE  3. RENAME TO  4. RENAME COLUMN
    for (const Table* t : created) add(Op::CreateTable, t->name, Step{.table_def = t});
    for (const Table& o : old_tables_) {
      if (!new_by_name_.count(o.name)) add(Op::DropTable, o.name);
    }
    for (const auto& [f, t] : table_renames_) add(Op::RenameTable, t, Step{.from = f, .to = t});
    for (const Common& c : common) {
      auto it = column_renames_.find(c.n->name);
      if (it == column_renames_.end()) continue;
      for (const auto& [f, t] : it->second) add(Op::RenameColumn, c.n->name, Step{.from = f, .to = t});
    }
    // 5. dropped foreign keys (deleted, then the old side of changed ones)  6. dropped checks
    for (const Common& c : common) {
      for (std::size_t i = 0; i < c.fks.deleted.size() + c.fks.changed.size(); ++i) add(Op::Recreate, c.n->name);
    }
    for (const Common& c : common) {
      if (!c.checks.deleted.empty() || !c.checks.changed.empty()) add(Op::Recreate, c.n->name);
    }
    // 7. DROP INDEX: every table's deleted indexes, then every table's changed ones
    for (const Common& c : common) {
      for (const Index* i : c.indexes.deleted) add(Op::DropIndex, c.n->name, Step{.from = i->name});
    }
    for (const Common& c : common) {
      for (const auto& [o, n] : c.indexes.changed) add(Op::DropIndex, c.n->name, Step{.from = o->name});
    }
    // 8. deleted composite primary keys  9. column alterations  10. added composite primary keys
    for (const Common& c : common) {
      if (c.pk_delete_and_create && !c.pks.deleted.empty()) add(Op::Recreate, c.n->name);
    }
    for (const Common& c : common) alter_columns(c);
    for (const Common& c : common) {
      if (c.pk_delete_and_create && !c.pks.added.empty()) add(Op::Recreate, c.n->name);
    }
    // 11. ADD column (with the reference of an added foreign key on it)
    for (const Common& c : common) {
      for (const Column* col : c.added_columns) {
        bool stored = col->generated && col->generated->type == schema::GeneratedKind::Stored;
        if (col->primary_key || stored) {
          // drizzle skips a STORED generated column with a warning (no SQL at all); sleet recreates the table.
          add(Op::Recreate, c.n->name);
          continue;
        }
        const ForeignKey* reference = nullptr;
        for (const ForeignKey* fk : c.fks.added) {
          if (std::find(fk->columns_from.begin(), fk->columns_from.end(), col->name) != fk->columns_from.end()) {
            reference = fk;
            break;
          }
        }
        add(Op::AddColumn, c.n->name, Step{.column = col, .foreign_key = reference});
      }
    }
    // 12. indexes of created tables  13. indexes of altered tables (added, then changed)
    for (const Table* t : created) {
      for (const Index& i : t->indexes) add(Op::CreateIndex, t->name, Step{.index = &i});
    }
    for (const Common& c : common) {
      for (const Index* i : c.indexes.added) add(Op::CreateIndex, c.n->name, Step{.index = i});
    }
    for (const Common& c : common) {
      for (const auto& [o, n] : c.indexes.changed) add(Op::CreateIndex, c.n->name, Step{.index = n});
    }
    // 14. added checks  15. added foreign keys (added, then the new side of changed ones)
    for (const Common& c : common) {
      if (!c.checks.added.empty() || !c.checks.changed.empty()) add(Op::Recreate, c.n->name);
    }
    for (const Common& c : common) {
      for (const ForeignKey* fk : c.fks.added) add(Op::CreateReference, c.n->name, Step{.foreign_key = fk});
      for (const auto& [o, n] : c.fks.changed) add(Op::CreateReference, c.n->name, Step{.foreign_key = n});
    }
    // 16. DROP COLUMN  17. changed composite primary keys
    for (const Common& c : common) {
      for (const Column* col : c.deleted_columns) add(Op::DropColumn, c.n->name, Step{.from = col->name});
    }
    for (const Common& c : common) {
      if (!c.pks.changed.empty()) add(Op::Recreate, c.n->name);
    }
    // 18. unique constraints: drizzle emits nothing for them (its snapshots never hold any); sleet recreates.
    for (const Common& c : common) {
      if (!c.uniques.added.empty() || !c.uniques.deleted.empty() || !c.uniques.changed.empty()) {
        add(Op::Recreate, c.n->name);
      }
    }
    build_view_steps();
  }

  void build_view_steps() {
    std::unordered_map<std::string, const View*> old_views;
    std::unordered_map<std::string, const View*> new_views;
    for (const View& v : from_.views) old_views.emplace(v.name, &v);
    for (const View& v : to_.views) new_views.emplace(v.name, &v);
    std::unordered_set<std::string> renamed_from;
    std::unordered_set<std::string> renamed_to;
    for (const auto& [f, t] : view_renames_) {
      renamed_from.insert(f);
      renamed_to.insert(t);
    }
    auto drop = [&](const std::string& name) { add(Op::DropView, kViewGroup, Step{.from = name}); };
    auto create = [&](const View* v) { add(Op::CreateView, kViewGroup, Step{.view = v}); };
    std::vector<const View*> altered;
    for (const View& v : from_.views) {
      auto it = new_views.find(v.name);
      if (it == new_views.end()) continue;
      const View& n = *it->second;
      if (n.is_existing) continue;
      bool definition_changed = v.definition && n.definition && !(*v.definition == *n.definition);
      if (v.is_existing != n.is_existing || definition_changed) altered.push_back(&n);
    }
    for (const View& v : from_.views) {
      if (!new_views.count(v.name) && !renamed_from.count(v.name) && !v.is_existing) drop(v.name);
    }
    for (const auto& [f, t] : view_renames_) {
      if (auto it = new_views.find(t); it != new_views.end() && !it->second->is_existing) drop(f);
    }
    for (const View* v : altered) drop(v->name);
    for (const View& v : to_.views) {
      if (!old_views.count(v.name) && !renamed_to.count(v.name) && !v.is_existing) create(&v);
    }
    for (const auto& [f, t] : view_renames_) {
      if (auto it = new_views.find(t); it != new_views.end() && !it->second->is_existing) create(it->second);
    }
    for (const View* v : altered) create(v);
  }

  /// sqliteCombineStatements.
  void combine() {
    std::unordered_map<std::string, std::size_t> by_key;
    auto to_recreate = [](Group& g) {
      if (g.recreate) return;
      bool renamed = std::any_of(g.items.begin(), g.items.end(),
                                 [](const Step* s) { return s != nullptr && s->op == Op::RenameTable; });
      if (!renamed) g.items.clear();
      g.items.push_back(nullptr);
      g.recreate = true;
    };
    for (const Step& step : steps_) {
      auto it = by_key.find(step.table);
      Group* g = it == by_key.end() ? nullptr : &groups_[it->second];
      auto new_group = [&](const Step* first) {
        by_key.emplace(step.table, groups_.size());
        groups_.push_back(Group{step.table, {first}, first == nullptr});
      };
      if (step.op == Op::Recreate) {
        if (g == nullptr) {
          new_group(nullptr);
        } else {
          to_recreate(*g);
        }
        continue;
      }
      if (step.op == Op::CreateReference) {
        if (g == nullptr) {
          new_group(nullptr);
          continue;
        }
        const ForeignKey& fk = *step.foreign_key;
        bool with_added_column =
            fk.columns_from.size() == 1 && std::any_of(g->items.begin(), g->items.end(), [&](const Step* s) {
              return s != nullptr && s->op == Op::AddColumn && s->column->name == fk.columns_from[0];
            });
        if (!with_added_column) to_recreate(*g);
        continue;
      }
      if (g == nullptr) {
        new_group(&step);
      } else if (!g->recreate) {
        g->items.push_back(&step);
      }
    }
    // Object.values(newStatements): integer-like keys first (numerically), then insertion order.
    std::stable_sort(groups_.begin(), groups_.end(), [](const Group& a, const Group& b) {
      bool ia = is_array_index(a.key);
      bool ib = is_array_index(b.key);
      if (ia != ib) return ia;
      if (ia) return std::stoull(a.key) < std::stoull(b.key);
      return false;
    });
    std::vector<std::pair<const Step*, std::string>> flat;  // (step or nullptr, group key)
    for (const Group& g : groups_) {
      for (const Step* s : g.items) flat.emplace_back(s, g.key);
    }
    // Then all RENAME TO, then all RENAME COLUMN, then the rest, in group order.
    auto is_op = [](const Step* s, Op op) { return s != nullptr && s->op == op; };
    auto take = [&](auto keep) {
      for (const auto& [s, key] : flat) {
        if (!keep(s)) continue;
        final_.push_back(s);
        recreate_keys_.push_back(key);
      }
    };
    take([&](const Step* s) { return is_op(s, Op::RenameTable); });
    take([&](const Step* s) { return is_op(s, Op::RenameColumn); });
    take([&](const Step* s) { return !is_op(s, Op::RenameTable) && !is_op(s, Op::RenameColumn); });
  }

  // ---- rendering -----------------------------------------------------------------------------------------

  struct Out {
    std::vector<PlannedStatement> statements;
    void push(std::string sql, bool destructive = false) {
      statements.push_back(PlannedStatement{std::move(sql), destructive});
    }
  };

  /// Views (of the old schema) that read a recreated table, directly or through other such views: the
  /// recreation's final RENAME fails while any of them exists ("error in view v: no such table").
  std::vector<const View*> views_over(const std::unordered_set<std::string>& recreated) {
    std::unordered_set<std::string> names;
    for (const std::string& t : recreated) names.insert(lower_name(t));
    for (const auto& [f, t] : table_renames_) {
      if (recreated.count(t)) names.insert(lower_name(f));
    }
    std::unordered_set<const View*> picked;
    for (bool grew = true; grew;) {
      grew = false;
      for (const View& v : from_.views) {
        if (picked.count(&v) || v.is_existing || !v.definition) continue;
        if (references_any(v.definition->text, names)) {
          picked.insert(&v);
          names.insert(lower_name(v.name));
          grew = true;
        }
      }
    }
    std::vector<const View*> out;
    for (const View& v : from_.views) {
      if (picked.count(&v)) out.push_back(&v);
    }
    return out;
  }

  void render_recreate(Out& out, const std::string& key, const std::unordered_set<std::string>& kept_renames) {
    const Table& table = to_.tables[new_by_name_.at(key)];
    const Table& old = old_tables_[old_by_name_.at(key)];
    std::unordered_map<std::string, const Column*> old_columns;
    for (const Column& c : old.columns) old_columns.emplace(c.name, &c);
    std::vector<CopiedColumn> copied;
    bool destructive = false;
    std::size_t carried = 0;
    for (const Column& c : table.columns) {
      auto it = old_columns.find(c.name);
      if (it == old_columns.end()) continue;  // added in this migration: nothing to copy
      ++carried;
      if (it->second->type != c.type) destructive = true;
      if (c.generated) continue;  // SQLite computes it; inserting into it fails
      std::string source = c.name;
      auto original = original_column_.find(column_key(key, c.name));
      if (original != original_column_.end() && !kept_renames.count(column_key(key, c.name))) {
        source = original->second;  // the RENAME COLUMN was folded into the recreation
      }
      copied.push_back(CopiedColumn{c.name, std::move(source)});
    }
    if (carried < old.columns.size()) destructive = true;
    for (std::string& sql : recreate_table_sql(table, copied)) {
      bool drop = sql.rfind("DROP TABLE", 0) == 0;
      out.push(std::move(sql), drop && destructive);
    }
    for (const Index& index : table.indexes) out.push(create_index_sql(table.name, index));
  }

  Result<MigrationPlan> render() {
    std::unordered_set<std::string> kept_renames;
    std::unordered_set<std::string> recreated;
    std::size_t first_recreate = final_.size();
    std::size_t last_recreate = 0;
    for (std::size_t i = 0; i < final_.size(); ++i) {
      const Step* s = final_[i];
      if (s != nullptr && s->op == Op::RenameColumn) kept_renames.insert(column_key(s->table, s->to));
      if (s == nullptr) {
        recreated.insert(recreate_keys_[i]);
        first_recreate = std::min(first_recreate, i);
        last_recreate = i;
      }
    }
    std::vector<const View*> dependent_views;
    if (!recreated.empty() && !from_.views.empty()) dependent_views = views_over(recreated);
    std::unordered_set<std::string> dependent_names;
    for (const View* v : dependent_views) dependent_names.insert(v->name);
    std::unordered_set<std::string> dropped_by_view_group;
    for (const Step* s : final_) {
      if (s != nullptr && s->op == Op::DropView) dropped_by_view_group.insert(s->from);
    }

    Out out;
    for (std::size_t i = 0; i < final_.size(); ++i) {
      const Step* s = final_[i];
      if (s == nullptr) {
        if (i == first_recreate) {
          for (const View* v : dependent_views) out.push(drop_view_sql(v->name));
        }
        render_recreate(out, recreate_keys_[i], kept_renames);
        if (i == last_recreate) {
          for (const View* v : dependent_views) {
            if (!dropped_by_view_group.count(v->name)) out.push(create_view_sql(v->name, v->definition->text));
          }
        }
        continue;
      }
      switch (s->op) {
        case Op::CreateTable: out.push(create_table_sql(*s->table_def)); break;
        case Op::DropTable: out.push(drop_table_sql(s->table), true); break;
        case Op::RenameTable: out.push(rename_table_sql(s->from, s->to)); break;
        case Op::RenameColumn: out.push(rename_column_sql(s->table, s->from, s->to)); break;
        case Op::AddColumn: out.push(add_column_sql(s->table, *s->column, s->foreign_key)); break;
        case Op::DropColumn: out.push(drop_column_sql(s->table, s->from), true); break;
        case Op::RegenerateColumn: {
          out.push(drop_column_sql(s->table, s->column->name), true);
          out.push(add_column_sql(s->table, *s->column));
          break;
        }
        case Op::CreateIndex: out.push(create_index_sql(s->table, *s->index)); break;
        case Op::DropIndex: out.push(drop_index_sql(s->from)); break;
        case Op::DropView:
          if (!dependent_names.count(s->from)) out.push(drop_view_sql(s->from), true);
          break;
        case Op::CreateView:
          out.push(create_view_sql(s->view->name, s->view->definition ? s->view->definition->text : std::string()));
          break;
        case Op::CreateReference:
        case Op::Recreate: break;  // folded into recreations by combine()
      }
    }

    MigrationPlan plan;
    std::unordered_map<std::string, std::size_t> seen;
    for (PlannedStatement& st : out.statements) {
      // Deviation: drizzle's exact-text de-duplication also removes the PRAGMA pair of every recreation but the
      // first, so later ones run with foreign keys on (DROP TABLE cascades); sleet keeps each pair.
      if (st.sql.rfind("PRAGMA foreign_keys=", 0) == 0) {
        plan.statements.push_back(std::move(st));
        continue;
      }
      auto [it, inserted] = seen.emplace(st.sql, plan.statements.size());
      if (inserted) {
        plan.statements.push_back(std::move(st));
      } else if (st.destructive) {
        plan.statements[it->second].destructive = true;
      }
    }
    for (const auto& [f, t] : table_renames_) {
      plan.renames.tables.emplace_back(quote_double_plain(f), quote_double_plain(t));
    }
    for (const Table& o : old_tables_) {
      if (!new_by_name_.count(o.name)) continue;
      auto it = column_renames_.find(o.name);
      if (it == column_renames_.end()) continue;
      for (const auto& [f, t] : it->second) {
        plan.renames.columns.emplace_back(quote_double_plain(o.name) + "." + quote_double_plain(f),
                                          quote_double_plain(o.name) + "." + quote_double_plain(t));
      }
    }
    return plan;
  }

  /// drizzle's `_meta` keys: `"name"` without escaping.
  static std::string quote_double_plain(const std::string& name) { return "\"" + name + "\""; }
};

}  // namespace

Result<MigrationPlan> plan_migration(const schema::Database& from, const schema::Database& to,
                                     diff::RenameResolver& resolver) {
  Planner planner(from, to);
  return planner.run(resolver);
}

std::vector<std::string> statement_texts(const MigrationPlan& plan) {
  std::vector<std::string> out;
  out.reserve(plan.statements.size());
  for (const auto& s : plan.statements) out.push_back(s.sql);
  return out;
}

std::vector<std::string> export_statements(const schema::Database& database) {
  schema::Database empty;
  empty.dialect = schema::Dialect::Sqlite;
  diff::NoRenames no_renames;
  auto plan = plan_migration(empty, database, no_renames);
  if (!plan) return {};
  return statement_texts(*plan);
}

}  // namespace sleet::sqlite
