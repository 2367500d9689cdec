// SnapshotLayout::Impl: how a snapshot file was laid out, kept beside the schema model so that writing what
// was read gives the same bytes. Per object *kind* (pg column, sqlite index, ...) it keeps one key order (the
// first instance's, completed with drizzle-kit 0.31's order); an object whose keys differ from what that order
// gives is recorded as an exception in a tree keyed by JSON path, which the writer walks with a cursor that is
// null (free) wherever nothing is recorded. Values the model cannot hold (a sqlite `"default": null`, a pg `internal`
// object) are kept raw in the exception. It also holds the file's whitespace Style and Patches. It does not
// read or write model values itself; snapshot_pg.cpp / snapshot_sqlite.cpp do.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "snapshot/json_value.hpp"
#include "snapshot/json_write.hpp"
#include "snapshot/snapshot_json.hpp"

namespace sleet::snapshot {

enum class Kind : std::uint8_t {
  PgTop, PgTable, PgColumn, PgViewColumn, PgIdentity, PgGenerated, PgIndex, PgIndexColumn, PgIndexExpression,
  PgForeignKey, PgPrimaryKey, PgUnique, PgCheck, PgPolicy, PgTopPolicy, PgEnum, PgSequence, PgRole, PgView,
  PgMeta,
  SqTop, SqTable, SqColumn, SqViewColumn, SqGenerated, SqIndex, SqForeignKey, SqPrimaryKey, SqUnique, SqCheck,
  SqView, SqMeta,
};
inline constexpr std::size_t kKindCount = static_cast<std::size_t>(Kind::SqMeta) + 1;
inline constexpr std::size_t kMaxKeys = 16;

/// Canonical key names per object shape; a key's index in its array is the key id used everywhere.
namespace keys {
inline constexpr std::string_view kPgTop[] = {"id", "prevId", "version", "dialect", "tables", "enums", "schemas",
                                              "sequences", "roles", "policies", "views", "_meta", "internal"};
inline constexpr std::string_view kPgTable[] = {"name", "schema", "columns", "indexes", "foreignKeys",
                                                "compositePrimaryKeys", "uniqueConstraints", "policies",
                                                "checkConstraints", "isRLSEnabled"};
inline constexpr std::string_view kPgColumn[] = {"name", "type", "typeSchema", "primaryKey", "notNull",
                                                 "generated", "identity", "default", "isUnique", "uniqueName",
                                                 "nullsNotDistinct"};
inline constexpr std::string_view kIdentity[] = {"type", "name", "schema", "increment", "startWith",
                                                 "minValue", "maxValue", "cache", "cycle"};
inline constexpr std::string_view kGenerated[] = {"as", "type"};
inline constexpr std::string_view kPgIndex[] = {"name", "columns", "isUnique", "where", "concurrently", "method",
                                                "with"};
inline constexpr std::string_view kIndexColumn[] = {"expression", "isExpression", "asc", "nulls", "opclass"};
inline constexpr std::string_view kForeignKey[] = {"name", "tableFrom", "tableTo", "schemaTo", "columnsFrom",
                                                   "columnsTo", "onDelete", "onUpdate"};
inline constexpr std::string_view kPrimaryKey[] = {"name", "columns"};
inline constexpr std::string_view kPgUnique[] = {"name", "nullsNotDistinct", "columns"};
inline constexpr std::string_view kCheck[] = {"name", "value"};
inline constexpr std::string_view kPolicy[] = {"name", "as", "for", "to", "using", "withCheck", "on", "schema"};
inline constexpr std::string_view kEnum[] = {"name", "schema", "values"};
inline constexpr std::string_view kSequence[] = {"name", "schema", "increment", "startWith", "minValue",
                                                 "maxValue", "cache", "cycle"};
inline constexpr std::string_view kRole[] = {"name", "createDb", "createRole", "inherit"};
inline constexpr std::string_view kPgView[] = {"columns", "definition", "name", "schema", "isExisting", "with",
                                               "withNoData", "materialized", "tablespace", "using"};
inline constexpr std::string_view kMeta[] = {"schemas", "tables", "columns"};
inline constexpr std::string_view kSqTop[] = {"version", "dialect", "id", "prevId", "tables", "views", "enums",
                                              "_meta", "internal"};
inline constexpr std::string_view kSqTable[] = {"name", "columns", "indexes", "foreignKeys",
                                                "compositePrimaryKeys", "uniqueConstraints", "checkConstraints"};
inline constexpr std::string_view kSqColumn[] = {"name", "type", "primaryKey", "notNull", "autoincrement",
                                                 "default", "generated"};
inline constexpr std::string_view kSqIndex[] = {"name", "columns", "isUnique", "where"};
inline constexpr std::string_view kSqUnique[] = {"name", "columns"};
inline constexpr std::string_view kSqView[] = {"columns", "name", "isExisting", "definition"};
}  // namespace keys

/// Index of `name` in a key array, at compile time (a typo is a compile error).
template <std::size_t N>
consteval int key(const std::string_view (&names)[N], std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  throw "unknown snapshot key";  // not a constant expression: fails compilation
}

/// Bit for one key id.
constexpr std::uint32_t bit(int key_id) { return std::uint32_t{1} << key_id; }

struct KindSpec {
  std::string_view name;           ///< for diagnostics ("pg column")
  const std::string_view* keys;    ///< canonical key names
  std::uint8_t count;
  std::uint32_t required;          ///< keys that must be present in a file
  std::uint32_t structural;        ///< keys always written when the kind's order lists them
  std::vector<std::uint8_t> default_order;  ///< drizzle-kit 0.31's order (key ids)
};

/// The spec of a kind.
const KindSpec& spec(Kind kind);

/// The key order used for one kind in one file; `listed` says which structural keys it writes.
struct KindOrder {
  std::vector<std::uint8_t> order;
  std::uint32_t listed = 0;
  bool fixed = false;  ///< set by the first instance met while reading
};

/// An object whose layout differs from its kind's order.
struct ObjectException {
  bool has_keys = false;            ///< `keys` replaces the kind's order
  std::vector<std::uint8_t> keys;   ///< the key ids exactly as in the file
  std::vector<std::pair<std::uint8_t, json::Value>> raws;  ///< values the model cannot hold, by key id

