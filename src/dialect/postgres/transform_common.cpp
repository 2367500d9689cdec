// Helpers shared by the transform_*.cpp files: the statement context (token ranges of the source text),
// drizzle's spelling of column types and defaults, drizzle-style expression text, and sequence options.
// Text is always rebuilt from the user's tokens (never from deparse), because drizzle's snapshot shows what
// the schema author wrote; canonical forms come from canonical_expr.cpp.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

#include "dialect/postgres/canonical_expr.hpp"
#include "dialect/postgres/transform.hpp"

#include "core/js_number.hpp"

namespace sleet::pg {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}


}  // namespace

// --- StatementContext ------------------------------------------------------------------------------------

LineIndex::LineIndex(const SourceFile& file) : file_(file) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < file.text.size(); ++i) {
    if (file.text[i] == '\n') starts_.push_back(i + 1);
  }
}

SourceSpan LineIndex::span(std::size_t offset) const {
  offset = std::min(offset, file_.text.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin());  // 1-based: starts_[line - 1] <= offset
  std::size_t line_start = starts_[line - 1];
  std::size_t line_end = line < starts_.size() ? starts_[line] - 1 : file_.text.size();
  SourceSpan out;
  out.file = file_.path;
  out.line = static_cast<int>(line);
  out.column = static_cast<int>(offset - line_start) + 1;
  out.source_line = file_.text.substr(line_start, line_end - line_start);
  if (!out.source_line.empty() && out.source_line.back() == '\r') out.source_line.pop_back();
  return out;
}

StatementContext::StatementContext(LoadState& load_state, const SourceFile& source, const LineIndex& lines,
                                   const std::vector<Token>& tokens, std::size_t begin, std::size_t end,
                                   std::size_t base)
    : state(load_state), file(source), lines_(lines), tokens_(tokens), begin_(begin), end_(end), base_(base) {
  first_token_ = static_cast<std::size_t>(
      std::lower_bound(tokens_.begin(), tokens_.end(), begin_, [](const Token& t, std::size_t v) { return t.start < v; }) -
      tokens_.begin());
  last_token_ = static_cast<std::size_t>(
      std::lower_bound(tokens_.begin(), tokens_.end(), end_, [](const Token& t, std::size_t v) { return t.start < v; }) -
      tokens_.begin());
  if (first_token_ < last_token_) begin_ = tokens_[first_token_].start;
}

void StatementContext::fail(ErrorCode code, const std::string& message, std::size_t offset) const {
  throw TransformError(code, message, base_ + offset);
}

void StatementContext::warn(const std::string& message, std::size_t offset) const {
  if (state.strict) {
    constexpr std::string_view kIgnored = "; statement ignored";
    std::string error = message;
    if (error.ends_with(kIgnored)) error.resize(error.size() - kIgnored.size());
    fail(ErrorCode::Unsupported, error, offset);
  }
  state.warnings.push_back(LoadWarning{span_at(offset), message});
}

std::size_t StatementContext::token_at(std::size_t offset) const {
  auto it = std::lower_bound(tokens_.begin() + static_cast<std::ptrdiff_t>(first_token_),
                             tokens_.begin() + static_cast<std::ptrdiff_t>(last_token_), offset,
                             [](const Token& t, std::size_t v) { return t.start < v; });
  return static_cast<std::size_t>(it - tokens_.begin());
}

std::string_view StatementContext::token_text(std::size_t index) const {
  if (index >= last_token_) return {};
  const Token& token = tokens_[index];
  return std::string_view(file.text).substr(base_ + token.start, token.end - token.start);
}

bool StatementContext::is_keyword(std::size_t index, std::string_view word) const {
  if (index >= last_token_) return false;
  std::string_view text = token_text(index);
  if (text.size() != word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(word[i]))) return false;
  }
  return tokens_[index].kind == Token::Kind::Keyword || tokens_[index].kind == Token::Kind::Identifier;
}

std::size_t StatementContext::matching_paren(std::size_t open) const {
  int depth = 0;
  for (std::size_t i = open; i < last_token_; ++i) {
    if (tokens_[i].punct == '(') ++depth;
    if (tokens_[i].punct == ')' && --depth == 0) return i;
  }
  return last_token_;
}

std::size_t StatementContext::open_paren_after(std::size_t offset) const {
  for (std::size_t i = token_at(offset); i < last_token_; ++i) {
    if (tokens_[i].punct == '(') return i;
  }
  fail(ErrorCode::Parse, "expected '('", offset);
}

