// parse_snapshot / read_snapshot / write_snapshot: JSON syntax errors with line and column, the dialect and
// version gate (older versions point at `sleet up`), the dialect codecs, and the whitespace check that finds
// the file's Style and, for hand-edited files, whitespace patches, so that writing gives the bytes that were
// read. The check (write the model, compare with the file) is deferred: the layout keeps the file's text, and
// a write whose output is that text needs nothing more; otherwise the patches are found then, from the text.
#include "snapshot/snapshot_json.hpp"

#include <charconv>
#include <memory>
#include <optional>
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

/// Reads `text`. With `keep` (the same text, owned) the whitespace check is deferred to write_snapshot and
/// find_patches (the layout keeps the text); without it the check runs now and records the patches.
Result<Snapshot> parse_text(std::string_view text, const std::string& file, std::shared_ptr<const std::string> keep) {
  std::optional<json::Document> doc;
  try {
    doc.emplace(text);
  } catch (const json::SyntaxError& e) {
    return at(file, text, e.offset, "malformed JSON: " + e.what);
  }
  const json::Node& root = doc->root();
  if (!root.is_object()) return at(file, text, root.offset, "expected a JSON object (a drizzle snapshot)");

  const json::Node* dialect = root.find("dialect");
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
  const json::Node* version = root.find("version");
  if (version == nullptr || !version->is_string()) {
    return at(file, text, version == nullptr ? root.offset : version->offset, "version: expected a string");
  }
  int number = 0;
  std::string_view v = version->text;
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

  // Whitespace: guess the file's style, then keep patches for whatever the style does not explain (now, or
  // when first needed: most files are written back exactly by their style alone).
  impl.style = json::detect_style(text, doc->has_inline_array());
  if (keep) {
    impl.source = std::move(keep);
    return snapshot;
  }
  std::string produced = write_unpatched(snapshot, impl);
  if (produced != text) {
    if (auto patches = json::diff_tokens(text, produced)) impl.patches = std::move(*patches);
  }
  return snapshot;
}

}  // namespace

json::Patches find_patches(const SnapshotLayout::Impl& impl) {
  if (!impl.source) return impl.patches;
  // Reading is deterministic: the same text gives the same model and layout, so this finds exactly the
  // patches an eager check would have recorded.
  auto again = parse_text(*impl.source, "snapshot", nullptr);
  if (!again) return {};
  return again->layout.impl()->patches;
}

Result<Snapshot> parse_snapshot(std::string_view text, const std::string& file) {
  return parse_text(text, file, std::make_shared<const std::string>(text));
}

Result<Snapshot> read_snapshot(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error(ErrorCode::Journal, fmt::format("{}: snapshot file not found", path.string()));
  }
  auto text = read_file(path);
  if (!text) return Error(ErrorCode::Journal, text.error().message);
  auto keep = std::make_shared<const std::string>(std::move(*text));
  return parse_text(*keep, path.string(), keep);
}

std::string write_snapshot(const Snapshot& snapshot) {
  const SnapshotLayout::Impl& impl = layout_of(snapshot);
  std::string out = write_unpatched(snapshot, impl);
  if (impl.source) {
    // Output equal to the file needs no patches (a patch applies only where the output still has what the
    // unpatched write of the file had, and the file's own bytes never are that).
    if (out == *impl.source) return out;
    json::Patches patches = find_patches(impl);
    return patches.empty() ? out : json::apply_patches(out, patches);
  }
  if (impl.patches.empty()) return out;
  return json::apply_patches(out, impl.patches);
}

}  // namespace sleet::snapshot
