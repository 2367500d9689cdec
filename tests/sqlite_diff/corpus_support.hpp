// Helpers of the sqlite_diff golden tests: where the shared corpus is, reading snapshots into models, running the
// SQLite planner to a list of statement strings, and rename answers given as sleet's --rename flags.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diff/rename_resolver.hpp"
#include "schema/schema.hpp"

namespace sleet::testing {

/// ${SLEET_SOURCE_DIR}/../shared/corpus.
std::filesystem::path corpus_dir();

/// Whole file as a string ("" when missing).
std::string read_text(const std::filesystem::path& path);

/// The model of a snapshot file; false when it does not parse (message in `error`).
bool load_snapshot(const std::filesystem::path& path, schema::Database& out, std::string& error);

/// sqlite::plan_migration's statement texts, or {"<error: ...>"} when planning fails.
std::vector<std::string> plan_statements(const schema::Database& from, const schema::Database& to,
                                         diff::RenameResolver& resolver);

/// The lines of a case's `flags` file (`--rename=KIND:FROM=TO`, `--no-renames`), empty when there is none.
std::vector<std::string> read_flags(const std::filesystem::path& file);

/// "" when equal, else a description of the first difference.
std::string first_difference(const std::vector<std::string>& expected, const std::vector<std::string>& actual);

}  // namespace sleet::testing
