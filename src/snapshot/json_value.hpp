// A small JSON document model and parser private to snapshot/, built for byte-exact round trips of drizzle's
// files: objects keep their members in file order (duplicates included, so callers can reject them), numbers
// keep their text exactly as written, strings are decoded to UTF-8 with lone surrogates kept as WTF-8 (the
// 3-byte encoding of U+D800..U+DFFF) so that JSON.stringify's `\udXXX` output can be reproduced, and every
// value remembers its byte offset for error spans. It does not know drizzle's shapes (snapshot_*.cpp do) and
// it does not write JSON (json_write.hpp does).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sleet::snapshot::json {

struct Value {
  enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  std::string text;               ///< decoded string, or the number as written
  std::vector<std::string> keys;  ///< object member names, file order (parallel to `items`)
  std::vector<Value> items;       ///< array elements or object member values
  std::size_t offset = 0;         ///< byte offset of the value's first character in the source

  bool is_object() const { return type == Type::Object; }
  bool is_array() const { return type == Type::Array; }
  bool is_string() const { return type == Type::String; }

  /// The member named `key`, or nullptr (first match; objects are small).
  const Value* find(std::string_view key) const;

  /// Deep equality including member order and number text (offsets ignored).
  bool same(const Value& other) const;

  static Value make_string(std::string s);
  static Value make_object();
};

/// Thrown by parse() for text that is not JSON; `offset` is the byte where the problem was found.
struct SyntaxError {
  std::size_t offset = 0;
  std::string what;
};

/// Maximum nesting depth accepted by parse() (deeper input fails instead of exhausting the stack).
inline constexpr int kMaxDepth = 256;

/// Parses one JSON value surrounded by optional whitespace (space, tab, CR, LF). Throws SyntaxError.
/// Bytes >= 0x80 inside strings are copied through unchecked (JavaScript would have decoded them).
Value parse(std::string_view text);

/// True for JavaScript "array index" keys ("0", "17"; not "01", "-1", or >= 2^32-1): JS enumerates
/// those first, in ascending numeric order, whatever the insertion order.
bool is_array_index(std::string_view key);

/// Orders `count` keys the way a JS object enumerates them: array-index keys first by numeric value, then the
/// others in their given order. Returns the permutation (indices into the input); identity in the common
/// case of no array-index keys.
template <typename KeyAt>
std::vector<std::size_t> js_key_order(std::size_t count, KeyAt key_at) {
  std::vector<std::size_t> order(count);
  std::vector<std::size_t> rest;
  std::size_t n_index = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (is_array_index(key_at(i))) order[n_index++] = i;
    else rest.push_back(i);
  }
  std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_index), [&](std::size_t a, std::size_t b) {
    std::string_view ka = key_at(a);
    std::string_view kb = key_at(b);
    return ka.size() != kb.size() ? ka.size() < kb.size() : ka < kb;
  });
  for (std::size_t i = 0; i < rest.size(); ++i) order[n_index + i] = rest[i];
  return order;
}

}  // namespace sleet::snapshot::json
