// Views: the view rename round, created / dropped / renamed / moved views, and altered views (definition or
// "existing" flag changed: drop and re-create; `with` options, tablespace and access method: ALTER). Views
// marked `isExisting` are never touched, as in drizzle-kit.
#include "diff/differ_internal.hpp"

namespace sleet::diff::detail {
namespace {

std::string view_key(const schema::View& v) { return object_key(v.schema.value_or(""), v.name); }

void alter_view(DiffState& st, const schema::View& o, const schema::View& n) {
  const std::string schema = n.schema.value_or("");
  const bool materialized = n.materialized.value_or(false);
  if (o.is_existing != n.is_existing || o.definition != n.definition) {
    st.out.emplace_back(DropView{schema, n.name, materialized});
    st.out.emplace_back(CreateView{n});
    return;
  }
  if (!o.with && n.with) st.out.emplace_back(SetViewOptions{schema, n.name, materialized, *n.with});
  if (o.with && !n.with) {
    ResetViewOptions reset{schema, n.name, materialized, {}};
    for (const auto& [key, value] : *o.with) reset.keys.push_back(key);
    st.out.emplace_back(std::move(reset));
  }
  if (o.with && n.with) {
    auto old_map = index_by(*o.with, [](const auto& kv) { return kv.first; });
    auto new_map = index_by(*n.with, [](const auto& kv) { return kv.first; });
    schema::Options added;
    schema::Options altered;
    ResetViewOptions reset{schema, n.name, materialized, {}};
    for (const auto& kv : *n.with) if (!old_map.count(kv.first)) added.push_back(kv);
    for (const auto& kv : *o.with) {
      auto it = new_map.find(kv.first);
      if (it == new_map.end()) {
        reset.keys.push_back(kv.first);
      } else if (!((*n.with)[it->second].second == kv.second)) {
        altered.push_back((*n.with)[it->second]);
      }
    }
    if (!added.empty()) st.out.emplace_back(SetViewOptions{schema, n.name, materialized, added});
    if (!reset.keys.empty()) st.out.emplace_back(std::move(reset));
    if (!altered.empty()) st.out.emplace_back(SetViewOptions{schema, n.name, materialized, altered});
  }
  if (o.tablespace != n.tablespace) {
    st.out.emplace_back(SetViewTablespace{schema, n.name, n.tablespace.value_or("pg_default")});
  }
  if (o.using_ != n.using_) st.out.emplace_back(SetViewAccessMethod{schema, n.name, n.using_.value_or("heap")});
}

}  // namespace

Result<void> diff_views(DiffState& st) {
  auto old_map = index_by(st.old.views, view_key);
  auto new_map = index_by(st.to.views, view_key);
  std::vector<std::size_t> created_idx;
  std::vector<std::size_t> deleted_idx;
  std::vector<std::string> created;
  std::vector<std::string> deleted;
  for (std::size_t i = 0; i < st.old.views.size(); ++i) {
    if (!new_map.count(view_key(st.old.views[i]))) {
      deleted_idx.push_back(i);
      deleted.push_back(label(st.old.views[i].schema.value_or(""), st.old.views[i].name));
    }
  }
  for (std::size_t i = 0; i < st.to.views.size(); ++i) {
    if (!old_map.count(view_key(st.to.views[i]))) {
      created_idx.push_back(i);
      created.push_back(label(st.to.views[i].schema.value_or(""), st.to.views[i].name));
    }
  }
  auto pairing = resolve_renames(st.resolver, RenameKind::View, "", created, deleted);
  if (!pairing) return std::move(pairing).error();
  for (std::size_t i : pairing->created) {
    const schema::View& v = st.to.views[created_idx[i]];
    if (!v.is_existing) st.out.emplace_back(CreateView{v});
  }
  for (std::size_t i : pairing->deleted) {
    const schema::View& v = st.old.views[deleted_idx[i]];
    if (!v.is_existing) st.out.emplace_back(DropView{v.schema.value_or(""), v.name, v.materialized.value_or(false)});
  }
  // Keys of the old views after drizzle's patching (a renamed view keeps its old schema in the key; a view that
  // is both renamed and moved ends up matching nothing).
  std::vector<std::string> patched_keys;
  for (const auto& v : st.old.views) patched_keys.push_back(view_key(v));
  for (auto [d, c] : pairing->renamed) {
    const schema::View& from = st.old.views[deleted_idx[d]];
    const schema::View& to = st.to.views[created_idx[c]];
    const std::string from_schema = from.schema.value_or("");
    const std::string to_schema = to.schema.value_or("");
    const bool usable = !from.is_existing && !to.is_existing;
    if (from.name != to.name) {
      if (usable) st.out.emplace_back(RenameView{to_schema, from.name, to.name, to.materialized.value_or(false)});
      patched_keys[deleted_idx[d]] = object_key(from_schema, to.name);
    } else if (from_schema != to_schema) {
      patched_keys[deleted_idx[d]] = object_key(to_schema, from.name);
    }
    if (from_schema != to_schema && usable) {
      st.out.emplace_back(MoveView{from.name, from_schema.empty() ? "public" : from_schema,
                                   to_schema.empty() ? "public" : to_schema, to.materialized.value_or(false)});
    }
  }
  for (std::size_t i = 0; i < st.old.views.size(); ++i) {
    auto it = new_map.find(patched_keys[i]);
    if (it == new_map.end()) continue;
    const schema::View& n = st.to.views[it->second];
    if (n.is_existing || st.old.views[i] == n) continue;
    alter_view(st, st.old.views[i], n);
  }
  return ok();
}

}  // namespace sleet::diff::detail
