// The PostgreSQL parser (libpg_query, PG 15 grammar) as sleet sees it: parse a SQL text into a generic,
// read-only node tree, scan it into tokens with byte offsets, and deparse a parsed expression back to
// canonical SQL. This header and pg_query_api.cpp are the only place that knows libpg_query exists
// (ARCHITECTURE.md 9.1.5); the tree is libpg_query's JSON output read into plain values, so nothing here
// exposes a C type or needs protobuf-c headers. It does not interpret the tree: transform_*.cpp do.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sleet::pg {

/// One node of libpg_query's JSON parse tree. Objects keep their keys in document order; libpg_query omits
/// keys whose value is the default (false, 0, empty list), so absent keys read as null/false/0/"".
struct ParseNode {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;  ///< String: the value; Number: the number as written
  std::vector<ParseNode> items;                           ///< Array
  std::vector<std::pair<std::string, ParseNode>> fields;  ///< Object

  /// The member `key` of an object, or nullptr (also for non-objects).
  const ParseNode* get(std::string_view key) const;
  /// `get(key)` as a string ("" when absent or not a string).
  const std::string& str(std::string_view key) const;
  /// `get(key)` as an integer (`fallback` when absent).
  long long integer(std::string_view key, long long fallback = 0) const;
  /// `get(key)` as a boolean (false when absent).
  bool flag(std::string_view key) const;
  /// The items of the array member `key` (empty when absent).
  const std::vector<ParseNode>& list(std::string_view key) const;
  /// For a one-key wrapper object such as {"ColumnDef": {...}}: the key ("" otherwise).
  const std::string& tag() const;
  /// For a one-key wrapper object: the wrapped value (a null node otherwise).
  const ParseNode& body() const;
  bool is_null() const { return kind == Kind::Null; }
};

/// A statement of a parsed text: its tree (a wrapper such as {"CreateStmt": {...}}) and its byte range.
struct ParsedStatement {
  ParseNode node;  ///< null when parsed with Trees::OnDemand: statement_tree() builds it
  std::size_t location = 0;  ///< byte offset of the statement's first byte (may point at leading blanks)
  std::size_t length = 0;    ///< byte length; runs to the end of the text for the last statement
  std::size_t tree_begin = 0, tree_end = 0;  ///< Trees::OnDemand: the tree's range in ParseOutput::tree_json
};

struct ParseFailure {
  std::string message;  ///< libpg_query's message ("syntax error at or near \"tabel\"")
  std::size_t offset = 0;  ///< byte offset of the error position in the text (0 when unknown)
};

struct ParseOutput {
  std::vector<ParsedStatement> statements;
  std::optional<ParseFailure> failure;  ///< set when the text does not parse; statements are then empty
  std::shared_ptr<const void> tree_owner;  ///< Trees::OnDemand: keeps tree_json alive
  std::string_view tree_json;              ///< Trees::OnDemand: libpg_query's JSON tree of the whole text
};

/// Whether parse_sql builds every statement's tree at once (ParsedStatement::node), or only checks the JSON
/// and leaves each tree to statement_tree(): a file's trees take about ten times its JSON, so a loader that
/// handles one statement at a time keeps only one tree in memory.
enum class Trees { Eager, OnDemand };

/// Parses `sql` (a whole file). Never throws; a syntax error is reported in `failure` with its byte offset.
/// Assumes `sql` holds no NUL byte (the parser would stop there).
ParseOutput parse_sql(const std::string& sql, Trees trees = Trees::Eager);

/// The tree of `statement`, one of `output.statements` from parse_sql(sql, Trees::OnDemand).
ParseNode statement_tree(const ParseOutput& output, const ParsedStatement& statement);

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
