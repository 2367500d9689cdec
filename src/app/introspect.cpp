#include "app/introspect.hpp"

#include <fmt/format.h>

#include "dialect/postgres/introspect.hpp"
#include "dialect/sqlite/introspect.hpp"

namespace sleet::app {

Result<LiveSchema> introspect_database(const Config& config, dialect::Connection& connection) {
  LiveSchema live;
  if (connection.dialect() == schema::Dialect::Postgres) {
    auto read = pg::introspect(connection, config.filters);
    if (!read) return std::move(read).error();
    live.database = std::move(read->database);
    live.queries = read->queries;
    live.notes = std::move(read->notes);
    return live;
  }
  auto read = sqlite::introspect_live(connection, config.filters);
  if (!read) return std::move(read).error();
  live.database = std::move(read->database);
  live.queries = read->queries;
  for (auto& note : read->notes) live.notes.push_back(fmt::format("{}: {}", note.object, note.message));
  for (auto& problem : read->problems) live.notes.push_back(fmt::format("{}: {}", problem.object, problem.message));
  return live;
}

}  // namespace sleet::app
