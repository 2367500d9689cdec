// Implementation of the sqlite_diff test helpers.
#include "corpus_support.hpp"

#include <fstream>
#include <sstream>

#include "dialect/sqlite/plan_migration.hpp"
#include "snapshot/snapshot_json.hpp"

namespace sleet::testing {

std::filesystem::path corpus_dir() { return std::filesystem::path(SLEET_SOURCE_DIR) / ".." / "shared" / "corpus"; }

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool load_snapshot(const std::filesystem::path& path, schema::Database& out, std::string& error) {
  auto snapshot = snapshot::read_snapshot(path);
  if (!snapshot) {
    error = snapshot.error().message;
    return false;
  }
  out = std::move(snapshot->database);
  return true;
}

std::vector<std::string> plan_statements(const schema::Database& from, const schema::Database& to,
                                         diff::RenameResolver& resolver) {
  auto plan = sqlite::plan_migration(from, to, resolver);
  if (!plan) return {"<error: " + plan.error().message + ">"};
  return sqlite::statement_texts(*plan);
}

std::vector<std::string> read_flags(const std::filesystem::path& file) {
  std::vector<std::string> flags;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) flags.push_back(line);
  }
  return flags;
}

std::string first_difference(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  for (std::size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    std::string e = i < expected.size() ? expected[i] : "<none>";
    std::string a = i < actual.size() ? actual[i] : "<none>";
    if (e != a) {
      return "statement " + std::to_string(i) + " (expected " + std::to_string(expected.size()) + ", got " +
             std::to_string(actual.size()) + ")\n    expected: " + e + "\n    actual:   " + a;
    }
  }
  return "";
}

}  // namespace sleet::testing
