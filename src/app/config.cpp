// load_config and its helpers (${VAR} expansion, .env parsing). The only includer of toml++.
#include "app/config.hpp"

#include <fmt/format.h>
#include <set>

// Debian builds libtomlplusplus with exceptions on; they are caught here and never leave this file.
#include <toml++/toml.h>

#include "app/database_url.hpp"
#include "core/file_io.hpp"

extern char** environ;  // NOLINT: POSIX

namespace sleet::app {
namespace fs = std::filesystem;

Environment process_environment() {
  Environment env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  }
  return env;
}

Result<schema::Dialect> parse_dialect(std::string_view name) {
  if (name == "postgresql" || name == "postgres" || name == "pg") return schema::Dialect::Postgres;
  if (name == "sqlite" || name == "turso") return schema::Dialect::Sqlite;
  return fail(ErrorCode::Config, fmt::format("unknown dialect \"{}\" (expected postgresql or sqlite)", name));
}

Result<std::string> expand_variables(std::string_view text, const Environment& env) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '$' || i + 1 >= text.size()) {
      out += c;
      continue;
    }
    if (text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (text[i + 1] != '{') {
      out += c;
      continue;
    }
    auto close = text.find('}', i + 2);
    if (close == std::string_view::npos)
      return fail(ErrorCode::Config, fmt::format("unterminated ${{ in \"{}\"", text));
    std::string_view inner = text.substr(i + 2, close - i - 2);
    std::string_view name = inner;
    std::optional<std::string_view> fallback;
    if (auto sep = inner.find(":-"); sep != std::string_view::npos) {
      name = inner.substr(0, sep);
      fallback = inner.substr(sep + 2);
    }
    if (name.empty()) return fail(ErrorCode::Config, "empty variable name in ${}");
    auto found = env.find(std::string(name));
    if (found != env.end() && !(fallback && found->second.empty())) {
      out += found->second;
    } else if (fallback) {
      out += *fallback;
    } else {
      return fail(ErrorCode::Config,
                  fmt::format("environment variable {} is not set (referenced as ${{{}}}; set it or add it to .env)",
                              name, name));
    }
    i = close;
  }
  return out;
}

Result<Environment> parse_dotenv(std::string_view text, const std::string& file) {
  Environment env;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') {
      if (end == text.size()) break;
      continue;
    }
    line.remove_prefix(first);
    if (line.starts_with("export ")) line.remove_prefix(7);
    auto eq = line.find('=');
    auto bad = [&](const char* why) {
      return fail(Error(ErrorCode::Config, why, SourceSpan{file, line_number, 1, std::string(line)}));
    };
    if (eq == std::string_view::npos) return bad("expected KEY=VALUE");
    std::string key(line.substr(0, eq));
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    if (key.empty() || key.find_first_of(" \t") != std::string::npos) return bad("invalid variable name");
    std::string_view raw = line.substr(eq + 1);
    auto vstart = raw.find_first_not_of(" \t");
    raw = vstart == std::string_view::npos ? std::string_view() : raw.substr(vstart);
    std::string value;
    if (!raw.empty() && (raw[0] == '"' || raw[0] == '\'')) {
      char quote = raw[0];
      std::size_t i = 1;
      bool closed = false;
      for (; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == quote) {
          closed = true;
          break;
        }
        if (quote == '"' && c == '\\' && i + 1 < raw.size()) {
          char next = raw[++i];
          value += next == 'n' ? '\n' : next == 't' ? '\t' : next;
          continue;
        }
        value += c;
      }
      if (!closed) return bad("unterminated quoted value");
    } else {
      auto hash = raw.find(" #");
      value = std::string(hash == std::string_view::npos ? raw : raw.substr(0, hash));
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    }
    env[key] = value;
    if (end == text.size()) break;
  }
  return env;
}

namespace {

SourceSpan span_of(const toml::source_region& region, const std::string& file, std::string_view text) {
  SourceSpan span;
  span.file = file;
  span.line = static_cast<int>(region.begin.line);
  span.column = static_cast<int>(region.begin.column);
  // Fill the source line for the caret display.
  std::size_t pos = 0;
  for (int line = 1; line < span.line && pos != std::string_view::npos; ++line) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos != std::string_view::npos && pos <= text.size()) {
    auto end = text.find('\n', pos);
    span.source_line = std::string(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
  }
  return span;
}

struct TomlReader {
  const std::string& file;
  std::string_view text;
  const Environment& env;

