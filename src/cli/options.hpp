// Flags shared by the commands that read the configuration (--config, --dialect, --url, --out, ...), and the
// output helpers every command uses: error display with caret, durations. The only CLI11 users are in cli/.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <string>

#include "app/config.hpp"
#include "core/error.hpp"

namespace sleet::cli {

/// Storage for the shared configuration flags of one subcommand.
struct ConfigFlags {
  std::string config_file, dialect, url, out, migrations_table, migrations_schema, prefix;
  std::vector<std::string> schema;
  bool breakpoints = false, no_breakpoints = false;

  /// Registers the flags on `command`. `with_schema` adds --schema, `with_generate` adds --prefix/--breakpoints.
  void add_to(CLI::App& command, bool with_schema, bool with_generate);
  app::ConfigOverrides overrides() const;
};

/// Loads the configuration for the current directory; on failure prints the error and returns nullopt with
/// `exit_code` set.
std::optional<app::Config> load_config_or_report(const ConfigFlags& flags, bool json, int& exit_code);

/// Prints an error to stderr ("error: location: message", then the source line and a caret); with `json`
/// also prints {"ok":false,"error":{…}} on stdout. Returns the documented exit code.
int report_error(const Error& error, bool json);

/// `path` relative to the current directory when it lies below it, else as is (for messages).
std::string display_path(const std::filesystem::path& path);

/// "12.3 ms", "1.42 s".
std::string format_duration(std::chrono::nanoseconds duration);

/// A journal `when` (ms since epoch) as "2024-09-16 00:15:59 UTC".
std::string format_when(std::int64_t when_ms);

}  // namespace sleet::cli
