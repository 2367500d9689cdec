// Shared machinery of the pg and sqlite snapshot codecs: ReadContext (JSON path tracking, typed accessors that
// fail with the path, key validation against a kind, recording of layout facts) and WriteContext (emitting an
// object or a map the way the layout says). The dialect files (snapshot_pg.cpp, snapshot_sqlite.cpp) contain
// only the mapping between JSON keys and model fields.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "schema/schema.hpp"
#include "snapshot/json_value.hpp"
#include "snapshot/json_write.hpp"
#include "snapshot/layout.hpp"

namespace sleet::snapshot {

/// Thrown inside the codecs for a value of the wrong shape; parse_snapshot turns it into an Error.
struct ShapeError {
  std::size_t offset = 0;
  std::string message;  ///< "<path>: <what>"
};

/// The keys an object had, in file order (key ids of its kind).
struct ActualKeys {
  std::array<std::uint8_t, kMaxKeys> ids{};
  std::size_t count = 0;
  std::uint32_t mask = 0;
  bool has(int key_id) const { return (mask & bit(key_id)) != 0; }
};

class ReadContext {
 public:
  explicit ReadContext(SnapshotLayout::Impl& layout) : layout_(layout) {}

  /// Pushes one path segment for the lifetime of the returned guard.
  class Scope {
   public:
    explicit Scope(ReadContext& ctx) : ctx_(ctx) {}
    ~Scope() { ctx_.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ReadContext& ctx_;
  };
  [[nodiscard]] Scope at(std::string_view key) {
    path_.push_back({key, 0, false});
    return Scope(*this);
  }
  [[nodiscard]] Scope at_index(std::size_t index) {
    path_.push_back({{}, index, true});
    return Scope(*this);
  }

  /// Throws ShapeError "<path>: <what>" located at `where`.
  [[noreturn]] void fail(const json::Node& where, std::string_view what) const;
  std::string path_text() const;

  std::string_view string(const json::Node& v) const;
  bool boolean(const json::Node& v) const;
  std::vector<std::string> strings(const json::Node& v) const;
  /// A string, number or boolean; nullopt for null, arrays and objects (kept raw by the caller).
  std::optional<schema::Scalar> scalar(const json::Node& v) const;
  /// Any JSON value as a column default: a scalar, `null` (Scalar::null) or an array / object (Scalar::json with
  /// its compact JSON text).
  schema::Scalar any_value(const json::Node& v) const;
  /// An object of scalars (`with` options).
  schema::Options options(const json::Node& v);
  /// An object of strings (`_meta` maps).
  std::vector<std::pair<std::string, std::string>> string_map(const json::Node& v);
  void expect_object(const json::Node& v) const;

  /// Validates the members of object `v` against `kind` (unknown, duplicate and missing required keys fail)
  /// and calls `member(key_id, value)` for each, inside a path scope.
  template <typename F>
  ActualKeys object(Kind kind, const json::Node& v, F&& member);

  /// Calls `entry(key, value)` for each member of object `v` (inside a path scope); `entry` returns the key
  /// the writer will compute for that value, and a difference is recorded as a key override.
  template <typename F>
  void map(const json::Node& v, F&& entry);

  /// Records the layout of the object at the current path: fixes the kind's order on its first instance,
  /// and records an exception when `actual` is not what the order gives for `present`. Keys in `raw_keys`
  /// have values the model cannot hold; they are copied from `v` into the exception.
  void record(Kind kind, const ActualKeys& actual, std::uint32_t present, std::uint32_t raw_keys,
              const json::Node& v);

  std::unique_ptr<PathNode> take_root() { return std::move(root_); }

 private:
  struct Segment {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };
  ActualKeys collect_keys(Kind kind, const json::Node& v) const;
  PathNode& node_here();

  SnapshotLayout::Impl& layout_;
  std::vector<Segment> path_;
  std::unique_ptr<PathNode> root_;
};

template <typename F>
ActualKeys ReadContext::object(Kind kind, const json::Node& v, F&& member) {
  ActualKeys actual = collect_keys(kind, v);
  for (std::size_t i = 0; i < actual.count; ++i) {
    auto scope = at(v[i].key);
    member(static_cast<int>(actual.ids[i]), v[i]);
  }
  return actual;
}

template <typename F>
void ReadContext::map(const json::Node& v, F&& entry) {
  expect_object(v);
  // Computed keys are kept only once one differs from its file key (rare), to count earlier occurrences.
  std::vector<std::string> computed_keys;
  bool overridden = false;
  // Duplicate keys: pairwise for small maps, a hash set for large ones (tables), so reading stays linear.
  constexpr std::size_t kPairwiseLimit = 16;
  std::unordered_set<std::string_view> seen;
  if (v.size() > kPairwiseLimit) seen.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string_view file_key = v[i].key;
    bool duplicate = false;
    if (v.size() > kPairwiseLimit) {
      duplicate = !seen.insert(file_key).second;
    } else {
      for (std::size_t j = 0; j < i && !duplicate; ++j) duplicate = v[j].key == file_key;
    }
    if (duplicate) {
      auto scope = at(file_key);
      fail(v[i], "duplicate key");
    }
    decltype(entry(file_key, v[i])) computed;
    {
      auto scope = at(file_key);
      computed = entry(file_key, v[i]);
    }
    if (!overridden && std::string_view(computed) != file_key) {
      overridden = true;
      computed_keys.reserve(v.size());
      for (std::size_t j = 0; j < i; ++j) computed_keys.emplace_back(v[j].key);
    }
    if (overridden) {
      if (std::string_view(computed) != file_key) {
        std::size_t occurrence = static_cast<std::size_t>(
            std::count(computed_keys.begin(), computed_keys.end(), std::string_view(computed)));
        node_here().key_overrides.push_back({std::string(computed), occurrence, std::string(file_key)});
      }
      computed_keys.emplace_back(computed);
    }
  }
}

class WriteContext {
 public:
  WriteContext(const SnapshotLayout::Impl& layout, std::string& out) : layout_(layout), w(out, layout.style) {}

