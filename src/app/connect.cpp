// open_database: URL -> dialect connection.
#include "app/connect.hpp"

#include <fmt/format.h>

#include "dialect/postgres/connection.hpp"
#include "dialect/sqlite/connection.hpp"

namespace sleet::app {

Result<OpenedDatabase> open_database(const Config& config, Access access) {
  auto url = parse_database_url(config.url, config.dialect, config.base_dir);
  if (!url) return std::move(url).error();
  OpenedDatabase opened{*url, nullptr};
  if (url->dialect == schema::Dialect::Postgres) {
    auto connection = pg::connect(url->conninfo);
    if (!connection) return std::move(connection).error();
    opened.connection = std::move(*connection);
    return opened;
  }
  const auto& path = url->sqlite_path;
  if (access == Access::ReadOnly && path != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return opened;
  }
  if (access == Access::ReadWrite && path != ":memory:") {
    std::error_code ec;
    auto parent = path.parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      return fail(ErrorCode::Database, fmt::format("cannot open {}: directory {} does not exist", url->display,
                                                   parent.string()));
  }
  auto connection = sqlite::open(path.string(), access == Access::ReadOnly ? sqlite::OpenMode::ReadOnly
                                                                          : sqlite::OpenMode::ReadWriteCreate);
  if (!connection) return std::move(connection).error();
  opened.connection = std::move(*connection);
  return opened;
}

}  // namespace sleet::app
