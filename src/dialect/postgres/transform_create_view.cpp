// CREATE [MATERIALIZED] VIEW -> schema::View: the body as drizzle shows a raw sql`` view (the user's text,
// keywords in lower case, blanks collapsed), WITH options under drizzle's camelCase keys, WITH NO DATA,
// TABLESPACE and USING for materialized views, and the view's columns inferred the way PostgreSQL types
// them (a column keeps its table column's type, serial becoming integer; casts, count/sum/avg and literals
// are typed; anything else is left out with a warning). Views built with drizzle's query builder quote and qualify
// identifiers; that cannot be told from SQL, so such views do not reproduce (documented deviation).
#include <algorithm>
#include <fmt/format.h>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

std::string camel_case(const std::string& snake) {
  std::string out;
  bool upper = false;
  for (char ch : snake) {
    if (ch == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
    upper = false;
  }
  return out;
}

schema::Scalar option_value(const StatementContext& ctx, const std::string& name, const ParseNode& def) {
  static const char* const kBooleans[] = {"security_barrier", "security_invoker", "autovacuum_enabled", "vacuum_truncate",
                                          "user_catalog_table"};
  bool is_boolean = std::find(std::begin(kBooleans), std::end(kBooleans), name) != std::end(kBooleans);
  const ParseNode* arg = def.get("arg");
  if (!arg) return schema::Scalar::boolean(true);
  std::string text;
  if (arg->tag() == "Integer" || arg->tag() == "Float") {
    return schema::Scalar::number(ctx.number_near(static_cast<std::size_t>(def.integer("location"))).value_or("0"));
  }
  if (arg->tag() == "Boolean") return schema::Scalar::boolean(arg->body().flag("boolval"));
  if (arg->tag() == "String") text = arg->body().str("sval");
  if (arg->tag() == "TypeName") {
    std::vector<std::string> names = string_list(arg->body().list("names"));
    if (!names.empty()) text = names.back();
  }
  if (is_boolean && (text == "true" || text == "on" || text == "1")) return schema::Scalar::boolean(true);
  if (is_boolean && (text == "false" || text == "off" || text == "0")) return schema::Scalar::boolean(false);
  return schema::Scalar::string(text);
}

/// The body of the view: tokens after the AS that follows the view's name, without a trailing
/// WITH [NO] DATA / WITH [CASCADED | LOCAL] CHECK OPTION.
std::string view_body(const StatementContext& ctx, std::size_t name_location) {
  std::size_t index = ctx.token_at(name_location);
  int depth = 0;
  for (; index < ctx.end_token(); ++index) {
    char punct = ctx.tokens()[index].punct;
    if (punct == '(') ++depth;
    if (punct == ')') --depth;
    if (depth == 0 && ctx.is_keyword(index, "as")) break;
  }
  if (index >= ctx.end_token()) ctx.fail(ErrorCode::Parse, "cannot locate the view's query");
  std::size_t first = index + 1;
  std::size_t last = ctx.end_token();
  depth = 0;
  for (std::size_t i = first + 1; i < ctx.end_token(); ++i) {
    char punct = ctx.tokens()[i].punct;
    if (punct == '(') ++depth;
    if (punct == ')') --depth;
    if (depth == 0 && ctx.is_keyword(i, "with") &&
        (ctx.is_keyword(i + 1, "no") || ctx.is_keyword(i + 1, "data") || ctx.is_keyword(i + 1, "cascaded") ||
         ctx.is_keyword(i + 1, "local") || ctx.is_keyword(i + 1, "check"))) {
      last = i;
      break;
    }
  }
  return ctx.rebuild(first, last, true);
}

struct FromTable {
  std::string alias;
  const schema::Table* table;
};

void collect_from(LoadState& state, const ParseNode& node, std::vector<FromTable>& out) {
  if (node.tag() == "RangeVar") {
    const ParseNode& range = node.body();
    const schema::Table* table = find_table(state, range);
    if (!table) return;
    const ParseNode* alias = range.get("alias");
    out.push_back(FromTable{alias ? alias->str("aliasname") : range.str("relname"), table});
  } else if (node.tag() == "JoinExpr") {
    if (const ParseNode* left = node.body().get("larg")) collect_from(state, *left, out);
    if (const ParseNode* right = node.body().get("rarg")) collect_from(state, *right, out);
  }
}

schema::Column view_column(const std::string& name, const schema::Column& source) {
  schema::Column column;
  column.name = name;
  column.type = source.type;
  if (column.type.starts_with("serial")) column.type = "integer" + column.type.substr(6);
  else if (column.type.starts_with("bigserial")) column.type = "bigint" + column.type.substr(9);
  else if (column.type.starts_with("smallserial")) column.type = "smallint" + column.type.substr(11);
  column.type_schema = source.type_schema;
  return column;
}

const schema::Column* resolve_column(const std::vector<FromTable>& from, const std::vector<std::string>& fields) {
  if (fields.empty()) return nullptr;
  const std::string& name = fields.back();
  for (const FromTable& entry : from) {
    if (fields.size() >= 2 && entry.alias != fields[fields.size() - 2]) continue;
    for (const schema::Column& column : entry.table->columns) {
      if (column.name == name) return &column;
    }
  }
  return nullptr;
}

std::optional<std::string> expression_type(const StatementContext& ctx, const std::vector<FromTable>& from,
                                           const ParseNode& expr) {
  std::string_view tag = expr.tag();
  const ParseNode& body = expr.body();
  if (tag == "ColumnRef") {
    const schema::Column* column = resolve_column(from, string_list(body.list("fields")));
    if (column) return view_column(column->name, *column).type;
    return std::nullopt;
  }
  if (tag == "TypeCast") {
    if (const ParseNode* type_name = body.get("typeName")) return column_type(ctx, *type_name).type;
    return std::nullopt;
  }
  if (tag == "A_Const") {
    if (body.get("sval")) return "text";
    if (body.get("boolval")) return "boolean";
    if (body.get("ival")) return "integer";
    if (body.get("fval")) return "numeric";
    return std::nullopt;
  }
  if (tag == "FuncCall") {
    std::vector<std::string> names = string_list(body.list("funcname"));
    std::string name = names.empty() ? "" : names.back();
    const auto& args = body.list("args");
    if (name == "count") return "bigint";
    if (name == "avg") return "numeric";
    if (name == "lower" || name == "upper" || name == "concat" || name == "trim" || name == "btrim") return "text";
    if (name == "now") return "timestamp with time zone";
    if ((name == "sum" || name == "min" || name == "max") && args.size() == 1) {
      std::optional<std::string> arg = expression_type(ctx, from, args[0]);
      if (!arg || name != "sum") return arg;
      if (*arg == "integer" || *arg == "smallint") return "bigint";
      if (*arg == "bigint" || arg->starts_with("numeric")) return "numeric";
      return arg;
    }
  }
  return std::nullopt;
}

/// The output columns of a view's query, in order, typed the way PostgreSQL types them. `aliases` (the
/// view's column list) renames them by position. Columns whose type cannot be inferred are left out with a
/// warning (drizzle's raw views declare them in TypeScript).
std::vector<schema::Column> infer_columns(StatementContext& ctx, const ParseNode& query,
                                          const std::vector<std::string>& aliases) {
  struct Slot {
    std::string name;
    std::optional<schema::Column> column;
  };
  std::vector<Slot> slots;
  if (query.tag() != "SelectStmt") {
    ctx.warn("the columns of a view whose query is not a plain SELECT cannot be inferred", ctx.begin());
    return {};
  }
  const ParseNode& select = query.body();
  std::vector<FromTable> from;
  for (const ParseNode& item : select.list("fromClause")) collect_from(ctx.state, item, from);
  for (const ParseNode& target : select.list("targetList")) {
    const ParseNode& result = target.body();
    const ParseNode* value = result.get("val");
    if (!value) continue;
    if (value->tag() == "ColumnRef") {
      const auto& fields = value->body().list("fields");
      if (!fields.empty() && fields.back().tag() == "A_Star") {
        std::string qualifier = fields.size() >= 2 ? string_list(fields.subspan(fields.size() - 2, 1)).front() : "";
        for (const FromTable& entry : from) {
          if (!qualifier.empty() && entry.alias != qualifier) continue;
          for (const schema::Column& column : entry.table->columns) {
            slots.push_back(Slot{column.name, view_column(column.name, column)});
          }
        }
        continue;
      }
    }
    std::string name = result.str("name");
    if (name.empty() && value->tag() == "ColumnRef") {
      std::vector<std::string> fields = string_list(value->body().list("fields"));
      if (!fields.empty()) name = fields.back();
    }
    if (name.empty() && value->tag() == "FuncCall") {
      std::vector<std::string> names = string_list(value->body().list("funcname"));
      if (!names.empty()) name = names.back();
    }
    if (name.empty()) name = "?column?";
    Slot slot{name, std::nullopt};
    if (std::optional<std::string> type = expression_type(ctx, from, *value)) {
      schema::Column column;
      column.name = name;
      column.type = *type;
      if (value->tag() == "ColumnRef") {
        if (const schema::Column* source = resolve_column(from, string_list(value->body().list("fields")))) {
          column.type_schema = source->type_schema;
        }
      }
      slot.column = std::move(column);
    }
    slots.push_back(std::move(slot));
  }
  std::vector<schema::Column> columns;
  for (std::size_t index = 0; index < slots.size(); ++index) {
    Slot& slot = slots[index];
    if (index < aliases.size()) slot.name = aliases[index];
    if (!slot.column) {
      ctx.warn(fmt::format("cannot infer the type of view column \"{}\"; it is left out of the snapshot", slot.name),
               ctx.begin());
      continue;
    }
    slot.column->name = slot.name;
    columns.push_back(std::move(*slot.column));
  }
  return columns;
}

void add_view(StatementContext& ctx, schema::View view, bool replace) {
  for (schema::View& existing : ctx.state.database.views) {
    if (existing.name == view.name && existing.schema == view.schema) {
      if (replace) {
        existing = std::move(view);
        return;
      }
      ctx.fail(ErrorCode::InvalidSchema, fmt::format("view \"{}\" already exists", object_key(*view.schema, view.name)));
    }
  }
  ctx.state.database.views.push_back(std::move(view));
}

}  // namespace

