// Composition root of the sleet command-line tool: builds the command table, parses, runs the chosen
// command and maps failures to the documented exit codes (usage errors: 4, with a --help hint).
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
  CLI::App root{"sleet: drizzle-compatible schema migrations, native and fast"};
  root.name("sleet");
  root.set_version_flag("--version", "sleet 0.1.0");
  root.require_subcommand(1);
  root.fallthrough(false);

  std::map<CLI::App*, sleet::cli::Runner> runners;
  auto add = [&](sleet::cli::Runner (*factory)(CLI::App&)) {
    std::size_t before = root.get_subcommands({}).size();
    sleet::cli::Runner runner = factory(root);
    auto commands = root.get_subcommands({});
    if (commands.size() > before) runners[commands.back()] = std::move(runner);
  };
  add(&sleet::cli::add_init_command);
  add(&sleet::cli::add_generate_command);
  add(&sleet::cli::add_migrate_command);
  add(&sleet::cli::add_status_command);
  add(&sleet::cli::add_diff_command);
  add(&sleet::cli::add_export_command);

  try {
    root.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << "\nrun 'sleet --help' for usage\n";
    return sleet::exit_code::kConfig;
  }
  for (auto* command : root.get_subcommands()) {
    auto found = runners.find(command);
    if (found != runners.end()) return found->second();
  }
  std::cerr << "error: no command given\nrun 'sleet --help' for usage\n";
  return sleet::exit_code::kConfig;
}
