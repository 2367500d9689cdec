// The migrations folder as drizzle lays it out: meta/_journal.json, one <tag>.sql per journal entry, and
// meta/<prefix>_snapshot.json. Reading it loads the journal and every entry's SQL (its bytes, drizzle's
// sha256 hash and the statements split on breakpoints); snapshots are read only by the commands that need
// them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
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
/// naming the path (`no file drizzle/0003_x.sql for journal entry 3 (0003_x)`); malformed journal JSON names
/// file, line and column. A folder in drizzle's old v1 layout (entries named with 14 digits) fails with
/// ErrorCode::Journal asking to run `drizzle-kit up`, as drizzle-kit does. A missing `dir` fails with
/// ErrorCode::Journal naming it.
Result<MigrationFolder> read_migration_folder(const std::filesystem::path& dir);

/// The hash drizzle-orm stores for a migration file: sha256 hex of the file decoded as UTF-8 and re-encoded
/// (Node's `readFileSync().toString()`). For valid UTF-8 this is the hash of the bytes; ill-formed sequences
/// are replaced by U+FFFD first, exactly as Node's decoder does (WHATWG "maximal subpart" rule).
std::string migration_hash(std::string_view bytes);

/// The first entry of `dir` named with exactly 14 digits (drizzle's pre-journal v1 layout), or "" if none.
std::string find_v1_entry(const std::filesystem::path& dir);

}  // namespace sleet::migrate
