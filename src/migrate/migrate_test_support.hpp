// Helpers shared by the unit tests of migrate/ (not part of the library): building MigrationFile and
// MigrationFolder values the way read_migration_folder would, and a temporary directory for folder tests.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "migrate/migration_folder.hpp"
#include "sql/breakpoints.hpp"

namespace sleet::migrate::test {

/// A MigrationFile as read_migration_folder builds it from `sql`.
inline MigrationFile make_file(const std::string& tag, std::int64_t when, const std::string& sql,
                               std::int64_t idx = 0) {
  MigrationFile file;
  file.entry.idx = idx;
  file.entry.version = "7";
  file.entry.when = when;
  file.entry.tag = tag;
  file.sql_path = "drizzle/" + tag + ".sql";
  file.sql = sql;
  file.hash = migration_hash(sql);
  file.statements = sql::split_breakpoints(sql);
  return file;
}

/// A folder of `files` (idx renumbered 0..n-1) for `dialect_name` ("postgresql" / "sqlite").
inline MigrationFolder make_folder(std::vector<MigrationFile> files, const std::string& dialect_name) {
  MigrationFolder folder;
  folder.dir = "drizzle";
  folder.journal.dialect = dialect_name;
  for (std::size_t i = 0; i < files.size(); ++i) {
    files[i].entry.idx = static_cast<std::int64_t>(i);
    folder.journal.entries.push_back(files[i].entry);
  }
  folder.migrations = std::move(files);
  return folder;
}

/// A fresh directory under the system temp dir, removed with its contents by the destructor.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sleet-migrate-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `bytes` to `relative` (creating parent folders).
  void write(const std::filesystem::path& relative, const std::string& bytes) const {
    std::filesystem::path full = path_ / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary);
    out << bytes;
  }

 private:
  std::filesystem::path path_;
};

/// A journal text with entries {tag, when}, idx 0.., version "7" (pg) or "6" (sqlite).
inline std::string journal_json(const std::string& dialect_name,
                                const std::vector<std::pair<std::string, std::int64_t>>& entries) {
  std::string version = dialect_name == "sqlite" ? "6" : "7";
  std::string out = "{\n  \"version\": \"7\",\n  \"dialect\": \"" + dialect_name + "\",\n  \"entries\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += "    {\n      \"idx\": " + std::to_string(i) + ",\n      \"version\": \"" + version +
           "\",\n      \"when\": " + std::to_string(entries[i].second) + ",\n      \"tag\": \"" + entries[i].first +
           "\",\n      \"breakpoints\": true\n    }";
  }
  out += entries.empty() ? "]\n}" : "\n  ]\n}";
  return out;
}

}  // namespace sleet::migrate::test
