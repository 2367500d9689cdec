// sql_text: a lexer for SQLite SQL text, used to read what the PRAGMAs do not report (constraint names,
// CHECK and generated-column expressions, defaults as written, AUTOINCREMENT, index expressions) from the
// CREATE statements SQLite keeps in sqlite_schema, and to find where a statement of a schema file starts.
// It follows SQLite's tokenizer (https://www.sqlite.org/lang_keywords.html, tokenize.c): whitespace and both
// comment forms are dropped; quoted identifiers ("x", `x`, [x]), strings, blobs, numbers and variables are
// single tokens. It never fails: SQLite has already accepted the text, and an unterminated token simply
// runs to the end. It does not parse; callers walk the tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sleet::sqlite {

struct Token {
  enum class Kind {
    Word,       ///< a bare identifier or keyword: `create`, `users`
    QuotedName, ///< "x", `x` or [x]
    String,     ///< 'text'
    Blob,       ///< x'00ff'
    Number,     ///< 12, 1.5e3, 0x1f, .5
    Variable,   ///< ?, ?1, :name, @name, $name
    Punct,      ///< ( ) , ; . and operators (multi-character operators are one token: <=, ||, ->>)
  };
  Kind kind = Kind::Punct;
  std::size_t begin = 0; ///< byte offset in the text
  std::size_t end = 0;   ///< one past the last byte
};

/// The tokens of `text` in order (comments and whitespace dropped).
std::vector<Token> tokenize(std::string_view text);

/// Offset of the first byte at or after `offset` that is neither whitespace nor inside a comment (text.size()
/// when there is none): where a statement really starts after sqlite3_prepare's tail pointer.
std::size_t skip_blanks(std::string_view text, std::size_t offset);

/// A token list over the text it came from, with the walking helpers the CREATE-statement readers need.
class TokenList {
public:
  explicit TokenList(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

  std::size_t size() const { return tokens_.size(); }
  const Token& operator[](std::size_t index) const { return tokens_[index]; }
  std::string_view text() const { return text_; }

  /// The source text of token `index` ("" past the end).
  std::string_view text(std::size_t index) const;
  /// True when token `index` is the bare word `word` (ASCII case-insensitive); false past the end.
  bool is_word(std::size_t index, std::string_view word) const;
  /// True when token `index` is the punctuation `punct`; false past the end.
  bool is_punct(std::size_t index, std::string_view punct) const;
  /// True when token `index` can name something: a bare word or a quoted name (a string also names things in
  /// SQLite's lenient grammar, e.g. `CREATE TABLE 't'`).
  bool is_name(std::size_t index) const;
  /// The name token `index` denotes: dequoted ("a""b" -> a"b, `x` -> x, [x] -> x, 's' -> s) or the bare word.
  std::string name(std::size_t index) const;

  /// Index of the `)` matching the `(` at `open`, or size() when it is unbalanced.
  std::size_t matching_paren(std::size_t open) const;
  /// Index of the first token in [first, last) that is `,` at parenthesis depth 0, or `last`.
  std::size_t top_level_comma(std::size_t first, std::size_t last) const;

  /// The text of tokens [first, last) with every run of whitespace or comments between two tokens replaced by
  /// one space (tokens that touch stay together): `substr( content ,1 )` keeps its shape, comments go away.
  /// With `lower_keywords`, bare words that are SQLite keywords are written in lower case.
  std::string rebuild(std::size_t first, std::size_t last, bool lower_keywords = false) const;

private:
  std::string_view text_;
  std::vector<Token> tokens_;
};

/// Lower-cases ASCII letters (SQLite identifiers compare case-insensitively for ASCII only).
std::string ascii_lower(std::string_view text);

/// Wraps `name` in double quotes, doubling inner quotes: the form used in messages.
std::string quote_name(std::string_view name);

} // namespace sleet::sqlite
