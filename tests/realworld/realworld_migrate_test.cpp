// For every folder of ../shared/corpus/realworld: `sleet migrate --dialect D --url URL --out FOLDER/migrations`
// on a fresh database must give, where drizzle-orm applied the folder cleanly (expected_tracking.json), the
// same tracking rows (id, hash, created_at) and the same `pg_dump --schema-only --no-owner` /
// `sqlite3 .schema` as expected_schema.sql; and where drizzle could not apply it, a non-zero exit naming the
// failing migration, with no table and no tracking row left behind.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "pg_fixture.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

namespace sleet::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RealworldCase {
  std::string dialect;  // "postgresql" or "sqlite"
  fs::path dir;
  std::string name() const {
    std::string text = dialect + "_" + dir.filename().string();
    for (char& c : text)
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return text;
  }
};

void PrintTo(const RealworldCase& c, std::ostream* out) { *out << c.dir.string(); }

std::vector<RealworldCase> discover() {
  std::vector<RealworldCase> cases;
  for (const char* dialect : {"postgresql", "sqlite"}) {
    fs::path root = corpus_dir() / "realworld" / dialect;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.is_directory() && fs::exists(entry.path() / "results.json")) cases.push_back({dialect, entry.path()});
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.dir < b.dir; });
  return cases;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// pg_dump output without the lines that depend on the pg_dump build: version banners and the random
/// \restrict keys of pg_dump >= 15.14.
std::string normalize_dump(const std::string& dump) {
  std::istringstream lines(dump);
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("-- Dumped from", 0) == 0 || line.rfind("-- Dumped by", 0) == 0) continue;
    if (line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0) continue;
    out += line + "\n";
  }
  return out;
}

struct TrackingRow {
  std::optional<std::int64_t> id;
  std::string hash;
  std::int64_t created_at = 0;
  bool operator==(const TrackingRow&) const = default;
};

std::ostream& operator<<(std::ostream& out, const TrackingRow& row) {
  return out << "{id " << (row.id ? std::to_string(*row.id) : "null") << ", " << row.hash << ", " << row.created_at
             << "}";
}

std::vector<TrackingRow> expected_rows(const fs::path& file, bool sqlite) {
  std::vector<TrackingRow> rows;
  for (const auto& item : json::parse(read_text(file))) {
    TrackingRow row;
    if (!item["id"].is_null()) row.id = item["id"].get<std::int64_t>();
    // SQLite's tracking table declares `id SERIAL PRIMARY KEY`, which is no rowid alias, so id is always NULL;
    // the corpus tool wrote Number(null), i.e. 0, for it.
    if (sqlite && row.id == 0) row.id.reset();
    row.hash = item["hash"].get<std::string>();
    const auto& created = item["created_at"];
    row.created_at = created.is_string() ? std::stoll(created.get<std::string>()) : created.get<std::int64_t>();
    rows.push_back(row);
  }
  return rows;
}

std::vector<TrackingRow> parse_rows(const std::string& psv) {
  std::vector<TrackingRow> rows;
  std::istringstream lines(psv);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto first = line.find('|'), second = line.find('|', first + 1);
    TrackingRow row;
    std::string id = line.substr(0, first);
    if (!id.empty()) row.id = std::stoll(id);
    row.hash = line.substr(first + 1, second - first - 1);
    row.created_at = std::stoll(line.substr(second + 1));
    rows.push_back(row);
  }
  return rows;
}

class RealworldMigrate : public ::testing::TestWithParam<RealworldCase> {};

