// libFuzzer target for snapshot::parse_journal: any bytes must give a journal or an Error, never a crash; a
// journal that parses must be written and re-read to the same entries.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "snapshot/journal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto journal = sleet::snapshot::parse_journal(text, "fuzz.json");
  if (!journal) return 0;
  std::string written = sleet::snapshot::write_journal(*journal);
  auto again = sleet::snapshot::parse_journal(written, "fuzz-rewritten.json");
  if (!again || !(*again == *journal)) __builtin_trap();
  return 0;
}
