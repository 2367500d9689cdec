// The differ's entry point and the top-level object kinds: schemas, enums, sequences, roles, views and
// standalone policies, following drizzle-kit's applyPgSnapshotsDiff step by step (each rename round patches the
// old model before the next kind is compared, exactly as drizzle patches its snapshot copies).
#include "diff/differ.hpp"

#include <algorithm>
#include <unordered_set>

#include "diff/differ_internal.hpp"
#include "diff/sequence_matcher.hpp"

namespace sleet::diff {
namespace detail {

std::string label(const std::string& schema, const std::string& name) {
  if (schema.empty() || schema == "public") return name;
  return schema + "." + name;
}

std::string object_key(const std::string& schema, const std::string& name) {
  return (schema.empty() ? std::string("public") : schema) + "." + name;
}

Result<Pairing> resolve_renames(RenameResolver& resolver, RenameKind kind, const std::string& scope,
                                const std::vector<std::string>& created, const std::vector<std::string>& deleted) {
  Pairing pairing;
  if (created.empty() || deleted.empty()) {
    for (std::size_t i = 0; i < created.size(); ++i) pairing.created.push_back(i);
    for (std::size_t i = 0; i < deleted.size(); ++i) pairing.deleted.push_back(i);
    return pairing;
  }
  std::vector<std::size_t> left;  // deleted items still available, in old order
  for (std::size_t i = 0; i < deleted.size(); ++i) left.push_back(i);
  for (std::size_t created_idx = 0; created_idx < created.size(); ++created_idx) {
    RenameQuestion question{kind, scope, created[created_idx], {}};
    for (std::size_t i : left) question.candidates.push_back(deleted[i]);
    auto answer = resolver.resolve(question);
    if (!answer) return std::move(answer).error();
    if (!answer->has_value()) {
      pairing.created.push_back(created_idx);
      continue;
    }
    auto pos = std::find_if(left.begin(), left.end(), [&](std::size_t i) { return deleted[i] == **answer; });
    if (pos == left.end()) {
      return fail(ErrorCode::Conflict, std::string("rename answer \"") + **answer + "\" for " + to_string(kind) + " " +
                                           created[created_idx] + " is not one of the candidates");
    }
    pairing.renamed.emplace_back(*pos, created_idx);
    left.erase(pos);
  }
  pairing.deleted = left;
  return pairing;
}

namespace {

// ---- schemas ------------------------------------------------------------------------------------------

Result<void> diff_schemas(DiffState& st) {
  std::unordered_set<std::string> old_set(st.old.schemas.begin(), st.old.schemas.end());
  std::unordered_set<std::string> new_set(st.to.schemas.begin(), st.to.schemas.end());
  std::vector<std::string> created;
  std::vector<std::string> deleted;
  for (const auto& s : st.old.schemas) if (!new_set.count(s)) deleted.push_back(s);
  for (const auto& s : st.to.schemas) if (!old_set.count(s)) created.push_back(s);
  auto pairing = resolve_renames(st.resolver, RenameKind::Schema, "", created, deleted);
  if (!pairing) return std::move(pairing).error();
  for (std::size_t i : pairing->created) st.out.emplace_back(CreateSchema{created[i]});
  std::unordered_map<std::string, std::string> renames;
  for (auto [d, c] : pairing->renamed) {
    st.out.emplace_back(RenameSchema{deleted[d], created[c]});
    renames.emplace(deleted[d], created[c]);
  }
  for (std::size_t i : pairing->deleted) st.out.emplace_back(DropSchema{deleted[i]});
  if (renames.empty()) return ok();
  for (auto& t : st.old.tables) {
    if (auto it = renames.find(t.schema); it != renames.end()) t.schema = it->second;
  }
  for (auto& e : st.old.enums) {
    if (auto it = renames.find(e.schema); it != renames.end()) e.schema = it->second;
  }
  for (auto& s : st.old.sequences) {
    if (auto it = renames.find(s.schema); it != renames.end()) s.schema = it->second;
  }
  // Deviation from drizzle-kit (docs/compat.md): drizzle leaves views under the old schema name, so it then
  // drops (or moves) "old"."v", which no longer exists after ALTER SCHEMA ... RENAME. Views follow their schema
  // like tables do: an unchanged view needs nothing, a changed one is altered under the new name.
  for (auto& v : st.old.views) {
    if (!v.schema) continue;
    if (auto it = renames.find(*v.schema); it != renames.end()) v.schema = it->second;
  }
  return ok();
}

// ---- enums and sequences (same shape: named objects with a schema) --------------------------------------

struct TypeChange {
  std::string name_to;
  std::string schema_to;
};

/// Rewrites column types that name a renamed / moved type (drizzle patches `type` and `typeSchema`).
void patch_column_types(DiffState& st, const std::unordered_map<std::string, TypeChange>& changes) {
  if (changes.empty()) return;
  for (auto& t : st.old.tables) {
    for (auto& c : t.columns) {
      std::string key = (c.type_schema && !c.type_schema->empty() ? *c.type_schema : "public") + "." + c.type;
      auto it = changes.find(key);
      if (it == changes.end()) continue;
      c.type = it->second.name_to;
      c.type_schema = it->second.schema_to;
    }
  }
}

template <typename T>
struct NamedResolution {
  std::vector<std::size_t> created;  // into new list
  std::vector<std::size_t> deleted;  // into old list
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // (old, new): renamed and/or moved
};

template <typename T>
Result<NamedResolution<T>> resolve_named(DiffState& st, RenameKind kind, const std::vector<T>& old_items,
                                         const std::vector<T>& new_items) {
  auto key = [](const T& x) { return object_key(x.schema, x.name); };
  auto old_map = index_by(old_items, key);
  auto new_map = index_by(new_items, key);
  std::vector<std::size_t> created_idx;
  std::vector<std::size_t> deleted_idx;
  std::vector<std::string> created;
  std::vector<std::string> deleted;
  for (std::size_t i = 0; i < old_items.size(); ++i) {
    if (!new_map.count(key(old_items[i]))) {
      deleted_idx.push_back(i);
      deleted.push_back(label(old_items[i].schema, old_items[i].name));
    }
  }
  for (std::size_t i = 0; i < new_items.size(); ++i) {
    if (!old_map.count(key(new_items[i]))) {
      created_idx.push_back(i);
      created.push_back(label(new_items[i].schema, new_items[i].name));
    }
  }
  auto pairing = resolve_renames(st.resolver, kind, "", created, deleted);
  if (!pairing) return std::move(pairing).error();
  NamedResolution<T> result;
  for (std::size_t i : pairing->created) result.created.push_back(created_idx[i]);
  for (std::size_t i : pairing->deleted) result.deleted.push_back(deleted_idx[i]);
  for (auto [d, c] : pairing->renamed) result.pairs.emplace_back(deleted_idx[d], created_idx[c]);
  return result;
}

std::string public_if_empty(const std::string& schema) { return schema.empty() ? std::string("public") : schema; }

Result<void> diff_enums(DiffState& st) {
  auto res = resolve_named(st, RenameKind::Enum, st.old.enums, st.to.enums);
  if (!res) return std::move(res).error();
  for (std::size_t i : res->created) st.out.emplace_back(CreateEnum{st.to.enums[i]});
  std::unordered_map<std::string, TypeChange> type_changes;
  std::vector<std::pair<std::size_t, std::size_t>> renamed;
  for (auto [o, n] : res->pairs) {
    const schema::Enum& from = st.old.enums[o];
    const schema::Enum& to = st.to.enums[n];
    if (from.schema != to.schema) {
      st.out.emplace_back(MoveEnum{from.name, public_if_empty(from.schema), public_if_empty(to.schema)});
    }
    if (from.name != to.name) {
      st.out.emplace_back(RenameEnum{to.schema, from.name, to.name});
      renamed.emplace_back(o, n);
    }
    type_changes[from.schema + "." + from.name] = TypeChange{to.name, to.schema};
  }
  for (std::size_t i : res->deleted) st.out.emplace_back(DropEnum{st.old.enums[i].schema, st.old.enums[i].name});
  for (auto [o, n] : renamed) {
    st.old.enums[o].name = st.to.enums[n].name;
    st.old.enums[o].schema = st.to.enums[n].schema;
  }
  patch_column_types(st, type_changes);

  // Altered enums: values added (ADD VALUE [BEFORE]) and removed (recreate the type).
  auto new_map = index_by(st.to.enums, [](const schema::Enum& e) { return object_key(e.schema, e.name); });
  for (const schema::Enum& old_enum : st.old.enums) {
    auto it = new_map.find(object_key(old_enum.schema, old_enum.name));
    if (it == new_map.end()) continue;
    const schema::Enum& new_enum = st.to.enums[it->second];
    if (old_enum.values == new_enum.values) continue;
    std::vector<Edit> edits = diff_sequences(old_enum.values, new_enum.values);
    std::vector<std::string> before(edits.size());
    std::string next_kept;
    for (std::size_t k = edits.size(); k-- > 0;) {
      if (edits[k].kind == EditKind::Keep) next_kept = edits[k].value;
      if (edits[k].kind == EditKind::Insert) before[k] = next_kept;
    }
    std::vector<std::string> removed;
    for (std::size_t k = 0; k < edits.size(); ++k) {
      if (edits[k].kind == EditKind::Insert) {
        st.out.emplace_back(AddEnumValue{old_enum.schema, old_enum.name, edits[k].value, before[k]});
      } else if (edits[k].kind == EditKind::Delete) {
        removed.push_back(edits[k].value);
      }
    }
    if (removed.empty()) continue;
    RecreateEnum recreate{old_enum.schema, old_enum.name, new_enum.values, {}};
    for (const schema::Table& t : st.to.tables) {
      for (const schema::Column& c : t.columns) {
        std::string base = c.type.substr(0, c.type.find('['));
        if (base == old_enum.name && c.type_schema && *c.type_schema == old_enum.schema) {
          recreate.columns.push_back(EnumColumnUse{TableRef{t.schema, t.name}, c.name, c.type, c.default_value});
        }
      }
    }
    st.out.emplace_back(std::move(recreate));
  }
  return ok();
}

Result<void> diff_sequences_of(DiffState& st) {
  auto res = resolve_named(st, RenameKind::Sequence, st.old.sequences, st.to.sequences);
  if (!res) return std::move(res).error();
  for (std::size_t i : res->created) st.out.emplace_back(CreateSequence{st.to.sequences[i]});
  std::unordered_map<std::string, TypeChange> type_changes;
  std::vector<std::pair<std::size_t, std::size_t>> renamed;
  for (auto [o, n] : res->pairs) {
    const schema::Sequence& from = st.old.sequences[o];
    const schema::Sequence& to = st.to.sequences[n];
    if (from.schema != to.schema) {
      st.out.emplace_back(MoveSequence{from.name, public_if_empty(from.schema), public_if_empty(to.schema)});
    }
    if (from.name != to.name) {
      st.out.emplace_back(RenameSequence{to.schema, from.name, to.name});
      renamed.emplace_back(o, n);
    }
    type_changes[from.schema + "." + from.name] = TypeChange{to.name, to.schema};
  }
  for (std::size_t i : res->deleted) {
    st.out.emplace_back(DropSequence{st.old.sequences[i].schema, st.old.sequences[i].name});
  }
  for (auto [o, n] : renamed) {
    st.old.sequences[o].name = st.to.sequences[n].name;
    st.old.sequences[o].schema = st.to.sequences[n].schema;
  }
  patch_column_types(st, type_changes);
  auto new_map = index_by(st.to.sequences, [](const schema::Sequence& s) { return object_key(s.schema, s.name); });
  for (const schema::Sequence& old_seq : st.old.sequences) {
    auto it = new_map.find(object_key(old_seq.schema, old_seq.name));
    if (it == new_map.end()) continue;
    const schema::Sequence& new_seq = st.to.sequences[it->second];
    if (old_seq.options != new_seq.options) st.out.emplace_back(AlterSequence{new_seq});
  }
  return ok();
}

// ---- roles --------------------------------------------------------------------------------------------

Result<void> diff_roles(DiffState& st) {
  auto old_map = index_by(st.old.roles, [](const schema::Role& r) { return r.name; });
  auto new_map = index_by(st.to.roles, [](const schema::Role& r) { return r.name; });
  std::vector<std::size_t> created_idx;
  std::vector<std::size_t> deleted_idx;
  std::vector<std::string> created;
  std::vector<std::string> deleted;
  for (std::size_t i = 0; i < st.old.roles.size(); ++i) {
    if (!new_map.count(st.old.roles[i].name)) {
      deleted_idx.push_back(i);
      deleted.push_back(st.old.roles[i].name);
    }
  }
  for (std::size_t i = 0; i < st.to.roles.size(); ++i) {
    if (!old_map.count(st.to.roles[i].name)) {
      created_idx.push_back(i);
      created.push_back(st.to.roles[i].name);
    }
  }
  auto pairing = resolve_renames(st.resolver, RenameKind::Role, "", created, deleted);
  if (!pairing) return std::move(pairing).error();
  for (auto [d, c] : pairing->renamed) {
    st.out.emplace_back(RenameRole{deleted[d], created[c]});
    st.old.roles[deleted_idx[d]].name = created[c];
  }
  for (std::size_t i : pairing->deleted) st.out.emplace_back(DropRole{deleted[i]});
  for (std::size_t i : pairing->created) st.out.emplace_back(CreateRole{st.to.roles[created_idx[i]]});
  for (const schema::Role& old_role : st.old.roles) {
    auto it = new_map.find(old_role.name);
    if (it == new_map.end()) continue;
    const schema::Role& new_role = st.to.roles[it->second];
    if (!(old_role == new_role)) st.out.emplace_back(AlterRole{new_role});
  }
  return ok();
}

}  // namespace

// ---- standalone policies ------------------------------------------------------------------------------

Result<void> diff_standalone_policies(DiffState& st) {
  auto key = [](const schema::Policy& p) { return p.name; };
  auto old_map = index_by(st.old.policies, key);
  auto new_map = index_by(st.to.policies, key);
  std::vector<std::size_t> created_idx;
  std::vector<std::size_t> deleted_idx;
  std::vector<std::string> created;
  std::vector<std::string> deleted;
  for (std::size_t i = 0; i < st.old.policies.size(); ++i) {
    if (!new_map.count(st.old.policies[i].name)) {
      deleted_idx.push_back(i);
      deleted.push_back(st.old.policies[i].name);
    }
  }
  for (std::size_t i = 0; i < st.to.policies.size(); ++i) {
    if (!old_map.count(st.to.policies[i].name)) {
      created_idx.push_back(i);
      created.push_back(st.to.policies[i].name);
    }
  }
  auto pairing = resolve_renames(st.resolver, RenameKind::Policy, "", created, deleted);
  if (!pairing) return std::move(pairing).error();
  for (auto [d, c] : pairing->renamed) {
    const schema::Policy& from = st.old.policies[deleted_idx[d]];
    st.out.emplace_back(RenameStandalonePolicy{from.on.value_or(""), from.name, created[c]});
  }
  for (std::size_t i : pairing->created) st.out.emplace_back(CreateStandalonePolicy{st.to.policies[created_idx[i]]});
  for (std::size_t i : pairing->deleted) st.out.emplace_back(DropStandalonePolicy{st.old.policies[deleted_idx[i]]});
  for (const schema::Policy& old_policy : st.old.policies) {
    auto it = new_map.find(old_policy.name);
    if (it == new_map.end()) continue;
    const schema::Policy& new_policy = st.to.policies[it->second];
    if (old_policy == new_policy) continue;
    if (old_policy.as != new_policy.as || old_policy.for_ != new_policy.for_) {
      st.out.emplace_back(DropStandalonePolicy{old_policy});
      st.out.emplace_back(CreateStandalonePolicy{new_policy});
    } else {
      st.out.emplace_back(AlterStandalonePolicy{old_policy, new_policy});
    }
  }
  return ok();
}

}  // namespace detail

Result<ChangeList> diff_databases(const schema::Database& from, const schema::Database& to, RenameResolver& resolver) {
  detail::DiffState st{from, to, resolver, from, {}};
  SLEET_TRY(detail::diff_schemas(st));
  SLEET_TRY(detail::diff_enums(st));
  SLEET_TRY(detail::diff_sequences_of(st));
  SLEET_TRY(detail::diff_roles(st));
  SLEET_TRY(detail::diff_tables(st));
  return std::move(st.out);
}

}  // namespace sleet::diff
