// ReadContext / WriteContext implementation: path text for errors, typed accessors, key validation, and the
// recording of kind orders and per-path exceptions while a snapshot is read.
#include "snapshot/codec.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sleet::snapshot {

namespace {

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

const char* type_name(json::Value::Type type) {
  switch (type) {
    case json::Value::Type::Null: return "null";
    case json::Value::Type::Bool: return "a boolean";
    case json::Value::Type::Number: return "a number";
    case json::Value::Type::String: return "a string";
    case json::Value::Type::Array: return "an array";
    case json::Value::Type::Object: return "an object";
  }
  return "a value";
}

}  // namespace

std::string ReadContext::path_text() const {
  std::string out;
  for (const Segment& seg : path_) {
    if (seg.is_index) {
      out += fmt::format("[{}]", seg.index);
    } else {
      if (!out.empty()) out += '.';
      if (is_identifier(seg.key)) out += seg.key;
      else json::append_quoted(out, seg.key);
    }
  }
  return out;
}

void ReadContext::fail(const json::Node& where, std::string_view what) const {
  std::string path = path_text();
  throw ShapeError{where.offset, path.empty() ? std::string(what) : fmt::format("{}: {}", path, what)};
}

std::string_view ReadContext::string(const json::Node& v) const {
  if (v.type != json::Value::Type::String) fail(v, fmt::format("expected a string, found {}", type_name(v.type)));
  return v.text;
}

bool ReadContext::boolean(const json::Node& v) const {
  if (v.type != json::Value::Type::Bool) fail(v, fmt::format("expected a boolean, found {}", type_name(v.type)));
  return v.boolean;
}

void ReadContext::expect_object(const json::Node& v) const {
  if (v.type != json::Value::Type::Object) fail(v, fmt::format("expected an object, found {}", type_name(v.type)));
}

std::vector<std::string> ReadContext::strings(const json::Node& v) const {
  if (v.type != json::Value::Type::Array) fail(v, fmt::format("expected an array, found {}", type_name(v.type)));
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const json::Node& item : v) {
    if (item.type != json::Value::Type::String) {
      fail(item, fmt::format("expected an array of strings, found {} in it", type_name(item.type)));
    }
    out.emplace_back(item.text);
  }
  return out;
}

std::optional<schema::Scalar> ReadContext::scalar(const json::Node& v) const {
  switch (v.type) {
    case json::Value::Type::String: return schema::Scalar::string(std::string(v.text));
    case json::Value::Type::Number: return schema::Scalar::number(std::string(v.text));
    case json::Value::Type::Bool: return schema::Scalar::boolean(v.boolean);
    default: return std::nullopt;
  }
}

namespace {

/// `v` as JSON.stringify(v) writes it without indentation (object members in file order).
void append_compact(std::string& out, const json::Node& v) {
  switch (v.type) {
    case json::Value::Type::Null: out += "null"; break;
    case json::Value::Type::Bool: out += v.boolean ? "true" : "false"; break;
    case json::Value::Type::Number: out += v.text; break;
    case json::Value::Type::String: json::append_quoted(out, v.text); break;
    case json::Value::Type::Array:
      out += '[';
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += ',';
        append_compact(out, v[i]);
      }
      out += ']';
      break;
    case json::Value::Type::Object:
      out += '{';
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += ',';
        json::append_quoted(out, v[i].key);
        out += ':';
        append_compact(out, v[i]);
      }
      out += '}';
      break;
  }
}

}  // namespace

schema::Scalar ReadContext::any_value(const json::Node& v) const {
  if (auto s = scalar(v)) return std::move(*s);
  if (v.type == json::Value::Type::Null) return schema::Scalar::null();
  std::string text;
  append_compact(text, v);
  return schema::Scalar::json(std::move(text));
}