std::string StatementContext::rebuild(std::size_t first, std::size_t last, bool lower_keywords,
                                      const std::map<std::size_t, std::string>& replacements) const {
  std::string out;
  last = std::min(last, last_token_);
  for (std::size_t i = first; i < last; ++i) {
    if (i > first && tokens_[i].start > tokens_[i - 1].end) out += ' ';
    if (auto it = replacements.find(i); it != replacements.end()) {
      out += it->second;
    } else if (lower_keywords && tokens_[i].kind == Token::Kind::Keyword) {
      out += lower(token_text(i));
    } else {
      out += token_text(i);
    }
  }
  return out;
}

std::optional<std::string> StatementContext::number_near(std::size_t offset) const {
  std::size_t start = token_at(offset);
  for (std::size_t i = start; i < last_token_ && i < start + 6; ++i) {
    const Token& token = tokens_[i];
    if (token.punct == ',' || token.punct == ')' || token.punct == ';') break;
    if (token.kind != Token::Kind::Number) continue;
    std::string text(token_text(i));
    if (i > start && token_text(i - 1) == "-") text = "-" + text;
    return text;
  }
  return std::nullopt;
}

std::size_t StatementContext::expression_end(std::size_t first, std::size_t stop) const {
  int depth = 0;
  std::size_t i = first;
  for (; i < last_token_ && i < stop; ++i) {
    char punct = tokens_[i].punct;
    if (punct == '(' || punct == '[') ++depth;
    if (punct == ')' || punct == ']') {
      if (depth == 0) break;
      --depth;
    }
    if (depth == 0 && (punct == ',' || punct == ';')) break;
  }
  return i;
}

// --- names -----------------------------------------------------------------------------------------------

std::string object_key(const std::string& schema, const std::string& name) {
  return (schema.empty() ? std::string("public") : schema) + "." + name;
}

schema::Table* find_table(LoadState& state, const ParseNode& range_var) {
  std::string schema_name = range_var.str("schemaname");
  if (schema_name == "public") schema_name.clear();
  auto it = state.table_positions.find(object_key(schema_name, range_var.str("relname")));
  return it == state.table_positions.end() ? nullptr : &state.database.tables[it->second];
}

std::vector<std::string> string_list(std::span<const ParseNode> nodes) {
  std::vector<std::string> out;
  for (const ParseNode& node : nodes) {
    const ParseNode& body = node.body();
    if (node.tag() == "String") out.push_back(body.str("sval"));
  }
  return out;
}

// --- column types ----------------------------------------------------------------------------------------

namespace {

/// Explicit type modifiers (implicit ones, like char's default length 1, have location -1).
std::vector<std::string> explicit_typmods(const StatementContext& ctx, const ParseNode& type_name) {
  std::vector<std::string> out;
  for (const ParseNode& mod : type_name.list("typmods")) {
    const ParseNode& body = mod.body();
    long long location = body.integer("location", -1);
    if (location < 0) continue;
    if (mod.tag() != "A_Const") {  // e.g. geometry(point, 4326): a name, kept as written
      out.emplace_back(ctx.token_text(ctx.token_at(static_cast<std::size_t>(location))));
      continue;
    }
    std::optional<std::string> number = ctx.number_near(static_cast<std::size_t>(location));
    out.push_back(number ? *number : std::string(ctx.token_text(ctx.token_at(static_cast<std::size_t>(location)))));
  }
  return out;
}

std::string interval_fields(long long mask) {
  constexpr long long kMonth = 1 << 1, kYear = 1 << 2, kDay = 1 << 3, kHour = 1 << 10, kMinute = 1 << 11,
                      kSecond = 1 << 12;
  struct Entry {
    long long mask;
    const char* text;
  };
  static const Entry kEntries[] = {
      {kYear, "year"},
      {kMonth, "month"},
      {kDay, "day"},
      {kHour, "hour"},
      {kMinute, "minute"},
      {kSecond, "second"},
      {kYear | kMonth, "year to month"},
      {kDay | kHour, "day to hour"},
      {kDay | kHour | kMinute, "day to minute"},
      {kDay | kHour | kMinute | kSecond, "day to second"},
      {kHour | kMinute, "hour to minute"},
      {kHour | kMinute | kSecond, "hour to second"},
      {kMinute | kSecond, "minute to second"},
  };
  for (const Entry& entry : kEntries) {
    if (entry.mask == mask) return entry.text;
  }
  return "";
}

}  // namespace

