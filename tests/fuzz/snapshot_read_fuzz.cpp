// libFuzzer target for snapshot::parse_snapshot: any bytes must give a snapshot or an Error, never a crash;
// and a snapshot that parses must be written, re-read to the same model, and written to the same text again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "snapshot/snapshot_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto snapshot = sleet::snapshot::parse_snapshot(text, "fuzz.json");
  if (!snapshot) return 0;
  std::string written = sleet::snapshot::write_snapshot(*snapshot);
  auto again = sleet::snapshot::parse_snapshot(written, "fuzz-rewritten.json");
  if (!again || !(again->database == snapshot->database) || sleet::snapshot::write_snapshot(*again) != written) {
    __builtin_trap();
  }
  return 0;
}
