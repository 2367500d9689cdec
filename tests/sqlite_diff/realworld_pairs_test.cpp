// Real-world SQLite migration folders (../shared/corpus/realworld/sqlite): for every consecutive snapshot pair
// with drizzle's own statements in expected_diffs/NNNN.json (0000 = empty -> first snapshot), sleet's plan must
// give the same statement list. Folders whose source.json says `"diff_dialect": "turso"` were diffed with
// drizzle's libSQL differ (ALTER COLUMN ... TO ...), a different dialect, and are left out. Rename questions are
// answered from results.json's rename_prompts, every other one with "create". Every pair that differs is printed
// with its reason; pairs where drizzle's SQL is wrong and sleet's deliberately differs are listed in kDeviations.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "corpus_support.hpp"
#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/plan_migration.hpp"

namespace sleet::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Answers the prompts listed for one pair; everything else is "create".
class PromptAnswers final : public diff::RenameResolver {
 public:
  explicit PromptAnswers(json prompts) : prompts_(std::move(prompts)) {}
  Result<std::optional<std::string>> resolve(const diff::RenameQuestion& q) override {
    for (const json& p : prompts_) {
      if (p.value("answer", "") != "rename" || p.value("entity", "") != diff::to_string(q.kind)) continue;
      if (q.kind == diff::RenameKind::Column && p.value("table", "") != q.scope) continue;
      if (q.created != p.value("to", "")) continue;
      const std::string from = p.value("from", "");
      for (const std::string& c : q.candidates) {
        if (c == from) return std::optional<std::string>(c);
      }
    }
    return std::optional<std::string>();
  }

 private:
  json prompts_;
};

const std::string kLostOnDelete =
    "drizzle's ALTER TABLE ... ADD ... REFERENCES drops the foreign key's ON DELETE action (drizzle-reference "
    "8.17); sleet writes it";
const std::string kPragmaPairs =
    "drizzle keeps only the first PRAGMA foreign_keys=OFF/ON pair of several recreations, so later recreations run "
    "with foreign keys on (cascading deletes); sleet keeps each pair";
const std::string kCopiesMissingColumns =
    "drizzle's recreation copies columns the old table does not have (added in this migration, or renamed by a "
    "RENAME COLUMN folded into the recreation; drizzle-reference 8.3); sleet copies existing columns only, by "
    "their old names";

/// Pairs where sleet deliberately differs from drizzle-kit, with the reasons (docs/compat.md, SQLite section).
/// Each is also checked to converge (SqliteMigrationsConverge).
const std::map<std::string, std::string> kDeviations = {
    {"homarr-labs__homarr/0001", kLostOnDelete},
    {"homarr-labs__homarr/0006", kLostOnDelete},
    {"homarr-labs__homarr/0007", kPragmaPairs},
    {"homarr-labs__homarr/0015", kCopiesMissingColumns},
    {"homarr-labs__homarr/0016", kPragmaPairs + "; " + kCopiesMissingColumns},
    {"homarr-labs__homarr/0019", kLostOnDelete},
    {"homarr-labs__homarr/0020", kLostOnDelete},
    {"homarr-labs__homarr/0025", kLostOnDelete},
    {"homarr-labs__homarr/0029", kPragmaPairs + "; " + kCopiesMissingColumns},
    {"homarr-labs__homarr/0034", kLostOnDelete},
    {"karakeep-app__karakeep/0019", kLostOnDelete},
    {"karakeep-app__karakeep/0029", kLostOnDelete},
    {"karakeep-app__karakeep/0030", kCopiesMissingColumns},
    {"karakeep-app__karakeep/0065", kLostOnDelete},
};

bool diffed_with_libsql(const fs::path& folder) {
  json source = json::parse(read_text(folder / "source.json"), nullptr, false);
  return source.is_object() && source.value("diff_dialect", "") == "turso";
}

struct Pair {
  std::string id;  ///< "folder/NNNN"
  const schema::Database* prev;
  const schema::Database* cur;
  json rename_prompts;
  std::vector<std::string> expected;
};

/// Calls `visit` for every pair of the folders diffed with drizzle's SQLite differ; counts unparsable snapshots.
template <typename Visit>
void for_each_pair(Visit visit, int& unparsable) {
  const fs::path root = corpus_dir() / "realworld" / "sqlite";
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(root)) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    if (!fs::exists(folder / "results.json")) continue;
    if (diffed_with_libsql(folder)) {
      std::printf("skipped %s (diffed with drizzle's libSQL differ)\n", folder.filename().string().c_str());
      continue;
    }
    json results = json::parse(read_text(folder / "results.json"));
    std::map<std::string, schema::Database> cache;
    auto snapshot_for = [&](const std::string& n, const schema::Database*& out) {
      auto it = cache.find(n);
      if (it == cache.end()) {
        schema::Database db;
        std::string error;
        if (!load_snapshot(folder / "migrations" / "meta" / (n + "_snapshot.json"), db, error)) {
          std::printf("UNPARSABLE %s/%s: %s\n", folder.filename().string().c_str(), n.c_str(), error.c_str());
          return false;
        }
        it = cache.emplace(n, std::move(db)).first;
      }
      out = &it->second;
      return true;
    };
    schema::Database empty;
    empty.dialect = schema::Dialect::Sqlite;
    for (const json& item : results["diffs"]["items"]) {
      const std::string n = item.value("n", "");
      const fs::path expected_file = folder / "expected_diffs" / (n + ".json");
      if (!fs::exists(expected_file)) continue;
      Pair pair{folder.filename().string() + "/" + n, &empty, nullptr, item.value("rename_prompts", json::array()),
                json::parse(read_text(expected_file)).get<std::vector<std::string>>()};
      if ((item.contains("prev") && !snapshot_for(item["prev"].get<std::string>().substr(0, 4), pair.prev)) ||
          !snapshot_for(n, pair.cur)) {
        ++unparsable;
        continue;
      }
      visit(pair);
    }
  }
}

