// The `init` use case: scaffolds a project (sleet.toml, schema.sql, the migrations folder, .gitignore lines).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "schema/schema.hpp"

namespace sleet::app {

struct InitRequest {
  std::filesystem::path dir;  ///< the project folder (created if missing)
  schema::Dialect dialect = schema::Dialect::Sqlite;
  std::string url;       ///< empty: "sqlite:app.db" for sqlite, "${DATABASE_URL}" for postgresql
  std::string out = "drizzle";
  bool force = false;    ///< overwrite an existing sleet.toml / schema.sql
};

struct InitReport {
  std::vector<std::filesystem::path> created;   ///< files and folders written
  std::vector<std::filesystem::path> kept;      ///< already there, left alone
  std::vector<std::string> gitignore_added;     ///< lines appended to .gitignore
};

/// Writes the scaffold atomically file by file. Refuses (ErrorCode::Config) when sleet.toml exists, unless
/// force. schema.sql and the migrations folder are kept when present; .gitignore lines are added only if
/// missing.
Result<InitReport> run_init(const InitRequest& request);

}  // namespace sleet::app
