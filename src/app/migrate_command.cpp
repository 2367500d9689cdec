// run_migrate / run_status.
#include "app/migrate_command.hpp"

#include "app/connect.hpp"
#include "migrate/migration_folder.hpp"

namespace sleet::app {

std::filesystem::path migrations_dir(const Config& config) {
  return config.out.is_absolute() ? config.out : config.base_dir / config.out;
}

Result<MigrateReport> run_migrate(const Config& config, const MigrateRequest& request) {
  MigrateReport report;
  report.folder = migrations_dir(config);
  auto folder = migrate::read_migration_folder(report.folder);
  if (!folder) return std::move(folder).error();
  report.journal_entries = folder->migrations.size();

  auto database = open_database(config, request.dry_run ? Access::ReadOnly : Access::ReadWrite);
  if (!database) return std::move(database).error();
  report.database = database->url.display;

  migrate::MigrateOptions options;
  options.tracking = config.tracking;
  options.allow_out_of_order = request.allow_out_of_order;
  options.dry_run = request.dry_run;
  options.on_applied = request.on_applied;
  if (!database->connection) {
    // Dry run against a SQLite file that does not exist yet: everything is pending.
    migrate::Status status = migrate::compute_status(*folder, {}, false);
    for (std::size_t i = 0; i < status.entries.size(); ++i) {
      const auto& entry = status.entries[i];
      report.result.applied.push_back({entry.tag, entry.when, folder->migrations[i].statements.size(), {}});
    }
    return report;
  }
  auto result = migrate::apply_pending(*database->connection, *folder, options);
  if (!result) return std::move(result).error();
  report.result = std::move(*result);
  return report;
}

Result<StatusReport> run_status(const Config& config) {
  StatusReport report;
  report.folder = migrations_dir(config);
  auto folder = migrate::read_migration_folder(report.folder);
  if (!folder) return std::move(folder).error();
  auto database = open_database(config, Access::ReadOnly);
  if (!database) return std::move(database).error();
  report.database = database->url.display;
  if (!database->connection) {
    report.status = migrate::compute_status(*folder, {}, false);
    return report;
  }
  auto status = migrate::read_status(*database->connection, *folder, config.tracking);
  if (!status) return std::move(status).error();
  report.status = std::move(*status);
  return report;
}

}  // namespace sleet::app
