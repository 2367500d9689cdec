// libFuzzer target for pg::load_schema: any bytes must give a schema or an Error, never a crash; a schema
// that loads must be writable as a snapshot that reads back to the same model (once the read snapshot's
// expressions are canonicalised, as callers comparing a snapshot with loaded SQL must do).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/load.hpp"
#include "snapshot/snapshot_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<sleet::pg::SourceFile> files;
  files.push_back({"fuzz.sql", std::string(reinterpret_cast<const char*>(data), size)});
  auto loaded = sleet::pg::load_schema(files);
  if (!loaded) {
    (void)loaded.error().describe();
    if (loaded.error().span) (void)loaded.error().span->caret();
    return 0;
  }
  sleet::snapshot::Snapshot snapshot;
  snapshot.id = "00000000-0000-0000-0000-000000000001";
  snapshot.prev_id = std::string(sleet::snapshot::kOriginId);
  snapshot.version = "7";
  snapshot.database = loaded->database;
  std::string written = sleet::snapshot::write_snapshot(snapshot);
  auto again = sleet::snapshot::parse_snapshot(written, "fuzz-snapshot.json");
  if (!again) __builtin_trap();
  sleet::pg::canonicalize_expressions(again->database);
  if (!(again->database == snapshot.database)) __builtin_trap();
  return 0;
}
