// run_init: the files a new sleet project starts with.
#include "app/init_command.hpp"

#include <fmt/format.h>
#include <sstream>

#include "app/config.hpp"
#include "core/file_io.hpp"
#include "snapshot/journal.hpp"

namespace sleet::app {
namespace fs = std::filesystem;

namespace {

std::string config_text(const InitRequest& request) {
  bool pg = request.dialect == schema::Dialect::Postgres;
  std::string url = request.url.empty() ? (pg ? "${DATABASE_URL}" : "sqlite:app.db") : request.url;
  return fmt::format(R"(# sleet configuration. Paths are relative to this file. Values may use ${{VAR}}; a .env file
# beside this file is read for variables the environment does not set. Flags override everything here.
dialect = "{}"
schema = "schema.sql"     # a file, a directory of *.sql files, a glob, or a list of them
out = "{}"             # the migrations folder (drizzle-kit's layout)
url = "{}"
breakpoints = true

[migrations]
table = "__drizzle_migrations"
{}prefix = "index"          # index | timestamp | unix | supabase | none
)",
                     pg ? "postgresql" : "sqlite", request.out, url, pg ? "schema = \"drizzle\"\n" : "");
}

std::string schema_text(schema::Dialect dialect) {
  if (dialect == schema::Dialect::Postgres) {
    return R"(-- The desired schema. Edit it, then run `sleet generate` to write a migration.
CREATE TABLE users (
  id serial PRIMARY KEY,
  email text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT users_email_unique UNIQUE (email)
);
)";
  }
  return R"(-- The desired schema. Edit it, then run `sleet generate` to write a migration.
CREATE TABLE users (
  id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  email text NOT NULL,
  created_at integer DEFAULT (unixepoch()) NOT NULL
);
CREATE UNIQUE INDEX users_email_unique ON users (email);
)";
}

}  // namespace

Result<InitReport> run_init(const InitRequest& request) {
  InitReport report;
  std::error_code ec;
  fs::create_directories(request.dir, ec);
  if (ec) return fail(ErrorCode::Io, fmt::format("{}: cannot create folder: {}", request.dir.string(), ec.message()));

  fs::path config = request.dir / kConfigFileName;
  if (fs::exists(config, ec) && !request.force)
    return fail(ErrorCode::Config,
                fmt::format("{} already exists; this folder is already a sleet project (use --force to overwrite)",
                            config.string()));

  SLEET_TRY(write_file_atomic(config, config_text(request)));
  report.created.push_back(config);

  fs::path schema_file = request.dir / "schema.sql";
  if (fs::exists(schema_file, ec) && !request.force) {
    report.kept.push_back(schema_file);
  } else {
    SLEET_TRY(write_file_atomic(schema_file, schema_text(request.dialect)));
    report.created.push_back(schema_file);
  }

  fs::path meta = request.dir / request.out / "meta";
  fs::path journal = meta / "_journal.json";
  if (fs::exists(journal, ec)) {
    report.kept.push_back(request.dir / request.out);
  } else {
    fs::create_directories(meta, ec);
    if (ec) return fail(ErrorCode::Io, fmt::format("{}: cannot create folder: {}", meta.string(), ec.message()));
    SLEET_TRY(write_file_atomic(journal, snapshot::write_empty_journal_compact(schema::to_string(request.dialect))));
    report.created.push_back(journal);
  }

  fs::path gitignore = request.dir / ".gitignore";
  std::string existing;
  if (fs::exists(gitignore, ec)) {
    auto text = read_file(gitignore);
    if (!text) return std::move(text).error();
    existing = *text;
  }
  std::vector<std::string> wanted = {".env", ".sleet/"};
  if (request.dialect == schema::Dialect::Sqlite) {
    wanted.insert(wanted.end(), {"*.db", "*.db-journal", "*.db-wal", "*.db-shm"});
  }
  std::string addition;
  for (const auto& line : wanted) {
    std::istringstream lines(existing);
    bool present = false;
    for (std::string have; std::getline(lines, have);) present = present || have == line;
    if (!present) {
      addition += line + "\n";
      report.gitignore_added.push_back(line);
    }
  }
  if (!addition.empty()) {
    if (!existing.empty() && existing.back() != '\n') existing += '\n';
    SLEET_TRY(write_file_atomic(gitignore, existing + addition));
  }
  return report;
}

}  // namespace sleet::app
