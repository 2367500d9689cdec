// run_diff / run_export / run_generate.
#include "app/schema_change.hpp"

#include <fmt/format.h>

#include "app/migrate_command.hpp"
#include "core/uuid.hpp"
#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/plan_migration.hpp"
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

Result<std::vector<PlannedSql>> plan(const schema::Database& from, const schema::Database& to,
                                     const RenameOptions& options, std::vector<std::string>& unused_flags) {
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
    return fail(ErrorCode::Unsupported, "SQLite migrations are not generated yet (issue 4)");
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
  // The schema loads before the snapshot is read, so that the parser's peak memory does not add to the
  // snapshot's; its errors still come after the snapshot's, as if it had loaded second.
  auto to = load_schema_files(config.schema, config.base_dir, config.dialect, LoadOptions{request.strict});
  auto latest = migrate::read_latest_snapshot(dir);
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
  auto statements = plan(change.from.database, change.to.database, request.renames, change.unused_rename_flags);
  if (!statements) return std::move(statements).error();
  change.statements = std::move(*statements);
  change.text = join(change.statements, config.breakpoints);
  if (change.statements.empty() && !request.custom) return report;

  migrate::NewMigration migration;
  migration.dir = dir;
  migration.dialect = schema::to_string(config.dialect);
  migration.prefix = config.prefix;
  migration.name = request.name;
  migration.breakpoints = config.breakpoints;
  std::string id = random_uuid_v4();
  std::string prev_id = change.from.snapshot ? change.from.snapshot->id : std::string(snapshot::kOriginId);
  if (request.custom) {
    // drizzle-kit: the previous snapshot unchanged but for new ids; the file holds a placeholder comment.
    const snapshot::Snapshot* previous = change.from.snapshot ? &*change.from.snapshot : nullptr;
    migration.snapshot = snapshot::custom_snapshot(previous, config.dialect, id, prev_id);
    migration.sql = std::string(kCustomMigrationSql);
  } else {
    migration.snapshot.id = id;
    migration.snapshot.prev_id = prev_id;
    migration.snapshot.version = config.dialect == schema::Dialect::Postgres ? "7" : "6";
    // Lent to the snapshot for writing (no copy) and given back below.
    migration.snapshot.database = std::move(change.to.database);
    migration.sql = change.text;
  }
  // drizzle-kit never records renames in PostgreSQL snapshots (drizzle-reference 3.4).
  decltype(schema::Database::renames) renames;
  if (config.dialect == schema::Dialect::Postgres) std::swap(renames, migration.snapshot.database.renames);
  auto written = migrate::write_new_migration(migration);
  if (!request.custom) {
    change.to.database = std::move(migration.snapshot.database);
    if (config.dialect == schema::Dialect::Postgres) change.to.database.renames = std::move(renames);
  }
  if (!written) return std::move(written).error();
  report.written = std::move(*written);
  return report;
}

}  // namespace sleet::app
