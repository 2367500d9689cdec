// read_latest_snapshot / tag_prefix / write_new_migration.
#include "migrate/new_migration.hpp"

#include <ctime>
#include <fmt/format.h>

#include "core/file_io.hpp"
#include "migrate/tag_words.hpp"

namespace sleet::migrate {
namespace fs = std::filesystem;

namespace {
std::string snapshot_file_name(std::string_view tag) {
  auto underscore = tag.find('_');
  return std::string(tag.substr(0, underscore)) + "_snapshot.json";
}
}  // namespace

Result<std::optional<fs::path>> latest_snapshot_path(const fs::path& dir) {
  fs::path journal_path = dir / "meta" / "_journal.json";
  std::error_code ec;
  if (!fs::exists(journal_path, ec)) return std::optional<fs::path>();
  auto journal = snapshot::read_journal(journal_path);
  if (!journal) return std::move(journal).error();
  if (journal->entries.empty()) return std::optional<fs::path>();
  const auto& last = journal->entries.back();
  fs::path path = dir / "meta" / snapshot_file_name(last.tag);
  if (!fs::exists(path, ec)) {
    return fail(ErrorCode::Journal, fmt::format("{}: snapshot of the last journal entry {} is missing", path.string(),
                                                last.tag));
  }
  return std::optional<fs::path>(path);
}

Result<std::optional<LatestSnapshot>> read_latest_snapshot(const fs::path& dir) {
  auto path = latest_snapshot_path(dir);
  if (!path) return std::move(path).error();
  if (!*path) return std::optional<LatestSnapshot>();
  auto snapshot = snapshot::read_snapshot(**path);
  if (!snapshot) return std::move(snapshot).error();
  return std::optional<LatestSnapshot>(LatestSnapshot{**path, std::move(*snapshot)});
}

std::string tag_prefix(std::string_view mode, std::int64_t idx, std::chrono::system_clock::time_point now) {
  if (mode == "none") return "";
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (mode == "unix") return std::to_string(seconds);
  if (mode == "timestamp" || mode == "supabase") {
    std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y%m%d%H%M%S", &utc);
    return buffer;
  }
  std::string digits = std::to_string(idx);
  return digits.size() >= 4 ? digits : std::string(4 - digits.size(), '0') + digits;
}

Result<WrittenMigration> write_new_migration(const NewMigration& request) {
  fs::path meta = request.dir / "meta";
  fs::path journal_path = meta / "_journal.json";
  std::error_code ec;
  snapshot::Journal journal;
  if (fs::exists(journal_path, ec)) {
    auto existing = snapshot::read_journal(journal_path);
    if (!existing) return std::move(existing).error();
    journal = std::move(*existing);
  } else {
    journal.version = "7";
    journal.dialect = request.dialect;
  }
  fs::create_directories(meta, ec);
  if (ec) return fail(ErrorCode::Io, fmt::format("{}: cannot create folder: {}", meta.string(), ec.message()));

  snapshot::JournalEntry entry;
  entry.idx = journal.entries.empty() ? 0 : journal.entries.back().idx + 1;
  entry.version = request.snapshot.version;
  entry.when = std::chrono::duration_cast<std::chrono::milliseconds>(request.now.time_since_epoch()).count();
  std::string prefix = tag_prefix(request.prefix, entry.idx, request.now);
  entry.tag = prefix + "_" + (request.name ? *request.name : random_tag_suffix());
  entry.breakpoints = request.breakpoints;

  WrittenMigration written;
  written.sql_path = request.dir / (entry.tag + ".sql");
  written.snapshot_path = meta / (prefix + "_snapshot.json");
  written.journal_path = journal_path;
  for (const fs::path& path : {written.sql_path, written.snapshot_path}) {
    if (fs::exists(path, ec)) {
      return fail(ErrorCode::Journal,
                  fmt::format("{} already exists; not overwriting it (two migrations in the same second with "
                              "prefix {}?)",
                              path.string(), request.prefix));
    }
  }
  SLEET_TRY(write_file_atomic(written.sql_path, request.sql));
  if (auto wrote = write_file_atomic(written.snapshot_path, request.snapshot_json ? *request.snapshot_json
                                                                                   : snapshot::write_snapshot(request.snapshot)); !wrote) {
    fs::remove(written.sql_path, ec);
    return std::move(wrote).error();
  }
  journal.entries.push_back(entry);
  if (auto wrote = write_file_atomic(journal_path, snapshot::write_journal(journal)); !wrote) {
    fs::remove(written.sql_path, ec);
    fs::remove(written.snapshot_path, ec);
    return std::move(wrote).error();
  }
  written.entry = entry;
  return written;
}

}  // namespace sleet::migrate
