// The Transformer: libpg_query parse trees -> the schema model, one statement at a time, the way DuckDB's
// transform_*.cpp turn PG nodes into its own types (ARCHITECTURE.md 10, example 6). This internal header is
// shared by load.cpp and the transform_*.cpp files only. It declares the per-load state, the per-statement
// context with the source helpers every transformer needs (token ranges, drizzle-style expression text),
// and one entry point per statement kind. Transformers throw TransformError; load_schema() turns it into an
// Error, so no exception leaves the module.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "dialect/postgres/load.hpp"
#include "dialect/postgres/pg_query_api.hpp"
#include "schema/schema.hpp"

namespace sleet::pg {

/// Private to the module: a failure at a byte offset of the current file.
class TransformError : public std::runtime_error {
 public:
  TransformError(ErrorCode error_code, const std::string& message, std::size_t where)
      : std::runtime_error(message), code(error_code), offset(where) {}
  ErrorCode code;
  std::size_t offset;
};

/// A constraint name PostgreSQL would have given an unnamed constraint (`users_pkey`, `users_email_key`,
/// `posts_author_id_fkey`), remembered so that `ALTER TABLE … RENAME CONSTRAINT <pg name> TO …` finds it.
struct ConstraintAlias {
  std::string table_key;  ///< "schema.table"
  std::string pg_name;
  std::string model_name;  ///< the name in the model ("" for an inline primary key, which has none)
};

/// Where a foreign key was declared, for errors found once every file is loaded (unknown referenced table).
struct ForeignKeyOrigin {
  std::string table_key;
  std::vector<std::string> columns_from;
  std::string table_to;
  SourceSpan span;
};

/// Byte offsets of the line starts of one file, so that spans cost O(log n) (SourceSpan::from_offset scans
/// from the start of the file, which is quadratic over thousands of statements).
class LineIndex {
 public:
  explicit LineIndex(const SourceFile& file);
  SourceSpan span(std::size_t offset) const;

 private:
  const SourceFile& file_;
  std::vector<std::size_t> starts_;
};

/// State shared by all statements of one load.
struct LoadState {
  schema::Database database;
  std::vector<LoadWarning> warnings;
  std::vector<ConstraintAlias> aliases;
  std::vector<std::string> rls_enabled;  ///< "schema.table" keys with ENABLE ROW LEVEL SECURITY
  std::vector<ForeignKeyOrigin> foreign_key_origins;
  /// "schema.table" -> position in database.tables (tables are only appended until the final sort).
  std::unordered_map<std::string, std::size_t> table_positions;
  std::unordered_set<std::string> index_names;  ///< "schema.index": index names share their schema's namespace
  bool strict = false;
};

/// One statement being transformed: its file, its byte range, the tokens around it and the shared state.
/// Offsets (tree locations, token positions, `begin`/`end`) count from byte `base` of the file: the start of the
/// piece the statement was parsed in (prepared_pieces.hpp); spans and errors are reported in file offsets.
class StatementContext {
 public:
  StatementContext(LoadState& state, const SourceFile& file, const LineIndex& lines, const std::vector<Token>& tokens,
                   std::size_t begin, std::size_t end, std::size_t base = 0);

  LoadState& state;
  const SourceFile& file;

  [[noreturn]] void fail(ErrorCode code, const std::string& message, std::size_t offset) const;
  [[noreturn]] void fail(ErrorCode code, const std::string& message) const { fail(code, message, begin_); }
  /// Records a warning at `offset`; in strict mode fails with ErrorCode::Unsupported instead (the message
  /// without its "; statement ignored" tail), so that strict loads never drop anything silently.
  void warn(const std::string& message, std::size_t offset) const;
  std::size_t begin() const { return begin_; }
  /// Span of `offset` (relative to the piece, like every offset here) in the current file.
  SourceSpan span_at(std::size_t offset) const { return lines_.span(base_ + offset); }

  // --- tokens ---
  const std::vector<Token>& tokens() const { return tokens_; }
  /// Index of the first token of this statement starting at or after `offset` (== end_token() if none).
  std::size_t token_at(std::size_t offset) const;
  std::size_t end_token() const { return last_token_; }
  std::string_view token_text(std::size_t index) const;
  /// True if token `index` is the keyword `word` (case-insensitive).
  bool is_keyword(std::size_t index, std::string_view word) const;
  /// Index of the ')' matching the '(' at `open` (end_token() if unbalanced).
  std::size_t matching_paren(std::size_t open) const;
  /// Index of the first '(' token at or after `offset`; fails if there is none.
  std::size_t open_paren_after(std::size_t offset) const;
  /// Tokens [first, last) rebuilt: one space wherever the source had blanks or comments between tokens,
  /// keywords lower-cased when asked. `replacements` substitutes whole tokens (by index).
  std::string rebuild(std::size_t first, std::size_t last, bool lower_keywords = false,
                      const std::map<std::size_t, std::string>& replacements = {}) const;
  /// The number written at or just after `offset` ("-5", "2.5"), with its sign; nullopt if none.
  std::optional<std::string> number_near(std::size_t offset) const;
  /// Extent of an expression that starts at token `first` and runs, at parenthesis depth 0, until `,`,
  /// an unmatched `)`, `;`, the end of the statement or token `stop` (exclusive end returned).
  std::size_t expression_end(std::size_t first, std::size_t stop) const;

