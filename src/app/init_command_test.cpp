#include "app/init_command.hpp"

#include <gtest/gtest.h>

#include "app/config.hpp"
#include "core/file_io.hpp"
#include "snapshot/journal.hpp"
#include "temp_dir.hpp"

namespace sleet::app {
namespace {

TEST(Init, ScaffoldsAProjectThatLoadsAsConfig) {
  sleet::test::TempDir dir;
  InitRequest request;
  request.dir = dir.path() / "proj";
  request.dialect = schema::Dialect::Postgres;
  auto report = run_init(request);
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_TRUE(std::filesystem::exists(request.dir / "sleet.toml"));
  EXPECT_TRUE(std::filesystem::exists(request.dir / "schema.sql"));
  auto journal = snapshot::read_journal(request.dir / "drizzle/meta/_journal.json");
  ASSERT_TRUE(journal) << journal.error().describe();
  EXPECT_EQ(journal->dialect, "postgresql");
  EXPECT_TRUE(journal->entries.empty());
  EXPECT_EQ(*read_file(request.dir / ".gitignore"), ".env\n.sleet/\n");

  auto config = load_config({}, request.dir, {{"DATABASE_URL", "postgres://u@h/d"}});
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->dialect, schema::Dialect::Postgres);
  EXPECT_EQ(config->url, "postgres://u@h/d");
  EXPECT_EQ(config->tracking.schema, "drizzle");
}

TEST(Init, RefusesAnExistingProjectAndKeepsGitignoreLines) {
  sleet::test::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir.path() / ".gitignore", "node_modules\n*.db"));
  InitRequest request;
  request.dir = dir.path();
  ASSERT_TRUE(run_init(request));
  EXPECT_EQ(*read_file(dir.path() / ".gitignore"), "node_modules\n*.db\n.env\n.sleet/\n*.db-journal\n*.db-wal\n*.db-shm\n");
  auto again = run_init(request);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Config);
  EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
  request.force = true;
  auto forced = run_init(request);
  ASSERT_TRUE(forced) << forced.error().describe();
  EXPECT_TRUE(forced->gitignore_added.empty());
  auto config = load_config({}, dir.path(), {});
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->url, "sqlite:app.db");
}

}  // namespace
}  // namespace sleet::app
