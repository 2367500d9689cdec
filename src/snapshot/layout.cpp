// The kind table (key names, required/structural keys, drizzle-kit 0.31's default orders, from
// drizzle-reference.md 3.2/3.3), SnapshotLayout's special members, and the write plan of one object.
#include "snapshot/layout.hpp"

#include <initializer_list>
#include <string>

namespace sleet::snapshot {

namespace {

template <std::size_t N>
consteval std::uint32_t bits(const std::string_view (&names)[N], std::initializer_list<std::string_view> list) {
  std::uint32_t mask = 0;
  for (std::string_view name : list) mask |= bit(key(names, name));
  return mask;
}

template <std::size_t N>
KindSpec make(std::string_view name, const std::string_view (&names)[N], std::uint32_t required,
              std::uint32_t structural, std::initializer_list<std::string_view> order = {}) {
  KindSpec s{name, names, static_cast<std::uint8_t>(N), required, structural, {}};
  if (order.size() == 0) {
    for (std::size_t i = 0; i < N; ++i) s.default_order.push_back(static_cast<std::uint8_t>(i));
  } else {
    for (std::string_view k : order) {
      for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == k) s.default_order.push_back(static_cast<std::uint8_t>(i));
      }
    }
  }
  return s;
}

std::array<KindSpec, kKindCount> build_specs() {
  using namespace keys;
  constexpr std::uint32_t kColumnRequired = bits(kPgColumn, {"name", "type", "primaryKey", "notNull"});
  constexpr std::uint32_t kSqColumnRequired = bits(kSqColumn, {"name", "type", "primaryKey", "notNull"});
  constexpr std::uint32_t kIndexColumnRequired = bits(kIndexColumn, {"expression", "isExpression", "asc"});
  constexpr std::uint32_t kFkRequired = bits(kForeignKey, {"name", "tableFrom", "tableTo", "columnsFrom", "columnsTo"});
  std::array<KindSpec, kKindCount> s;
  auto at = [&](Kind k) -> KindSpec& { return s[static_cast<std::size_t>(k)]; };
  at(Kind::PgTop) = make("snapshot", kPgTop, bits(kPgTop, {"id", "prevId", "version", "dialect", "tables", "enums", "schemas"}),
                         bits(kPgTop, {"sequences", "roles", "policies", "views", "_meta"}));
  at(Kind::PgTable) = make("table", kPgTable,
                           bits(kPgTable, {"name", "schema", "columns", "indexes", "foreignKeys", "compositePrimaryKeys"}),
                           bits(kPgTable, {"uniqueConstraints", "policies", "checkConstraints", "isRLSEnabled"}));
  at(Kind::PgColumn) = make("column", kPgColumn, kColumnRequired, 0);
  at(Kind::PgViewColumn) = make("view column", kPgColumn, kColumnRequired, 0);
  at(Kind::PgIdentity) = make("identity", kIdentity, bits(kIdentity, {"type", "name", "schema"}), 0);
  at(Kind::PgGenerated) = make("generated", kGenerated, bits(kGenerated, {"as", "type"}), 0);
  at(Kind::PgIndex) = make("index", kPgIndex, bits(kPgIndex, {"name", "columns", "isUnique"}),
                           bits(kPgIndex, {"concurrently", "method", "with"}));
  at(Kind::PgIndexColumn) = make("index column", kIndexColumn, kIndexColumnRequired, bits(kIndexColumn, {"nulls"}));
  at(Kind::PgIndexExpression) = make("index expression", kIndexColumn, kIndexColumnRequired, bits(kIndexColumn, {"nulls"}),
                                     {"expression", "asc", "isExpression", "nulls", "opclass"});
  at(Kind::PgForeignKey) = make("foreign key", kForeignKey, kFkRequired, 0);
  at(Kind::PgPrimaryKey) = make("primary key", kPrimaryKey, bits(kPrimaryKey, {"columns"}), 0);
  at(Kind::PgUnique) = make("unique constraint", kPgUnique, bits(kPgUnique, {"name", "columns"}), 0);
  at(Kind::PgCheck) = make("check constraint", kCheck, bits(kCheck, {"name", "value"}), 0);
  at(Kind::PgPolicy) = make("policy", kPolicy, bits(kPolicy, {"name"}), 0);
  at(Kind::PgTopPolicy) = make("policy", kPolicy, bits(kPolicy, {"name"}), 0);
  at(Kind::PgEnum) = make("enum", kEnum, bits(kEnum, {"name", "schema", "values"}), 0);
  at(Kind::PgSequence) = make("sequence", kSequence, bits(kSequence, {"name", "schema"}), 0);
  at(Kind::PgRole) = make("role", kRole, bits(kRole, {"name"}), 0);
  at(Kind::PgView) = make("view", kPgView, bits(kPgView, {"columns", "name", "isExisting"}), 0);
  at(Kind::PgMeta) = make("_meta", kMeta, 0, bits(kMeta, {"schemas", "tables", "columns"}), {"columns", "schemas", "tables"});
  at(Kind::SqTop) = make("snapshot", kSqTop, bits(kSqTop, {"version", "dialect", "id", "prevId", "tables"}),
                         bits(kSqTop, {"views", "enums", "_meta", "internal"}));
  at(Kind::SqTable) = make("table", kSqTable,
                           bits(kSqTable, {"name", "columns", "indexes", "foreignKeys", "compositePrimaryKeys"}),
                           bits(kSqTable, {"uniqueConstraints", "checkConstraints"}));
  at(Kind::SqColumn) = make("column", kSqColumn, kSqColumnRequired, 0);
  at(Kind::SqViewColumn) = make("view column", kSqColumn, kSqColumnRequired, 0);
  at(Kind::SqGenerated) = make("generated", kGenerated, bits(kGenerated, {"as", "type"}), 0);
  at(Kind::SqIndex) = make("index", kSqIndex, bits(kSqIndex, {"name", "columns", "isUnique"}), 0);
  at(Kind::SqForeignKey) = make("foreign key", kForeignKey, kFkRequired, 0,
                                {"name", "tableFrom", "tableTo", "columnsFrom", "columnsTo", "onDelete", "onUpdate", "schemaTo"});
  at(Kind::SqPrimaryKey) = make("primary key", kPrimaryKey, bits(kPrimaryKey, {"columns"}), 0, {"columns", "name"});
  at(Kind::SqUnique) = make("unique constraint", kSqUnique, bits(kSqUnique, {"name", "columns"}), 0);
  at(Kind::SqCheck) = make("check constraint", kCheck, bits(kCheck, {"name", "value"}), 0);
  at(Kind::SqView) = make("view", kSqView, bits(kSqView, {"columns", "name", "isExisting"}), 0);
  at(Kind::SqMeta) = make("_meta", kMeta, 0, bits(kMeta, {"schemas", "tables", "columns"}));
  return s;
}

}  // namespace