 private:
  const LineIndex& lines_;
  const std::vector<Token>& tokens_;
  std::size_t begin_;
  std::size_t end_;
  std::size_t base_;
  std::size_t first_token_;
  std::size_t last_token_;
};

// --- shared helpers (transform_common.cpp) ---------------------------------------------------------------

/// "schema.name" key; empty schema means public.
std::string object_key(const std::string& schema, const std::string& name);

/// The table named by a RangeVar node (creating nothing); nullptr if unknown.
schema::Table* find_table(LoadState& state, const ParseNode& range_var);

/// "table", "materialized view", "foreign table": a libpg_query ObjectType ("OBJECT_TABLE") for messages.
std::string object_kind_label(const std::string& object_type);

/// Strings of a list of {"String": {"sval": …}} nodes.
std::vector<std::string> string_list(std::span<const ParseNode> nodes);

/// Drizzle's spelling of a column type from a TypeName node: {type, enum schema candidate}. The schema is
/// set only for names that may be enums (resolved after all files are loaded).
struct ColumnTypeInfo {
  std::string type;
  std::optional<std::string> maybe_enum_schema;  ///< "" = unqualified
  std::string base_name;                         ///< without array suffix
  int dimensions = 0;
  bool is_serial = false;
};
ColumnTypeInfo column_type(const StatementContext& ctx, const ParseNode& type_name);

/// A column default as drizzle stores it: JSON number/boolean for plain literals, `'text'` for strings,
/// the expression text as written otherwise. nullopt for DEFAULT NULL.
std::optional<schema::Scalar> default_value(const StatementContext& ctx, const ParseNode& expr, std::size_t first_token,
                                            std::size_t end_token);

/// Text of an expression for a CHECK or generated column, drizzle style: bare column operands of a top-level
/// comparison/arithmetic are qualified `"table"."column"` (drizzle renders `${t.col}` that way).
std::string qualified_expression_text(const StatementContext& ctx, const ParseNode& expr, std::size_t first,
                                      std::size_t last, const schema::Table& table, bool lower_keywords);

/// Sequence options from a list of DefElem nodes (CREATE SEQUENCE, identity). Unknown options fail.
schema::SequenceOptions sequence_options(const StatementContext& ctx, std::span<const ParseNode> options,
                                         std::optional<std::string>* sequence_name = nullptr);

/// Adds a table-level (or inline, with `column`) constraint to `table`.
void add_constraint(StatementContext& ctx, schema::Table& table, const ParseNode& constraint,
                    const std::string* column);

/// Adds a ColumnDef to `table` (with its inline constraints).
void add_column(StatementContext& ctx, schema::Table& table, const ParseNode& column_def);

// --- statement transformers --------------------------------------------------------------------------------

void transform_create_schema(StatementContext& ctx, const ParseNode& stmt);
void transform_create_enum(StatementContext& ctx, const ParseNode& stmt);
void transform_alter_enum(StatementContext& ctx, const ParseNode& stmt);
void transform_create_sequence(StatementContext& ctx, const ParseNode& stmt);
void transform_alter_sequence(StatementContext& ctx, const ParseNode& stmt);
void transform_create_table(StatementContext& ctx, const ParseNode& stmt);
void transform_alter_table(StatementContext& ctx, const ParseNode& stmt);
void transform_rename(StatementContext& ctx, const ParseNode& stmt);
void transform_create_index(StatementContext& ctx, const ParseNode& stmt);
void transform_create_view(StatementContext& ctx, const ParseNode& stmt);
void transform_create_materialized_view(StatementContext& ctx, const ParseNode& stmt);
void transform_create_policy(StatementContext& ctx, const ParseNode& stmt);
void transform_create_role(StatementContext& ctx, const ParseNode& stmt);
void transform_drop(StatementContext& ctx, const ParseNode& stmt);
void transform_drop_role(StatementContext& ctx, const ParseNode& stmt);

}  // namespace sleet::pg
