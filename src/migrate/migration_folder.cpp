// Reading a drizzle migrations folder the way drizzle-orm's `readMigrationFiles` does: the journal, then one
// `<tag>.sql` per entry in journal order, hashed and split on breakpoints. Snapshots are not read here, and
// nothing is written.
#include "migrate/migration_folder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

#include "core/file_io.hpp"
#include "core/sha256.hpp"
#include "sql/breakpoints.hpp"

namespace sleet::migrate {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

/// Decodes `bytes` as UTF-8 the way the WHATWG decoder does (Node's Buffer#toString), re-encoding every
/// ill-formed maximal subpart as U+FFFD. https://encoding.spec.whatwg.org/#utf-8-decoder
std::string decode_utf8_lossy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    auto lead = static_cast<unsigned char>(bytes[pos]);
    int needed = 0;
    unsigned char lower = 0x80;
    unsigned char upper = 0xBF;
    if (lead <= 0x7F) {
      out += static_cast<char>(lead);
      ++pos;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
      needed = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      needed = 2;
      if (lead == 0xE0) lower = 0xA0;
      if (lead == 0xED) upper = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      needed = 3;
      if (lead == 0xF0) lower = 0x90;
      if (lead == 0xF4) upper = 0x8F;
    } else {
      out += kReplacementCharacter;
      ++pos;
      continue;
    }
    std::size_t seen = 0;
    bool ok_sequence = true;
    while (seen < static_cast<std::size_t>(needed)) {
      std::size_t next = pos + 1 + seen;
      if (next >= bytes.size()) {
        ok_sequence = false;
        break;
      }
      auto byte = static_cast<unsigned char>(bytes[next]);
      if (byte < lower || byte > upper) {
        ok_sequence = false;
        break;
      }
      lower = 0x80;
      upper = 0xBF;
      ++seen;
    }
    if (ok_sequence) {
      out.append(bytes.substr(pos, 1 + seen));
    } else {
      out += kReplacementCharacter;  // the bad byte (if any) is decoded again as a new lead byte
    }
    pos += 1 + seen;
  }
  return out;
}

bool is_v1_name(const std::string& name) {
  return name.size() == 14 && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string migration_hash(std::string_view bytes) {
  std::string decoded = decode_utf8_lossy(bytes);
  return sha256_hex(decoded);
}

std::string find_v1_entry(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (is_v1_name(name)) names.push_back(std::move(name));
  }
  if (names.empty()) return "";
  return *std::min_element(names.begin(), names.end());
}

Result<MigrationFolder> read_migration_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return fail(ErrorCode::Journal, fmt::format("migrations folder {} does not exist", dir.string()));
  }
  if (std::string v1 = find_v1_entry(dir); !v1.empty()) {
    return fail(ErrorCode::Journal,
                fmt::format("migrations folder {} has drizzle-kit's outdated v1 layout ({}); run `drizzle-kit up` "
                            "to upgrade it",
                            dir.string(), (dir / v1).string()));
  }

  auto journal = snapshot::read_journal(dir / "meta" / "_journal.json");
  if (!journal) return std::move(journal).error();

  MigrationFolder folder;
  folder.dir = dir;
  folder.journal = std::move(*journal);
  folder.migrations.reserve(folder.journal.entries.size());
  for (const snapshot::JournalEntry& entry : folder.journal.entries) {
    MigrationFile file;
    file.entry = entry;
    file.sql_path = dir / (entry.tag + ".sql");
    if (!std::filesystem::is_regular_file(file.sql_path, ec)) {
      return fail(ErrorCode::Journal,
                  fmt::format("no file {} for journal entry {} ({})", file.sql_path.string(), entry.idx, entry.tag));
    }
    auto bytes = read_file(file.sql_path);
    if (!bytes) return std::move(bytes).error();
    file.sql = std::move(*bytes);
    file.hash = migration_hash(file.sql);
    file.statements = sql::split_breakpoints(file.sql);
    folder.migrations.push_back(std::move(file));
  }
  return folder;
}

}  // namespace sleet::migrate