TEST(RealworldPairs, SqliteMatchDrizzleKitStatements) {
  ASSERT_TRUE(fs::is_directory(corpus_dir() / "realworld" / "sqlite")) << "corpus missing";
  int total = 0;
  int exact = 0;
  int deviating = 0;
  int unparsable = 0;
  for_each_pair(
      [&](const Pair& pair) {
        ++total;
        PromptAnswers answers(pair.rename_prompts);
        std::vector<std::string> actual = plan_statements(*pair.prev, *pair.cur, answers);
        std::string difference = first_difference(pair.expected, actual);
        auto deviation = kDeviations.find(pair.id);
        if (difference.empty()) {
          ++exact;
          EXPECT_EQ(deviation, kDeviations.end()) << pair.id << " is listed as a deviation but matches drizzle";
        } else if (deviation != kDeviations.end()) {
          ++deviating;
          std::printf("deviation %s (%s): first difference at %s\n", pair.id.c_str(), deviation->second.c_str(),
                      difference.c_str());
        } else {
          std::printf("MISMATCH %s: %s\n", pair.id.c_str(), difference.c_str());
        }
      },
      unparsable);
  const int comparable = total - deviating;
  double rate = total == 0 ? 0.0 : 100.0 * exact / total;
  double rate_where_drizzle_is_right = comparable == 0 ? 0.0 : 100.0 * exact / comparable;
  std::printf(
      "realworld sqlite pairs: %d byte-identical of %d (%.2f%%), %d deliberate deviations (drizzle wrong), "
      "%.2f%% of the pairs where drizzle's SQL is right; %d skipped (snapshot does not parse)\n",
      exact, total, rate, deviating, rate_where_drizzle_is_right, unparsable);
  EXPECT_GT(total, 150);
  EXPECT_EQ(unparsable, 0);
  EXPECT_EQ(exact + deviating, total) << "unexplained mismatches (see MISMATCH lines)";
  EXPECT_GE(rate_where_drizzle_is_right, 98.0);
}

/// The catalog as PRAGMAs show it: columns, indexes and foreign keys per table, views; sorted text lines.
std::string catalog(dialect::Connection& conn) {
  std::vector<std::string> lines;
  auto add = [&](const std::string& prefix, const std::string& sql) {
    auto rows = conn.query(sql);
    if (!rows) {
      lines.push_back("<query failed: " + rows.error().message + ">");
      return;
    }
    for (const dialect::Row& row : *rows) {
      std::string line = prefix;
      for (const auto& value : row) line += " " + value.value_or("NULL");
      lines.push_back(line);
    }
  };
  add("table", "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM sqlite_schema m "
               "JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
  add("index", "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, (SELECT group_concat(coalesce(ii.name, "
               "'<expr>'), ',') FROM pragma_index_info(il.name) ii) FROM sqlite_schema m JOIN pragma_index_list(m.name) "
               "il WHERE m.type = 'table' AND il.origin <> 'pk'");
  add("fk", "SELECT m.name, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete FROM sqlite_schema m JOIN "
            "pragma_foreign_key_list(m.name) f WHERE m.type = 'table'");
  add("view", "SELECT name FROM sqlite_schema WHERE type = 'view'");
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

/// Runs `statements` one by one on `conn` (foreign keys on, no transaction, as the sqlite3 CLI runs a file).
std::string apply_all(dialect::Connection& conn, const std::vector<std::string>& statements) {
  for (const std::string& sql : statements) {
    if (auto result = conn.execute(sql); !result) return result.error().message + " in: " + sql;
  }
  return "";
}

/// For every pair: the database built by sleet's export of the previous snapshot, migrated by sleet's plan,
/// has the catalog of the database built by sleet's export of the current snapshot. This is what makes the
/// deviations above safe to take: sleet's text applies and converges (drizzle's does not for several of them).
TEST(RealworldPairs, SqliteMigrationsConverge) {
  int total = 0;
  int converged = 0;
  int unparsable = 0;
  for_each_pair(
      [&](const Pair& pair) {
        ++total;
        auto migrated = sqlite::open(":memory:");
        auto wanted = sqlite::open(":memory:");
        ASSERT_TRUE(migrated && wanted);
        ASSERT_TRUE((*migrated)->execute("PRAGMA foreign_keys=ON;"));
        ASSERT_TRUE((*wanted)->execute("PRAGMA foreign_keys=ON;"));
        std::string error = apply_all(**migrated, sqlite::export_statements(*pair.prev));
        EXPECT_EQ(error, "") << pair.id << ": export of the previous snapshot";
        PromptAnswers answers(pair.rename_prompts);
        if (error.empty()) error = apply_all(**migrated, plan_statements(*pair.prev, *pair.cur, answers));
        EXPECT_EQ(error, "") << pair.id << ": migration";
        std::string error2 = apply_all(**wanted, sqlite::export_statements(*pair.cur));
        EXPECT_EQ(error2, "") << pair.id << ": export of the current snapshot";
        std::string a = catalog(**migrated);
        std::string b = catalog(**wanted);
        EXPECT_EQ(a, b) << pair.id;
        if (error.empty() && error2.empty() && a == b) {
          ++converged;
        } else {
          std::printf("NOT CONVERGED %s%s\n", pair.id.c_str(), error.empty() ? "" : (": " + error).c_str());
        }
      },
      unparsable);
  std::printf("realworld sqlite pairs: %d of %d converge (export(prev) + sleet's migration == export(cur))\n",
              converged, total);
}

}  // namespace
}  // namespace sleet::testing
