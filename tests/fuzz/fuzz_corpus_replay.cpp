// Runs every fuzz target of this folder (their LLVMFuzzerTestOneInput, renamed <name>_entry at build time)
// without libFuzzer: on every file under a corpus folder whose name ends with one of the given extensions,
// and on deterministic mutations of the smaller ones (truncations, byte flips, inserted JSON punctuation).
// A crash is the failure signal, as under libFuzzer; a missing or empty corpus fails too.
// Usage: fuzz_corpus_replay <corpus dir> <extension>...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#define SLEET_FUZZ_TARGET(name) extern "C" int name##_entry(const std::uint8_t* data, std::size_t size);
#include "fuzz_targets.inc"
#undef SLEET_FUZZ_TARGET

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

struct Target {
  const char* name;
  Entry entry;
};

const Target kTargets[] = {
#define SLEET_FUZZ_TARGET(name) {#name, &name##_entry},
#include "fuzz_targets.inc"
#undef SLEET_FUZZ_TARGET
};

constexpr std::size_t kMutateBelow = 48 * 1024;  // mutate only files smaller than this (keeps CI fast)
constexpr int kMutationsPerFile = 8;

void run(const std::string& input) {
  for (const Target& t : kTargets) t.entry(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutate(const std::string& text, std::mt19937_64& rng, int round) {
  std::string out = text;
  if (out.empty()) return out;
  std::uniform_int_distribution<std::size_t> pos(0, out.size() - 1);
  static const char kBytes[] = "{}[]:,\"\\0-eE.tfn \n\x01\xff\xed";
  switch (round % 4) {
    case 0: out.resize(pos(rng)); break;
    case 1:
      for (int i = 0; i < 4; ++i) out[pos(rng)] ^= static_cast<char>(1u << (rng() % 8));
      break;
    case 2:
      for (int i = 0; i < 3; ++i) out.insert(out.begin() + static_cast<std::ptrdiff_t>(pos(rng)), kBytes[rng() % (sizeof kBytes - 1)]);
      break;
    default: {
      std::size_t a = pos(rng);
      std::size_t b = pos(rng);
      if (a > b) std::swap(a, b);
      out.erase(a, std::min<std::size_t>(b - a, 64));
      break;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <corpus dir> <extension>...\n", argv[0]);
    return 2;
  }
  fs::path dir = argv[1];
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::fprintf(stderr, "fuzz_corpus_replay: corpus folder %s is missing\n", dir.string().c_str());
    return 1;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file()) continue;
    std::string ext = it->path().extension().string();
    for (int i = 2; i < argc; ++i) {
      if (ext == argv[i]) files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "fuzz_corpus_replay: no input files under %s\n", dir.string().c_str());
    return 1;
  }
  std::mt19937_64 rng(0x5ee7u);
  std::size_t inputs = 0;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    run(text);
    ++inputs;
    if (text.size() >= kMutateBelow) continue;
    for (int round = 0; round < kMutationsPerFile; ++round) {
      run(mutate(text, rng, round));
      ++inputs;
    }
  }
  for (const char* edge : {"", "{", "[", "\"", "{\"version\":\"7\",\"dialect\":\"postgresql\"}", "null", "1e999"}) {
    run(edge);
    ++inputs;
  }
  std::printf("fuzz_corpus_replay: %zu target(s), %zu inputs from %zu files: no crash\n",
              sizeof kTargets / sizeof kTargets[0], inputs, files.size());
  return 0;
}
