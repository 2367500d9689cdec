// meta/_journal.json reading and writing (drizzle-reference.md 2). The file's key orders and whitespace are
// kept in a JournalLayout so that adding an entry to a hand-formatted journal changes nothing else.
#include "snapshot/journal.hpp"

#include <charconv>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "core/file_io.hpp"
#include "snapshot/json_value.hpp"
#include "snapshot/json_write.hpp"

namespace sleet::snapshot {

struct JournalLayout::Impl {
  json::Style style;
  std::vector<std::string> top_order;    ///< empty: version, dialect, entries, then the extra keys
  std::vector<std::string> entry_order;  ///< empty: idx, version, when, tag, breakpoints
  std::map<std::size_t, std::vector<std::string>> entry_exceptions;  ///< entries ordered unlike the first
  json::Patches patches;
};

namespace {

constexpr std::string_view kEntryKeys[] = {"idx", "version", "when", "tag", "breakpoints"};

struct JournalError {
  std::size_t offset;
  std::string message;
};

std::int64_t integer(const json::Value& v, std::string_view path) {
  std::int64_t out = 0;
  const std::string& t = v.text;
  if (v.type == json::Value::Type::Number) {
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec == std::errc() && end == t.data() + t.size()) return out;
  }
  throw JournalError{v.offset, fmt::format("{}: expected an integer", path)};
}

const std::string& text(const json::Value& v, std::string_view path) {
  if (!v.is_string()) throw JournalError{v.offset, fmt::format("{}: expected a string", path)};
  return v.text;
}

JournalEntry read_entry(const json::Value& v, std::size_t i, std::vector<std::string>& order) {
  std::string path = fmt::format("entries[{}]", i);
  if (!v.is_object()) throw JournalError{v.offset, path + ": expected an object"};
  JournalEntry e;
  unsigned seen = 0;
  for (std::size_t m = 0; m < v.keys.size(); ++m) {
    const std::string& k = v.keys[m];
    const json::Value& x = v.items[m];
    std::string member = path + "." + k;
    unsigned bit = 0;
    if (k == "idx") { e.idx = integer(x, member); bit = 1; }
    else if (k == "version") { e.version = text(x, member); bit = 2; }
    else if (k == "when") { e.when = integer(x, member); bit = 4; }
    else if (k == "tag") { e.tag = text(x, member); bit = 8; }
    else if (k == "breakpoints") {
      if (x.type != json::Value::Type::Bool) throw JournalError{x.offset, member + ": expected a boolean"};
      e.breakpoints = x.boolean;
      bit = 16;
    } else {
      throw JournalError{x.offset, member + ": unknown key in journal entry"};
    }
    if ((seen & bit) != 0) throw JournalError{x.offset, member + ": duplicate key"};
    seen |= bit;
    order.push_back(k);
  }
  for (unsigned b = 0; b < 5; ++b) {
    if ((seen & (1u << b)) == 0) {
      throw JournalError{v.offset, fmt::format("{}: missing key \"{}\"", path, kEntryKeys[b])};
    }
  }
  return e;
}

std::string canonical_text(const json::Value& v) {
  std::string out;
  json::Style style;
  json::Writer w(out, style);
  w.value(v);
  return out;
}

void write_entry(json::Writer& w, const JournalEntry& e, const std::vector<std::string>& order) {
  w.begin_object();
  auto one = [&](std::string_view k) {
    w.key(k);
    if (k == "idx") w.raw(std::to_string(e.idx));
    else if (k == "version") w.string(e.version);
    else if (k == "when") w.raw(std::to_string(e.when));
    else if (k == "tag") w.string(e.tag);
    else w.boolean(e.breakpoints);
  };
  if (order.empty()) {
    for (std::string_view k : kEntryKeys) one(k);
  } else {
    for (const std::string& k : order) one(k);
  }
  w.end_object();
}

std::string write_unpatched(const Journal& journal, const JournalLayout::Impl& impl) {
  std::string out = impl.style.head;
  json::Writer w(out, impl.style);
  std::vector<std::string> names;
  for (const std::string& k : impl.top_order) names.push_back(k);
  auto add = [&](const std::string& k) {
    for (const std::string& n : names) {
      if (n == k) return;
    }
    names.push_back(k);
  };
  add("version");
  add("dialect");
  add("entries");
  for (const auto& [k, value] : journal.extra_keys) add(k);
  auto order = json::js_key_order(names.size(), [&](std::size_t i) { return std::string_view(names[i]); });
  w.begin_object();
  for (std::size_t i : order) {
    const std::string& k = names[i];
    if (k == "version") {
      w.key(k);
      w.string(journal.version);
    } else if (k == "dialect") {
      w.key(k);
      w.string(journal.dialect);
    } else if (k == "entries") {
      w.key(k);
      w.begin_array();
      for (std::size_t e = 0; e < journal.entries.size(); ++e) {
        auto it = impl.entry_exceptions.find(e);
        write_entry(w, journal.entries[e], it != impl.entry_exceptions.end() ? it->second : impl.entry_order);
      }
      w.end_array();
    } else {
      for (const auto& [name, value] : journal.extra_keys) {
        if (name != k) continue;
        w.key(k);
        try {
          w.value(json::parse(value));
        } catch (const json::SyntaxError&) {
          w.raw(value);  // not JSON: the caller's problem, written as given
        }
        break;
      }
    }
  }
  w.end_object();
  out += impl.style.tail;
  return out;
}

}  // namespace

