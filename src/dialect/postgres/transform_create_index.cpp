// CREATE [UNIQUE] INDEX [CONCURRENTLY] -> schema::Index on its table: key columns and expressions with
// ASC/DESC, NULLS FIRST/LAST and operator classes, USING method, WITH storage parameters and a WHERE
// predicate. Text is taken from the source as drizzle shows it: a parenthesised expression keeps its
// parentheses, a function-call expression quotes its bare column references (drizzle renders
// `lower(${t.email})` as `lower("email")`), the predicate stays as written. Unnamed indexes get drizzle's
// `<table>_<cols>_index` name.
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

void collect_column_refs(const ParseNode& node, std::vector<std::size_t>& locations) {
  if (node.kind == ParseNode::Kind::Object) {
    if (node.tag() == "ColumnRef") {
      const auto& fields = node.body().list("fields");
      if (fields.size() == 1 && fields[0].tag() == "String") {
        locations.push_back(static_cast<std::size_t>(node.body().integer("location")));
      }
      return;
    }
    for (const ParseNode& value : node.fields()) collect_column_refs(value, locations);
  } else if (node.kind == ParseNode::Kind::Array) {
    for (const ParseNode& item : node.items()) collect_column_refs(item, locations);
  }
}

/// Token ranges [first, last) of the elements of the parenthesised list opening at `open`.
std::vector<std::pair<std::size_t, std::size_t>> list_elements(const StatementContext& ctx, std::size_t open) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t close = ctx.matching_paren(open);
  std::size_t start = open + 1;
  while (start < close) {
    std::size_t end = ctx.expression_end(start, close);
    out.emplace_back(start, end);
    start = end + 1;
  }
  return out;
}

}  // namespace

void transform_create_index(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* relation = stmt.get("relation");
  if (!relation) ctx.fail(ErrorCode::Parse, "CREATE INDEX without a table");
  schema::Table* table = find_table(ctx.state, *relation);
  if (!table) {
    ctx.fail(ErrorCode::InvalidSchema,
             fmt::format("table \"{}\" does not exist", object_key(relation->str("schemaname"), relation->str("relname"))),
             static_cast<std::size_t>(relation->integer("location")));
  }
  if (!stmt.list("indexIncludingParams").empty()) ctx.warn("INCLUDE columns are not kept in the schema model", ctx.begin());
  if (stmt.flag("nulls_not_distinct")) ctx.warn("NULLS NOT DISTINCT on an index is not kept in the schema model", ctx.begin());
  if (!stmt.str("tableSpace").empty()) ctx.warn("TABLESPACE is not kept in the schema model", ctx.begin());

  schema::Index index;
  index.is_unique = stmt.flag("unique");
  index.concurrently = stmt.flag("concurrent");
  if (!stmt.str("accessMethod").empty()) index.method = stmt.str("accessMethod");

  std::size_t open = ctx.open_paren_after(static_cast<std::size_t>(relation->integer("location")));
  std::vector<std::pair<std::size_t, std::size_t>> elements = list_elements(ctx, open);
  const auto& params = stmt.list("indexParams");
  std::vector<std::string> column_names;
  for (std::size_t param_idx = 0; param_idx < params.size(); ++param_idx) {
    const ParseNode& element = params[param_idx].body();
    schema::IndexColumn column;
    if (!element.str("name").empty()) {
      column.expression = element.str("name");
      column_names.push_back(column.expression);
      bool known = std::any_of(table->columns.begin(), table->columns.end(),
                               [&](const schema::Column& c) { return c.name == column.expression; });
      if (!known) {
        ctx.fail(ErrorCode::InvalidSchema,
                 fmt::format("column \"{}\" of table \"{}\" does not exist", column.expression, table->name));
      }
    } else if (const ParseNode* expr = element.get("expr")) {
      if (param_idx >= elements.size()) ctx.fail(ErrorCode::Parse, "cannot locate the index expression");
      auto [first, last] = elements[param_idx];
      std::size_t end = first;
      if (ctx.tokens()[first].punct == '(') {
        end = ctx.matching_paren(first) + 1;
        column.expression = ctx.rebuild(first, end);
      } else {
        std::size_t call_open = first;
        while (call_open < last && ctx.tokens()[call_open].punct != '(') ++call_open;
        end = call_open < last ? ctx.matching_paren(call_open) + 1 : last;
        std::vector<std::size_t> locations;
        collect_column_refs(*expr, locations);
        std::map<std::size_t, std::string> replacements;
        for (std::size_t location : locations) {
          std::size_t token = ctx.token_at(location);
          std::string_view text = ctx.token_text(token);
          if (!text.empty() && text.front() != '"') replacements[token] = "\"" + std::string(text) + "\"";
        }
        column.expression = ctx.rebuild(first, end, false, replacements);
      }
      column.is_expression = true;
    } else {
      ctx.fail(ErrorCode::Parse, "index element without a column or expression");
    }
    column.asc = element.str("ordering") != "SORTBY_DESC";
    const std::string& nulls = element.str("nulls_ordering");
    column.nulls = nulls == "SORTBY_NULLS_FIRST" ? "first" : nulls == "SORTBY_NULLS_LAST" ? "last" : column.asc ? "last" : "first";
    std::vector<std::string> opclass = string_list(element.list("opclass"));
    if (!opclass.empty()) column.opclass = opclass.back();
    if (!element.list("collation").empty()) ctx.warn("index column collations are not kept in the schema model", ctx.begin());
    index.columns.push_back(std::move(column));
  }

  for (const ParseNode& option : stmt.list("options")) {
    const ParseNode& def = option.body();
    const ParseNode* arg = def.get("arg");
    std::size_t location = static_cast<std::size_t>(def.integer("location"));
    schema::Scalar value = schema::Scalar::boolean(true);
    if (arg && (arg->tag() == "Integer" || arg->tag() == "Float")) {
      value = schema::Scalar::number(ctx.number_near(location).value_or(arg->body().str("fval")));
    } else if (arg && arg->tag() == "String") {
      value = schema::Scalar::string(arg->body().str("sval"));
    } else if (arg && arg->tag() == "Boolean") {
      value = schema::Scalar::boolean(arg->body().flag("boolval"));
    } else if (arg && arg->tag() == "TypeName") {
      std::vector<std::string> names = string_list(arg->body().list("names"));
      value = schema::Scalar::string(names.empty() ? "" : names.back());
    }
    index.with.emplace_back(def.str("defname"), std::move(value));
  }

  if (stmt.get("whereClause")) {
    std::size_t close = ctx.matching_paren(open);
    std::size_t where = close;
    while (where < ctx.end_token() && !ctx.is_keyword(where, "where")) ++where;
    if (where >= ctx.end_token()) ctx.fail(ErrorCode::Parse, "cannot locate the index predicate");
    index.where = make_expr(ctx.rebuild(where + 1, ctx.end_token()));
  }

  index.name = stmt.str("idxname");
  if (index.name.empty()) {
    std::string joined;
    for (const std::string& name : column_names) joined += name + "_";
    index.name = fmt::format("{}_{}index", table->name, joined.empty() ? std::string("expr_") : joined);
  }
  if (!ctx.state.index_names.insert(object_key(table->schema, index.name)).second) {
    if (stmt.flag("if_not_exists")) return;
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("index \"{}\" already exists", index.name));
  }
  table->indexes.push_back(std::move(index));
}

}  // namespace sleet::pg