ColumnTypeInfo column_type(const StatementContext& ctx, const ParseNode& type_name) {
  ColumnTypeInfo info;
  std::vector<std::string> names = string_list(type_name.list("names"));
  if (names.empty()) ctx.fail(ErrorCode::Parse, "column type without a name");
  if (type_name.flag("setof") || type_name.flag("pct_type")) ctx.fail(ErrorCode::Unsupported, "unsupported column type");
  bool catalog = names.size() == 2 && names[0] == "pg_catalog";
  std::string name = names.back();
  std::vector<std::string> mods = explicit_typmods(ctx, type_name);
  auto with_mods = [&](const std::string& base, const char* separator) {
    if (mods.empty()) return base;
    std::string joined;
    for (std::size_t i = 0; i < mods.size(); ++i) joined += (i ? separator : "") + mods[i];
    return base + "(" + joined + ")";
  };

  static const std::map<std::string, std::string> kAliases = {
      {"int4", "integer"}, {"int", "integer"}, {"int8", "bigint"}, {"int2", "smallint"}, {"float4", "real"},
      {"float8", "double precision"}, {"bool", "boolean"}, {"serial4", "serial"}, {"serial8", "bigserial"},
      {"serial2", "smallserial"}, {"decimal", "numeric"}, {"timestamptz", "timestamptz"}, {"timetz", "timetz"}};
  if (names.size() == 1 || catalog) {
    if (auto it = kAliases.find(name); it != kAliases.end()) name = it->second;
  }
  const bool builtin_modded = catalog || names.size() == 1;
  std::string type;
  if (builtin_modded && name == "varchar") {
    type = with_mods("varchar", ", ");
  } else if (builtin_modded && name == "bpchar") {
    type = with_mods("char", ", ");
  } else if (builtin_modded && name == "numeric") {
    type = with_mods("numeric", ", ");
  } else if (builtin_modded && (name == "timestamp" || name == "timestamptz")) {
    type = "timestamp" + (mods.empty() ? std::string() : " (" + mods[0] + ")") +
           (name == "timestamptz" ? " with time zone" : "");
  } else if (builtin_modded && (name == "time" || name == "timetz")) {
    type = "time" + (mods.empty() ? std::string() : "(" + mods[0] + ")") + (name == "timetz" ? " with time zone" : "");
  } else if (builtin_modded && name == "interval") {
    std::string fields;
    std::string precision;
    const auto& typmods = type_name.list("typmods");
    if (!typmods.empty()) {
      const ParseNode& first = typmods[0].body();
      long long mask = first.get("ival") ? first.get("ival")->integer("ival") : 0;
      if (first.integer("location", -1) >= 0) fields = interval_fields(mask);
      if (typmods.size() > 1) {
        long long location = typmods[1].body().integer("location", -1);
        if (location >= 0) {
          if (auto number = ctx.number_near(static_cast<std::size_t>(location))) precision = *number;
        }
      }
    }
    type = "interval" + (fields.empty() ? std::string() : " " + fields) + (precision.empty() ? std::string() : "(" + precision + ")");
  } else if (catalog && name == "bit") {
    type = with_mods("bit", ", ");
  } else if (catalog && name == "varbit") {
    type = with_mods("bit varying", ", ");
  } else if (catalog) {
    type = with_mods(name, ", ");
  } else {
    static const char* const kBuiltins[] = {"text",   "uuid",    "json",  "jsonb",    "date",    "serial",   "bigserial",
                                            "smallserial", "inet", "cidr", "macaddr", "macaddr8", "bytea", "tsvector",
                                            "tsquery", "money", "xml", "point", "line", "integer", "bigint", "smallint",
                                            "real", "double precision", "boolean", "varchar", "char", "citext"};
    bool builtin = names.size() == 1 && std::find(std::begin(kBuiltins), std::end(kBuiltins), name) != std::end(kBuiltins);
    type = with_mods(name, ", ");
    if (!builtin && mods.empty()) info.maybe_enum_schema = names.size() >= 2 ? names[names.size() - 2] : std::string();
  }
  info.base_name = type;
  info.is_serial = names.size() == 1 && (name == "serial" || name == "bigserial" || name == "smallserial");
  info.dimensions = static_cast<int>(type_name.list("arrayBounds").size());
  info.type = type;
  for (int i = 0; i < info.dimensions; ++i) info.type += "[]";
  return info;
}

// --- defaults --------------------------------------------------------------------------------------------

