// `sleet migrate`: applies pending migrations of the folder to the database, one line per migration.
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "app/migrate_command.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/json_out.hpp"

namespace sleet::cli {

namespace {
struct MigrateFlags {
  ConfigFlags config;
  bool json = false;
  bool dry_run = false;
  bool allow_out_of_order = false;
};

void print_json(const app::MigrateReport& report, bool dry_run) {
  JsonOut out;
  out.begin_object().key("ok").value(true).key("dry_run").value(dry_run);
  out.key("database").value(report.database).key("folder").value(display_path(report.folder));
  out.key(dry_run ? "pending" : "applied").begin_array();
  for (const auto& m : report.result.applied) {
    out.begin_object().key("tag").value(m.tag).key("when").value(m.when).key("statements").value(m.statement_count);
    if (!dry_run) out.key("duration_ms").value(static_cast<double>(m.duration.count()) / 1e6);
    out.end_object();
  }
  out.end_array();
  out.key("already_applied").value(report.result.already_applied);
  out.key("duration_ms").value(static_cast<double>(report.result.total_duration.count()) / 1e6);
  out.end_object();
  std::cout << out.str() << "\n";
}

int run(const MigrateFlags& flags) {
  int code = 0;
  auto config = load_config_or_report(flags.config, flags.json, code);
  if (!config) return code;

  app::MigrateRequest request;
  request.dry_run = flags.dry_run;
  request.allow_out_of_order = flags.allow_out_of_order;
  if (!flags.json && !flags.dry_run) {
    request.on_applied = [](const migrate::AppliedMigration& m) {
      // Tags arrive one by one, so pad to a width that fits drizzle's usual "NNNN_adjective_hero" tags.
      std::cout << fmt::format("  applied  {:<32}  {:>10}  ({} statement{})\n", m.tag,
                               format_duration(m.duration), m.statement_count, m.statement_count == 1 ? "" : "s")
                << std::flush;
    };
  }
  auto report = app::run_migrate(*config, request);
  if (!report) return report_error(report.error(), flags.json);
  if (flags.json) {
    print_json(*report, flags.dry_run);
    return 0;
  }
  const auto& result = report->result;
  if (flags.dry_run) {
    if (result.applied.empty()) {
      std::cout << fmt::format("nothing to migrate: {} applied on {}\n", result.already_applied, report->database);
      return 0;
    }
    std::cout << fmt::format("dry run: {} migration{} would be applied to {} (nothing was changed)\n",
                             result.applied.size(), result.applied.size() == 1 ? "" : "s", report->database);
    for (const auto& m : result.applied)
      std::cout << fmt::format("  pending  {}  ({} statement{})\n", m.tag, m.statement_count,
                               m.statement_count == 1 ? "" : "s");
    return 0;
  }
  if (result.applied.empty()) {
    std::cout << fmt::format("nothing to migrate: {} migration{} already applied on {}\n", result.already_applied,
                             result.already_applied == 1 ? "" : "s", report->database);
    return 0;
  }
  std::cout << fmt::format("applied {} migration{} to {} in {}", result.applied.size(),
                           result.applied.size() == 1 ? "" : "s", report->database,
                           format_duration(result.total_duration));
  if (result.already_applied > 0) std::cout << fmt::format(" ({} already applied)", result.already_applied);
  std::cout << "\n";
  return 0;
}
}  // namespace

Runner add_migrate_command(CLI::App& root) {
  auto flags = std::make_shared<MigrateFlags>();
  CLI::App* command = root.add_subcommand("migrate", "apply pending migrations to the database, in one transaction");
  flags->config.add_to(*command, false, false);
  command->add_flag("--json", flags->json, "machine-readable output on stdout");
  command->add_flag("--dry-run", flags->dry_run, "print what would run without touching the database");
  command->add_flag("--allow-out-of-order", flags->allow_out_of_order,
                    "also apply pending migrations older than the newest applied one (e.g. after a branch merge)");
  return [flags] { return run(*flags); };
}

}  // namespace sleet::cli
