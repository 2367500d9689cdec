// Schema sources: where a desired or previous schema comes from. SQL DDL files (files, directories of *.sql,
// globs), a snapshot JSON file, a migrations folder (its latest snapshot), or `empty`. Loading turns any of
// them into the schema model of one dialect. (Database URLs join with introspection.)
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/source_span.hpp"
#include "schema/schema.hpp"
#include "snapshot/snapshot_json.hpp"

namespace sleet::app {

/// Expands schema patterns (relative to `base_dir`): a file; a directory (every *.sql below it, sorted by
/// path); a glob (`db/*.sql`, sorted). A pattern that names nothing fails with ErrorCode::Config.
Result<std::vector<std::filesystem::path>> expand_schema_paths(const std::vector<std::string>& patterns,
                                                               const std::filesystem::path& base_dir);

struct LoadedSchema {
  schema::Database database;
  /// When the source was a snapshot (file or migrations folder): that snapshot, for its id and layout.
  std::optional<snapshot::Snapshot> snapshot;
  std::vector<std::pair<SourceSpan, std::string>> warnings;  ///< statements sleet ignored (file:line, what)
  std::string description;  ///< for messages: "schema.sql", "drizzle/meta/0003_snapshot.json", "empty"
};

struct LoadOptions {
  bool strict = false;  ///< unmanaged statements are errors, not warnings
};

/// Loads SQL schema files of `dialect`.
Result<LoadedSchema> load_schema_files(const std::vector<std::string>& patterns, const std::filesystem::path& base_dir,
                                       schema::Dialect dialect, const LoadOptions& options);

/// Loads one `--from`/`--to` source: "empty", a snapshot .json, a migrations folder (has meta/_journal.json;
/// its latest snapshot, or empty), or SQL files/directories/globs. A snapshot of another dialect than
/// `dialect` is an ErrorCode::Config error.
Result<LoadedSchema> load_source(const std::string& source, const std::filesystem::path& base_dir,
                                 schema::Dialect dialect, const LoadOptions& options);

/// The dialect a source implies by itself (a snapshot says which it is), if any.
std::optional<schema::Dialect> source_dialect(const std::string& source, const std::filesystem::path& base_dir);

}  // namespace sleet::app
