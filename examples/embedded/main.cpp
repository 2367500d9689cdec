// An application that brings its database up to date at start-up with sleet's library call, then goes on
// with its work. Usage: migrate_at_startup DATABASE_URL MIGRATIONS_FOLDER
//   e.g. migrate_at_startup sqlite:app.db ../quickstart/drizzle
#include <cstdio>

#include "app/embedded.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DATABASE_URL MIGRATIONS_FOLDER\n", argv[0]);
    return 4;
  }
  sleet::EmbeddedMigrateOptions options;
  options.on_applied = [](const sleet::migrate::AppliedMigration& m) {
    std::printf("applied %s (%zu statements)\n", m.tag.c_str(), m.statement_count);
  };
  auto result = sleet::migrate_database(argv[1], argv[2], options);
  if (!result) {
    std::fprintf(stderr, "migration failed: %s\n", result.error().describe().c_str());
    return sleet::to_exit_code(result.error().code);
  }
  std::printf("database is up to date (%zu applied now, %zu before)\n", result->applied.size(),
              result->already_applied);
  // ... the application starts serving here.
  return 0;
}