  /// Writes one object of `kind` at `node`: the keys the layout plans for `present`, each value by
  /// `value(key_id)` or from a raw value kept by the layout.
  template <typename F>
  void object(Kind kind, const PathNode* node, std::uint32_t present, F&& value) {
    EmitPlan plan = layout_.plan(kind, node, present);
    const KindSpec& s = spec(kind);
    w.begin_object();
    for (std::size_t i = 0; i < plan.count; ++i) {
      int k = plan.keys[i];
      w.key(s.keys[k]);
      const json::Value* raw = plan.exception == nullptr ? nullptr : plan.exception->raw(k);
      if (raw != nullptr) w.value(*raw);
      else value(k);
    }
    w.end_object();
  }

  /// Writes a map of `items` keyed by `key_of(item)` (or its override), in JS key order; `item(x, node)`
  /// writes one value with its cursor.
  template <typename T, typename KeyOf, typename Item>
  void map(const PathNode* map_node, const std::vector<T>& items, KeyOf&& key_of, Item&& item) {
    if (map_node == nullptr) {
      // Fast path (nothing recorded below this map): keys in model order unless one is an array index.
      bool plain = true;
      for (const T& x : items) {
        if (json::is_array_index(key_of(x))) {
          plain = false;
          break;
        }
      }
      if (plain) {
        w.begin_object();
        for (const T& x : items) {
          w.key(key_of(x));
          item(x, nullptr);
        }
        w.end_object();
        return;
      }
    }
    std::vector<std::string> names;
    names.reserve(items.size());
    for (const T& x : items) names.push_back(key_of(x));
    apply_key_overrides(map_node, names);
    auto order = json::js_key_order(names.size(), [&](std::size_t i) { return std::string_view(names[i]); });
    w.begin_object();
    for (std::size_t i : order) {
      w.key(names[i]);
      item(items[i], child(map_node, names[i]));
    }
    w.end_object();
  }

  void scalar(const schema::Scalar& s);
  void options(const schema::Options& options);
  void string_map(const std::vector<std::pair<std::string, std::string>>& entries);

  const SnapshotLayout::Impl& layout() const { return layout_; }

 private:
  const SnapshotLayout::Impl& layout_;

 public:
  json::Writer w;
};

/// Sets `bit(key_id)` in a presence mask when `cond` holds.
constexpr std::uint32_t when(bool cond, int key_id) { return cond ? bit(key_id) : 0; }

// Objects with the same shape in both dialects (common_objects.cpp); `kind` picks the dialect's order.
schema::Generated read_generated(ReadContext& ctx, Kind kind, const json::Node& v);
void write_generated(WriteContext& ctx, Kind kind, const PathNode* node, const schema::Generated& g);
schema::ForeignKey read_foreign_key(ReadContext& ctx, Kind kind, const json::Node& v);
void write_foreign_key(WriteContext& ctx, Kind kind, const PathNode* node, const schema::ForeignKey& fk);
schema::PrimaryKey read_primary_key(ReadContext& ctx, Kind kind, const json::Node& v);
void write_primary_key(WriteContext& ctx, Kind kind, const PathNode* node, const schema::PrimaryKey& pk);
/// The map key of a primary key: its name, or drizzle's `<table>_<col1>_<col2>_pk` when it has none.
std::string primary_key_key(const std::string& table, const schema::PrimaryKey& pk);
schema::CheckConstraint read_check(ReadContext& ctx, Kind kind, const json::Node& v);
void write_check(WriteContext& ctx, Kind kind, const PathNode* node, const schema::CheckConstraint& check);
schema::RenameMaps read_meta(ReadContext& ctx, Kind kind, const json::Node& v);
void write_meta(WriteContext& ctx, Kind kind, const PathNode* node, const schema::RenameMaps& meta);
bool renames_empty(const schema::RenameMaps& meta);

// Dialect codecs (snapshot_pg.cpp, snapshot_sqlite.cpp). `root` is the whole document, already checked to be
// an object with a supported dialect and version.
void read_pg(ReadContext& ctx, const json::Node& root, Snapshot& out);
void write_pg(WriteContext& ctx, const Snapshot& snapshot);
void read_sqlite(ReadContext& ctx, const json::Node& root, Snapshot& out);
void write_sqlite(WriteContext& ctx, const Snapshot& snapshot);

}  // namespace sleet::snapshot
