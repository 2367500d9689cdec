// meta/_journal.json: drizzle's ordered list of migrations. Reading keeps the key order of the file so that
// unknown top-level keys survive a rewrite; writing is JSON.stringify(journal, null, 2) byte for byte
// (2-space indent, no trailing newline), or the compact form drizzle writes for a new, empty journal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "schema/schema.hpp"

namespace sleet::snapshot {

struct JournalEntry {
  std::int64_t idx = 0;
  std::string version;   ///< the snapshot version: "7" pg, "6" sqlite
  std::int64_t when = 0; ///< ms since epoch; what the tracking table stores in created_at
  std::string tag;       ///< file stem of the SQL file
  bool breakpoints = true;
  bool operator==(const JournalEntry&) const = default;
};

struct Journal {
  std::string version = "7";       ///< journal format, always "7"
  std::string dialect;             ///< as written: "postgresql", "pg" (legacy), "sqlite", "turso", ...
  std::vector<JournalEntry> entries;
  /// Top-level keys other than version/dialect/entries, kept verbatim (raw JSON text) in file order.
  std::vector<std::pair<std::string, std::string>> extra_keys;
  bool operator==(const Journal&) const = default;
};

/// Parses journal text. `file` names the file in errors. Malformed JSON or a wrong shape fails with
/// ErrorCode::Journal and a span (file, line, column).
Result<Journal> parse_journal(std::string_view text, const std::string& file);

/// Reads and parses `path`; a missing file fails with ErrorCode::Journal naming the path.
Result<Journal> read_journal(const std::filesystem::path& path);

/// JSON.stringify(journal, null, 2): key order version, dialect, entries (then extra keys in their order),
/// entries as {idx, version, when, tag, breakpoints}; no trailing newline.
std::string write_journal(const Journal& journal);

/// The compact form drizzle writes when it creates a journal: {"version":"7","dialect":"x","entries":[]}.
std::string write_empty_journal_compact(std::string_view dialect);

/// Maps a journal dialect name to the schema dialect: "postgresql" and legacy "pg" -> Postgres; "sqlite",
/// "turso" -> Sqlite. Anything else fails with ErrorCode::Config naming the dialect.
Result<schema::Dialect> journal_dialect(std::string_view name);

}  // namespace sleet::snapshot
