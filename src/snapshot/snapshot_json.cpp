// parse_snapshot / read_snapshot / write_snapshot: JSON syntax errors with line and column, the dialect and
// version gate (older versions point at `sleet up`), the dialect codecs, and the final whitespace check that
// records the file's Style (and, for hand-edited files, whitespace patches) so that writing gives the bytes
// that were read.
#include "snapshot/snapshot_json.hpp"

#include <charconv>
#include <system_error>

#include <fmt/format.h>

#include "core/file_io.hpp"
#include "snapshot/codec.hpp"
#include "snapshot/json_value.hpp"
#include "snapshot/json_write.hpp"
#include "snapshot/layout.hpp"

namespace sleet::snapshot {

namespace {

constexpr int kPgVersion = 7;
constexpr int kSqliteVersion = 6;

const SnapshotLayout::Impl& layout_of(const Snapshot& snapshot) {
  static const SnapshotLayout::Impl kDefault;
  const SnapshotLayout::Impl* impl = snapshot.layout.impl();
  return impl == nullptr ? kDefault : *impl;
}

std::string write_unpatched(const Snapshot& snapshot, const SnapshotLayout::Impl& impl) {
  std::string out;
  out.reserve(4096 + snapshot.database.tables.size() * 4096);
  out += impl.style.head;
  WriteContext ctx(impl, out);
  if (snapshot.database.dialect == schema::Dialect::Postgres) write_pg(ctx, snapshot);
  else write_sqlite(ctx, snapshot);
  out += impl.style.tail;
  return out;
}

Error at(const std::string& file, std::string_view text, std::size_t offset, std::string message) {
  return Error(ErrorCode::Journal, std::move(message), SourceSpan::from_offset(file, text, offset));
}

}  // namespace

Result<Snapshot> parse_snapshot(std::string_view text, const std::string& file) {
  json::Value root;
  try {
    root = json::parse(text);
  } catch (const json::SyntaxError& e) {
    return at(file, text, e.offset, "malformed JSON: " + e.what);
  }
  if (!root.is_object()) return at(file, text, root.offset, "expected a JSON object (a drizzle snapshot)");

  const json::Value* dialect = root.find("dialect");
  if (dialect == nullptr || !dialect->is_string()) {
    return at(file, text, dialect == nullptr ? root.offset : dialect->offset,
              "dialect: expected a string (\"postgresql\" or \"sqlite\")");
  }
  schema::Dialect kind;
  int latest = 0;
  if (dialect->text == "postgresql" || dialect->text == "pg") {
    kind = schema::Dialect::Postgres;
    latest = kPgVersion;
  } else if (dialect->text == "sqlite") {
    kind = schema::Dialect::Sqlite;
    latest = kSqliteVersion;
  } else {
    return Error(ErrorCode::Journal,
                 fmt::format("{}: unsupported snapshot dialect \"{}\" (sleet reads postgresql and sqlite snapshots)",
                             file, dialect->text));
  }
  const json::Value* version = root.find("version");
  if (version == nullptr || !version->is_string()) {
    return at(file, text, version == nullptr ? root.offset : version->offset, "version: expected a string");
  }
  int number = 0;
  const std::string& v = version->text;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
  if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
    return at(file, text, version->offset, fmt::format("version: \"{}\" is not a snapshot version", v));
  }
  if (number < latest) {
    return Error(ErrorCode::Journal, fmt::format("{}: snapshot version {} is older than {}; run `sleet up` to upgrade it",
                                                 file, number, latest));
  }
  if (number > latest) {
    return Error(ErrorCode::Journal,
                 fmt::format("{}: snapshot version {} is newer than {}; this version of sleet does not support it yet",
                             file, number, latest));
  }
  if (dialect->text == "pg") {
    return at(file, text, dialect->offset, "dialect: a version 7 snapshot must say \"postgresql\", not \"pg\"");
  }

  Snapshot snapshot;
  SnapshotLayout::Impl& impl = *snapshot.layout.impl();
  ReadContext ctx(impl);
  try {
    if (kind == schema::Dialect::Postgres) read_pg(ctx, root, snapshot);
    else read_sqlite(ctx, root, snapshot);
  } catch (const ShapeError& e) {
    return at(file, text, e.offset, e.message);
  }
  impl.root = ctx.take_root();

  // Whitespace: guess the file's style, then keep patches for whatever the style does not explain.
  impl.style = json::detect_style(text);
  std::string produced = write_unpatched(snapshot, impl);
  if (produced != text) {
    if (auto patches = json::diff_tokens(text, produced)) impl.patches = std::move(*patches);
  }
  return snapshot;
}

Result<Snapshot> read_snapshot(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error(ErrorCode::Journal, fmt::format("{}: snapshot file not found", path.string()));
  }
  auto text = read_file(path);
  if (!text) return Error(ErrorCode::Journal, text.error().message);
  return parse_snapshot(*text, path.string());
}

std::string write_snapshot(const Snapshot& snapshot) {
  const SnapshotLayout::Impl& impl = layout_of(snapshot);
  std::string out = write_unpatched(snapshot, impl);
  if (impl.patches.empty()) return out;
  return json::apply_patches(out, impl.patches);
}

}  // namespace sleet::snapshot
