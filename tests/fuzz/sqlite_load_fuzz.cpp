// libFuzzer target for sqlite::load_schema: any bytes must give a schema or an Error, never a crash or a
// hang (the scratch database interrupts runaway statements); a schema that loads must be writable as a
// sqlite snapshot that reads back to the same model.
#include "dialect/sqlite/load.hpp"
#include "snapshot/snapshot_json.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<sleet::sqlite::SourceFile> files;
  files.push_back({"fuzz.sql", std::string(reinterpret_cast<const char*>(data), size)});
  auto loaded = sleet::sqlite::load_schema(files);
  if (!loaded) {
    (void)loaded.error().describe();
    if (loaded.error().span) (void)loaded.error().span->caret();
    return 0;
  }
  for (const auto& warning : loaded->warnings)
    (void)warning.span.caret();
  sleet::snapshot::Snapshot snapshot;
  snapshot.id = "00000000-0000-0000-0000-000000000001";
  snapshot.prev_id = std::string(sleet::snapshot::kOriginId);
  snapshot.version = "6";
  snapshot.database = loaded->database;
  std::string written = sleet::snapshot::write_snapshot(snapshot);
  auto again = sleet::snapshot::parse_snapshot(written, "fuzz-snapshot.json");
  if (!again) __builtin_trap();
  if (!(again->database == snapshot.database)) __builtin_trap();
  return 0;
}
