// load_schema(): source files -> parse (libpg_query) -> one transformer per statement -> a finished
// schema model. This file owns the statement dispatch, the unmanaged-statement warnings (or strict-mode
// errors), the mapping of TransformError to sleet::Error with a file:line:column span, and the passes that
// need the whole schema: enum column types declared before their enum, foreign keys whose referenced
// columns are implied, the RLS flag as drizzle records it, and drizzle's object order.
#include "dialect/postgres/load.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <unordered_map>

#include "dialect/postgres/pg_query_api.hpp"
#include "dialect/postgres/prepared_pieces.hpp"
#include "dialect/postgres/statement_chunks.hpp"
#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

using Handler = void (*)(StatementContext&, const ParseNode&);

void dispatch_alter_sequence(StatementContext& ctx, const ParseNode& stmt) { transform_alter_sequence(ctx, stmt); }

void dispatch_create_table_as(StatementContext& ctx, const ParseNode& stmt) {
  if (stmt.str("objtype") != "OBJECT_MATVIEW") {
    ctx.fail(ErrorCode::Unsupported, "CREATE TABLE … AS is not supported in a schema file; declare the columns");
  }
  transform_create_materialized_view(ctx, stmt);
}

const std::map<std::string, Handler, std::less<>>& handlers() {
  static const std::map<std::string, Handler, std::less<>> kHandlers = {
      {"CreateSchemaStmt", &transform_create_schema},
      {"CreateEnumStmt", &transform_create_enum},
      {"AlterEnumStmt", &transform_alter_enum},
      {"CreateSeqStmt", &transform_create_sequence},
      {"AlterSeqStmt", &dispatch_alter_sequence},
      {"CreateStmt", &transform_create_table},
      {"AlterTableStmt", &transform_alter_table},
      {"RenameStmt", &transform_rename},
      {"IndexStmt", &transform_create_index},
      {"ViewStmt", &transform_create_view},
      {"CreateTableAsStmt", &dispatch_create_table_as},
      {"CreatePolicyStmt", &transform_create_policy},
      {"CreateRoleStmt", &transform_create_role},
      {"DropStmt", &transform_drop},
      {"DropRoleStmt", &transform_drop_role},
  };
  return kHandlers;
}

/// "CREATE FUNCTION", "COMMENT ON", "GRANT": the leading keywords of a statement, for messages.
std::string statement_title(const StatementContext& ctx) {
  static const char* const kSkip[] = {"or", "replace", "temporary", "temp", "unique", "if", "not", "exists"};
  std::string title;
  int words = 0;
  for (std::size_t index = ctx.token_at(ctx.begin()); index < ctx.end_token() && words < 2; ++index) {
    if (ctx.tokens()[index].kind != Token::Kind::Keyword) break;
    std::string word(ctx.token_text(index));
    std::string lowered = word;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (words > 0 && std::find(std::begin(kSkip), std::end(kSkip), lowered) != std::end(kSkip)) continue;
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    title += (title.empty() ? "" : " ") + word;
    ++words;
    if (lowered != "create" && lowered != "alter" && lowered != "drop" && lowered != "comment") break;
  }
  return title.empty() ? std::string("statement") : title;
}

void unmanaged(StatementContext& ctx) {
  ctx.warn(fmt::format("{} is not managed by sleet; statement ignored", statement_title(ctx)), ctx.begin());
}

void transform_statement(StatementContext& ctx, const ParseNode& node) {
  std::string_view tag = node.tag();
  if (tag == "TransactionStmt") return;  // BEGIN/COMMIT around a schema file change nothing
  if (tag == "DefineStmt" || tag == "CompositeTypeStmt" || tag == "CreateRangeStmt") {
    unmanaged(ctx);
    return;
  }
  auto it = handlers().find(tag);
  if (it == handlers().end()) {
    unmanaged(ctx);
    return;
  }
  it->second(ctx, node.body());
}

// --- whole-schema passes ---------------------------------------------------------------------------------

void resolve_enum_types(schema::Database& database, std::vector<schema::Column>& columns) {
  for (schema::Column& column : columns) {
    if (!column.type_schema) continue;
    std::string base = column.type;
    std::string suffix;
    while (base.size() > 2 && base.ends_with("[]")) {
      base.resize(base.size() - 2);
      suffix += "[]";
    }
    std::string wanted_schema = column.type_schema->empty() ? "public" : *column.type_schema;
    bool found = std::any_of(database.enums.begin(), database.enums.end(),
                             [&](const schema::Enum& item) { return item.name == base && item.schema == wanted_schema; });
    column.type_schema = found ? std::optional<std::string>(wanted_schema) : std::nullopt;
  }
}

