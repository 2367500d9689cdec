// Shared state and helpers of the differ's translation units (differ.cpp: schemas, enums, sequences, roles,
// views, standalone policies; differ_tables.cpp: tables, columns, policies and everything inside tables).
// Private to src/diff.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "diff/change.hpp"
#include "diff/rename_resolver.hpp"
#include "schema/schema.hpp"

namespace sleet::diff::detail {

struct DiffState {
  const schema::Database& from;  ///< the old model as given
  const schema::Database& to;    ///< the new model
  RenameResolver& resolver;
  schema::Database old;          ///< `from`, patched with the renames resolved so far (drizzle's patched snapshot)
  ChangeList out;
};

/// The outcome of one round of rename questions: indexes into the created / deleted lists given.
struct Pairing {
  std::vector<std::size_t> created;
  std::vector<std::size_t> deleted;
  std::vector<std::pair<std::size_t, std::size_t>> renamed;  ///< (deleted index, created index)
};

/// Asks, for each created item in order, whether it is new or a rename of a still-unmatched deleted item
/// (drizzle's prompt loop; nothing is asked when either list is empty).
Result<Pairing> resolve_renames(RenameResolver& resolver, RenameKind kind, const std::string& scope,
                                const std::vector<std::string>& created, const std::vector<std::string>& deleted);

/// "name" for public / empty schema, else "schema.name" (the naming of rename questions).
std::string label(const std::string& schema, const std::string& name);

/// drizzle's map key "schema.name" with "" read as "public".
std::string object_key(const std::string& schema, const std::string& name);

/// Positions of items by key, for hashed lookup.
template <typename T, typename KeyFn>
std::unordered_map<std::string, std::size_t> index_by(const std::vector<T>& items, KeyFn key) {
  std::unordered_map<std::string, std::size_t> map;
  map.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) map.emplace(key(items[i]), i);
  return map;
}

/// Tables, their columns and policies, and everything inside altered tables. Runs after roles, before views
/// (the resolver order); views are diffed by diff_views, called from here at the right moment.
Result<void> diff_tables(DiffState& state);

/// Views (resolution and statements).
Result<void> diff_views(DiffState& state);

/// Standalone policies (resolution and statements).
Result<void> diff_standalone_policies(DiffState& state);

}  // namespace sleet::diff::detail
