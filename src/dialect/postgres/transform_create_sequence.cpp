// CREATE SEQUENCE -> schema::Sequence with every option drizzle keeps (INCREMENT, MINVALUE, MAXVALUE,
// START, CACHE, CYCLE), unset ones filled with drizzle's defaults (drizzle-kit pgSerializer: min 1 / max
// 2^63-1, or for a negative increment min -2^63 / max -1; start = min, or max when decreasing; cache 1).
// ALTER SEQUENCE changes the options of a declared sequence.
#include <fmt/format.h>

#include "dialect/postgres/transform.hpp"

namespace sleet::pg {

namespace {

void merge(schema::SequenceOptions& into, const schema::SequenceOptions& from) {
  if (from.increment) into.increment = from.increment;
  if (from.start_with) into.start_with = from.start_with;
  if (from.min_value) into.min_value = from.min_value;
  if (from.max_value) into.max_value = from.max_value;
  if (from.cache) into.cache = from.cache;
  if (from.cycle) into.cycle = from.cycle;
}

schema::SequenceOptions with_defaults(schema::SequenceOptions options) {
  std::string increment = options.increment.value_or("1");
  bool negative = !increment.empty() && increment[0] == '-';
  options.increment = increment;
  if (!options.min_value) options.min_value = negative ? "-9223372036854775808" : "1";
  if (!options.max_value) options.max_value = negative ? "-1" : "9223372036854775807";
  if (!options.start_with) options.start_with = negative ? *options.max_value : *options.min_value;
  if (!options.cache) options.cache = "1";
  if (!options.cycle) options.cycle = false;
  return options;
}

schema::Sequence* find_sequence(LoadState& state, const std::string& schema_name, const std::string& name) {
  for (schema::Sequence& sequence : state.database.sequences) {
    if (sequence.name == name && sequence.schema == schema_name) return &sequence;
  }
  return nullptr;
}

}  // namespace

void transform_create_sequence(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* relation = stmt.get("sequence");
  if (!relation) ctx.fail(ErrorCode::Parse, "CREATE SEQUENCE without a name");
  if (relation->str("relpersistence") == "t") ctx.fail(ErrorCode::Unsupported, "temporary sequences are not part of a schema");
  schema::Sequence sequence;
  sequence.name = relation->str("relname");
  sequence.schema = relation->str("schemaname").empty() ? "public" : relation->str("schemaname");
  if (find_sequence(ctx.state, sequence.schema, sequence.name)) {
    if (stmt.flag("if_not_exists")) return;
    ctx.fail(ErrorCode::InvalidSchema, fmt::format("sequence \"{}\" already exists", object_key(sequence.schema, sequence.name)));
  }
  sequence.options = with_defaults(sequence_options(ctx, stmt.list("options")));
  ctx.state.database.sequences.push_back(std::move(sequence));
}

void transform_alter_sequence(StatementContext& ctx, const ParseNode& stmt) {
  const ParseNode* relation = stmt.get("sequence");
  if (!relation) ctx.fail(ErrorCode::Parse, "ALTER SEQUENCE without a name");
  std::string schema_name = relation->str("schemaname").empty() ? "public" : relation->str("schemaname");
  schema::Sequence* sequence = find_sequence(ctx.state, schema_name, relation->str("relname"));
  if (!sequence) {
    if (stmt.flag("missing_ok")) return;
    ctx.warn(fmt::format("ALTER SEQUENCE of \"{}\", which is not declared in the schema; statement ignored",
                         object_key(schema_name, relation->str("relname"))),
             ctx.begin());
    return;
  }
  schema::SequenceOptions explicit_options = sequence_options(ctx, stmt.list("options"));
  merge(sequence->options, explicit_options);
}

}  // namespace sleet::pg