void transform_create_view(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* relation = stmt.get("view");
  const ParseNode* query = stmt.get("query");
  if (!relation || !query) ctx.fail(ErrorCode::Parse, "CREATE VIEW without a name or query");
  if (relation->str("relpersistence") == "t") ctx.fail(ErrorCode::Unsupported, "temporary views are not part of a schema");
  schema::View view;
  view.name = relation->str("relname");
  view.schema = relation->str("schemaname").empty() ? "public" : relation->str("schemaname");
  view.definition = make_query_expr(view_body(ctx, static_cast<std::size_t>(relation->integer("location"))));
  view.columns = infer_columns(ctx, *query, string_list(stmt.list("aliases")));
  view.materialized = false;
  schema::Options options;
  for (const ParseNode& option : stmt.list("options")) {
    const ParseNode& def = option.body();
    options.emplace_back(camel_case(def.str("defname")), option_value(ctx, def.str("defname"), def));
  }
  const std::string& check = stmt.str("withCheckOption");
  bool has_check = std::any_of(options.begin(), options.end(), [](const auto& entry) { return entry.first == "checkOption"; });
  if (!has_check && check == "LOCAL_CHECK_OPTION") options.emplace_back("checkOption", schema::Scalar::string("local"));
  if (!has_check && check == "CASCADED_CHECK_OPTION") options.emplace_back("checkOption", schema::Scalar::string("cascaded"));
  if (!options.empty()) view.with = std::move(options);
  add_view(ctx, std::move(view), stmt.flag("replace"));
}

void transform_create_materialized_view(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* into = stmt.get("into");
  const ParseNode* query = stmt.get("query");
  const ParseNode* relation = into ? into->get("rel") : nullptr;
  if (!relation || !query) ctx.fail(ErrorCode::Parse, "CREATE MATERIALIZED VIEW without a name or query");
  schema::View view;
  view.name = relation->str("relname");
  view.schema = relation->str("schemaname").empty() ? "public" : relation->str("schemaname");
  view.definition = make_query_expr(view_body(ctx, static_cast<std::size_t>(relation->integer("location"))));
  view.columns = infer_columns(ctx, *query, string_list(into->list("colNames")));
  view.materialized = true;
  if (into->flag("skipData")) view.with_no_data = true;
  if (!into->str("tableSpaceName").empty()) view.tablespace = into->str("tableSpaceName");
  if (!into->str("accessMethod").empty()) view.using_ = into->str("accessMethod");
  schema::Options options;
  for (const ParseNode& option : into->list("options")) {
    const ParseNode& def = option.body();
    options.emplace_back(camel_case(def.str("defname")), option_value(ctx, def.str("defname"), def));
  }
  if (!options.empty()) view.with = std::move(options);
  add_view(ctx, std::move(view), false);
}

}  // namespace sleet::pg