TEST_P(RealworldMigrate, MatchesDrizzleOrm) {
  const RealworldCase& c = GetParam();
  const json results = json::parse(read_text(c.dir / "results.json"));
  const bool drizzle_applied = fs::exists(c.dir / "expected_tracking.json");
  const fs::path folder = c.dir / "migrations";

  std::string url;
  std::optional<PgTestDatabase> pg_db;
  TempDir temp("sleet-realworld");
  fs::path sqlite_file = temp.path() / "db.sqlite";
  if (c.dialect == "postgresql") {
    auto created = PgTestDatabase::create();
    ASSERT_TRUE(created.has_value()) << created.error().describe();
    pg_db.emplace(std::move(created).value());
    url = pg_db->url();
  } else {
    url = "sqlite:" + sqlite_file.string();
  }

  auto run = run_command(shell_quote(sleet_binary()) + " migrate --dialect " + c.dialect + " --url " +
                         shell_quote(url) + " --out " + shell_quote(folder.string()));

  auto query = [&](const std::string& sql) {
    if (c.dialect == "postgresql") return run_command("psql -qtAX -F '|' " + shell_quote(url) + " -c " + shell_quote(sql));
    return run_command("sqlite3 -separator '|' " + shell_quote(sqlite_file.string()) + " " + shell_quote(sql));
  };

  if (drizzle_applied) {
    ASSERT_EQ(run.exit_code, 0) << "sleet migrate failed:\n" << run.err << run.out;
    std::string table = c.dialect == "postgresql" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
    auto rows = query("select id, hash, created_at from " + table + " order by created_at, id");
    ASSERT_EQ(rows.exit_code, 0) << rows.err;
    EXPECT_EQ(parse_rows(rows.out), expected_rows(c.dir / "expected_tracking.json", c.dialect == "sqlite"));

    std::string expected = read_text(c.dir / "expected_schema.sql");
    if (c.dialect == "postgresql") {
      auto dump = run_command("pg_dump --schema-only --no-owner " + shell_quote(url));
      ASSERT_EQ(dump.exit_code, 0) << dump.err;
      EXPECT_EQ(normalize_dump(dump.out), normalize_dump(expected));
    } else {
      auto schema = run_command("sqlite3 " + shell_quote(sqlite_file.string()) + " .schema");
      ASSERT_EQ(schema.exit_code, 0) << schema.err;
      EXPECT_EQ(schema.out, expected);
    }
    // A second run has nothing to do.
    auto again = run_command(shell_quote(sleet_binary()) + " migrate --dialect " + c.dialect + " --url " +
                             shell_quote(url) + " --out " + shell_quote(folder.string()));
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("nothing to migrate"), std::string::npos) << again.out;
    return;
  }

  // drizzle-orm could not apply this folder: sleet must fail too, say where, and leave nothing behind.
  EXPECT_NE(run.exit_code, 0) << run.out;
  const json& failure = results["apply"]["first_failure"];
  if (failure.is_object() && failure.contains("migration")) {
    std::string tag = failure["migration"].get<std::string>();
    EXPECT_NE(run.err.find(tag), std::string::npos) << "message does not name " << tag << ":\n" << run.err;
  } else {
    EXPECT_TRUE(run.exit_code == 2) << "a broken folder is exit code 2; got " << run.exit_code << "\n" << run.err;
  }
  if (c.dialect == "postgresql") {
    auto tables = query(
        "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in "
        "('r','p','v','m','S') and n.nspname not in ('pg_catalog','information_schema') and n.nspname not like "
        "'pg_toast%'");
    ASSERT_EQ(tables.exit_code, 0) << tables.err;
    EXPECT_EQ(tables.out, "0\n") << "objects left behind after a failed migrate";
    auto schemas = query(
        "select count(*) from pg_namespace where nspname not in ('public','information_schema') and nspname not "
        "like 'pg\\_%'");
    ASSERT_EQ(schemas.exit_code, 0) << schemas.err;
    EXPECT_EQ(schemas.out, "0\n") << "schemas left behind after a failed migrate (the tracking schema included)";
  } else if (fs::exists(sqlite_file)) {
    auto tables = query("select count(*) from sqlite_master");
    ASSERT_EQ(tables.exit_code, 0) << tables.err;
    EXPECT_EQ(tables.out, "0\n") << "objects left behind after a failed migrate";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, RealworldMigrate, ::testing::ValuesIn(discover()),
                         [](const auto& info) { return info.param.name(); });

TEST(RealworldCorpus, IsPresent) {
  ASSERT_TRUE(fs::is_directory(corpus_dir() / "realworld"))
      << "the shared corpus is missing: expected " << (corpus_dir() / "realworld").string();
  EXPECT_GE(discover().size(), 20u);
}

}  // namespace
}  // namespace sleet::test
