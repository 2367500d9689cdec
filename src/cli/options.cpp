// ConfigFlags and the shared output helpers.
#include "cli/options.hpp"

#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "core/json_out.hpp"

namespace sleet::cli {

void ConfigFlags::add_to(CLI::App& command, bool with_schema, bool with_generate) {
  command.add_option("--config", config_file, "config file (default: ./sleet.toml if present)");
  command.add_option("--dialect", dialect, "postgresql or sqlite");
  command.add_option("--url", url, "database URL: postgres://…, libpq key=value, sqlite:PATH");
  command.add_option("--out", out, "migrations folder (default: drizzle)");
  command.add_option("--migrations-table", migrations_table, "tracking table (default: __drizzle_migrations)");
  command.add_option("--migrations-schema", migrations_schema, "tracking table schema, PostgreSQL (default: drizzle)");
  if (with_schema) command.add_option("--schema", schema, "schema files, directories or globs (repeatable)");
  if (with_generate) {
    command.add_option("--prefix", prefix, "migration file prefix: index|timestamp|unix|supabase|none");
    command.add_flag("--breakpoints", breakpoints, "join statements with --> statement-breakpoint");
    command.add_flag("--no-breakpoints", no_breakpoints, "join statements with newlines");
  }
}

app::ConfigOverrides ConfigFlags::overrides() const {
  app::ConfigOverrides result;
  if (!config_file.empty()) result.config_file = config_file;
  if (!dialect.empty()) result.dialect = dialect;
  if (!url.empty()) result.url = url;
  if (!out.empty()) result.out = out;
  if (!migrations_table.empty()) result.migrations_table = migrations_table;
  if (!migrations_schema.empty()) result.migrations_schema = migrations_schema;
  if (!prefix.empty()) result.prefix = prefix;
  if (!schema.empty()) result.schema = schema;
  if (breakpoints) result.breakpoints = true;
  if (no_breakpoints) result.breakpoints = false;
  return result;
}

std::optional<app::Config> load_config_or_report(const ConfigFlags& flags, bool json, int& exit_code) {
  std::error_code ec;
  auto cwd = std::filesystem::current_path(ec);
  auto config = app::load_config(flags.overrides(), cwd, app::process_environment());
  if (!config) {
    exit_code = report_error(config.error(), json);
    return std::nullopt;
  }
  return std::move(*config);
}

int report_error(const Error& error, bool json) {
  std::cerr << "error: " << error.describe() << "\n";
  if (error.span) {
    std::string caret = error.span->caret();
    if (!caret.empty()) std::cerr << caret << "\n";
  }
  int code = to_exit_code(error.code);
  if (json) {
    JsonOut out;
    out.begin_object().key("ok").value(false).key("error").begin_object();
    out.key("code").value(to_string(error.code)).key("message").value(error.describe());
    if (!error.sqlstate.empty()) out.key("sqlstate").value(error.sqlstate);
    if (error.span) {
      out.key("file").value(error.span->file).key("line").value(error.span->line).key("column").value(error.span->column);
    }
    out.key("exit_code").value(code).end_object().end_object();
    std::cout << out.str() << "\n";
  }
  return code;
}

std::string display_path(const std::filesystem::path& path) {
  std::error_code ec;
  auto cwd = std::filesystem::current_path(ec);
  if (ec) return path.string();
  auto relative = path.lexically_normal().lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return path.string();
  return relative.string();
}

std::string format_duration(std::chrono::nanoseconds duration) {
  double ms = static_cast<double>(duration.count()) / 1e6;
  if (ms < 1000.0) return fmt::format("{:.1f} ms", ms);
  return fmt::format("{:.2f} s", ms / 1000.0);
}

std::string format_when(std::int64_t when_ms) {
  std::time_t seconds = static_cast<std::time_t>(when_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return buffer;
}

}  // namespace sleet::cli
