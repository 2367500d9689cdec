// Differential test of `sleet diff` (PostgreSQL) against drizzle-kit 0.31.11 on seeded random snapshot pairs
// (ARCHITECTURE.md 9.6.4). Each run picks a base seed (time-based, or SLEET_DIFF_SEED), generates
// SLEET_DIFF_CASES pairs (default 40) with random_schema.hpp, writes them as drizzle snapshot files, runs the
// oracle once for all pairs (oracle_batch.mjs, the loop form of ../shared/tools/drizzle-diff-snapshots.mjs;
// pair 0 is also run through the shared script itself to prove the two agree) and the built `sleet diff` per
// pair, and compares the statement lists. A mismatch prints the base seed, the pair index and seed, the kept
// folder with both snapshot files and both outputs, the mutations and rename answers, and a diff.
//
// Deliberate deviations of sleet (docs/compat.md) are normalised before comparing, never counted:
//   * USING casts: sleet writes `SET DATA TYPE t USING "c"::t` (and `DROP DEFAULT` before it when the column has
//     a default) where PostgreSQL has no assignment cast; drizzle writes `SET DATA TYPE t`. sleet's statement is
//     rewritten to drizzle's form when drizzle has exactly that statement, and the extra DROP DEFAULT dropped.
//   * Foreign keys to a table dropped in the same pair: drizzle drops them after `DROP TABLE ... CASCADE` (which
//     already removed them); sleet leaves that DROP CONSTRAINT out. Such drizzle statements are ignored.
//   * Escaped quotes in identifiers and ADD VALUE, and renaming a table while its columns change (drizzle
//     crashes): the generator never produces them.
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

#include "random_schema.hpp"
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
  snap.version = "7";
  snap.database = db;
  write_file(path, snapshot::write_snapshot(snap));
}

/// sleet's deliberate `USING` casts (and the DROP DEFAULT that precedes them) back in drizzle's form, when
/// drizzle wrote exactly that form.
std::vector<std::string> normalise_sleet(const std::vector<std::string>& sleet, const std::vector<std::string>& drizzle) {
  std::multiset<std::string> theirs(drizzle.begin(), drizzle.end());
  std::vector<std::string> out;
  for (const std::string& statement : sleet) {
    std::size_t set_type = statement.find(" SET DATA TYPE ");
    std::size_t using_pos = statement.rfind(" USING ");
    if (set_type != std::string::npos && using_pos != std::string::npos && using_pos > set_type &&
        !theirs.count(statement)) {
      std::string plain = statement.substr(0, using_pos) + ";";
      if (theirs.count(plain)) {
        std::string drop_default = statement.substr(0, set_type) + " DROP DEFAULT;";
        if (!out.empty() && out.back() == drop_default && !theirs.count(drop_default)) out.pop_back();
        out.push_back(plain);
        continue;
      }
    }
    out.push_back(statement);
  }
  return out;
}

/// drizzle's DROP CONSTRAINT of foreign keys whose target table was dropped (sleet leaves them out on purpose).
std::vector<std::string> normalise_drizzle(const std::vector<std::string>& drizzle, const std::vector<std::string>& sleet,
                                           const SchemaPair& pair) {
  std::set<std::string> new_tables;
  for (const auto& t : pair.to.tables) new_tables.insert((t.schema.empty() ? "public" : t.schema) + "." + t.name);
  std::set<std::string> stale_fks;
  for (const auto& t : pair.from.tables) {
    for (const auto& fk : t.foreign_keys) {
      if (!new_tables.count(fk.schema_to.value_or("public") + "." + fk.table_to)) stale_fks.insert(fk.name);
    }
  }
  std::set<std::string> ours(sleet.begin(), sleet.end());
  std::vector<std::string> out;
  for (const std::string& statement : drizzle) {
    std::string trimmed = statement;  // drizzle ends this one with ";\n"
    while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
    std::size_t pos = trimmed.find(" DROP CONSTRAINT \"");
    if (pos != std::string::npos && trimmed.starts_with("ALTER TABLE ") && trimmed.ends_with("\";") &&
        !ours.count(statement)) {
      std::string name = trimmed.substr(pos + 18, trimmed.size() - pos - 20);
      if (stale_fks.count(name)) continue;
    }
    out.push_back(statement);
  }
  return out;
}

std::string as_blocks(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) out += s + "\n\n";
  return out;
}

TEST(Differential, SleetDiffMatchesDrizzleKitOnRandomSnapshotPairs) {
  const auto now = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  const std::uint64_t base_seed = env_number("SLEET_DIFF_SEED", (now ^ (static_cast<std::uint64_t>(getpid()) << 32)) % 1000000007ULL);
  const std::size_t cases = static_cast<std::size_t>(env_number("SLEET_DIFF_CASES", 40));
  const std::string reproduce = "SLEET_DIFF_SEED=" + std::to_string(base_seed) + " SLEET_DIFF_CASES=" + std::to_string(cases);
  std::cout << "differential: base seed " << base_seed << ", " << cases << " pairs (reproduce with " << reproduce
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
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/sleet-differential-" +
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
    pairs.push_back(generate_pair(seed));
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
    std::vector<std::string> theirs_raw = split_statements(read_file(dir / "drizzle.sql"));
    std::vector<std::string> ours_raw = split_statements(sleet.out);
    normalise_deviations(ours_raw, theirs_raw, pair);  // docs/compat.md: where sleet is right on purpose
    if (theirs_raw == ours_raw) {
      ++equal;
      continue;
    }
    const std::vector<std::string> ours = normalise_sleet(ours_raw, theirs_raw);
    const std::vector<std::string> theirs = normalise_drizzle(theirs_raw, ours, pair);
    if (ours == theirs) {
      ++normalised;
      continue;
    }
    write_file(dir / "drizzle.statements", as_blocks(theirs));
    write_file(dir / "sleet.statements", as_blocks(ours));
    auto diff = run_command("cd " + shell_quote(dir.string()) + " && diff -u drizzle.statements sleet.statements");
    failures.push_back("mismatch on " + where + "\n" + read_file(dir / "info.txt") + "--- drizzle-kit / +++ sleet:\n" +
                       diff.out);
  }
  std::cout << "differential: " << equal << " identical, " << normalised << " equal after normalising documented "
            << "deviations, " << failures.size() << " failing, of " << cases << " pairs (base seed " << base_seed
            << ")" << std::endl;
  for (const auto& f : failures) ADD_FAILURE() << f;
  if (failures.empty() && std::getenv("SLEET_DIFF_KEEP") == nullptr) {
    std::error_code ignored;
    fs::remove_all(work, ignored);
  } else {
    std::cout << "differential: pairs kept in " << work << std::endl;
  }
}

}  // namespace
}  // namespace sleet::differential
