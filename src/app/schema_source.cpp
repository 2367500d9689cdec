// Expanding schema patterns and loading schema sources into the model.
#include "app/schema_source.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <glob.h>

#include "core/file_io.hpp"
#include "dialect/postgres/load.hpp"
#include "dialect/sqlite/load.hpp"
#include "migrate/new_migration.hpp"

namespace sleet::app {
namespace fs = std::filesystem;

namespace {

bool has_glob_chars(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

fs::path resolve(const fs::path& base_dir, const std::string& pattern) {
  fs::path path(pattern);
  return path.is_absolute() ? path : base_dir / path;
}

bool is_migrations_folder(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::exists(path / "meta" / "_journal.json", ec);
}

}  // namespace

Result<std::vector<fs::path>> expand_schema_paths(const std::vector<std::string>& patterns, const fs::path& base_dir) {
  std::vector<fs::path> files;
  for (const std::string& pattern : patterns) {
    fs::path path = resolve(base_dir, pattern);
    std::error_code ec;
    std::vector<fs::path> found;
    if (has_glob_chars(pattern)) {
      glob_t matches{};
      int status = ::glob(path.c_str(), 0, nullptr, &matches);
      if (status == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) found.emplace_back(matches.gl_pathv[i]);
      }
      globfree(&matches);
    } else if (fs::is_directory(path, ec)) {
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".sql") found.push_back(it->path());
      }
    } else if (fs::is_regular_file(path, ec)) {
      found.push_back(path);
    }
    if (found.empty()) {
      return fail(ErrorCode::Config,
                  fmt::format("schema {} names no file (expected a .sql file, a folder of them, or a glob)", pattern));
    }
    std::sort(found.begin(), found.end());
    for (auto& file : found) {
      if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(std::move(file));
    }
  }
  return files;
}

Result<LoadedSchema> load_schema_files(const std::vector<std::string>& patterns, const fs::path& base_dir,
                                       schema::Dialect dialect, const LoadOptions& options) {
  auto paths = expand_schema_paths(patterns, base_dir);
  if (!paths) return std::move(paths).error();
  LoadedSchema loaded;
  for (const auto& path : *paths) {
    if (!loaded.description.empty()) loaded.description += ", ";
    loaded.description += path.lexically_proximate(base_dir).string();
  }
  if (dialect == schema::Dialect::Sqlite) {
    std::vector<sqlite::SourceFile> files;
    for (const auto& path : *paths) {
      auto text = read_file(path);
      if (!text) return std::move(text).error();
      files.push_back({path.lexically_proximate(base_dir).string(), std::move(*text)});
    }
    sqlite::LoadOptions sqlite_options;
    sqlite_options.strict = options.strict;
    auto result = sqlite::load_schema(files, sqlite_options);
    if (!result) return std::move(result).error();
    loaded.database = std::move(result->database);
    for (auto& warning : result->warnings) loaded.warnings.emplace_back(std::move(warning.span), std::move(warning.message));
    return loaded;
  }
  std::vector<pg::SourceFile> files;
  for (const auto& path : *paths) {
    auto text = read_file(path);
    if (!text) return std::move(text).error();
    files.push_back({path.lexically_proximate(base_dir).string(), std::move(*text)});
  }
  pg::LoadOptions pg_options;
  pg_options.strict = options.strict;
  auto result = pg::load_schema(files, pg_options);
  if (!result) return std::move(result).error();
  loaded.database = std::move(result->database);
  for (auto& warning : result->warnings) loaded.warnings.emplace_back(std::move(warning.span), std::move(warning.message));
  return loaded;
}

std::optional<schema::Dialect> source_dialect(const std::string& source, const fs::path& base_dir) {
  fs::path path = resolve(base_dir, source);
  if (path.extension() == ".json") {
    auto read = snapshot::read_snapshot(path);
    if (read) return read->database.dialect;
  } else if (is_migrations_folder(path)) {
    auto latest = migrate::read_latest_snapshot(path);
    if (latest && *latest) return (*latest)->snapshot.database.dialect;
  }
  return std::nullopt;
}

Result<LoadedSchema> load_source(const std::string& source, const fs::path& base_dir, schema::Dialect dialect,
                                 const LoadOptions& options) {
  LoadedSchema loaded;
  loaded.database.dialect = dialect;
  if (source == "empty") {
    loaded.description = "empty";
    return loaded;
  }
  fs::path path = resolve(base_dir, source);
  auto adopt = [&](snapshot::Snapshot snapshot, const fs::path& file) -> Result<LoadedSchema> {
    if (snapshot.database.dialect != dialect) {
      return fail(ErrorCode::Config, fmt::format("{} is a {} snapshot but the dialect is {}", file.string(),
                                                 schema::to_string(snapshot.database.dialect),
                                                 schema::to_string(dialect)));
    }
    loaded.description = file.lexically_proximate(base_dir).string();
    loaded.database = snapshot.database;
    loaded.snapshot = std::move(snapshot);
    return std::move(loaded);
  };
  if (source.find("://") != std::string::npos) {
    return fail(ErrorCode::Unsupported,
                fmt::format("{}: database URLs as diff sources come with introspection (not implemented yet)",
                            source.substr(0, source.find("://") + 3)));
  }
  if (path.extension() == ".json") {
    auto snapshot = snapshot::read_snapshot(path);
    if (!snapshot) return std::move(snapshot).error();
    return adopt(std::move(*snapshot), path);
  }
  if (is_migrations_folder(path)) {
    auto latest = migrate::read_latest_snapshot(path);
    if (!latest) return std::move(latest).error();
    if (!*latest) {
      loaded.description = path.lexically_proximate(base_dir).string() + " (no migrations yet)";
      return loaded;
    }
    return adopt(std::move((*latest)->snapshot), (*latest)->path);
  }
  return load_schema_files({source}, base_dir, dialect, options);
}

}  // namespace sleet::app
