// Tables: the table rename round, the column and policy rename rounds per table, and everything inside tables
// that exist on both sides (drizzle-kit's diffColumns / applyJsonDiff / findAlternationsInTable /
// preparePgAlterColumns). Emission order follows drizzle's loops so that diff/order.hpp's stable sort by
// statement group reproduces drizzle's order inside each group.
#include <unordered_set>

#include "diff/compare.hpp"
#include "diff/differ_internal.hpp"

namespace sleet::diff::detail {
namespace {

std::string table_key(const schema::Table& t) { return object_key(t.schema, t.name); }

void emit(DiffState& st, const schema::Table& t, TableChange change, bool of_new_table = false) {
  st.out.emplace_back(AlterTable{TableRef{t.schema, t.name}, std::move(change), of_new_table});
}

/// Keyed diff of two named lists: added (new order), deleted (old order), changed pairs (old order).
template <typename T, typename Same>
struct KeyedDiff {
  std::vector<const T*> added;
  std::vector<const T*> deleted;
  std::vector<std::pair<const T*, const T*>> changed;
  bool empty() const { return added.empty() && deleted.empty() && changed.empty(); }
};

template <typename T, typename KeyFn, typename Same>
KeyedDiff<T, Same> keyed_diff(const std::vector<T>& old_items, const std::vector<T>& new_items, KeyFn key, Same same) {
  KeyedDiff<T, Same> d;
  auto new_map = index_by(new_items, key);
  auto old_map = index_by(old_items, key);
  for (const T& o : old_items) {
    auto it = new_map.find(key(o));
    if (it == new_map.end()) {
      d.deleted.push_back(&o);
    } else if (!same(o, new_items[it->second])) {
      d.changed.emplace_back(&o, &new_items[it->second]);
    }
  }
  for (const T& n : new_items) {
    if (!old_map.count(key(n))) d.added.push_back(&n);
  }
  return d;
}

auto by_name = [](const auto& x) { return x.name; };
auto pk_key = [](const schema::PrimaryKey& pk) { return pk.name.value_or(""); };

bool columns_altered(const schema::Table& o, const schema::Table& n) {
  auto new_map = index_by(n.columns, by_name);
  for (const schema::Column& c : o.columns) {
    auto it = new_map.find(c.name);
    if (it != new_map.end() && !same_column(c, n.columns[it->second])) return true;
  }
  return false;
}

/// Whether drizzle lists the table among altered tables: any difference besides added / dropped columns.
bool table_altered(const schema::Table& o, const schema::Table& n) {
  return o.is_rls_enabled != n.is_rls_enabled || columns_altered(o, n) ||
         !keyed_diff(o.indexes, n.indexes, by_name, same_index).empty() ||
         !keyed_diff(o.foreign_keys, n.foreign_keys, by_name, same_foreign_key).empty() ||
         !keyed_diff(o.composite_primary_keys, n.composite_primary_keys, pk_key, same_primary_key).empty() ||
         !keyed_diff(o.unique_constraints, n.unique_constraints, by_name, same_unique).empty() ||
         !keyed_diff(o.check_constraints, n.check_constraints, by_name, same_check).empty() ||
         !keyed_diff(o.policies, n.policies, by_name, same_policy).empty();
}

/// drizzle's `type.replace(" (", "(")` (first occurrence only).
std::string normalize_type_spacing(std::string type) {
  if (auto pos = type.find(" ("); pos != std::string::npos) type.erase(pos, 1);
  return type;
}

struct EnumKeys {
  std::unordered_set<std::string> old_keys;
  std::unordered_set<std::string> new_keys;
  /// Keys ("schema.table") of the tables dropped in this migration.
  std::unordered_set<std::string> dropped_tables;
  /// The unpatched old tables by key (drizzle reads column type schemas from there).
  std::unordered_map<std::string, const schema::Table*> original_tables;
  /// Keys of tables renamed in this migration -> their old name.
  std::unordered_map<std::string, std::string> renamed_from;
};

/// preparePgAlterColumns for one table: [drop pk..., set pk..., other statements...].
void alter_columns(DiffState& st, const schema::Table& o, const schema::Table& n, const EnumKeys& enums) {
  auto new_map = index_by(n.columns, by_name);
  const schema::Table* original = nullptr;  // drizzle reads the unpatched old snapshot by the new table key
  if (auto found = enums.original_tables.find(table_key(n)); found != enums.original_tables.end()) {
    original = found->second;
  }
  std::unordered_map<std::string, std::size_t> original_columns;
  if (original != nullptr) original_columns = index_by(original->columns, by_name);
  std::vector<TableChange> drop_pk;
  std::vector<TableChange> set_pk;
  std::vector<TableChange> rest;
  for (const schema::Column& c1 : o.columns) {
    auto it = new_map.find(c1.name);
    if (it == new_map.end()) continue;
    const schema::Column& c2 = n.columns[it->second];
    if (same_column(c1, c2)) continue;
    bool type_changed = c1.type != c2.type;
    if (type_changed && normalize_type_spacing(c1.type) == normalize_type_spacing(c2.type)) continue;
    if (type_changed) {
      std::optional<std::string> old_type_schema = c1.type_schema;
      if (original != nullptr) {
        auto oc = original_columns.find(c1.name);
        if (oc != original_columns.end()) old_type_schema = original->columns[oc->second].type_schema;
      }
      std::string new_key = c2.type_schema.value_or("undefined") + "." + strip_array_suffix(c2.type);
      std::string old_key = old_type_schema.value_or("undefined") + "." + strip_array_suffix(c1.type);
      rest.emplace_back(AlterColumnType{c2.name, c1.type, c2.type, c2.type_schema, enums.old_keys.count(old_key) > 0,
                                        enums.new_keys.count(new_key) > 0, c2.default_value});
    }
    if (c1.primary_key && !c2.primary_key) {
      bool composite = false;
      for (const auto& pk : n.composite_primary_keys) composite |= pk.name == n.name + "_" + c2.name;
      auto renamed = enums.renamed_from.find(table_key(n));
      if (!composite) {
        drop_pk.emplace_back(DropColumnPrimaryKey{c2.name, renamed == enums.renamed_from.end() ? o.name : renamed->second});
      }
    }
    if (c1.default_value != c2.default_value) {
      if (c2.default_value) {
        rest.emplace_back(SetColumnDefault{c2.name, *c2.default_value});
      } else {
        rest.emplace_back(DropColumnDefault{c2.name});
      }
    }
    // Deviation from drizzle-kit (docs/compat.md): drizzle removes every SET NOT NULL of a table that adds an
    // identity and every DROP NOT NULL of a table that drops one. PostgreSQL refuses ADD GENERATED ... AS
    // IDENTITY on a nullable column, and DROP IDENTITY leaves NOT NULL in place (DROP NOT NULL before it is
    // refused on an identity column), so sleet keeps both: SET NOT NULL before ADD GENERATED, DROP NOT NULL
    // after DROP IDENTITY (diff/order.cpp no longer filters them).
    const bool drops_identity = c1.identity && !c2.identity;
    if (c1.not_null != c2.not_null) {
      if (c2.not_null) {
        rest.emplace_back(SetColumnNotNull{c2.name});
      } else if (!drops_identity) {
        rest.emplace_back(DropColumnNotNull{c2.name});
      }
    }
    if (c1.identity && c2.identity) {
      if (!same_identity(*c1.identity, *c2.identity)) {
        rest.emplace_back(AlterColumnIdentity{c2.name, *c1.identity, *c2.identity});
      }
    } else if (c2.identity) {
      rest.emplace_back(AddColumnIdentity{c2.name, *c2.identity});
    } else if (c1.identity) {
      rest.emplace_back(DropColumnIdentity{c2.name});
      if (!c2.not_null) rest.emplace_back(DropColumnNotNull{c2.name});
    }
    if (c2.generated && (!c1.generated || !(*c1.generated == *c2.generated))) {
      schema::Column column;
      column.name = c2.name;
      column.type = c2.type;
      column.not_null = c2.not_null;
      column.default_value = c2.default_value;
      column.primary_key = c2.primary_key;
      column.generated = c2.generated;
      rest.emplace_back(RecreateGeneratedColumn{std::move(column)});
    } else if (c1.generated && !c2.generated) {
      rest.emplace_back(DropColumnGenerated{c2.name});
    }
    if (!c1.primary_key && c2.primary_key) set_pk.emplace_back(AddColumnPrimaryKey{c2.name});
  }
  for (auto* list : {&drop_pk, &set_pk, &rest}) {
    for (auto& change : *list) emit(st, o, std::move(change));
  }
}

/// The first pass over an altered table: constraints, columns, added / dropped indexes.
void alter_table_first_pass(DiffState& st, const schema::Table& o, const schema::Table& n, const EnumKeys& enums) {
  auto uniques = keyed_diff(o.unique_constraints, n.unique_constraints, by_name, same_unique);
  for (auto* u : uniques.added) emit(st, o, AddUnique{*u});
  for (auto [from, to] : uniques.changed) emit(st, o, AddUnique{*to});
  for (auto* u : uniques.deleted) emit(st, o, DropUnique{*u});
  for (auto [from, to] : uniques.changed) emit(st, o, DropUnique{*from});

  auto checks = keyed_diff(o.check_constraints, n.check_constraints, by_name, same_check);
  for (auto* c : checks.added) emit(st, o, AddCheck{*c});
  for (auto [from, to] : checks.changed) emit(st, o, AddCheck{*to});
  for (auto* c : checks.deleted) emit(st, o, DropCheck{c->name});
  for (auto [from, to] : checks.changed) emit(st, o, DropCheck{from->name});

  auto pks = keyed_diff(o.composite_primary_keys, n.composite_primary_keys, pk_key, same_primary_key);
  for (auto* pk : pks.added) emit(st, o, AddPrimaryKey{*pk});
  for (auto* pk : pks.deleted) emit(st, o, DropPrimaryKey{*pk});
  for (auto [from, to] : pks.changed) emit(st, o, AlterPrimaryKey{*from, *to});

  auto fks = keyed_diff(o.foreign_keys, n.foreign_keys, by_name, same_foreign_key);
  for (auto* fk : fks.added) emit(st, o, AddForeignKey{*fk});
  // Deviation from drizzle-kit (docs/compat.md): a foreign key to a table dropped in the same migration is
  // already gone (DROP TABLE ... CASCADE runs first), so dropping it again would fail.
  auto dropped_target = [&](const schema::ForeignKey& fk) {
    return enums.dropped_tables.count(object_key(fk.schema_to.value_or(""), fk.table_to)) > 0;
  };
  for (auto* fk : fks.deleted) {
    if (!dropped_target(*fk)) emit(st, o, DropForeignKey{*fk});
  }
  for (auto [from, to] : fks.changed) {
    if (!dropped_target(*from)) emit(st, o, DropForeignKey{*from});
    emit(st, o, AddForeignKey{*to});
  }

  alter_columns(st, o, n, enums);

  auto indexes = keyed_diff(o.indexes, n.indexes, by_name, same_index);
  for (auto* i : indexes.added) emit(st, o, CreateIndex{*i});
  for (auto* i : indexes.deleted) emit(st, o, DropIndex{i->name});
}

/// The second pass: altered policies and re-created (changed) indexes.
void alter_table_second_pass(DiffState& st, const schema::Table& o, const schema::Table& n) {
  auto policies = keyed_diff(o.policies, n.policies, by_name, same_policy);
  for (auto [from, to] : policies.changed) {
    if (from->as != to->as || from->for_ != to->for_) {
      emit(st, o, DropPolicy{*from});
      emit(st, o, CreatePolicy{*to});
    } else {
      emit(st, o, AlterPolicy{*from, *to});
    }
  }
  auto indexes = keyed_diff(o.indexes, n.indexes, by_name, same_index);
  for (auto [from, to] : indexes.changed) {
    emit(st, o, CreateIndex{*to});
    emit(st, o, DropIndex{from->name});
  }
}

/// drizzle's RLS statements (run only when some table is altered, once per altered table; duplicates are
/// removed later, so once is enough).
void rls_statements(DiffState& st) {
  auto old_map = index_by(st.old.tables, table_key);
  auto new_map = index_by(st.to.tables, table_key);
  for (const schema::Table& t : st.to.tables) {
    auto it = old_map.find(table_key(t));
    const schema::Table* prev = it == old_map.end() ? nullptr : &st.old.tables[it->second];
    std::size_t prev_policies = prev ? prev->policies.size() : 0;
    if (prev_policies == 0 && !t.policies.empty() && !t.is_rls_enabled) emit(st, t, EnableRls{});
    if (prev_policies > 0 && t.policies.empty() && !t.is_rls_enabled) emit(st, t, DisableRls{});
    bool was_enabled = prev ? prev->is_rls_enabled : false;
    if (t.is_rls_enabled != was_enabled) {
      if (t.is_rls_enabled) {
        emit(st, t, EnableRls{});
      } else if (t.policies.empty()) {
        emit(st, t, DisableRls{});
      }
    }
  }
  for (const schema::Table& t : st.old.tables) {
    if (!new_map.count(table_key(t)) && !t.is_rls_enabled) emit(st, t, DisableRls{});
  }
}

}  // namespace

Result<void> diff_tables(DiffState& st) {
  // Table rename round.
  std::vector<std::size_t> created_idx;
  std::vector<std::size_t> deleted_idx;
  std::vector<std::string> created;
  std::vector<std::string> deleted;
  {
    auto old_map = index_by(st.old.tables, table_key);
    auto new_map = index_by(st.to.tables, table_key);
    for (std::size_t i = 0; i < st.old.tables.size(); ++i) {
      if (!new_map.count(table_key(st.old.tables[i]))) {
        deleted_idx.push_back(i);
        deleted.push_back(label(st.old.tables[i].schema, st.old.tables[i].name));
      }
    }
    for (std::size_t i = 0; i < st.to.tables.size(); ++i) {
      if (!old_map.count(table_key(st.to.tables[i]))) {
        created_idx.push_back(i);
        created.push_back(label(st.to.tables[i].schema, st.to.tables[i].name));
      }
    }
  }
  auto pairing = resolve_renames(st.resolver, RenameKind::Table, "", created, deleted);
  if (!pairing) return std::move(pairing).error();
  std::vector<const schema::Table*> created_tables;
  for (std::size_t i : pairing->created) {
    const schema::Table& t = st.to.tables[created_idx[i]];
    created_tables.push_back(&t);
    st.out.emplace_back(AddTable{t});
    for (const auto& fk : t.foreign_keys) emit(st, t, AddForeignKey{fk}, true);
    for (const auto& index : t.indexes) emit(st, t, CreateIndex{index}, true);
  }
  std::unordered_set<std::string> dropped_tables;
  std::unordered_map<std::string, std::string> renamed_from;
  for (std::size_t i : pairing->deleted) {
    st.out.emplace_back(DropTable{st.old.tables[deleted_idx[i]]});
    dropped_tables.insert(table_key(st.old.tables[deleted_idx[i]]));
  }
  for (auto [d, c] : pairing->renamed) {
    schema::Table& from = st.old.tables[deleted_idx[d]];
    const schema::Table& to = st.to.tables[created_idx[c]];
    if (from.schema != to.schema) {
      st.out.emplace_back(MoveTable{from.name, from.schema.empty() ? "public" : from.schema,
                                    to.schema.empty() ? "public" : to.schema});
    }
    if (from.name != to.name) {
      st.out.emplace_back(RenameTable{to.schema, from.name, to.name});
      renamed_from.emplace(table_key(to), from.name);
      from.name = to.name;
      from.schema = to.schema;
    }
  }

  // Tables on both sides, in the (patched) old order.
  auto new_map = index_by(st.to.tables, table_key);
  std::vector<std::pair<schema::Table*, const schema::Table*>> common;
  for (schema::Table& t : st.old.tables) {
    auto it = new_map.find(table_key(t));
    if (it != new_map.end()) common.emplace_back(&t, &st.to.tables[it->second]);
  }

  // Column rename rounds.
  for (auto [o, n] : common) {
    auto old_cols = index_by(o->columns, by_name);
    auto new_cols = index_by(n->columns, by_name);
    std::vector<std::string> added;
    std::vector<std::string> dropped;
    std::vector<std::size_t> added_idx;
    for (const auto& c : o->columns) if (!new_cols.count(c.name)) dropped.push_back(c.name);
    for (std::size_t i = 0; i < n->columns.size(); ++i) {
      if (!old_cols.count(n->columns[i].name)) {
        added.push_back(n->columns[i].name);
        added_idx.push_back(i);
      }
    }
    if (added.empty() && dropped.empty()) continue;
    auto cols = resolve_renames(st.resolver, RenameKind::Column, label(n->schema, n->name), added, dropped);
    if (!cols) return std::move(cols).error();
    for (auto [d, c] : cols->renamed) emit(st, *o, RenameColumn{dropped[d], added[c]});
    for (std::size_t i : cols->created) emit(st, *o, AddColumn{n->columns[added_idx[i]]});
    for (std::size_t i : cols->deleted) emit(st, *o, DropColumn{dropped[i]});
  }

  // Policy rename rounds.
  for (auto [o, n] : common) {
    auto old_pols = index_by(o->policies, by_name);
    auto new_pols = index_by(n->policies, by_name);
    std::vector<std::string> added;
    std::vector<std::string> dropped;
    std::vector<const schema::Policy*> added_p;
    std::vector<const schema::Policy*> dropped_p;
    for (const auto& p : o->policies) {
      if (!new_pols.count(p.name)) {
        dropped.push_back(p.name);
        dropped_p.push_back(&p);
      }
    }
    for (const auto& p : n->policies) {
      if (!old_pols.count(p.name)) {
        added.push_back(p.name);
        added_p.push_back(&p);
      }
    }
    if (added.empty() && dropped.empty()) continue;
    auto pols = resolve_renames(st.resolver, RenameKind::Policy, label(n->schema, n->name), added, dropped);
    if (!pols) return std::move(pols).error();
    for (auto [d, c] : pols->renamed) emit(st, *o, RenamePolicy{dropped[d], added[c]});
    for (std::size_t i : pols->created) emit(st, *o, CreatePolicy{*added_p[i]});
    for (std::size_t i : pols->deleted) emit(st, *o, DropPolicy{*dropped_p[i]});
  }

  SLEET_TRY(diff_standalone_policies(st));
  SLEET_TRY(diff_views(st));

  // Altered tables.
  EnumKeys enums;
  enums.dropped_tables = std::move(dropped_tables);
  enums.renamed_from = std::move(renamed_from);
  for (const schema::Table& t : st.from.tables) enums.original_tables.emplace(table_key(t), &t);
  for (const auto& e : st.from.enums) enums.old_keys.insert(e.schema + "." + e.name);
  for (const auto& e : st.to.enums) enums.new_keys.insert(e.schema + "." + e.name);
  std::vector<std::pair<const schema::Table*, const schema::Table*>> altered;
  for (auto [o, n] : common) {
    if (table_altered(*o, *n)) altered.emplace_back(o, n);
  }
  for (auto [o, n] : altered) alter_table_first_pass(st, *o, *n, enums);
  for (auto [o, n] : altered) alter_table_second_pass(st, *o, *n);
  if (!altered.empty()) rls_statements(st);
  for (const schema::Table* t : created_tables) {
    for (const auto& p : t->policies) emit(st, *t, CreatePolicy{p});
  }
  return ok();
}

}  // namespace sleet::diff::detail
