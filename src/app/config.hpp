// Configuration: sleet.toml (or --config), `${VAR}` references resolved from the environment and a .env file
// beside the config, and command-line overrides on top. With no config file at all sleet uses the embedded
// default: dialect sqlite, schema `schema.sql`, out `drizzle/`, database `sqlite:app.db`.
//
// This file knows the config keys and their meaning; it does not open databases (app/database_url.hpp
// parses URLs) and does not print.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"
#include "migrate/tracking_table.hpp"
#include "schema/schema.hpp"

namespace sleet::app {

inline constexpr const char* kConfigFileName = "sleet.toml";

struct Config {
  schema::Dialect dialect = schema::Dialect::Sqlite;
  std::vector<std::string> schema = {"schema.sql"};  ///< files, directories or globs
  std::filesystem::path out = "drizzle";            ///< the migrations folder
  std::string url = "sqlite:app.db";                ///< database URL (may be empty for offline commands)
  migrate::TrackingTable tracking;                  ///< migrations.table / migrations.schema
  std::string prefix = "index";                     ///< migrations.prefix: index|timestamp|unix|supabase|none
  bool breakpoints = true;
  /// schema_filter / tables_filter / extensions_filters / [entities] roles; the tracking names are kept in
  /// step with `tracking` by load_config.
  dialect::IntrospectFilters filters;
  bool dialect_is_default = true;     ///< neither the config file nor a flag chose the dialect
  std::filesystem::path config_file;  ///< empty when the embedded default is in use
  std::filesystem::path base_dir;     ///< relative paths (schema, out, sqlite files) resolve against this
};

/// What the command line says; every set field overrides the config file.
struct ConfigOverrides {
  std::optional<std::filesystem::path> config_file;  ///< --config: must exist
  std::optional<std::string> dialect;
  std::optional<std::vector<std::string>> schema;
  std::optional<std::string> out;
  std::optional<std::string> url;
  std::optional<std::string> migrations_table;
  std::optional<std::string> migrations_schema;
  std::optional<std::string> prefix;
  std::optional<bool> breakpoints;
};

/// The process environment as a map (tests pass their own).
using Environment = std::map<std::string, std::string>;
Environment process_environment();

/// Loads the configuration seen from `cwd`: `--config` if given, else `cwd/sleet.toml` if present, else the
/// embedded default; then the overrides. A `.env` beside the config file (or in `cwd`) fills variables that
/// the environment lacks. Errors (ErrorCode::Config, with file:line:column where there is one): TOML syntax,
/// an unknown key, a value of the wrong type, a `${VAR}` that is set nowhere, an unknown dialect or prefix,
/// a URL whose kind contradicts the dialect.
Result<Config> load_config(const ConfigOverrides& overrides, const std::filesystem::path& cwd, const Environment& env);

/// Parses a dialect name: "postgresql" (also "postgres", "pg") or "sqlite" (also "turso"); else ErrorCode::Config.
Result<schema::Dialect> parse_dialect(std::string_view name);

/// Replaces every `${VAR}` (and `${VAR:-fallback}`) in `text`; `$$` is a literal `$`. An unset variable without
/// fallback fails with ErrorCode::Config naming it.
Result<std::string> expand_variables(std::string_view text, const Environment& env);

/// Parses .env text: KEY=VALUE lines, optional `export `, `#` comments, single or double quotes (double
/// quotes understand \n and \"). A malformed line fails with ErrorCode::Config naming file and line.
Result<Environment> parse_dotenv(std::string_view text, const std::string& file);

}  // namespace sleet::app
