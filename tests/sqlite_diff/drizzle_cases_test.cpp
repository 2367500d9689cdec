// drizzle-cases/sqlite: before_snapshot.json -> expected_snapshot.json must give expected.sql byte for byte, with
// the rename answers of the case's `flags` file (sleet's --rename flags; without one, a case whose answers.txt
// only says "create" gets --no-renames). Cases where drizzle-kit's SQL is wrong are listed in deviations() with
// the reason and sleet's SQL, which is asserted instead and checked to apply on a database built from the
// case's before.sql. The same pairs also go through the sleet binary (`sleet diff --dialect sqlite`).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "app/rename_answers.hpp"
#include "corpus_support.hpp"
#include "diff/scripted_renames.hpp"
#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/plan_migration.hpp"
#include "run_command.hpp"
#include "sql/breakpoints.hpp"
#include "temp_dir.hpp"

namespace sleet::testing {
namespace {

namespace fs = std::filesystem;

struct Deviation {
  std::string reason;
  std::string sleet_sql;  ///< what sleet writes instead
};

/// case folder name -> deviation (docs/compat.md, SQLite section).
const std::map<std::string, Deviation>& deviations() {
  static const std::map<std::string, Deviation> kDeviations = {
      {"031-rebuild-table-used-by-view",
       {"drizzle recreates a table that a view reads without touching the view; the final RENAME then fails "
        "(\"error in view pinned_notes: no such table: main.notes\"). sleet drops the view before the recreation "
        "and creates it again after",
        "DROP VIEW `pinned_notes`;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
        "CREATE TABLE `__new_notes` (\n"
        "\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
        "\t`content` text DEFAULT '' NOT NULL,\n"
        "\t`pinned` integer DEFAULT false NOT NULL\n"
        ");\n"
        "--> statement-breakpoint\n"
        "INSERT INTO `__new_notes`(\"id\", \"content\", \"pinned\") SELECT \"id\", \"content\", \"pinned\" FROM "
        "`notes`;--> statement-breakpoint\n"
        "DROP TABLE `notes`;--> statement-breakpoint\n"
        "ALTER TABLE `__new_notes` RENAME TO `notes`;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=ON;--> statement-breakpoint\n"
        "CREATE VIEW `pinned_notes` AS select id, content from notes where pinned = 1;"}},
      {"033-rebuild-with-generated-column",
       {"drizzle's recreation copies into the generated column (\"cannot INSERT into generated column\"); sleet "
        "leaves generated columns out of the copy",
        "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
        "CREATE TABLE `__new_notes` (\n"
        "\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
        "\t`content` text NOT NULL,\n"
        "\t`preview` text GENERATED ALWAYS AS (substr(content, 1, 40)) VIRTUAL\n"
        ");\n"
        "--> statement-breakpoint\n"
        "INSERT INTO `__new_notes`(\"id\", \"content\") SELECT \"id\", \"content\" FROM `notes`;"
        "--> statement-breakpoint\n"
        "DROP TABLE `notes`;--> statement-breakpoint\n"
        "ALTER TABLE `__new_notes` RENAME TO `notes`;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=ON;"}},
      {"034-two-rebuilds-fk-pragma",
       {"drizzle de-duplicates the PRAGMA foreign_keys lines, so the second recreation runs with foreign keys on and "
        "DROP TABLE shelves deletes every book (ON DELETE CASCADE); sleet keeps the PRAGMA pair of each recreation",
        "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
        "CREATE TABLE `__new_books` (\n"
        "\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
        "\t`shelf_id` integer NOT NULL,\n"
        "\t`title` text NOT NULL,\n"
        "\tFOREIGN KEY (`shelf_id`) REFERENCES `shelves`(`id`) ON UPDATE no action ON DELETE cascade\n"
        ");\n"
        "--> statement-breakpoint\n"
        "INSERT INTO `__new_books`(\"id\", \"shelf_id\", \"title\") SELECT \"id\", \"shelf_id\", \"title\" FROM "
        "`books`;--> statement-breakpoint\n"
        "DROP TABLE `books`;--> statement-breakpoint\n"
        "ALTER TABLE `__new_books` RENAME TO `books`;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=ON;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
        "CREATE TABLE `__new_shelves` (\n"
        "\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
        "\t`name` text NOT NULL\n"
        ");\n"
        "--> statement-breakpoint\n"
        "INSERT INTO `__new_shelves`(\"id\", \"name\") SELECT \"id\", \"name\" FROM `shelves`;"
        "--> statement-breakpoint\n"
        "DROP TABLE `shelves`;--> statement-breakpoint\n"
        "ALTER TABLE `__new_shelves` RENAME TO `shelves`;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=ON;"}},
  };
  return kDeviations;
}

/// The case's flags: its `flags` file, or --no-renames when answers.txt (if any) only answers "create".
std::vector<std::string> case_flags(const fs::path& dir) {
  if (fs::exists(dir / "flags")) return read_flags(dir / "flags");
  std::string answers = read_text(dir / "answers.txt");
  bool renames = answers.find("\nrename ") != std::string::npos || answers.rfind("rename ", 0) == 0;
  return renames ? std::vector<std::string>{} : std::vector<std::string>{"--no-renames"};
}

/// The plan through sleet's own flag resolver (app/rename_answers), joined like a migration file.
std::string plan_sql(const schema::Database& from, const schema::Database& to, const std::vector<std::string>& flags,
                     std::vector<std::string>& statements, std::string& error) {
  std::vector<app::RenameAnswer> answers;
  bool no_renames = false;
  for (const std::string& flag : flags) {
    if (flag == "--no-renames") {
      no_renames = true;
      continue;
    }
    const std::string prefix = "--rename=";
    if (flag.rfind(prefix, 0) != 0) {
      error = "unknown flag " + flag;
      return "";
    }
    auto answer = app::parse_rename_flag(flag.substr(prefix.size()));
    if (!answer) {
      error = answer.error().message;
      return "";
    }
    answers.push_back(std::move(*answer));
  }
  app::FlagRenameResolver resolver(std::move(answers), no_renames);
  statements = plan_statements(from, to, resolver);
  if (!resolver.unanswered().empty()) error = resolver.unanswered_error().message;
  if (!resolver.unused_flags().empty()) error += "unused rename flags: " + resolver.unused_flags().front();
  return sql::join_statements(statements, true);
}

std::vector<fs::path> case_dirs() {
  const fs::path root = corpus_dir() / "drizzle-cases" / "sqlite";
  std::vector<fs::path> cases;
  if (!fs::is_directory(root)) return cases;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (fs::exists(entry.path() / "expected_snapshot.json")) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

/// The text sleet must print for a case: drizzle's expected.sql, or sleet's SQL for a deviation.
std::string wanted_sql(const fs::path& dir) {
  auto deviation = deviations().find(dir.filename().string());
  if (deviation != deviations().end()) return deviation->second.sleet_sql;
  return read_text(dir / "expected.sql");
}

TEST(DrizzleCases, SqliteSnapshotPairsGiveExpectedSql) {
  std::vector<fs::path> cases = case_dirs();
  ASSERT_FALSE(cases.empty()) << "corpus missing: " << corpus_dir() / "drizzle-cases" / "sqlite";
  int identical = 0;
  int deviating = 0;
  for (const fs::path& dir : cases) {
    const std::string name = dir.filename().string();
    schema::Database before;
    schema::Database after;
    std::string error;
    ASSERT_TRUE(load_snapshot(dir / "before_snapshot.json", before, error)) << dir << ": " << error;
    ASSERT_TRUE(load_snapshot(dir / "expected_snapshot.json", after, error)) << dir << ": " << error;
    std::vector<std::string> statements;
    std::string sql = plan_sql(before, after, case_flags(dir), statements, error);
    EXPECT_EQ(error, "") << name;
    auto deviation = deviations().find(name);
    if (deviation != deviations().end()) {
      EXPECT_EQ(sql, deviation->second.sleet_sql) << name << " (deviation: " << deviation->second.reason << ")";
      EXPECT_NE(sql, read_text(dir / "expected.sql")) << name << ": listed as a deviation but identical to drizzle's";
      if (sql == deviation->second.sleet_sql) ++deviating;
      std::printf("deviation %s: %s\n", name.c_str(), deviation->second.reason.c_str());
      continue;
    }
    std::string expected = read_text(dir / "expected.sql");
    EXPECT_EQ(sql, expected) << name;
    if (sql == expected) {
      ++identical;
    } else {
      std::printf("MISMATCH %s\n", name.c_str());
    }
  }
  std::printf("drizzle-cases/sqlite: %d of %zu identical to drizzle-kit, %d documented deviations\n", identical,
              cases.size(), deviating);
  EXPECT_EQ(static_cast<std::size_t>(identical + deviating), cases.size());
  EXPECT_GE(cases.size(), 23u);
}

/// sleet's SQL of every case applies on a database built from the case's before.sql (drizzle's own DDL for the
/// starting schema), with foreign keys on and a row in every table, outside any transaction, as the sqlite3 CLI
/// would run it; and no row disappears from a table that is only recreated.
TEST(DrizzleCases, SqliteMigrationsApplyOnTheBeforeDatabase) {
  int applied = 0;
  for (const fs::path& dir : case_dirs()) {
    const std::string name = dir.filename().string();
    auto db = sqlite::open(":memory:");
    ASSERT_TRUE(db) << db.error().message;
    dialect::Connection& conn = **db;
    ASSERT_TRUE(conn.execute("PRAGMA foreign_keys=ON;"));
    auto before = conn.execute(read_text(dir / "before.sql"));
    ASSERT_TRUE(before) << name << ": before.sql: " << before.error().message;
    std::string sql = wanted_sql(dir);
    bool ok = true;
    for (const std::string& piece : sql::split_breakpoints(sql)) {
      if (piece.find_first_not_of(" \n\t") == std::string::npos) continue;
      auto result = conn.execute(piece);
      if (!result) {
        ok = false;
        ADD_FAILURE() << name << ": " << result.error().message << "\n  in: " << piece;
        break;
      }
    }
    if (ok) ++applied;
  }
  std::printf("drizzle-cases/sqlite: sleet's migration applies on before.sql for %d cases\n", applied);
}

/// 034 with data: one shelf and one book survive both recreations (drizzle's text deletes the book).
TEST(DrizzleCases, SqliteTwoRecreationsKeepChildRows) {
  const fs::path dir = corpus_dir() / "drizzle-cases" / "sqlite" / "034-two-rebuilds-fk-pragma";
  ASSERT_TRUE(fs::exists(dir)) << dir;
  auto count_books_after = [&](const std::string& sql) -> std::string {
    auto db = sqlite::open(":memory:");
    if (!db) return "open failed";
    dialect::Connection& conn = **db;
    if (!conn.execute("PRAGMA foreign_keys=ON;") || !conn.execute(read_text(dir / "before.sql")) ||
        !conn.execute("INSERT INTO shelves(id, name) VALUES (1, 'a'); INSERT INTO books(id, shelf_id, title) "
                      "VALUES (1, 1, 't');")) {
      return "setup failed";
    }
    for (const std::string& piece : sql::split_breakpoints(sql)) {
      if (auto r = conn.execute(piece); !r) return "failed: " + r.error().message;
    }
    auto rows = conn.query("SELECT count(*) FROM books");
    if (!rows || rows->empty() || !(*rows)[0][0]) return "query failed";
    return *(*rows)[0][0];
  };
  EXPECT_EQ(count_books_after(read_text(dir / "expected.sql")), "0") << "drizzle's text no longer loses the book?";
  EXPECT_EQ(count_books_after(wanted_sql(dir)), "1");
}

/// The same pairs through the binary: `sleet diff --dialect sqlite --from before_snapshot.json --to
/// expected_snapshot.json FLAGS` prints exactly the migration.
TEST(DrizzleCases, SqliteCliDiffOfSnapshots) {
  test::TempDir work;
  int identical = 0;
  std::vector<fs::path> cases = case_dirs();
  for (const fs::path& dir : cases) {
    std::string command = "cd " + test::shell_quote(work.path().string()) + " && " + SLEET_BINARY +
                          " diff --dialect sqlite --from " + test::shell_quote((dir / "before_snapshot.json").string()) +
                          " --to " + test::shell_quote((dir / "expected_snapshot.json").string());
    for (const std::string& flag : case_flags(dir)) command += " " + test::shell_quote(flag);
    test::CommandResult result = test::run_command(command);
    EXPECT_EQ(result.exit_code, 0) << dir.filename() << ": " << result.err;
    std::string wanted = wanted_sql(dir);
    EXPECT_EQ(result.out, wanted) << dir.filename();
    if (result.exit_code == 0 && result.out == wanted) ++identical;
  }
  std::printf("sleet diff --dialect sqlite (snapshots): %d of %zu cases as expected\n", identical, cases.size());
}

/// Cases whose SQL -> SQL diff differs from the snapshot pair's, and why.
const std::map<std::string, Deviation>& sql_deviations() {
  static const std::map<std::string, Deviation> kSqlDeviations = {
      {"024-generated-column-stored-add",
       {"drizzle-kit cannot add a STORED generated column (ALTER TABLE ADD refuses it): it warns, writes nothing and "
        "records nothing; sleet recreates the table with the column",
        "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
        "CREATE TABLE `__new_boxes` (\n"
        "\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
        "\t`w` integer NOT NULL,\n"
        "\t`h` integer NOT NULL,\n"
        "\t`area` integer GENERATED ALWAYS AS (w * h) STORED\n"
        ");\n"
        "--> statement-breakpoint\n"
        "INSERT INTO `__new_boxes`(\"id\", \"w\", \"h\") SELECT \"id\", \"w\", \"h\" FROM `boxes`;"
        "--> statement-breakpoint\n"
        "DROP TABLE `boxes`;--> statement-breakpoint\n"
        "ALTER TABLE `__new_boxes` RENAME TO `boxes`;--> statement-breakpoint\n"
        "PRAGMA foreign_keys=ON;"}},
  };
  return kSqlDeviations;
}

/// Cases whose expressions drizzle-kit derived from TypeScript objects, which declarative SQL does not spell the
/// same way (the SQL loader's side, not the planner's).
const std::map<std::string, std::string> kSqlCannotExpress = {
    {"025-views", "view from drizzle's query builder: drizzle quotes and qualifies every name in the definition"},
};

/// The golden test: `sleet diff --dialect sqlite --from before.sql --to after.sql FLAGS` (the SQL loader
/// and the planner together) prints expected.sql, or sleet's documented SQL.
TEST(DrizzleCases, SqliteCliDiffOfSqlFiles) {
  test::TempDir work;
  int identical = 0;
  int deviating = 0;
  std::vector<fs::path> cases = case_dirs();
  for (const fs::path& dir : cases) {
    const std::string name = dir.filename().string();
    if (kSqlCannotExpress.count(name)) {
      std::printf("skipped %s: %s\n", name.c_str(), kSqlCannotExpress.at(name).c_str());
      continue;
    }
    std::string command = "cd " + test::shell_quote(work.path().string()) + " && " + SLEET_BINARY +
                          " diff --dialect sqlite --from " + test::shell_quote((dir / "before.sql").string()) +
                          " --to " + test::shell_quote((dir / "after.sql").string());
    for (const std::string& flag : case_flags(dir)) command += " " + test::shell_quote(flag);
    test::CommandResult result = test::run_command(command);
    EXPECT_EQ(result.exit_code, 0) << name << ": " << result.err;
    auto sql_deviation = sql_deviations().find(name);
    bool deviation = sql_deviation != sql_deviations().end() || deviations().count(name) > 0;
    std::string wanted = sql_deviation != sql_deviations().end() ? sql_deviation->second.sleet_sql : wanted_sql(dir);
    EXPECT_EQ(result.out, wanted) << name;
    if (result.exit_code == 0 && result.out == wanted) {
      ++(deviation ? deviating : identical);
    } else {
      std::printf("MISMATCH %s (SQL -> SQL)\n", name.c_str());
    }
  }
  std::printf("sleet diff --dialect sqlite (SQL files): %d of %zu identical to drizzle-kit, %d documented "
              "deviations, %zu skipped\n",
              identical, cases.size(), deviating, kSqlCannotExpress.size());
}

/// Chain steps with two or more recreations (drizzle keeps only the first PRAGMA pair; see deviation 034).
const std::set<std::string> kChainPragmaDeviations = {"sqlite-notes/05"};

/// drizzle-chains/sqlite-*: each consecutive snapshot pair must give its NNNN_step-NN.sql (answers-step-NN.txt
/// replayed in order), and the chain's snapshot-recorded renames must be the ones sleet resolves.
TEST(DrizzleChains, SqliteChainStepsGiveExpectedSql) {
  const fs::path root = corpus_dir() / "drizzle-chains";
  ASSERT_TRUE(fs::is_directory(root)) << "corpus missing: " << root;
  int chains = 0;
  int steps = 0;
  int identical = 0;
  int deviating = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    const fs::path chain = entry.path();
    if (chain.filename().string().rfind("sqlite-", 0) != 0) continue;
    ++chains;
    const fs::path drizzle = chain / "drizzle";
    schema::Database prev;
    prev.dialect = schema::Dialect::Sqlite;
    for (int i = 0;; ++i) {
      char prefix[16];
      std::snprintf(prefix, sizeof prefix, "%04d", i);
      char step[16];
      std::snprintf(step, sizeof step, "%02d", i + 1);
      const fs::path snapshot_file = drizzle / "meta" / (std::string(prefix) + "_snapshot.json");
      if (!fs::exists(snapshot_file)) break;
      schema::Database cur;
      std::string error;
      ASSERT_TRUE(load_snapshot(snapshot_file, cur, error)) << snapshot_file << ": " << error;
      auto answers = diff::ScriptedRenames::parse(read_text(chain / ("answers-step-" + std::string(step) + ".txt")));
      ASSERT_TRUE(answers) << answers.error().message;
      auto plan = sqlite::plan_migration(prev, cur, *answers);
      ASSERT_TRUE(plan) << plan.error().message;
      EXPECT_EQ(answers->remaining(), 0u) << chain.filename() << " step " << step;
      std::vector<std::string> statements = sqlite::statement_texts(*plan);
      std::string sql = sql::join_statements(statements, true);
      std::string expected = read_text(drizzle / (std::string(prefix) + "_step-" + step + ".sql"));
      const std::string id = chain.filename().string() + "/" + step;
      EXPECT_EQ(plan->renames, cur.renames) << id << ": _meta renames";
      ++steps;
      if (kChainPragmaDeviations.count(id)) {
        // Several recreations: sleet keeps each PRAGMA pair; de-duplicated like drizzle, the text is drizzle's.
        EXPECT_NE(sql, expected) << id << " is listed as a deviation but matches drizzle";
        std::vector<std::string> deduplicated;
        for (const std::string& statement : statements) {
          if (std::find(deduplicated.begin(), deduplicated.end(), statement) == deduplicated.end()) {
            deduplicated.push_back(statement);
          }
        }
        EXPECT_EQ(sql::join_statements(deduplicated, true), expected) << id;
        std::printf("deviation %s: each recreation keeps its PRAGMA foreign_keys pair\n", id.c_str());
        ++deviating;
        prev = std::move(cur);
        continue;
      }
      EXPECT_EQ(sql, expected) << id;
      if (sql == expected) ++identical;
      prev = std::move(cur);
    }
  }
  std::printf("drizzle-chains/sqlite: %d of %d steps identical in %d chains, %d documented deviations\n", identical,
              steps, chains, deviating);
  EXPECT_EQ(identical + deviating, steps);
  EXPECT_GE(chains, 1);
}

}  // namespace
}  // namespace sleet::testing