  const json::Value* raw(int key_id) const {
    for (const auto& [id, value] : raws) {
      if (id == key_id) return &value;
    }
    return nullptr;
  }
};

/// One node of the exception tree: its children by JSON key (array elements by their decimal index).
struct PathNode {
  std::map<std::string, std::unique_ptr<PathNode>, std::less<>> children;
  std::unique_ptr<ObjectException> exception;
  /// For maps whose keys are computed from the values (tables, columns, ...): the file key of the
  /// `occurrence`-th entry (0-based) whose computed key is `computed`, where they differ (a nameless sqlite
  /// primary key, a hand-edited key, two columns with the same name).
  struct KeyOverride {
    std::string computed;
    std::size_t occurrence = 0;
    std::string actual;
  };
  std::vector<KeyOverride> key_overrides;

  const PathNode* child(std::string_view key) const {
    auto it = children.find(key);
    return it == children.end() ? nullptr : it->second.get();
  }
  PathNode& make_child(std::string_view key) {
    auto it = children.find(key);
    if (it == children.end()) it = children.emplace(std::string(key), std::make_unique<PathNode>()).first;
    return *it->second;
  }
};

/// Cursor step that costs nothing when nothing is recorded below `node`.
inline const PathNode* child(const PathNode* node, std::string_view key) {
  return node == nullptr ? nullptr : node->child(key);
}
const PathNode* child(const PathNode* node, std::size_t index);

/// Replaces computed map keys by the file keys recorded under `map_node` (no-op without overrides).
void apply_key_overrides(const PathNode* map_node, std::vector<std::string>& keys);

/// The whitespace/token patches of the file `impl` was read from: `impl.patches`, or, while the source text is
/// kept, computed from it by reading it again and writing it unpatched (snapshot_json.cpp).
json::Patches find_patches(const SnapshotLayout::Impl& impl);

/// Counts of what a layout had to record (LayoutStats in snapshot_json.hpp).
LayoutStats count_layout(const SnapshotLayout::Impl& impl);

/// The keys to write for one object, in order, with raw values where the model has none.
struct EmitPlan {
  std::array<std::uint8_t, kMaxKeys> keys{};
  std::size_t count = 0;
  const ObjectException* exception = nullptr;
};

}  // namespace sleet::snapshot

namespace sleet::snapshot {

struct SnapshotLayout::Impl {
  Impl();
  std::array<KindOrder, kKindCount> orders;
  std::shared_ptr<const PathNode> root;  ///< null when the file had no exceptions
  json::Style style;
  /// Patches found when the layout was built (eager); empty while `source` is kept instead.
  json::Patches patches;
  /// The text this layout was read from, kept so that the whitespace check (write and compare with the
  /// text) runs only when a write does not give the text back as is; null for layouts not read from a file.
  std::shared_ptr<const std::string> source;

  /// Keys to write for an object of `kind` at `node` whose model has the keys in `present` (optional keys
  /// that are set, structural keys whose value is not the default, required keys).
  EmitPlan plan(Kind kind, const PathNode* node, std::uint32_t present) const;
};

}  // namespace sleet::snapshot
