// Writing JSON the way drizzle's files look: JSON.stringify(x, null, 2) by default (2-space indent, one array
// element per line, `{}`/`[]` when empty, JS string escaping, no trailing newline), or the formatting a file
// was found in (tab indent, CRLF, prettier/biome-style short arrays on one line, trailing newline), plus
// whitespace/escape "patches" for the rare hand-edited file that no style describes. This file knows nothing
// about drizzle's shapes; snapshot_*.cpp and journal.cpp drive the Writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "snapshot/json_value.hpp"

namespace sleet::snapshot::json {

/// How a file is formatted, beyond the content. Default = JSON.stringify(x, null, 2).
struct Style {
  std::string indent = "  ";
  std::string newline = "\n";
  /// Prettier/biome: an array of scalars goes on one line (`["a", "b"]`) when that line fits in 80 columns.
  bool inline_scalar_arrays = false;
  std::string head;  ///< whitespace before the root value
  std::string tail;  ///< whitespace after the root value (a trailing newline, ...)
  bool operator==(const Style&) const = default;
};

/// Guesses the Style of `text` (a parsed JSON document) from its first indentation, line ending, arrays and
/// surrounding whitespace. Never fails; the guess is verified by the caller (write and compare).
Style detect_style(std::string_view text);

/// detect_style() for a text already parsed into a Document, whose has_inline_array() answers the one
/// question that needs a scan of the whole text.
Style detect_style(std::string_view text, bool has_inline_array);

/// One difference between the text a writer produced and the original file that is not content: the
/// whitespace before token `slot`, or the spelling of token `slot` (a string escaped differently, a number
/// written differently), kept so that the original bytes come back.
struct Patch {
  std::uint32_t slot = 0;
  bool whitespace = true;
  std::string original;  ///< what the file had
  std::string expected;  ///< what the writer produces there (a patch applies only where that still matches)
  bool operator==(const Patch&) const = default;
};

/// The patches of one document, valid only for output with the same number of tokens (an edited document
/// with more or fewer values is written in its Style alone).
struct Patches {
  std::vector<Patch> list;
  std::uint32_t tokens = 0;
  bool empty() const { return list.empty(); }
  bool operator==(const Patches&) const = default;
};

/// The patches that turn `produced` into `original`, or nullopt when they differ in content (other tokens,
/// a string with another value, ...), which patches must never paper over.
std::optional<Patches> diff_tokens(std::string_view original, std::string_view produced);

/// Applies `patches` (from diff_tokens) to `produced` when it has as many tokens as the original had; a
/// patch whose `expected` text no longer matches is skipped.
std::string apply_patches(std::string_view produced, const Patches& patches);

/// Appends `s` as a JSON string literal with JSON.stringify's escaping.
void append_quoted(std::string& out, std::string_view s);

/// Streaming writer. Call key() before each member value of an object; array elements need no call.
class Writer {
 public:
  Writer(std::string& out, const Style& style) : out_(out), style_(style) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);
  void string(std::string_view s);
  /// A number, `true`, `false` or `null`, written as given.
  void raw(std::string_view text);
  void boolean(bool b) { raw(b ? "true" : "false"); }
  void string_array(const std::vector<std::string>& items);
  /// Any value, with JS key order (array-index keys first).
  void value(const Value& v);

 private:
  void prefix();
  void newline_indent(std::size_t depth);
  std::size_t column() const;
  bool try_inline(const std::vector<std::string>& rendered);

  struct Level {
    bool array = false;
    bool empty = true;
  };
  std::string& out_;
  const Style& style_;
  std::vector<Level> stack_;
  bool after_key_ = false;
  std::string indents_;  // newline followed by many indents, sliced by newline_indent()
};

}  // namespace sleet::snapshot::json
