// The subcommand table: each command registers its flags on a CLI11 subcommand and returns a runner that
// produces the exit code. Commands are thin: they call app/ and print what it returns.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace sleet::cli {

using Runner = std::function<int()>;

Runner add_init_command(CLI::App& root);
Runner add_migrate_command(CLI::App& root);
Runner add_status_command(CLI::App& root);
Runner add_generate_command(CLI::App& root);
Runner add_diff_command(CLI::App& root);
Runner add_export_command(CLI::App& root);

}  // namespace sleet::cli
