// meta/_journal.json: drizzle's ordered list of migrations. Reading keeps the key order of the file so that
// unknown top-level keys survive a rewrite; writing is JSON.stringify(journal, null, 2) byte for byte
// (2-space indent, no trailing newline), or the compact form drizzle writes for a new, empty journal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
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

/// How a journal file was formatted (key order, whitespace), so that rewriting it changes only what changed.
/// Default-constructed = JSON.stringify(journal, null, 2). Formatting never affects equality.
class JournalLayout {
 public:
  struct Impl;
  JournalLayout() = default;
  explicit JournalLayout(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  const Impl* impl() const { return impl_.get(); }
  bool operator==(const JournalLayout&) const { return true; }

 private:
  std::shared_ptr<const Impl> impl_;  // immutable once parsed; copies share it
};

struct Journal {
  std::string version = "7";       ///< journal format, always "7"
  std::string dialect;             ///< as written: "postgresql", "pg" (legacy), "sqlite", "turso", ...
  std::vector<JournalEntry> entries;
  /// Top-level keys other than version/dialect/entries, in file order, each with its value as JSON text
  /// (JSON.stringify(value, null, 2)); written back at the right depth.
  std::vector<std::pair<std::string, std::string>> extra_keys;
  /// Formatting of the file this was read from (kept by write_journal). Assign JournalLayout() to get
  /// exactly what drizzle-kit writes after it changed a journal: JSON.stringify(journal, null, 2).
  JournalLayout layout;
  bool operator==(const Journal&) const = default;
};

/// Parses journal text. `file` names the file in errors. Malformed JSON or a wrong shape fails with
/// ErrorCode::Journal and a span (file, line, column).
Result<Journal> parse_journal(std::string_view text, const std::string& file);

/// Reads and parses `path`; a missing file fails with ErrorCode::Journal naming the path.
Result<Journal> read_journal(const std::filesystem::path& path);

/// JSON.stringify(journal, null, 2): key order version, dialect, entries (then extra keys in their order),
/// entries as {idx, version, when, tag, breakpoints}; no trailing newline. A journal read from a file keeps
/// that file's key orders and whitespace (tabs, trailing newline, compact form); hand-made whitespace is
/// restored only while the journal has as many values as the file had.
std::string write_journal(const Journal& journal);

/// The compact form drizzle writes when it creates a journal: {"version":"7","dialect":"x","entries":[]}.
std::string write_empty_journal_compact(std::string_view dialect);

/// Maps a journal dialect name to the schema dialect: "postgresql" and legacy "pg" -> Postgres; "sqlite",
/// "turso" -> Sqlite. Anything else fails with ErrorCode::Config naming the dialect.
Result<schema::Dialect> journal_dialect(std::string_view name);

}  // namespace sleet::snapshot
