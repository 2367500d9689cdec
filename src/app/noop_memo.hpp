// generate's memo of "nothing to migrate". Loading a large schema and its latest snapshot to find that they
// agree takes most of a no-op `sleet generate` (pre-commit hooks and watch loops run it constantly); the
// answer depends only on the bytes of the schema files and of that snapshot, the dialect, the options and the
// sleet binary. So after a full run finds no change, the memo records a SHA-256 key over exactly those inputs,
// with the warnings the run printed, in `<base_dir>/.sleet/cache/`; a later run with the same key answers
// from it. Any change to any input is a different key: a miss, and the full run. The memo is an optimisation
// only: it is never required, unreadable or unwritable memo files are ignored, and `--no-cache` bypasses it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/source_span.hpp"
#include "schema/schema.hpp"

namespace sleet::app {

using Warnings = std::vector<std::pair<SourceSpan, std::string>>;

/// The key of one no-op question; nullopt when any input cannot be read (then the memo is not used).
struct NoopKeyInputs {
  schema::Dialect dialect = schema::Dialect::Sqlite;
  bool strict = false;
  std::vector<std::filesystem::path> schema_files;  ///< expanded, in load order
  std::filesystem::path base_dir;                   ///< schema file names in messages are relative to it
  std::filesystem::path latest_snapshot;
};
std::optional<std::string> noop_key(const NoopKeyInputs& inputs);

/// The memo folder for a project.
std::filesystem::path noop_memo_dir(const std::filesystem::path& base_dir);

/// The warnings recorded under `key`, if the memo has it.
std::optional<Warnings> find_noop(const std::filesystem::path& memo_dir, const std::string& key);

/// Records that `key` is a no-op with these warnings; keeps the most recent kNoopMemoEntries entries. Never
/// fails (a memo that cannot be written is simply not there next time).
void remember_noop(const std::filesystem::path& memo_dir, const std::string& key, const Warnings& warnings);

inline constexpr std::size_t kNoopMemoEntries = 32;

}  // namespace sleet::app
