// Differential test of `sleet diff` (SQLite) against drizzle-kit 0.31.11's generateSQLiteMigration on seeded random
// snapshot pairs: the SQLite counterpart of differential_test.cpp, with the same seeds, folders and messages.
// Each run picks a base seed (time-based, or SLEET_DIFF_SEED), generates SLEET_SQLITE_DIFF_CASES pairs (default
// 100) with random_sqlite_schema.hpp, writes them as drizzle sqlite v6 snapshot files, runs the oracle once for all
// pairs (oracle_batch.mjs, which calls generateSQLiteMigration when cur.json's dialect is "sqlite"; pair 0 is also
// run through ../shared/tools/drizzle-diff-snapshots.mjs itself to prove the two agree) and the built
// `sleet diff` per pair, and compares the statement lists. A mismatch prints the base seed, the pair index and
// seed, the kept folder with both snapshot files and both outputs, the mutations and rename answers, and a diff.
//
// sleet's documented SQLite deviations (docs/compat.md) are normalised by normalise_sqlite_deviations(), each
// step one row of that table; the ones no normalising can compare are never generated (random_sqlite_schema.hpp).
// Needs node and drizzle-kit in $DRIZZLE_LAB (the CTest fixture differential_setup installs it); without them
// the test fails, it never skips.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "random_sqlite_schema.hpp"
#include "run_command.hpp"
#include "snapshot/snapshot_json.hpp"

namespace sleet::differential {
namespace {

namespace fs = std::filesystem;
using test::run_command;
using test::shell_quote;

constexpr std::string_view kBreakpoint = "--> statement-breakpoint\n";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::vector<std::string> split_statements(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(kBreakpoint, start);
    if (pos == std::string::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, pos - start));
    start = pos + kBreakpoint.size();
  }
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return fallback;
  return std::strtoull(value, nullptr, 0);
}

std::string fake_uuid(std::uint64_t seed) {
  Rng rng(seed);
  char buffer[40];
  std::uint64_t a = rng.next();
  std::uint64_t b = rng.next();
  std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(b >> 52), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buffer;
}

void write_snapshot_file(const fs::path& path, const schema::Database& db, const std::string& id,
                         const std::string& prev_id) {
  snapshot::Snapshot snap;
  snap.id = id;
  snap.prev_id = prev_id;
  snap.version = "6";
  snap.database = db;
  write_file(path, snapshot::write_snapshot(snap));
}

std::string as_blocks(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) out += s + "\n\n";
  return out;
}

