// Writing a new migration into a drizzle-layout folder: `<tag>.sql`, `meta/<prefix>_snapshot.json` and the
// journal entry, all three or none; and finding the snapshot the next diff starts from.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "snapshot/journal.hpp"
#include "snapshot/snapshot_json.hpp"

namespace sleet::migrate {

struct LatestSnapshot {
  std::filesystem::path path;
  snapshot::Snapshot snapshot;
};

/// The snapshot of the journal's last entry (`meta/<prefix>_snapshot.json`, prefix = the tag up to its first
/// `_`), or nullopt when the folder, its journal or its entries are absent (an empty history). Unlike
/// drizzle-kit (lexicographically last file in meta/) this follows the journal, so prefix `none` and index
/// prefixes past 9999 work. A journal entry whose snapshot is missing fails with ErrorCode::Journal.
Result<std::optional<LatestSnapshot>> read_latest_snapshot(const std::filesystem::path& dir);
/// The path read_latest_snapshot() would read (same errors, without reading the snapshot).
Result<std::optional<std::filesystem::path>> latest_snapshot_path(const std::filesystem::path& dir);

struct NewMigration {
  std::filesystem::path dir;     ///< the migrations folder (created if missing)
  std::string dialect;           ///< journal dialect for a new journal: "postgresql" or "sqlite"
  std::string sql;               ///< the file's exact content
  snapshot::Snapshot snapshot;   ///< id and prev_id already set by the caller
  /// The snapshot's JSON, when the caller wrote it already (then only `snapshot.version` is read).
  std::optional<std::string> snapshot_json;
  std::string prefix = "index";  ///< index | timestamp | supabase | unix | none
  std::optional<std::string> name;  ///< the tag suffix; random adjective_noun when absent
  bool breakpoints = true;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

struct WrittenMigration {
  snapshot::JournalEntry entry;
  std::filesystem::path sql_path;
  std::filesystem::path snapshot_path;
  std::filesystem::path journal_path;
};

/// The tag prefix for `mode` (drizzle-reference 1.1): index -> idx padded to 4 digits; timestamp/supabase ->
/// UTC YYYYMMDDHHMMSS; unix -> seconds; none -> "".
std::string tag_prefix(std::string_view mode, std::int64_t idx, std::chrono::system_clock::time_point now);

/// Writes the SQL file, then the snapshot, then the journal (the commit point), each atomically; when a later
/// write fails the earlier files are removed, so the folder is left as it was. Refuses (ErrorCode::Journal) to
/// overwrite an existing SQL or snapshot file.
Result<WrittenMigration> write_new_migration(const NewMigration& request);

}  // namespace sleet::migrate
