// custom_snapshot: the snapshot drizzle-kit writes for `generate --custom` (drizzle-reference 1.2), built by
// rearranging the previous snapshot's layout: ids first, `_meta` reset, default whitespace.
#include <algorithm>

#include "snapshot/layout.hpp"

namespace sleet::snapshot {

namespace {

Kind top_kind(schema::Dialect dialect) { return dialect == schema::Dialect::Postgres ? Kind::PgTop : Kind::SqTop; }
template <std::size_t N>
std::uint8_t key_id(const std::string_view (&names)[N], std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<std::uint8_t>(i);
  return 0;
}

Kind meta_kind(schema::Dialect dialect) { return dialect == schema::Dialect::Postgres ? Kind::PgMeta : Kind::SqMeta; }

}  // namespace

Snapshot custom_snapshot(const Snapshot* previous, schema::Dialect dialect, std::string id, std::string prev_id) {
  Snapshot custom;
  custom.id = std::move(id);
  custom.prev_id = std::move(prev_id);
  custom.version = dialect == schema::Dialect::Postgres ? "7" : "6";
  custom.database.dialect = dialect;
  SnapshotLayout::Impl& impl = *custom.layout.impl();
  const Kind top = top_kind(dialect);
  KindOrder& top_order = impl.orders[static_cast<std::size_t>(top)];
  const bool pg = dialect == schema::Dialect::Postgres;
  const std::uint8_t id_key = pg ? key_id(keys::kPgTop, "id") : key_id(keys::kSqTop, "id");
  const std::uint8_t prev_key = pg ? key_id(keys::kPgTop, "prevId") : key_id(keys::kSqTop, "prevId");

  if (previous != nullptr && previous->database.dialect == dialect) {
    custom.version = previous->version;
    custom.database = previous->database;
    const SnapshotLayout::Impl& from = *previous->layout.impl();
    impl.orders = from.orders;
    // Nested exceptions survive unless the top object or _meta itself was an exception (then they are
    // rebuilt from the kind orders, which only loses oddities of hand-edited files).
    if (from.root && !from.root->exception && !from.root->child("_meta")) impl.root = from.root;
  } else {
    // drizzle's in-memory empty snapshot, spread after the ids.
    if (dialect == schema::Dialect::Postgres) {
      top_order.order.clear();
      for (const char* name : {"id", "prevId", "version", "dialect", "tables", "enums", "schemas", "views",
                               "sequences", "roles", "policies", "_meta"})
        top_order.order.push_back(key_id(keys::kPgTop, name));
    }
    top_order.listed &= ~bit(pg ? key_id(keys::kPgTop, "internal") : key_id(keys::kSqTop, "internal"));
  }
  // {id, prevId, ...rest}: the ids move to the front, the rest keeps its order.
  std::vector<std::uint8_t> reordered = {id_key, prev_key};
  for (std::uint8_t k : top_order.order)
    if (k != id_key && k != prev_key) reordered.push_back(k);
  top_order.order = std::move(reordered);
  KindOrder& meta = impl.orders[static_cast<std::size_t>(meta_kind(dialect))];
  meta.order = {key_id(keys::kMeta, "columns"), key_id(keys::kMeta, "schemas"), key_id(keys::kMeta, "tables")};
  custom.database.renames = {};
  return custom;
}

}  // namespace sleet::snapshot