schema::Options ReadContext::options(const json::Node& v) {
  expect_object(v);
  schema::Options out;
  for (const json::Node& member : v) {
    auto scope = at(member.key);
    auto value = scalar(member);
    if (!value) fail(member, fmt::format("expected a string, number or boolean, found {}", type_name(member.type)));
    out.emplace_back(std::string(member.key), std::move(*value));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ReadContext::string_map(const json::Node& v) {
  expect_object(v);
  std::vector<std::pair<std::string, std::string>> out;
  for (const json::Node& member : v) {
    auto scope = at(member.key);
    out.emplace_back(std::string(member.key), std::string(string(member)));
  }
  return out;
}

ActualKeys ReadContext::collect_keys(Kind kind, const json::Node& v) const {
  expect_object(v);
  const KindSpec& s = spec(kind);
  ActualKeys actual;
  const std::vector<std::uint8_t>& likely = layout_.orders[static_cast<std::size_t>(kind)].order;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string_view name = v[i].key;
    // Most objects list their keys in their kind's order: try that key first, then all of them (comparing
    // lengths and first bytes before whole names).
    int id = -1;
    if (i < likely.size() && s.keys[likely[i]] == name) {
      id = likely[i];
    } else {
      for (int k = 0; k < s.count; ++k) {
        const std::string_view candidate = s.keys[k];
        if (candidate.size() == name.size() && !name.empty() && candidate[0] == name[0] && candidate == name) {
          id = k;
          break;
        }
      }
    }
    if (id < 0 || actual.has(id)) {
      auto& self = const_cast<ReadContext&>(*this);
      auto scope = self.at(name);
      fail(v[i], id < 0 ? fmt::format("unknown key in {}", s.name) : std::string("duplicate key"));
    }
    actual.ids[actual.count++] = static_cast<std::uint8_t>(id);
    actual.mask |= bit(id);
  }
  std::uint32_t missing = s.required & ~actual.mask;
  if (missing != 0) {
    for (int k = 0; k < s.count; ++k) {
      if ((missing & bit(k)) != 0) fail(v, fmt::format("missing key \"{}\" in {}", s.keys[k], s.name));
    }
  }
  return actual;
}

PathNode& ReadContext::node_here() {
  if (!root_) root_ = std::make_unique<PathNode>();
  PathNode* node = root_.get();
  for (const Segment& seg : path_) {
    node = seg.is_index ? &node->make_child(std::to_string(seg.index)) : &node->make_child(seg.key);
  }
  return *node;
}

void ReadContext::record(Kind kind, const ActualKeys& actual, std::uint32_t present, std::uint32_t raw_keys,
                         const json::Node& v) {
  KindOrder& ko = layout_.orders[static_cast<std::size_t>(kind)];
  const KindSpec& s = spec(kind);
  if (!ko.fixed) {
    // The first instance fixes the order; keys it lacks go where drizzle-kit 0.31 puts them relative to
    // their predecessors.
    std::vector<std::uint8_t> order(actual.ids.begin(), actual.ids.begin() + static_cast<std::ptrdiff_t>(actual.count));
    for (std::size_t pos = 0; pos < s.default_order.size(); ++pos) {
      std::uint8_t k = s.default_order[pos];
      if (actual.has(k)) continue;
      std::size_t insert_at = 0;
      for (std::size_t q = pos; q-- > 0;) {
        auto it = std::find(order.begin(), order.end(), s.default_order[q]);
        if (it != order.end()) {
          insert_at = static_cast<std::size_t>(it - order.begin()) + 1;
          break;
        }
      }
      order.insert(order.begin() + static_cast<std::ptrdiff_t>(insert_at), k);
    }
    ko.order = std::move(order);
    ko.listed = actual.mask & s.structural;
    ko.fixed = true;
  }
  EmitPlan expected = layout_.plan(kind, nullptr, present);
  bool same = expected.count == actual.count &&
              std::equal(actual.ids.begin(), actual.ids.begin() + static_cast<std::ptrdiff_t>(actual.count),
                         expected.keys.begin());
  if (same && raw_keys == 0) return;
  auto exception = std::make_unique<ObjectException>();
  exception->has_keys = !same;
  if (!same) exception->keys.assign(actual.ids.begin(), actual.ids.begin() + static_cast<std::ptrdiff_t>(actual.count));
  for (std::size_t i = 0; i < actual.count; ++i) {
    if ((raw_keys & bit(actual.ids[i])) != 0) exception->raws.emplace_back(actual.ids[i], json::to_value(v[i]));
  }
  node_here().exception = std::move(exception);
}

void WriteContext::scalar(const schema::Scalar& s) {
  switch (s.kind) {
    case schema::Scalar::Kind::String: w.string(s.text); break;
    case schema::Scalar::Kind::Json: w.value(json::parse(s.text)); break;
    case schema::Scalar::Kind::Null:
    case schema::Scalar::Kind::Number:
    case schema::Scalar::Kind::Boolean: w.raw(s.text); break;
  }
}

void WriteContext::options(const schema::Options& options) {
  auto order = json::js_key_order(options.size(), [&](std::size_t i) { return std::string_view(options[i].first); });
  w.begin_object();
  for (std::size_t i : order) {
    w.key(options[i].first);
    scalar(options[i].second);
  }
  w.end_object();
}

void WriteContext::string_map(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto order = json::js_key_order(entries.size(), [&](std::size_t i) { return std::string_view(entries[i].first); });
  w.begin_object();
  for (std::size_t i : order) {
    w.key(entries[i].first);
    w.string(entries[i].second);
  }
  w.end_object();
}

}  // namespace sleet::snapshot
