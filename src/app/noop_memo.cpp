#include "app/noop_memo.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fstream>

#include "core/file_io.hpp"
#include "core/sha256.hpp"

namespace fs = std::filesystem;

namespace sleet::app {

namespace {

constexpr std::string_view kFormat = "sleet no-op memo 1";
constexpr std::string_view kEntryPrefix = "noop-";

/// The running binary, by size and modification time: a rebuilt or upgraded sleet never reuses an answer
/// an older one gave. nullopt when it cannot be told (then no memo is used).
std::optional<std::string> binary_identity() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  auto size = fs::file_size(self, ec);
  if (ec) return std::nullopt;
  auto time = fs::last_write_time(self, ec);
  if (ec) return std::nullopt;
  return fmt::format("{}\n{}\n{}", self.string(), size, time.time_since_epoch().count());
}

/// Feeds `text` with its length first, so that no two different input lists hash the same bytes.
void add_field(Sha256& hasher, std::string_view text) {
  hasher.update(std::to_string(text.size()) + ":");
  hasher.update(text);
}

/// Feeds a file's size and bytes, read in blocks (a large snapshot is never held whole); false if unreadable.
bool add_file(Sha256& hasher, const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!in || ec) return false;
  hasher.update(std::to_string(size) + ":");
  std::vector<char> block(1 << 16);
  std::uintmax_t total = 0;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    std::streamsize got = in.gcount();
    if (got <= 0) break;
    hasher.update(std::string_view(block.data(), static_cast<std::size_t>(got)));
    total += static_cast<std::uintmax_t>(got);
  }
  return !in.bad() && total == size;  // a file that changed size while read is unreadable here
}

// Entry text: one warning per line, fields separated by tabs, with \\, \t and \n escaped.
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char next = text[++i];
    out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string> noop_key(const NoopKeyInputs& inputs) {
  auto identity = binary_identity();
  if (!identity) return std::nullopt;
  Sha256 hasher;
  add_field(hasher, kFormat);
  add_field(hasher, *identity);
  add_field(hasher, schema::to_string(inputs.dialect));
  add_field(hasher, inputs.strict ? "strict" : "lenient");
  for (const fs::path& file : inputs.schema_files) {
    add_field(hasher, file.lexically_proximate(inputs.base_dir).string());
    if (!add_file(hasher, file)) return std::nullopt;
  }
  add_field(hasher, inputs.latest_snapshot.string());
  if (!add_file(hasher, inputs.latest_snapshot)) return std::nullopt;
  return hasher.hex();
}

fs::path noop_memo_dir(const fs::path& base_dir) { return base_dir / ".sleet" / "cache"; }

std::optional<Warnings> find_noop(const fs::path& memo_dir, const std::string& key) {
  std::error_code ec;
  fs::path entry = memo_dir / (std::string(kEntryPrefix) + key);
  if (!fs::is_regular_file(entry, ec)) return std::nullopt;
  auto text = read_file(entry);
  if (!text) return std::nullopt;
  std::vector<std::string_view> lines = split(*text, '\n');
  if (lines.empty() || lines.front() != kFormat) return std::nullopt;
  Warnings warnings;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string_view> fields = split(lines[i], '\t');
    if (fields.size() != 5) return std::nullopt;
    auto line = to_int(fields[1]);
    auto column = to_int(fields[2]);
    if (!line || !column) return std::nullopt;
    SourceSpan span;
    span.file = unescape(fields[0]);
    span.line = *line;
    span.column = *column;
    span.source_line = unescape(fields[3]);
    warnings.emplace_back(std::move(span), unescape(fields[4]));
  }
  // Touched, so that pruning keeps the entries in use.
  fs::last_write_time(entry, fs::file_time_type::clock::now(), ec);
  return warnings;
}

void remember_noop(const fs::path& memo_dir, const std::string& key, const Warnings& warnings) {
  std::error_code ec;
  fs::create_directories(memo_dir, ec);
  if (ec) return;
  std::string text(kFormat);
  text += '\n';
  for (const auto& [span, message] : warnings) {
    text += fmt::format("{}\t{}\t{}\t{}\t{}\n", escape(span.file), span.line, span.column, escape(span.source_line),
                        escape(message));
  }
  if (!write_file_atomic(memo_dir / (std::string(kEntryPrefix) + key), text)) return;
  // Prune: the most recently used kNoopMemoEntries entries stay.
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (const auto& item : fs::directory_iterator(memo_dir, ec)) {
    if (!item.path().filename().string().starts_with(kEntryPrefix)) continue;
    entries.emplace_back(item.last_write_time(ec), item.path());
  }
  if (entries.size() <= kNoopMemoEntries) return;
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = kNoopMemoEntries; i < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

}  // namespace sleet::app
