// Drizzle snapshot JSON (meta/NNNN_snapshot.json) <-> the schema model, for postgresql version "7" and
// sqlite version "6". Writing what was read gives the same bytes: the key order of every object as it was
// in the file is kept in a SnapshotLayout beside the model (the model itself holds no JSON layout).
// Snapshots written from scratch use drizzle-kit 0.31's key orders. Older versions are rejected with a
// message that names the file and says that `sleet up` upgrades it.
#pragma once

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

/// Serialises like JSON.stringify(snapshot, null, 2), no trailing newline, honouring `snapshot.layout`.
std::string write_snapshot(const Snapshot& snapshot);

}  // namespace sleet::snapshot
