// The `generate`, `diff` and `export` use cases: load two schemas, plan the statements that turn one into the
// other with the dialect's differ and renderer, and (generate) write the migration. Data in, data out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/rename_answers.hpp"
#include "app/schema_source.hpp"
#include "migrate/new_migration.hpp"

namespace sleet::app {

struct RenameOptions {
  std::vector<std::string> flags;  ///< --rename values
  bool no_renames = false;
  diff::RenameResolver* interactive = nullptr;  ///< a TTY prompt; null without a terminal
};

struct PlannedSql {
  std::string sql;
  bool destructive = false;
};

struct SchemaChange {
  LoadedSchema from;
  LoadedSchema to;
  std::vector<PlannedSql> statements;
  std::string text;  ///< the statements joined as the migration file would be
  std::vector<std::string> unused_rename_flags;
};

struct DiffRequest {
  std::string from = "empty";
  std::string to;
  RenameOptions renames;
  bool strict = false;
};

/// `sleet diff`: the exact text `generate` would write for from -> to (joined per config.breakpoints).
/// The dialect is config.dialect, or (when that is only the default) what a snapshot source says.
Result<SchemaChange> run_diff(const Config& config, const DiffRequest& request);

struct ExportRequest {
  bool strict = false;
};

/// `sleet export`: the full DDL of the configured schema (diff from empty, statements joined with "\n").
Result<SchemaChange> run_export(const Config& config, const ExportRequest& request);

struct GenerateRequest {
  std::optional<std::string> name;
  bool custom = false;
  RenameOptions renames;
  bool strict = false;
  /// Answer a no-op from the project's memo when the same inputs were a no-op before (noop_memo.hpp), and
  /// record new no-ops there. Off by default for library callers, who get the loaded models.
  bool use_noop_memo = false;
};

struct GenerateReport {
  SchemaChange change;
  std::optional<migrate::WrittenMigration> written;  ///< absent: nothing to do, nothing written
  /// The no-op answer came from the memo: `change` then holds only the warnings (no models, no statements).
  bool from_memo = false;
};

/// `sleet generate`: the configured schema against the folder's latest snapshot; writes `<tag>.sql`, its
/// snapshot and the journal entry (all or none). No changes and not custom: nothing is written.
Result<GenerateReport> run_generate(const Config& config, const GenerateRequest& request);

}  // namespace sleet::app
