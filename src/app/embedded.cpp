// migrate_database: the embedded entry point, built from the same pieces as `sleet migrate`.
#include "app/embedded.hpp"

#include "app/connect.hpp"
#include "app/database_url.hpp"
#include "migrate/migration_folder.hpp"

namespace sleet {

Result<migrate::MigrateResult> migrate_database(const std::string& url, const std::filesystem::path& folder,
                                                const EmbeddedMigrateOptions& options) {
  app::Config config;
  auto dialect = app::url_dialect(url);
  config.dialect = dialect.value_or(schema::Dialect::Sqlite);
  config.url = url;
  std::error_code ec;
  config.base_dir = std::filesystem::current_path(ec);
  config.tracking.table = options.migrations_table;
  config.tracking.schema = options.migrations_schema;

  auto contents = migrate::read_migration_folder(folder);
  if (!contents) return std::move(contents).error();
  auto database = app::open_database(config, app::Access::ReadWrite);
  if (!database) return std::move(database).error();
  migrate::MigrateOptions migrate_options;
  migrate_options.tracking = config.tracking;
  migrate_options.allow_out_of_order = options.allow_out_of_order;
  migrate_options.on_applied = options.on_applied;
  return migrate::apply_pending(*database->connection, *contents, migrate_options);
}

}  // namespace sleet