Result<void> finish(LoadState& state) {
  schema::Database& database = state.database;
  for (schema::Table& table : database.tables) resolve_enum_types(database, table.columns);
  for (schema::View& view : database.views) resolve_enum_types(database, view.columns);

  // Hashed lookups: a schema may hold thousands of tables and foreign keys.
  auto origin_key = [](const std::string& table_key, const std::vector<std::string>& columns, const std::string& to) {
    std::string key = table_key + '\x1f' + to;
    for (const std::string& column : columns) key += '\x1f' + column;
    return key;
  };
  std::unordered_map<std::string, const ForeignKeyOrigin*> origins;
  for (const ForeignKeyOrigin& origin : state.foreign_key_origins) {
    origins.emplace(origin_key(origin.table_key, origin.columns_from, origin.table_to), &origin);
  }
  std::unordered_map<std::string, const schema::Table*> tables_by_key;
  for (const schema::Table& table : database.tables) tables_by_key.emplace(object_key(table.schema, table.name), &table);

  for (schema::Table& table : database.tables) {
    for (schema::ForeignKey& key : table.foreign_keys) {
      std::string schema_to = key.schema_to.value_or("");
      auto origin = origins.find(origin_key(object_key(table.schema, table.name), key.columns_from, key.table_to));
      auto failure = [&](std::string message) {
        Error error(ErrorCode::InvalidSchema, std::move(message));
        if (origin != origins.end()) error.span = origin->second->span;
        return error;
      };
      auto found = tables_by_key.find(object_key(schema_to, key.table_to));
      // A foreign key with explicit columns may reference a table the schema files do not manage (drizzle
      // allows it: Supabase's auth.users); implied columns need the referenced table's primary key.
      if (!key.columns_to.empty()) continue;
      if (found == tables_by_key.end()) {
        return failure(fmt::format("foreign key of table \"{}\" references \"{}\", which is not declared, without naming "
                                   "the referenced columns",
                                   table.name, object_key(schema_to, key.table_to)));
      }
      const schema::Table* target = found->second;
      for (const schema::Column& column : target->columns) {
        if (column.primary_key) key.columns_to.push_back(column.name);
      }
      if (key.columns_to.empty() && !target->composite_primary_keys.empty()) {
        key.columns_to = target->composite_primary_keys.front().columns;
      }
      if (key.columns_to.empty()) {
        return failure(fmt::format("foreign key of table \"{}\" references \"{}\", which has no primary key",
                                   table.name, key.table_to));
      }
      if (key.name.empty()) {
        std::string from, to;
        for (const std::string& name : key.columns_from) from += name + "_";
        for (const std::string& name : key.columns_to) to += name + "_";
        key.name = fmt::format("{}_{}{}_{}fk", table.name, from, key.table_to, to);
      }
    }
  }

  // drizzle records .enableRLS() only; policies enable RLS implicitly and leave the flag false.
  for (schema::Table& table : database.tables) {
    std::string key = object_key(table.schema, table.name);
    bool enabled = std::find(state.rls_enabled.begin(), state.rls_enabled.end(), key) != state.rls_enabled.end();
    table.is_rls_enabled = enabled && table.policies.empty();
  }

  // drizzle meets objects in the order of the TypeScript export names (sorted); export names follow object
  // names, so every kind is sorted by name (stable: same names keep file order).
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::stable_sort(database.tables.begin(), database.tables.end(), by_name);
  std::stable_sort(database.enums.begin(), database.enums.end(), by_name);
  std::stable_sort(database.sequences.begin(), database.sequences.end(), by_name);
  std::stable_sort(database.views.begin(), database.views.end(), by_name);
  std::stable_sort(database.roles.begin(), database.roles.end(), by_name);
  std::stable_sort(database.policies.begin(), database.policies.end(), by_name);
  std::stable_sort(database.schemas.begin(), database.schemas.end());
  return ok();
}

Result<void> transform_piece(LoadState& state, const SourceFile& file, const LineIndex& lines,
                             const PreparedPiece& piece) {
  for (std::size_t i = 0; i < piece.parsed.statements.size(); ++i) {
    const ParsedStatement& statement = piece.parsed.statements[i];
    StatementContext ctx(state, file, lines, piece.tokens, statement.location, statement.location + statement.length,
                         piece.begin);
    try {
      transform_statement(ctx, piece.trees[i]);
    } catch (const TransformError& error) {
      return Error(error.code, error.what(), lines.span(error.offset));
    }
  }
  return ok();
}

}  // namespace

Result<LoadResult> load_schema(const std::vector<SourceFile>& files, const LoadOptions& options) {
  LoadState state;
  state.strict = options.strict;
  state.database.dialect = schema::Dialect::Postgres;
  for (const SourceFile& file : files) {
    if (std::size_t nul = file.text.find('\0'); nul != std::string::npos) {
      return Error(ErrorCode::Parse, "schema file contains a NUL byte", SourceSpan::from_offset(file.path, file.text, nul));
    }
    LineIndex lines(file);
    // Pieces parse on worker threads while this thread transforms the ones before (prepared_pieces.hpp).
    std::vector<std::size_t> cuts = chunk_cuts(file.text, options.piece_size);
    PreparedPieces pieces(file.text, cuts, piece_workers(cuts.size() + 1));
    for (std::size_t index = 0; index < pieces.size(); ++index) {
      PreparedPiece piece = pieces.take(index);
      if (piece.parsed.failure) {
        // Either the file's own error or a cut that was not a statement boundary: the rest of the file in one
        // piece tells which (statement_chunks.hpp), with the error at the byte a whole-file parse reports.
        pieces.stop();
        piece = prepare_piece(file.text, piece.begin, file.text.size());
        if (piece.parsed.failure) {
          return Error(ErrorCode::Parse, piece.parsed.failure->message,
                       SourceSpan::from_offset(file.path, file.text, piece.parsed.failure->offset));
        }
        SLEET_TRY(transform_piece(state, file, lines, piece));
        break;
      }
      SLEET_TRY(transform_piece(state, file, lines, piece));
    }
  }
  SLEET_TRY(finish(state));
  return LoadResult{std::move(state.database), std::move(state.warnings)};
}

}  // namespace sleet::pg
