// Opening a database connection from the configuration: the one place app/ chooses a dialect's connection.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "app/database_url.hpp"
#include "dialect/dialect.hpp"

namespace sleet::app {

enum class Access {
  ReadWrite,  ///< create the SQLite file if missing
  ReadOnly,   ///< never create or modify anything
};

struct OpenedDatabase {
  DatabaseUrl url;
  std::unique_ptr<dialect::Connection> connection;  ///< null when ReadOnly and the SQLite file does not exist
};

/// Parses config.url and connects. PostgreSQL connects with a connect timeout; SQLite opens the file
/// (ReadOnly: only if it exists). Errors carry the masked URL.
Result<OpenedDatabase> open_database(const Config& config, Access access);

}  // namespace sleet::app
