// `sleet init`: scaffolds sleet.toml, schema.sql, the migrations folder and .gitignore lines.
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "app/init_command.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace sleet::cli {

namespace {
struct InitFlags {
  std::string dir = ".";
  std::string dialect = "sqlite";
  std::string url;
  std::string out = "drizzle";
  bool force = false;
};

int run(const InitFlags& flags) {
  auto dialect = app::parse_dialect(flags.dialect);
  if (!dialect) return report_error(dialect.error(), false);
  app::InitRequest request;
  request.dir = flags.dir;
  request.dialect = *dialect;
  request.url = flags.url;
  request.out = flags.out;
  request.force = flags.force;
  auto report = app::run_init(request);
  if (!report) return report_error(report.error(), false);
  for (const auto& path : report->created) std::cout << "  created  " << path.string() << "\n";
  for (const auto& path : report->kept) std::cout << "  kept     " << path.string() << "\n";
  if (!report->gitignore_added.empty()) {
    std::cout << "  .gitignore +";
    for (const auto& line : report->gitignore_added) std::cout << " " << line;
    std::cout << "\n";
  }
  std::cout << "next: edit schema.sql, then `sleet generate` and `sleet migrate`\n";
  return 0;
}
}  // namespace

Runner add_init_command(CLI::App& root) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* command = root.add_subcommand("init", "scaffold sleet.toml, schema.sql and the migrations folder");
  command->add_option("dir", flags->dir, "project folder (default: current folder)");
  command->add_option("--dialect", flags->dialect, "postgresql or sqlite (default: sqlite)");
  command->add_option("--url", flags->url, "database URL to put in sleet.toml");
  command->add_option("--out", flags->out, "migrations folder (default: drizzle)");
  command->add_flag("--force", flags->force, "overwrite an existing sleet.toml and schema.sql");
  return [flags] { return run(*flags); };
}

}  // namespace sleet::cli
