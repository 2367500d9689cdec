// Drizzle snapshot JSON (meta/NNNN_snapshot.json) <-> the schema model, for postgresql version "7" and
// sqlite version "6". Writing what was read gives the same bytes: the key order of every object as it was
// in the file is kept in a SnapshotLayout beside the model (the model itself holds no JSON layout).
// Snapshots written from scratch use drizzle-kit 0.31's key orders. The layout also keeps what the model cannot
// hold (a sqlite `"default": null`, a pg `internal` object, hand-edited map keys) and the file's whitespace style
// (prettier/biome short arrays, tabs, trailing newline). Older versions are rejected with a message that names
// the file and says that `sleet up` upgrades it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "schema/schema.hpp"

namespace sleet::snapshot {

/// Opaque record of how a particular snapshot file was laid out (key orders, keys that were absent).
/// Default-constructed = drizzle-kit 0.31's layout for a freshly generated snapshot.
class SnapshotLayout {
 public:
  SnapshotLayout();
  ~SnapshotLayout();
  SnapshotLayout(const SnapshotLayout&);
  SnapshotLayout& operator=(const SnapshotLayout&);
  SnapshotLayout(SnapshotLayout&&) noexcept;
  SnapshotLayout& operator=(SnapshotLayout&&) noexcept;

  struct Impl;
  Impl* impl() const { return impl_.get(); }

 private:
  std::unique_ptr<Impl> impl_;
};

/// What a layout had to record beyond drizzle-kit 0.31's defaults, for tests and diagnostics.
struct LayoutStats {
  std::size_t kinds_reordered = 0;     ///< object kinds whose key order differs from drizzle-kit 0.31's
  std::size_t exceptions = 0;          ///< objects laid out unlike the rest of their kind
  std::size_t raw_values = 0;          ///< values kept verbatim because the model cannot hold them
  std::size_t key_overrides = 0;       ///< map keys that are not the ones computed from the value
  std::size_t whitespace_patches = 0;  ///< whitespace no formatting style explains (hand edits)
  std::size_t token_patches = 0;       ///< strings or numbers spelled unlike JSON.stringify would
  bool default_style = true;           ///< JSON.stringify(x, null, 2) whitespace, no trailing newline
};

/// Counts what `layout` records (all zero / default for a default-constructed layout).
LayoutStats layout_stats(const SnapshotLayout& layout);

/// The origin id drizzle uses as prevId of the first snapshot.
inline constexpr std::string_view kOriginId = "00000000-0000-0000-0000-000000000000";

struct Snapshot {
  std::string id;
  std::string prev_id;
  std::string version;  ///< "7" (postgresql) or "6" (sqlite)
  schema::Database database;  ///< database.dialect says which format
  SnapshotLayout layout;
};

/// Parses snapshot text; `file` names the file in errors. Malformed JSON fails with ErrorCode::Journal and a
/// span (file:line:column); a wrong shape names the JSON path; an older version fails with
/// ErrorCode::Journal: "<file>: snapshot version N is older than M; run `sleet up` to upgrade it".
Result<Snapshot> parse_snapshot(std::string_view text, const std::string& file);

/// Reads and parses a snapshot file.
Result<Snapshot> read_snapshot(const std::filesystem::path& path);

/// Serialises like JSON.stringify(snapshot, null, 2), no trailing newline, honouring `snapshot.layout`:
/// write_snapshot(*parse_snapshot(text, f)) == text for every drizzle-written file (tests/snapshot checks the
/// whole corpus). Objects added to the model after reading follow their kind's order in that file.
std::string write_snapshot(const Snapshot& snapshot);

}  // namespace sleet::snapshot

namespace sleet::snapshot {

/// drizzle-kit's snapshot for `generate --custom`: `previous` (or drizzle's empty snapshot of `dialect` when
/// there is none) with new `id`/`prev_id`, written as `{id, prevId, ...previous}`: those two keys first, the
/// rest in the previous file's order, `_meta` reset to {"columns":{},"schemas":{},"tables":{}}, sqlite's
/// `internal` left out when the previous snapshot had none, JSON.stringify's 2-space style.
Snapshot custom_snapshot(const Snapshot* previous, schema::Dialect dialect, std::string id, std::string prev_id);

}  // namespace sleet::snapshot
