// migrate_folder: read_migration_folder + apply_pending.
#include "migrate/migrate.hpp"

namespace sleet::migrate {

Result<MigrateResult> migrate_folder(dialect::Connection& connection, const std::filesystem::path& dir,
                                     const MigrateOptions& options) {
  auto folder = read_migration_folder(dir);
  if (!folder) return std::move(folder).error();
  return apply_pending(connection, *folder, options);
}

}  // namespace sleet::migrate
