// parse_database_url / url_dialect.
#include "app/database_url.hpp"

#include <fmt/format.h>

#include "core/url_mask.hpp"

namespace sleet::app {

namespace {
bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

bool is_postgres_url(std::string_view url) {
  return starts_with_ci(url, "postgres://") || starts_with_ci(url, "postgresql://");
}

/// libpq key=value strings: "host=localhost dbname=app".
bool is_keyword_value(std::string_view url) {
  auto eq = url.find('=');
  if (eq == std::string_view::npos || url.find("://") != std::string_view::npos) return false;
  auto key = url.substr(0, eq);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  return !key.empty() && key.find_first_of(" :/") == std::string_view::npos;
}

std::optional<std::string_view> sqlite_path_of(std::string_view url) {
  if (starts_with_ci(url, "sqlite://")) return url.substr(9);
  if (starts_with_ci(url, "sqlite:")) return url.substr(7);
  if (starts_with_ci(url, "file://")) return url.substr(7);
  if (starts_with_ci(url, "file:")) return url.substr(5);
  return std::nullopt;
}
}  // namespace

std::optional<schema::Dialect> url_dialect(std::string_view url) {
  if (is_postgres_url(url) || is_keyword_value(url)) return schema::Dialect::Postgres;
  if (sqlite_path_of(url)) return schema::Dialect::Sqlite;
  return std::nullopt;
}

Result<DatabaseUrl> parse_database_url(std::string_view url, schema::Dialect dialect,
                                       const std::filesystem::path& base_dir) {
  DatabaseUrl parsed;
  parsed.dialect = dialect;
  parsed.display = mask_url(url);
  if (url.empty()) {
    return fail(ErrorCode::Config, "no database URL: set url in sleet.toml or pass --url");
  }
  if (dialect == schema::Dialect::Postgres) {
    if (!is_postgres_url(url) && !is_keyword_value(url)) {
      return fail(ErrorCode::Config,
                  fmt::format("\"{}\" is not a PostgreSQL URL (expected postgres://… or postgresql://… or libpq "
                              "key=value pairs)",
                              parsed.display));
    }
    parsed.conninfo = std::string(url);
    return parsed;
  }
  auto path = sqlite_path_of(url);
  if (!path) {
    if (is_postgres_url(url) || is_keyword_value(url))
      return fail(ErrorCode::Config,
                  fmt::format("\"{}\" is a PostgreSQL URL but the dialect is sqlite (pass --dialect postgresql)",
                              parsed.display));
    if (url.find("://") != std::string_view::npos)
      return fail(ErrorCode::Config,
                  fmt::format("\"{}\" is not a SQLite URL (expected sqlite:PATH or file:PATH)", parsed.display));
    path = url;  // a bare file path
  }
  std::string_view file = *path;
  if (auto query = file.find('?'); query != std::string_view::npos) file = file.substr(0, query);
  if (file.empty()) return fail(ErrorCode::Config, fmt::format("\"{}\" names no SQLite file", parsed.display));
  if (file == ":memory:") {
    parsed.sqlite_path = ":memory:";
  } else {
    std::filesystem::path p{std::string(file)};
    parsed.sqlite_path = p.is_absolute() ? p : base_dir / p;
  }
  return parsed;
}

}  // namespace sleet::app