namespace {

/// A number as JavaScript's Number.prototype.toString prints it (drizzle's defaults are JS numbers): shortest
/// round-trip digits, exponent form below 1e-6 and from 1e21. `00` -> `0`, `2.50` -> `2.5`, `1e3` -> `1000`.

std::string sql_string_literal(const std::string& value) {
  std::string out = "'";
  for (char ch : value) {
    out += ch;
    if (ch == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace

std::optional<schema::Scalar> default_value(const StatementContext& ctx, const ParseNode& expr, std::size_t first_token,
                                            std::size_t end_token) {
  if (expr.tag() == "A_Const") {
    const ParseNode& constant = expr.body();
    if (constant.flag("isnull")) return std::nullopt;
    if (const ParseNode* boolean = constant.get("boolval")) return schema::Scalar::boolean(boolean->flag("boolval"));
    if (const ParseNode* text = constant.get("sval")) return schema::Scalar::string(sql_string_literal(text->str("sval")));
    if (constant.get("ival") || constant.get("fval")) {
      std::optional<std::string> number = ctx.number_near(static_cast<std::size_t>(constant.integer("location")));
      if (number) return schema::Scalar::number(js_number(*number).value_or(*number));
    }
  }
  std::string text = ctx.rebuild(first_token, end_token);
  if (text.empty()) ctx.fail(ErrorCode::Parse, "empty default expression");
  return schema::Scalar::string(std::move(text));
}

// --- drizzle-style expression text -----------------------------------------------------------------------

namespace {

bool is_qualifying_operator(const std::string& op) {
  static const char* const kOps[] = {"=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"};
  return std::find(std::begin(kOps), std::end(kOps), op) != std::end(kOps);
}

void collect_operands(const ParseNode& node, std::vector<std::size_t>& locations) {
  std::string_view tag = node.tag();
  const ParseNode& body = node.body();
  auto operand = [&](const ParseNode* side) {
    if (!side) return;
    if (side->tag() == "ColumnRef") {
      const auto& fields = side->body().list("fields");
      if (fields.size() == 1 && fields[0].tag() == "String") {
        locations.push_back(static_cast<std::size_t>(side->body().integer("location")));
      }
    } else {
      collect_operands(*side, locations);
    }
  };
  if (tag == "A_Expr") {
    const std::string& kind = body.str("kind");
    std::vector<std::string> ops = string_list(body.list("name"));
    if (kind == "AEXPR_OP" && ops.size() == 1 && is_qualifying_operator(ops[0])) {
      operand(body.get("lexpr"));
      operand(body.get("rexpr"));
    } else if (kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN") {
      operand(body.get("lexpr"));
    }
  } else if (tag == "BoolExpr") {
    for (const ParseNode& arg : body.list("args")) collect_operands(arg, locations);
  }
}

}  // namespace

std::string qualified_expression_text(const StatementContext& ctx, const ParseNode& expr, std::size_t first,
                                      std::size_t last, const schema::Table& table, bool lower_keywords) {
  std::vector<std::size_t> locations;
  collect_operands(expr, locations);
  std::map<std::size_t, std::string> replacements;
  std::string prefix = (table.schema.empty() ? "" : "\"" + table.schema + "\".") + "\"" + table.name + "\".";
  for (std::size_t location : locations) {
    std::size_t index = ctx.token_at(location);
    if (index >= last || index < first) continue;
    std::string_view text = ctx.token_text(index);
    std::string column = text.size() >= 2 && text.front() == '"' ? std::string(text.substr(1, text.size() - 2)) : lower(text);
    replacements[index] = prefix + "\"" + column + "\"";
  }
  return ctx.rebuild(first, last, lower_keywords, replacements);
}

// --- sequences -------------------------------------------------------------------------------------------

schema::SequenceOptions sequence_options(const StatementContext& ctx, std::span<const ParseNode> options,
                                         std::optional<std::string>* sequence_name) {
  schema::SequenceOptions out;
  for (const ParseNode& option : options) {
    const ParseNode& def = option.body();
    const std::string& name = def.str("defname");
    std::size_t location = static_cast<std::size_t>(def.integer("location"));
    const ParseNode* arg = def.get("arg");
    auto number = [&]() -> std::optional<std::string> {
      if (!arg) return std::nullopt;
      std::optional<std::string> text = ctx.number_near(location);
      if (!text) ctx.fail(ErrorCode::Parse, fmt::format("sequence option {} needs a number", name), location);
      return text;
    };
    if (name == "increment") out.increment = number();
    else if (name == "start") out.start_with = number();
    else if (name == "minvalue") out.min_value = number();
    else if (name == "maxvalue") out.max_value = number();
    else if (name == "cache") out.cache = number();
    else if (name == "cycle") out.cycle = arg && arg->body().flag("boolval");
    else if (name == "sequence_name" && sequence_name && arg) {
      std::vector<std::string> parts = string_list(arg->tag() == "List" ? arg->body().list("items") : arg->items());
      if (!parts.empty()) *sequence_name = parts.back();
    } else if (name == "owned_by" || name == "as" || name == "restart") {
      ctx.warn(fmt::format("sequence option {} is not kept in the schema model", name), location);
    } else {
      ctx.fail(ErrorCode::Unsupported, fmt::format("unsupported sequence option {}", name), location);
    }
  }
  return out;
}

}  // namespace sleet::pg
