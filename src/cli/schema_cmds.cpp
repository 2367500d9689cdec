// `sleet generate`, `sleet diff` and `sleet export`: thin wrappers over app/schema_change.hpp.
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "app/schema_change.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/tty_rename_resolver.hpp"

namespace sleet::cli {

namespace {

struct RenameFlags {
  std::vector<std::string> rename;
  bool no_renames = false;
  void add_to(CLI::App& command) {
    command.add_option("--rename", rename,
                       "answer a rename question: KIND:FROM=TO (table, column TABLE.OLD=NEW, enum, schema, sequence, "
                       "view, policy, role); repeatable");
    command.add_flag("--no-renames", no_renames, "answer every other rename question with \"created\"");
  }
  app::RenameOptions options(TtyRenameResolver& tty) const {
    app::RenameOptions result;
    result.flags = rename;
    result.no_renames = no_renames;
    if (TtyRenameResolver::available()) result.interactive = &tty;
    return result;
  }
};

void print_warnings(const app::SchemaChange& change) {
  for (const auto& [span, message] : change.to.warnings)
    std::cerr << "warning: " << span.location() << ": " << message << "\n";
  for (const auto& flag : change.unused_rename_flags)
    std::cerr << "warning: --rename " << flag << " answered no question\n";
}

struct GenerateFlags {
  ConfigFlags config;
  RenameFlags renames;
  std::string name;
  bool custom = false;
  bool strict = false;
  bool no_cache = false;
};

int run_generate(const GenerateFlags& flags) {
  int code = 0;
  auto config = load_config_or_report(flags.config, false, code);
  if (!config) return code;
  TtyRenameResolver tty;
  app::GenerateRequest request;
  if (!flags.name.empty()) request.name = flags.name;
  request.custom = flags.custom;
  request.strict = flags.strict;
  request.use_noop_memo = !flags.no_cache;
  request.renames = flags.renames.options(tty);
  auto result = app::run_generate(*config, request);
  if (!result) return report_error(result.error(), false);
  // The report holds both schema models; the process ends right after this command, so they are handed to
  // the operating system rather than freed one allocation at a time (milliseconds for a large schema). The
  // static pointer keeps them reachable, so leak checkers do not count them.
  static const app::GenerateReport* report = nullptr;
  report = new app::GenerateReport(std::move(*result));
  print_warnings(report->change);
  if (!report->written) {
    std::cout << "no schema changes, nothing to migrate\n";
    return 0;
  }
  const auto& written = *report->written;
  std::size_t destructive = 0;
  for (const auto& statement : report->change.statements) {
    if (!statement.destructive) continue;
    if (destructive++ == 0) std::cout << "destructive statements (review before applying):\n";
    std::string first_line = statement.sql.substr(0, statement.sql.find('\n'));
    std::cout << "  ! " << first_line << "\n";
  }
  if (flags.custom) {
    std::cout << fmt::format("wrote {} (custom: write your SQL in it), {} and the journal entry\n",
                             display_path(written.sql_path), display_path(written.snapshot_path));
    return 0;
  }
  std::cout << fmt::format("wrote {} ({} statement{}), {} and the journal entry\n", display_path(written.sql_path),
                           report->change.statements.size(), report->change.statements.size() == 1 ? "" : "s",
                           display_path(written.snapshot_path));
  return 0;
}

struct DiffFlags {
  ConfigFlags config;
  RenameFlags renames;
  std::string from = "empty";
  std::string to;
  bool strict = false;
};

int run_diff(const DiffFlags& flags) {
  int code = 0;
  auto config = load_config_or_report(flags.config, false, code);
  if (!config) return code;
  TtyRenameResolver tty;
  app::DiffRequest request;
  request.from = flags.from;
  request.to = flags.to;
  request.strict = flags.strict;
  request.renames = flags.renames.options(tty);
  auto change = app::run_diff(*config, request);
  if (!change) return report_error(change.error(), false);
  print_warnings(*change);
  std::cout << change->text << std::flush;
  return 0;
}

struct ExportFlags {
  ConfigFlags config;
  bool strict = false;
};

int run_export(const ExportFlags& flags) {
  int code = 0;
  auto config = load_config_or_report(flags.config, false, code);
  if (!config) return code;
  auto change = app::run_export(*config, app::ExportRequest{flags.strict});
  if (!change) return report_error(change.error(), false);
  print_warnings(*change);
  std::cout << change->text << "\n";  // drizzle-kit export: console.log(statements.join("\n"))
  return 0;
}

}  // namespace

Runner add_generate_command(CLI::App& root) {
  auto flags = std::make_shared<GenerateFlags>();
  CLI::App* command = root.add_subcommand("generate", "diff the schema files against the last snapshot and write a migration");
  flags->config.add_to(*command, true, true);
  flags->renames.add_to(*command);
  command->add_option("--name", flags->name, "tag suffix of the migration (default: random adjective_noun)");
  command->add_flag("--custom", flags->custom, "write an empty migration for hand-written SQL");
  command->add_flag("--no-cache", flags->no_cache,
                    "do not answer a no-op from .sleet/cache (where earlier no-op runs are remembered)");
  command->add_flag("--strict", flags->strict, "statements sleet does not manage are errors, not warnings");
  return [flags] { return run_generate(*flags); };
}

Runner add_diff_command(CLI::App& root) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* command = root.add_subcommand(
      "diff", "print the migration SQL between two schemas (SQL files, snapshot, migrations folder, or empty)");
  flags->config.add_to(*command, false, true);
  flags->renames.add_to(*command);
  command->add_option("--from", flags->from, "the starting schema (default: empty)");
  command->add_option("--to", flags->to, "the target schema")->required();
  command->add_flag("--strict", flags->strict, "statements sleet does not manage are errors, not warnings");
  return [flags] { return run_diff(*flags); };
}

Runner add_export_command(CLI::App& root) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* command = root.add_subcommand("export", "print the full DDL of the schema files");
  flags->config.add_to(*command, true, false);
  command->add_flag("--strict", flags->strict, "statements sleet does not manage are errors, not warnings");
  return [flags] { return run_export(*flags); };
}

}  // namespace sleet::cli
