// The PostgreSQL parser (libpg_query, PG 15 grammar) as sleet sees it: parse a SQL text into a generic,
// read-only node tree, scan it into tokens with byte offsets, and deparse a parsed expression back to
// canonical SQL. This header and pg_query_api.cpp are the only place that knows libpg_query exists
// (ARCHITECTURE.md 9.1.5); the tree is libpg_query's JSON output read into plain values, so nothing here
// exposes a C type or needs protobuf-c headers. It does not interpret the tree: transform_*.cpp do.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sleet::pg {

/// One node of libpg_query's JSON parse tree. Objects keep their members in document order; libpg_query omits
/// keys whose value is the default (false, 0, empty list), so absent keys read as null/false/0/"".
/// A node's children live in storage owned by the ParseOutput it came from (one allocation per block of nodes,
/// freed at once: building and freeing trees one vector per node cost a third of a large load), so a node
/// must not outlive its ParseOutput.
struct ParseNode {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string_view key;  ///< a member of an object: its name
  std::string text;      ///< String: the value; Number: the number as written
  std::span<const ParseNode> children;  ///< Array: the items; Object: the members (each with its key)

  /// The items of an array (empty for other kinds).
  std::span<const ParseNode> items() const { return kind == Kind::Array ? children : std::span<const ParseNode>(); }
  /// The members of an object (empty for other kinds).
  std::span<const ParseNode> fields() const { return kind == Kind::Object ? children : std::span<const ParseNode>(); }
  /// The member `key` of an object, or nullptr (also for non-objects).
  const ParseNode* get(std::string_view key) const;
  /// `get(key)` as a string ("" when absent or not a string).
  const std::string& str(std::string_view key) const;
  /// `get(key)` as an integer (`fallback` when absent).
  long long integer(std::string_view key, long long fallback = 0) const;
  /// `get(key)` as a boolean (false when absent).
  bool flag(std::string_view key) const;
  /// The items of the array member `key` (empty when absent).
  std::span<const ParseNode> list(std::string_view key) const;
  /// For a one-key wrapper object such as {"ColumnDef": {...}}: the key ("" otherwise).
  std::string_view tag() const;
  /// For a one-key wrapper object: the wrapped value (a null node otherwise).
  const ParseNode& body() const;
  bool is_null() const { return kind == Kind::Null; }
};

/// A statement of a parsed text: its tree (a wrapper such as {"CreateStmt": {...}}) and its byte range.
struct ParsedStatement {
  ParseNode node;
  std::size_t location = 0;  ///< byte offset of the statement's first byte (may point at leading blanks)
  std::size_t length = 0;    ///< byte length; runs to the end of the text for the last statement
};

struct ParseFailure {
  std::string message;  ///< libpg_query's message ("syntax error at or near \"tabel\"")
  std::size_t offset = 0;  ///< byte offset of the error position in the text (0 when unknown)
};

struct ParseOutput {
  std::vector<ParsedStatement> statements;
  std::optional<ParseFailure> failure;  ///< set when the text does not parse; statements are then empty
  std::shared_ptr<const void> tree_storage;  ///< owns the trees' children and the keys' text
};

/// Parses `sql` (a whole file). Never throws; a syntax error is reported in `failure` with its byte offset.
/// Assumes `sql` holds no NUL byte (the parser would stop there).
ParseOutput parse_sql(const std::string& sql);

/// One lexical token with its byte range in the scanned text.
struct Token {
  std::size_t start = 0;
  std::size_t end = 0;  ///< one past the last byte
  enum class Kind { Punct, Keyword, Identifier, String, Number, Operator, Other };
  Kind kind = Kind::Other;
  char punct = 0;  ///< the character for single-character tokens ( ) , ; [ ] . : etc.
};

/// Tokens of `sql` (comments and whitespace are not tokens). Returns an empty list if the text does not scan.
std::vector<Token> scan_sql(const std::string& sql);

/// Canonical text of one SQL expression: `SELECT <expr>` parsed and deparsed by libpg_query, the
/// `SELECT ` prefix removed. std::nullopt when the text is not a valid expression.
std::optional<std::string> deparse_expression(std::string_view expression);

/// Canonical text of one statement (e.g. a view's SELECT): parsed and deparsed by libpg_query.
std::optional<std::string> deparse_statement(std::string_view statement);

/// The PostgreSQL version of the linked grammar, as libpg_query reports it in its parse trees (150001).
int parser_version_num();

}  // namespace sleet::pg