  Error error_at(const toml::node& node, std::string message) const {
    return Error(ErrorCode::Config, std::move(message), span_of(node.source(), file, text));
  }

  Result<std::string> string_value(const toml::node& node, std::string_view key) const {
    auto value = node.value<std::string>();
    if (!value) return error_at(node, fmt::format("{} must be a string", key));
    auto expanded = expand_variables(*value, env);
    if (!expanded) {
      Error error = std::move(expanded).error();
      error.span = span_of(node.source(), file, text);
      return error;
    }
    return *expanded;
  }

  Result<bool> bool_value(const toml::node& node, std::string_view key) const {
    auto value = node.value<bool>();
    if (!value) return error_at(node, fmt::format("{} must be true or false", key));
    return *value;
  }
};

Result<void> apply_file(Config& config, const fs::path& path, const Environment& env) {
  auto text = read_file(path);
  if (!text) return std::move(text).error();
  const std::string file = path.string();
  toml::table root;
  try {
    root = toml::parse(*text, file);
  } catch (const toml::parse_error& err) {
    return Error(ErrorCode::Config, std::string(err.description()), span_of(err.source(), file, *text));
  }
  TomlReader reader{file, *text, env};
  for (auto&& [key, node] : root) {
    std::string_view name = key.str();
    if (name == "dialect") {
      auto value = reader.string_value(node, name);
      if (!value) return std::move(value).error();
      auto dialect = parse_dialect(*value);
      if (!dialect) return reader.error_at(node, dialect.error().message);
      config.dialect = *dialect;
      config.dialect_is_default = false;
    } else if (name == "schema") {
      config.schema.clear();
      if (const toml::array* list = node.as_array()) {
        for (const toml::node& item : *list) {
          auto value = reader.string_value(item, "schema entries");
          if (!value) return std::move(value).error();
          config.schema.push_back(*value);
        }
      } else {
        auto value = reader.string_value(node, "schema (a path or a list of paths)");
        if (!value) return std::move(value).error();
        config.schema.push_back(*value);
      }
    } else if (name == "out") {
      auto value = reader.string_value(node, name);
      if (!value) return std::move(value).error();
      config.out = *value;
    } else if (name == "url") {
      auto value = reader.string_value(node, name);
      if (!value) return std::move(value).error();
      config.url = *value;
    } else if (name == "breakpoints") {
      auto value = reader.bool_value(node, name);
      if (!value) return std::move(value).error();
      config.breakpoints = *value;
    } else if (name == "schema_filter" || name == "schemaFilter" || name == "tables_filter" ||
               name == "tablesFilter" || name == "extensions_filters" || name == "extensionsFilters") {
      std::vector<std::string> values;
      if (const toml::array* list = node.as_array()) {
        for (const toml::node& item : *list) {
          auto value = reader.string_value(item, fmt::format("{} entries", name));
          if (!value) return std::move(value).error();
          values.push_back(*value);
        }
      } else {
        auto value = reader.string_value(node, fmt::format("{} (a string or a list of strings)", name));
        if (!value) return std::move(value).error();
        values.push_back(*value);
      }
      if (name.starts_with("schema")) config.filters.schemas = std::move(values);
      else if (name.starts_with("tables")) config.filters.tables = std::move(values);
      else config.filters.extensions = std::move(values);
    } else if (name == "entities") {
      const toml::table* table = node.as_table();
      if (!table) return reader.error_at(node, "entities must be a table ([entities])");
      for (auto&& [sub_key, sub_node] : *table) {
        if (sub_key.str() != "roles")
          return Error(ErrorCode::Config, fmt::format("unknown key entities.{} (expected roles)", sub_key.str()),
                       span_of(sub_key.source(), file, *text));
        auto value = reader.bool_value(sub_node, "entities.roles");
        if (!value) return std::move(value).error();
        config.filters.roles = *value;
      }
    } else if (name == "migrations") {
      const toml::table* table = node.as_table();
      if (!table) return reader.error_at(node, "migrations must be a table ([migrations])");
      for (auto&& [sub_key, sub_node] : *table) {
        std::string_view sub = sub_key.str();
        auto value = reader.string_value(sub_node, fmt::format("migrations.{}", sub));
        if (sub != "table" && sub != "schema" && sub != "prefix") {
          return Error(ErrorCode::Config,
                       fmt::format("unknown key migrations.{} (expected table, schema or prefix)", sub),
                       span_of(sub_key.source(), file, *text));
        }
        if (!value) return std::move(value).error();
        if (value->empty()) return reader.error_at(sub_node, fmt::format("migrations.{} must not be empty", sub));
        if (sub == "table") config.tracking.table = *value;
        if (sub == "schema") config.tracking.schema = *value;
        if (sub == "prefix") config.prefix = *value;
      }
    } else {
      return Error(ErrorCode::Config,
                   fmt::format("unknown key \"{}\" (expected dialect, schema, out, url, breakpoints, schema_filter, "
                               "tables_filter, extensions_filters, [entities] or [migrations])",
                               name),
                   span_of(key.source(), file, *text));
    }
  }
  return ok();
}

Result<void> check_prefix(const std::string& prefix) {
  static const std::set<std::string> kPrefixes = {"index", "timestamp", "unix", "supabase", "none"};
  if (kPrefixes.count(prefix) == 0)
    return fail(ErrorCode::Config,
                fmt::format("unknown migrations prefix \"{}\" (expected index, timestamp, unix, supabase or none)", prefix));
  return ok();
}

}  // namespace