TEST(SqliteDifferential, SleetDiffMatchesDrizzleKitOnRandomSqliteSnapshotPairs) {
  const auto now = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  const std::uint64_t base_seed = env_number("SLEET_DIFF_SEED", (now ^ (static_cast<std::uint64_t>(getpid()) << 32)) % 1000000007ULL);
  const std::size_t cases = static_cast<std::size_t>(env_number("SLEET_SQLITE_DIFF_CASES", 100));
  const std::string reproduce = "SLEET_DIFF_SEED=" + std::to_string(base_seed) + " SLEET_SQLITE_DIFF_CASES=" + std::to_string(cases);
  std::cout << "sqlite differential: base seed " << base_seed << ", " << cases << " pairs (reproduce with " << reproduce
            << ")" << std::endl;

  const char* lab_env = std::getenv("DRIZZLE_LAB");
  ASSERT_TRUE(lab_env != nullptr && *lab_env != '\0')
      << "DRIZZLE_LAB is not set; run through ctest (the differential_setup fixture installs drizzle-kit into "
         "<build>/drizzle-lab) or set it to a folder where ../shared/bench/setup-drizzle.sh installed drizzle-kit";
  const fs::path lab = lab_env;
  ASSERT_TRUE(fs::exists(lab / "node_modules" / "drizzle-kit" / "api.js"))
      << "drizzle-kit is not installed in " << lab << "; install it with: DRIZZLE_LAB=" << lab
      << " bash ../shared/bench/setup-drizzle.sh (needs node and npm with registry access)";
  ASSERT_EQ(run_command("node --version").exit_code, 0) << "node is not on PATH";

  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/sleet-sqlite-differential-" +
                        std::to_string(base_seed) + "-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  ASSERT_NE(mkdtemp(buffer.data()), nullptr) << "cannot create " << pattern;
  const fs::path work = buffer.data();

  // Generate and write every pair.
  std::vector<SchemaPair> pairs;
  nlohmann::json manifest = nlohmann::json::array();
  for (std::size_t i = 0; i < cases; ++i) {
    const std::uint64_t seed = pair_seed(base_seed, i);
    pairs.push_back(generate_sqlite_pair(seed));
    const SchemaPair& pair = pairs.back();
    const fs::path dir = work / ("case-" + std::to_string(i));
    fs::create_directories(dir);
    const std::string prev_id = fake_uuid(seed);
    write_snapshot_file(dir / "prev.json", pair.from, prev_id, std::string(snapshot::kOriginId));
    write_snapshot_file(dir / "cur.json", pair.to, fake_uuid(seed + 1), prev_id);
    std::string info = "pair seed " + std::to_string(seed) + "\nmutations:\n";
    for (const auto& m : pair.mutations) info += "  " + m + "\n";
    info += "renames:\n";
    nlohmann::json renames = nlohmann::json::array();
    for (const auto& r : pair.renames) {
      info += "  sleet --rename " + r.sleet_flag + "   drizzle --rename " + r.oracle + "\n";
      renames.push_back(r.oracle);
    }
    write_file(dir / "info.txt", info);
    manifest.push_back({{"prev", (dir / "prev.json").string()},
                        {"cur", (dir / "cur.json").string()},
                        {"renames", renames},
                        {"out", (dir / "drizzle.sql").string()}});
  }
  write_file(work / "manifest.json", manifest.dump(2));

  // The oracle, once for all pairs.
  const std::string env = "DRIZZLE_LAB=" + shell_quote(lab.string()) + " ";
  const std::string batch = std::string(SLEET_DIFFERENTIAL_DIR) + "/oracle_batch.mjs";
  auto oracle = run_command("cd " + shell_quote(work.string()) + " && " + env + "node " + shell_quote(batch) + " " +
                            shell_quote((work / "manifest.json").string()));
  ASSERT_EQ(oracle.exit_code, 0) << "oracle_batch.mjs failed (folder kept: " << work << "):\n" << oracle.err;

  // The batch driver must agree with the shared wrapper (checked on pair 0).
  if (cases > 0) {
    const fs::path dir = work / "case-0";
    std::string command = "cd " + shell_quote(dir.string()) + " && " + env + "node " +
                          shell_quote(fs::path(SLEET_SOURCE_DIR).parent_path().string() +
                                      "/shared/tools/drizzle-diff-snapshots.mjs") +
                          " prev.json cur.json --breakpoints";
    for (const auto& r : pairs[0].renames) command += " --rename " + shell_quote(r.oracle);
    auto shared = run_command(command);
    if (shared.exit_code == 0 && !fs::exists(dir / "drizzle.sql.error")) {
      ASSERT_EQ(shared.out, read_file(dir / "drizzle.sql"))
          << "oracle_batch.mjs and ../shared/tools/drizzle-diff-snapshots.mjs disagree on " << dir;
    }
  }

  int equal = 0;
  int normalised = 0;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < cases; ++i) {
    const fs::path dir = work / ("case-" + std::to_string(i));
    const SchemaPair& pair = pairs[i];
    const std::string where = "pair " + std::to_string(i) + " (pair seed " + std::to_string(pair_seed(base_seed, i)) +
                              ") in " + dir.string() + " [" + reproduce + "]";
    std::string command = "cd " + shell_quote(dir.string()) + " && " + shell_quote(test::sleet_binary()) +
                          " diff --from prev.json --to cur.json --no-renames";
    for (const auto& r : pair.renames) command += " --rename " + shell_quote(r.sleet_flag);
    auto sleet = run_command(command);
    write_file(dir / "sleet.sql", sleet.out);
    if (fs::exists(dir / "drizzle.sql.error")) {
      failures.push_back("drizzle-kit threw on " + where + ":\n" + read_file(dir / "drizzle.sql.error") +
                         "\n(see info.txt; the generator should not produce this input)");
      continue;
    }
    if (sleet.exit_code != 0) {
      failures.push_back("sleet diff exited " + std::to_string(sleet.exit_code) + " on " + where + ":\n" + sleet.err);
      continue;
    }
    std::vector<std::string> theirs = split_statements(read_file(dir / "drizzle.sql"));
    std::vector<std::string> ours = split_statements(sleet.out);
    if (theirs == ours) {
      ++equal;
      continue;
    }
    std::vector<std::string> problems;
    normalise_sqlite_deviations(ours, theirs, pair, problems);  // docs/compat.md: where sleet is right on purpose
    if (ours == theirs && problems.empty()) {
      ++normalised;
      continue;
    }
    for (const auto& p : problems) failures.push_back(p + " on " + where);
    if (ours == theirs) continue;
    write_file(dir / "drizzle.statements", as_blocks(theirs));
    write_file(dir / "sleet.statements", as_blocks(ours));
    auto diff = run_command("cd " + shell_quote(dir.string()) + " && diff -u drizzle.statements sleet.statements");
    failures.push_back("mismatch on " + where + "\n" + read_file(dir / "info.txt") + "--- drizzle-kit / +++ sleet:\n" +
                       diff.out);
  }
  std::cout << "sqlite differential: " << equal << " identical, " << normalised << " equal after normalising documented "
            << "deviations, " << failures.size() << " failing, of " << cases << " pairs (base seed " << base_seed
            << ")" << std::endl;
  for (const auto& f : failures) ADD_FAILURE() << f;
  if (failures.empty() && std::getenv("SLEET_DIFF_KEEP") == nullptr) {
    std::error_code ignored;
    fs::remove_all(work, ignored);
  } else {
    std::cout << "sqlite differential: pairs kept in " << work << std::endl;
  }
}

}  // namespace
}  // namespace sleet::differential
