// run_diff / run_export / run_generate.
#include "app/schema_change.hpp"

#include <fmt/format.h>

#include <future>

#include "app/migrate_command.hpp"
#include "app/noop_memo.hpp"
#include "core/uuid.hpp"
#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/plan_migration.hpp"
#include "dialect/sqlite/plan_migration.hpp"
#include "sql/breakpoints.hpp"

namespace sleet::app {

namespace {

/// drizzle-kit's text of an untouched `generate --custom` migration.
constexpr std::string_view kCustomMigrationSql = "-- Custom SQL migration file, put your code below! --";

/// A schema loaded from SQL carries canonical expressions; a snapshot only the text drizzle wrote. When the two
/// meet, the snapshot side is canonicalised too, so reformatting an expression in the SQL is not a change.
/// Two snapshots are compared by text, exactly as drizzle-kit compares them.
void align_expressions(LoadedSchema& from, LoadedSchema& to) {
  if (to.database.dialect != schema::Dialect::Postgres) return;
  bool from_sql = !from.snapshot && from.description != "empty";
  bool to_sql = !to.snapshot && to.description != "empty";
  if (!from_sql && !to_sql) return;
  pg::canonicalize_expressions(from.database);
  pg::canonicalize_expressions(to.database);
}

/// `sqlite_renames` (optional) receives the renames of a SQLite plan, which drizzle-kit records in the new
/// snapshot's `_meta`.
Result<std::vector<PlannedSql>> plan(const schema::Database& from, const schema::Database& to,
                                     const RenameOptions& options, std::vector<std::string>& unused_flags,
                                     schema::RenameMaps* sqlite_renames = nullptr) {
  std::vector<RenameAnswer> answers;
  for (const auto& flag : options.flags) {
    auto answer = parse_rename_flag(flag);
    if (!answer) return std::move(answer).error();
    answers.push_back(std::move(*answer));
  }
  FlagRenameResolver resolver(std::move(answers), options.no_renames, options.interactive);
  std::vector<PlannedSql> statements;
  if (to.dialect == schema::Dialect::Postgres) {
    auto planned = pg::plan_migration(from, to, resolver);
    if (!planned) return std::move(planned).error();
    if (!resolver.unanswered().empty()) return resolver.unanswered_error();
    for (auto& statement : planned->statements) statements.push_back({std::move(statement.sql), statement.destructive});
  } else {
    auto planned = sqlite::plan_migration(from, to, resolver);
    if (!planned) return std::move(planned).error();
    if (!resolver.unanswered().empty()) return resolver.unanswered_error();
    for (auto& statement : planned->statements) statements.push_back({std::move(statement.sql), statement.destructive});
    if (sqlite_renames != nullptr) *sqlite_renames = std::move(planned->renames);
  }
  unused_flags = resolver.unused_flags();
  return statements;
}

std::string join(const std::vector<PlannedSql>& statements, bool breakpoints) {
  std::vector<std::string> texts;
  texts.reserve(statements.size());
  for (const auto& statement : statements) texts.push_back(statement.sql);
  return sql::join_statements(texts, breakpoints);
}

schema::Dialect pick_dialect(const Config& config, const std::vector<std::string>& sources) {
  if (!config.dialect_is_default) return config.dialect;
  for (const auto& source : sources) {
    if (auto dialect = source_dialect(source, config.base_dir)) return *dialect;
  }
  return config.dialect;
}

/// What decides whether generate is a no-op, when the memo may answer: not for --custom (always writes), not
/// with rename flags (a no-op reports them unused), not without a previous snapshot.
std::optional<NoopKeyInputs> noop_inputs(const Config& config, const GenerateRequest& request,
                                         const std::filesystem::path& dir) {
  if (!request.use_noop_memo || request.custom || !request.renames.flags.empty()) return std::nullopt;
  auto latest = migrate::latest_snapshot_path(dir);
  if (!latest || !*latest) return std::nullopt;
  auto files = expand_schema_paths(config.schema, config.base_dir);
  if (!files) return std::nullopt;
  return NoopKeyInputs{config.dialect, request.strict, std::move(*files), config.base_dir, std::move(**latest)};
}

}  // namespace

Result<SchemaChange> run_diff(const Config& config, const DiffRequest& request) {
  schema::Dialect dialect = pick_dialect(config, {request.from, request.to});
  LoadOptions options{request.strict};
  SchemaChange change;
  auto from = load_source(request.from, config.base_dir, dialect, options);
  if (!from) return std::move(from).error().with_context("--from " + request.from);
  auto to = load_source(request.to, config.base_dir, dialect, options);
  if (!to) return std::move(to).error().with_context("--to " + request.to);
  change.from = std::move(*from);
  change.to = std::move(*to);
  align_expressions(change.from, change.to);
  auto statements = plan(change.from.database, change.to.database, request.renames, change.unused_rename_flags);
  if (!statements) return std::move(statements).error();
  change.statements = std::move(*statements);
  change.text = join(change.statements, config.breakpoints);
  return change;
}

Result<SchemaChange> run_export(const Config& config, const ExportRequest& request) {
  SchemaChange change;
  change.from.database.dialect = config.dialect;
  change.from.description = "empty";
  auto to = load_schema_files(config.schema, config.base_dir, config.dialect, LoadOptions{request.strict});
  if (!to) return std::move(to).error();
  change.to = std::move(*to);
  auto statements = plan(change.from.database, change.to.database, {}, change.unused_rename_flags);
  if (!statements) return std::move(statements).error();
  change.statements = std::move(*statements);
  change.text = join(change.statements, false);
  return change;
}

Result<GenerateReport> run_generate(const Config& config, const GenerateRequest& request) {
  GenerateReport report;
  const std::filesystem::path dir = migrations_dir(config);
  // A no-op answered before for exactly these inputs needs neither the schema nor the snapshot loaded.
  std::optional<std::string> memo_key;
  auto memo_inputs = noop_inputs(config, request, dir);
  if (memo_inputs) memo_key = noop_key(*memo_inputs);
  if (memo_key) {
    if (auto warnings = find_noop(noop_memo_dir(config.base_dir), *memo_key)) {
      report.from_memo = true;
      report.change.to.warnings = std::move(*warnings);
      return report;
    }
  }

  // The previous snapshot is read on another thread while the schema loads (the loader parses a file piece by
  // piece, so their peak memories barely add up); the snapshot's errors are still reported first.
  auto reading = std::async(std::launch::async, [&dir] { return migrate::read_latest_snapshot(dir); });
  auto to = load_schema_files(config.schema, config.base_dir, config.dialect, LoadOptions{request.strict});
  auto latest = reading.get();
  if (!latest) return std::move(latest).error();

  SchemaChange& change = report.change;
  change.from.database.dialect = config.dialect;
  change.from.description = "empty";
  if (*latest) {
    if ((*latest)->snapshot.database.dialect != config.dialect) {
      return fail(ErrorCode::Config,
                  fmt::format("{} is a {} snapshot but the dialect is {}", (*latest)->path.string(),
                              schema::to_string((*latest)->snapshot.database.dialect),
                              schema::to_string(config.dialect)));
    }
    // Copies of a large schema cost time and memory: the snapshot's database moves to from.database, and its
    // layout (which keeps the file's text) is dropped, unless --custom needs them; the rest of the program
    // reads only from.snapshot's ids.
    snapshot::Snapshot& previous = (*latest)->snapshot;
    change.from.database = request.custom ? previous.database : std::move(previous.database);
    if (!request.custom) previous.layout = snapshot::SnapshotLayout();
    change.from.description = (*latest)->path.lexically_proximate(config.base_dir).string();
    change.from.snapshot = std::move(previous);
  }
  if (!to) return std::move(to).error();
  change.to = std::move(*to);
  align_expressions(change.from, change.to);
  std::string id = random_uuid_v4();
  std::string prev_id = change.from.snapshot ? change.from.snapshot->id : std::string(snapshot::kOriginId);
  // PostgreSQL: the new snapshot does not depend on the plan (drizzle-kit records no renames there, drizzle-
  // reference 3.4), so its JSON is written on another thread while the plan is made; both only read the model,
  // which the snapshot holds meanwhile (no copy).
  bool json_ahead = config.dialect == schema::Dialect::Postgres && !request.custom;
  snapshot::Snapshot next;
  decltype(schema::Database::renames) pg_renames;
  std::future<std::string> next_json;
  if (json_ahead) {
    next.id = id;
    next.prev_id = prev_id;
    next.version = "7";
    next.database = std::move(change.to.database);
    std::swap(pg_renames, next.database.renames);
    next_json = std::async(std::launch::async, [&next] { return snapshot::write_snapshot(next); });
  }
  auto statements = plan(change.from.database, json_ahead ? next.database : change.to.database, request.renames,
                         change.unused_rename_flags, json_ahead ? nullptr : &change.to.database.renames);
  std::optional<std::string> written_json;
  if (json_ahead) {
    written_json = next_json.get();
    change.to.database = std::move(next.database);
    change.to.database.renames = std::move(pg_renames);
  }
  if (!statements) return std::move(statements).error();
  change.statements = std::move(*statements);
  change.text = join(change.statements, config.breakpoints);
  if (change.statements.empty() && !request.custom) {
    // Recorded only if no input changed while this run read them.
    if (memo_key && noop_key(*memo_inputs) == memo_key) {
      remember_noop(noop_memo_dir(config.base_dir), *memo_key, change.to.warnings);
    }
    return report;
  }

  migrate::NewMigration migration;
  migration.dir = dir;
  migration.dialect = schema::to_string(config.dialect);
  migration.prefix = config.prefix;
  migration.name = request.name;
  migration.breakpoints = config.breakpoints;
  if (request.custom) {
    // drizzle-kit: the previous snapshot unchanged but for new ids; the file holds a placeholder comment.
    const snapshot::Snapshot* previous = change.from.snapshot ? &*change.from.snapshot : nullptr;
    migration.snapshot = snapshot::custom_snapshot(previous, config.dialect, id, prev_id);
    migration.sql = std::string(kCustomMigrationSql);
  } else if (written_json) {
    migration.snapshot.version = "7";
    migration.snapshot_json = std::move(written_json);
    migration.sql = change.text;
  } else {
    migration.snapshot.id = id;
    migration.snapshot.prev_id = prev_id;
    migration.snapshot.version = "6";
    // Lent to the snapshot for writing (no copy) and given back below.
    migration.snapshot.database = std::move(change.to.database);
    migration.sql = change.text;
  }
  auto written = migrate::write_new_migration(migration);
  if (!request.custom && !migration.snapshot_json) change.to.database = std::move(migration.snapshot.database);
  if (!written) return std::move(written).error();
  report.written = std::move(*written);
  return report;
}

}  // namespace sleet::app