Result<Config> load_config(const ConfigOverrides& overrides, const fs::path& cwd, const Environment& process_env) {
  Config config;
  config.base_dir = cwd;
  fs::path config_file;
  if (overrides.config_file) {
    config_file = overrides.config_file->is_absolute() ? *overrides.config_file : cwd / *overrides.config_file;
    std::error_code ec;
    if (!fs::is_regular_file(config_file, ec))
      return fail(ErrorCode::Config, fmt::format("{}: config file not found", config_file.string()));
  } else if (std::error_code ec; fs::is_regular_file(cwd / kConfigFileName, ec)) {
    config_file = cwd / kConfigFileName;
  }

  Environment env = process_env;
  fs::path env_dir = config_file.empty() ? cwd : config_file.parent_path();
  if (std::error_code ec; fs::is_regular_file(env_dir / ".env", ec)) {
    auto text = read_file(env_dir / ".env");
    if (!text) return std::move(text).error();
    auto dotenv = parse_dotenv(*text, (env_dir / ".env").string());
    if (!dotenv) return std::move(dotenv).error();
    for (auto& [key, value] : *dotenv) env.emplace(key, value);  // the real environment wins
  }

  if (!config_file.empty()) {
    config.config_file = config_file;
    config.base_dir = config_file.parent_path();
    config.url.clear();  // a config file without url means "no database configured"
    SLEET_TRY(apply_file(config, config_file, env));
  }

  bool dialect_given = overrides.dialect.has_value();
  if (overrides.dialect) {
    auto dialect = parse_dialect(*overrides.dialect);
    if (!dialect) return std::move(dialect).error();
    config.dialect = *dialect;
    config.dialect_is_default = false;
  }
  if (overrides.schema) config.schema = *overrides.schema;
  if (overrides.out) config.out = *overrides.out;
  if (overrides.url) {
    auto url = expand_variables(*overrides.url, env);
    if (!url) return std::move(url).error();
    config.url = *url;
    // `--url postgres://…` alone is enough: the URL says which dialect it is.
    if (!dialect_given && config.config_file.empty()) {
      if (auto implied = url_dialect(config.url)) {
        config.dialect = *implied;
        config.dialect_is_default = false;
      }
    }
  }
  // The embedded default database is a SQLite file; a PostgreSQL default has no URL to fall back on.
  if (config.config_file.empty() && !overrides.url && config.dialect != schema::Dialect::Sqlite) config.url.clear();
  if (overrides.migrations_table) config.tracking.table = *overrides.migrations_table;
  if (overrides.migrations_schema) config.tracking.schema = *overrides.migrations_schema;
  if (overrides.prefix) config.prefix = *overrides.prefix;
  if (overrides.breakpoints) config.breakpoints = *overrides.breakpoints;
  SLEET_TRY(check_prefix(config.prefix));
  if (config.tracking.table.empty()) return fail(ErrorCode::Config, "the migrations table name must not be empty");
  if (config.tracking.schema.empty()) return fail(ErrorCode::Config, "the migrations schema name must not be empty");
  config.filters.tracking_schema = config.tracking.schema;
  config.filters.tracking_table = config.tracking.table;
  return config;
}

}  // namespace sleet::app
