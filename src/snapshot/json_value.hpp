// A small JSON document model and parser private to snapshot/, built for byte-exact round trips of drizzle's
// files: objects keep their members in file order (duplicates included, so callers can reject them), numbers
// keep their text exactly as written, strings are decoded to UTF-8 with lone surrogates kept as WTF-8 (the
// 3-byte encoding of U+D800..U+DFFF) so that JSON.stringify's `\udXXX` output can be reproduced, and every
// value remembers its byte offset for error spans. Two forms: Document, a flat read-only tree of Nodes whose
// strings are views into the source text (or into one decode buffer for strings with escapes), which is what
// the snapshot reader walks (one allocation per few thousand values instead of several per value); and Value,
// an owning tree for the few values kept beyond the source text's lifetime (raw values in a layout) and for
// building JSON to write. It does not know drizzle's shapes (snapshot_*.cpp do) and it does not write JSON
// (json_write.hpp does).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
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

/// One value of a Document. Containers hold their children contiguously (`children()`); an object member
/// carries its name in `key`. Views stay valid while the Document and its source text live.
struct Node {
  using Type = Value::Type;
  std::string_view text;        ///< decoded string, or the number as written
  std::string_view key;         ///< the member name when this node is an object member
  const Node* first = nullptr;  ///< the first child (array elements / object members, file order)
  std::uint32_t count = 0;      ///< number of children
  std::uint32_t offset = 0;     ///< byte offset of the value's first character in the source
  std::uint32_t first_index = 0;  ///< position of `first` in the Document (used while parsing)
  Type type = Type::Null;
  bool boolean = false;

  bool is_object() const { return type == Type::Object; }
  bool is_array() const { return type == Type::Array; }
  bool is_string() const { return type == Type::String; }
  std::size_t size() const { return count; }
  const Node& operator[](std::size_t i) const { return first[i]; }
  const Node* begin() const { return first; }
  const Node* end() const { return first + count; }

  /// The member named `key`, or nullptr (first match; objects are small).
  const Node* find(std::string_view name) const;
};

/// A parsed JSON text as a flat tree of Nodes. Borrows the source text: it must outlive the Document.
class Document {
 public:
  /// Parses one JSON value surrounded by optional whitespace. Throws SyntaxError. Same grammar and limits as
  /// parse() below.
  explicit Document(std::string_view text);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;

  const Node& root() const { return nodes_.back(); }
  /// True when some array's '[' is directly followed by a value (prettier/biome one-line arrays), the fact
  /// detect_style() otherwise scans the whole text for.
  bool has_inline_array() const { return inline_array_; }

 private:
  friend class Parser;
  std::vector<Node> nodes_;           // children blocks, then the root last
  std::unique_ptr<char[]> decoded_;   // strings with escapes, decoded (never longer than the source)
  bool inline_array_ = false;
};

/// An owning copy of `node` (for values kept after the source text is gone).
Value to_value(const Node& node);

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
