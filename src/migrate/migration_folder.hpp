// The migrations folder as drizzle lays it out: meta/_journal.json, one <tag>.sql per journal entry, and
// meta/<prefix>_snapshot.json. Reading it loads the journal and every entry's SQL (its bytes, drizzle's
// sha256 hash and the statements split on breakpoints); snapshots are read only by the commands that need
// them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "snapshot/journal.hpp"

namespace sleet::migrate {

struct MigrationFile {
  snapshot::JournalEntry entry;
  std::filesystem::path sql_path;
  std::string sql;                      ///< the file's bytes
  std::string hash;                     ///< lowercase hex sha256 of the bytes, as drizzle-orm stores it
  std::vector<std::string> statements;  ///< split exactly as drizzle-orm's migrator splits
};

struct MigrationFolder {
  std::filesystem::path dir;
  snapshot::Journal journal;
  std::vector<MigrationFile> migrations;  ///< in journal order
};

/// Reads `dir`. A missing `meta/_journal.json` or a missing `<tag>.sql` fails with ErrorCode::Journal
/// naming the path; malformed journal JSON names file, line and column.
Result<MigrationFolder> read_migration_folder(const std::filesystem::path& dir);

}  // namespace sleet::migrate