const KindSpec& spec(Kind kind) {
  static const std::array<KindSpec, kKindCount> kSpecs = build_specs();
  return kSpecs[static_cast<std::size_t>(kind)];
}

const PathNode* child(const PathNode* node, std::size_t index) {
  if (node == nullptr) return nullptr;
  return node->child(std::to_string(index));
}

void apply_key_overrides(const PathNode* map_node, std::vector<std::string>& keys) {
  if (map_node == nullptr || map_node->key_overrides.empty()) return;
  std::vector<std::string> computed = keys;
  for (const PathNode::KeyOverride& o : map_node->key_overrides) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < computed.size(); ++i) {
      if (computed[i] != o.computed) continue;
      if (seen++ == o.occurrence) {
        keys[i] = o.actual;
        break;
      }
    }
  }
}

SnapshotLayout::Impl::Impl() {
  for (std::size_t i = 0; i < kKindCount; ++i) {
    const KindSpec& s = spec(static_cast<Kind>(i));
    orders[i].order = s.default_order;
    orders[i].listed = s.structural;
  }
}

EmitPlan SnapshotLayout::Impl::plan(Kind kind, const PathNode* node, std::uint32_t present) const {
  const KindSpec& s = spec(kind);
  const KindOrder& ko = orders[static_cast<std::size_t>(kind)];
  present |= s.required;
  EmitPlan p;
  const ObjectException* exc = node == nullptr ? nullptr : node->exception.get();
  p.exception = exc;
  if (exc != nullptr && exc->has_keys) {
    std::uint32_t written = 0;
    for (std::uint8_t k : exc->keys) {
      if ((present & bit(k)) != 0 || (s.structural & bit(k)) != 0 || exc->raw(k) != nullptr) {
        p.keys[p.count++] = k;
        written |= bit(k);
      }
    }
    for (std::uint8_t k : ko.order) {
      if ((present & bit(k)) != 0 && (written & bit(k)) == 0) p.keys[p.count++] = k;
    }
    return p;
  }
  for (std::uint8_t k : ko.order) {
    if ((present & bit(k)) != 0 || (s.structural & ko.listed & bit(k)) != 0 ||
        (exc != nullptr && exc->raw(k) != nullptr)) {
      p.keys[p.count++] = k;
    }
  }
  return p;
}

namespace {

void count_node(const PathNode& node, LayoutStats& stats) {
  if (node.exception) {
    if (node.exception->has_keys) ++stats.exceptions;
    stats.raw_values += node.exception->raws.size();
  }
  stats.key_overrides += node.key_overrides.size();
  for (const auto& [name, sub] : node.children) count_node(*sub, stats);
}

}  // namespace

LayoutStats count_layout(const SnapshotLayout::Impl& impl) {
  LayoutStats stats;
  for (std::size_t i = 0; i < kKindCount; ++i) {
    if (impl.orders[i].order != spec(static_cast<Kind>(i)).default_order ||
        impl.orders[i].listed != spec(static_cast<Kind>(i)).structural) {
      ++stats.kinds_reordered;
    }
  }
  if (impl.root) count_node(*impl.root, stats);
  for (const json::Patch& p : find_patches(impl).list) {
    if (p.whitespace) ++stats.whitespace_patches;
    else ++stats.token_patches;
  }
  stats.default_style = impl.style == json::Style{};
  return stats;
}

LayoutStats layout_stats(const SnapshotLayout& layout) { return count_layout(*layout.impl()); }

SnapshotLayout::SnapshotLayout() : impl_(std::make_unique<Impl>()) {}
SnapshotLayout::~SnapshotLayout() = default;
SnapshotLayout::SnapshotLayout(const SnapshotLayout& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
SnapshotLayout& SnapshotLayout::operator=(const SnapshotLayout& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
SnapshotLayout::SnapshotLayout(SnapshotLayout&&) noexcept = default;
SnapshotLayout& SnapshotLayout::operator=(SnapshotLayout&&) noexcept = default;

}  // namespace sleet::snapshot