Result<Journal> parse_journal(std::string_view text_in, const std::string& file) {
  auto span = [&](std::size_t offset) { return SourceSpan::from_offset(file, text_in, offset); };
  json::Value root;
  try {
    root = json::parse(text_in);
  } catch (const json::SyntaxError& e) {
    return Error(ErrorCode::Journal, "malformed JSON: " + e.what, span(e.offset));
  }
  auto impl = std::make_shared<JournalLayout::Impl>();
  Journal journal;
  try {
    if (!root.is_object()) throw JournalError{root.offset, "expected a JSON object (a drizzle journal)"};
    bool has_version = false;
    bool has_dialect = false;
    bool has_entries = false;
    for (std::size_t i = 0; i < root.keys.size(); ++i) {
      const std::string& k = root.keys[i];
      const json::Value& x = root.items[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (root.keys[j] == k) throw JournalError{x.offset, k + ": duplicate key"};
      }
      impl->top_order.push_back(k);
      if (k == "version") {
        journal.version = text(x, k);
        has_version = true;
      } else if (k == "dialect") {
        journal.dialect = text(x, k);
        has_dialect = true;
      } else if (k == "entries") {
        if (!x.is_array()) throw JournalError{x.offset, "entries: expected an array"};
        has_entries = true;
        for (std::size_t e = 0; e < x.items.size(); ++e) {
          std::vector<std::string> order;
          journal.entries.push_back(read_entry(x.items[e], e, order));
          if (e == 0) {
            if (!std::equal(order.begin(), order.end(), std::begin(kEntryKeys), std::end(kEntryKeys))) {
              impl->entry_order = std::move(order);
            }
          } else {
            bool same = impl->entry_order.empty()
                            ? std::equal(order.begin(), order.end(), std::begin(kEntryKeys), std::end(kEntryKeys))
                            : order == impl->entry_order;
            if (!same) impl->entry_exceptions.emplace(e, std::move(order));
          }
        }
      } else {
        journal.extra_keys.emplace_back(k, canonical_text(x));
      }
    }
    if (!has_version) throw JournalError{root.offset, "missing key \"version\""};
    if (!has_dialect) throw JournalError{root.offset, "missing key \"dialect\""};
    if (!has_entries) throw JournalError{root.offset, "missing key \"entries\""};
  } catch (const JournalError& e) {
    return Error(ErrorCode::Journal, e.message, span(e.offset));
  }
  impl->style = json::detect_style(text_in);
  std::string produced = write_unpatched(journal, *impl);
  if (produced != text_in) {
    if (auto patches = json::diff_tokens(text_in, produced)) impl->patches = std::move(*patches);
  }
  journal.layout = JournalLayout(std::move(impl));
  return journal;
}

Result<Journal> read_journal(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error(ErrorCode::Journal, fmt::format("{}: journal not found", path.string()));
  }
  auto content = read_file(path);
  if (!content) return Error(ErrorCode::Journal, content.error().message);
  return parse_journal(*content, path.string());
}

std::string write_journal(const Journal& journal) {
  static const JournalLayout::Impl kDefault;
  const JournalLayout::Impl& impl = journal.layout.impl() == nullptr ? kDefault : *journal.layout.impl();
  std::string out = write_unpatched(journal, impl);
  if (impl.patches.empty()) return out;
  return json::apply_patches(out, impl.patches);
}

std::string write_empty_journal_compact(std::string_view dialect) {
  std::string out = "{\"version\":\"7\",\"dialect\":";
  json::append_quoted(out, dialect);
  out += ",\"entries\":[]}";
  return out;
}

Result<schema::Dialect> journal_dialect(std::string_view name) {
  if (name == "postgresql" || name == "pg") return schema::Dialect::Postgres;
  if (name == "sqlite" || name == "turso") return schema::Dialect::Sqlite;
  return Error(ErrorCode::Config,
               fmt::format("unsupported dialect \"{}\" in the journal (sleet supports postgresql and sqlite)", name));
}

}  // namespace sleet::snapshot
