// Golden round trip over the shared drizzle corpus: for every `*snapshot*.json` and `_journal.json`,
// write(parse(text)) must equal text byte for byte, and the model must survive a rewrite with a default
// layout. Failures list every file with the first differing byte and its context; a missing corpus fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "snapshot/journal.hpp"
#include "snapshot/snapshot_json.hpp"

namespace sleet::snapshot {
namespace {

namespace fs = std::filesystem;

fs::path corpus_dir() { return fs::path(SLEET_SOURCE_DIR) / ".." / "shared" / "corpus"; }

std::vector<fs::path> corpus_files(bool journals) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(corpus_dir(), ec)) return out;
  for (auto it = fs::recursive_directory_iterator(corpus_dir(), ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file()) continue;
    std::string name = it->path().filename().string();
    bool match = journals ? name == "_journal.json"
                          : name.find("snapshot") != std::string::npos && it->path().extension() == ".json";
    if (match) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string corpus_name(const fs::path& path) { return fs::relative(path, corpus_dir()).string(); }

std::string visible(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string first_difference(const std::string& want, const std::string& got) {
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  std::size_t from = i < 40 ? 0 : i - 40;
  std::ostringstream s;
  s << "first difference at byte " << i << " (file " << want.size() << " bytes, written " << got.size()
    << " bytes)\n      file:    ..." << visible(want.substr(from, 80)) << "...\n      written: ..."
    << visible(got.substr(from, 80)) << "...";
  return s.str();
}

const char* kMissing = "the drizzle corpus is missing: expected it at ../shared/corpus relative to the repository";

TEST(CorpusRoundTrip, CorpusIsPresent) {
  ASSERT_TRUE(fs::is_directory(corpus_dir())) << kMissing << " (" << corpus_dir() << ")";
  EXPECT_GE(corpus_files(false).size(), 1000u);
  EXPECT_GE(corpus_files(true).size(), 20u);
}

TEST(CorpusRoundTrip, EverySnapshotIsWrittenBackByteForByte) {
  std::vector<fs::path> files = corpus_files(false);
  ASSERT_FALSE(files.empty()) << kMissing;
  std::vector<std::string> failures;
  std::vector<std::string> rejected_old;
  std::size_t identical = 0;
  std::size_t with_exceptions = 0;
  std::size_t with_raw = 0;
  std::size_t with_overrides = 0;
  std::size_t styled = 0;
  std::size_t patched = 0;
  std::size_t token_patched = 0;
  double seconds = 0;
  for (const fs::path& path : files) {
    std::string text = slurp(path);
    std::string name = corpus_name(path);
    auto start = std::chrono::steady_clock::now();
    auto snapshot = parse_snapshot(text, name);
    if (!snapshot) {
      const std::string& message = snapshot.error().message;
      if (message.find("is older than") != std::string::npos && message.find("run `sleet up`") != std::string::npos) {
        rejected_old.push_back(name);
      } else {
        failures.push_back(name + ": does not parse: " + snapshot.error().describe());
      }
      continue;
    }
    std::string written = write_snapshot(*snapshot);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (written != text) {
      failures.push_back(name + ": " + first_difference(text, written));
      continue;
    }
    ++identical;
    LayoutStats stats = layout_stats(snapshot->layout);
    with_exceptions += stats.exceptions > 0 ? 1 : 0;
    with_raw += stats.raw_values > 0 ? 1 : 0;
    with_overrides += stats.key_overrides > 0 ? 1 : 0;
    styled += stats.default_style ? 0 : 1;
    patched += stats.whitespace_patches > 0 ? 1 : 0;
    token_patched += stats.token_patches > 0 ? 1 : 0;
    if (stats.whitespace_patches > 0 || stats.token_patches > 0) {
      std::cout << "  patched: " << name << " (" << stats.whitespace_patches << " whitespace, "
                << stats.token_patches << " token)\n";
    }

    // The model alone (default layout) must survive a write and a re-read.
    Snapshot fresh{snapshot->id, snapshot->prev_id, snapshot->version, snapshot->database, SnapshotLayout()};
    auto again = parse_snapshot(write_snapshot(fresh), name + " (rewritten)");
    if (!again) {
      failures.push_back(name + ": default-layout rewrite does not parse: " + again.error().describe());
    } else if (!(again->database == snapshot->database)) {
      failures.push_back(name + ": default-layout rewrite reads back as a different model");
    }
  }
  std::cout << "snapshots: " << files.size() << " files, " << identical << " byte-identical, " << rejected_old.size()
            << " rejected as older versions, " << failures.size() << " failures (" << seconds * 1000
            << " ms parse+write)\n"
            << "  layouts: " << with_exceptions << " with per-object exceptions, " << with_raw << " with raw values, "
            << with_overrides << " with key overrides, " << styled << " non-default whitespace style, " << patched
            << " whitespace-patched, " << token_patched << " token-patched\n";
  for (const std::string& r : rejected_old) std::cout << "  rejected (old version): " << r << "\n";
  std::string report;
  for (const std::string& f : failures) report += "\n  " + f;
  EXPECT_TRUE(failures.empty()) << failures.size() << " snapshot(s) not written back identically:" << report;
}

TEST(CorpusRoundTrip, EveryJournalIsWrittenBackByteForByte) {
  std::vector<fs::path> files = corpus_files(true);
  ASSERT_FALSE(files.empty()) << kMissing;
  std::vector<std::string> failures;
  for (const fs::path& path : files) {
    std::string text = slurp(path);
    std::string name = corpus_name(path);
    auto journal = parse_journal(text, name);
    if (!journal) {
      failures.push_back(name + ": does not parse: " + journal.error().describe());
      continue;
    }
    std::string written = write_journal(*journal);
    if (written != text) failures.push_back(name + ": " + first_difference(text, written));
  }
  std::cout << "journals: " << files.size() << " files, " << files.size() - failures.size() << " byte-identical\n";
  std::string report;
  for (const std::string& f : failures) report += "\n  " + f;
  EXPECT_TRUE(failures.empty()) << failures.size() << " journal(s) not written back identically:" << report;
}

}  // namespace
}  // namespace sleet::snapshot
