// PostgreSQL text for the top-level changes: schemas, enums (including the drop-and-recreate used to remove
// values), sequences, roles, tables as wholes, views and standalone policies, in drizzle-kit 0.31's templates.
// Table-internal changes are rendered by render_table.cpp.
#include <algorithm>
#include <array>
#include <string_view>

#include "dialect/postgres/render.hpp"
#include "dialect/postgres/render_internal.hpp"

namespace sleet::pg {
namespace {

using detail::qualified;

std::string sequence_options(const schema::SequenceOptions& o) {
  auto present = [](const std::optional<std::string>& v) { return v && !v->empty(); };
  std::string out;
  if (present(o.increment)) out += " INCREMENT BY " + *o.increment;
  if (present(o.min_value)) out += " MINVALUE " + *o.min_value;
  if (present(o.max_value)) out += " MAXVALUE " + *o.max_value;
  if (present(o.start_with)) out += " START WITH " + *o.start_with;
  if (present(o.cache)) out += " CACHE " + *o.cache;
  if (o.cycle.value_or(false)) out += " CYCLE";
  return out;
}

std::string snake_case(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') {
      out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

/// drizzle validates view options with zod, which re-orders the keys into its schema's order.
constexpr std::array<std::string_view, 21> kViewOptionOrder = {
    "checkOption", "securityBarrier", "securityInvoker", "fillfactor", "toastTupleTarget", "parallelWorkers",
    "autovacuumEnabled", "vacuumIndexCleanup", "vacuumTruncate", "autovacuumVacuumThreshold",
    "autovacuumVacuumScaleFactor", "autovacuumVacuumCostDelay", "autovacuumVacuumCostLimit",
    "autovacuumFreezeMinAge", "autovacuumFreezeMaxAge", "autovacuumFreezeTableAge",
    "autovacuumMultixactFreezeMinAge", "autovacuumMultixactFreezeMaxAge", "autovacuumMultixactFreezeTableAge",
    "logAutovacuumMinDuration", "userCatalogTable"};

std::size_t option_rank(const std::string& key) {
  auto it = std::find(kViewOptionOrder.begin(), kViewOptionOrder.end(), key);
  return static_cast<std::size_t>(it - kViewOptionOrder.begin());
}

std::string option_list(schema::Options options, bool with_values) {
  std::stable_sort(options.begin(), options.end(),
                   [](const auto& a, const auto& b) { return option_rank(a.first) < option_rank(b.first); });
  std::string out;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i > 0) out += ", ";
    out += snake_case(options[i].first);
    if (with_values) out += " = " + options[i].second.text;
  }
  return out;
}

std::string view_kind(bool materialized) { return materialized ? "ALTER MATERIALIZED VIEW " : "ALTER VIEW "; }

std::string create_view_sql(const schema::View& v) {
  bool materialized = v.materialized.value_or(false);
  std::string out = std::string(materialized ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") +
                    qualified(v.schema.value_or(""), v.name);
  if (v.using_ && !v.using_->empty()) out += " USING " + quote_ident(*v.using_);
  if (v.with) out += " WITH (" + option_list(*v.with, true) + ")";
  if (v.tablespace && !v.tablespace->empty()) out += " TABLESPACE " + *v.tablespace;
  out += " AS (" + (v.definition ? v.definition->text : std::string("undefined")) + ")";
  if (v.with_no_data.value_or(false)) out += " WITH NO DATA";
  out += ";";
  return out;
}

std::vector<std::string> recreate_enum_sql(const diff::RecreateEnum& r) {
  std::vector<std::string> out;
  for (const auto& use : r.columns) {
    std::string prefix = "ALTER TABLE " + detail::table_name(use.table) + " ALTER COLUMN " + quote_ident(use.column);
    out.push_back(prefix + " SET DATA TYPE text;");
    if (detail::truthy(use.column_default)) {
      out.push_back(prefix + " SET DEFAULT " + detail::scalar_text(*use.column_default) + "::text;");
    }
  }
  out.push_back("DROP TYPE " + qualified(r.schema, r.name) + ";");
  std::string values;
  for (std::size_t i = 0; i < r.values.size(); ++i) values += (i > 0 ? ", " : "") + quote_literal(r.values[i]);
  out.push_back("CREATE TYPE " + qualified(r.schema, r.name) + " AS ENUM(" + values + ");");
  for (const auto& use : r.columns) {
    std::string prefix = "ALTER TABLE " + detail::table_name(use.table) + " ALTER COLUMN " + quote_ident(use.column);
    std::string type = detail::column_type(quote_ident(r.schema) + ".", use.column_type);
    if (detail::truthy(use.column_default)) {
      out.push_back(prefix + " SET DEFAULT " + detail::scalar_text(*use.column_default) + "::" + type + ";");
    }
    out.push_back(prefix + " SET DATA TYPE " + type + " USING " + quote_ident(use.column) + "::" + type + ";");
  }
  return out;
}

struct TopVisitor {
  std::vector<std::string> operator()(const diff::CreateSchema& c) const { return {"CREATE SCHEMA " + quote_ident(c.name) + ";\n"}; }
  std::vector<std::string> operator()(const diff::RenameSchema& c) const {
    return {"ALTER SCHEMA " + quote_ident(c.from) + " RENAME TO " + quote_ident(c.to) + ";\n"};
  }
  std::vector<std::string> operator()(const diff::DropSchema& c) const { return {"DROP SCHEMA " + quote_ident(c.name) + ";\n"}; }
  std::vector<std::string> operator()(const diff::CreateEnum& c) const {
    std::string values;
    for (std::size_t i = 0; i < c.enum_type.values.size(); ++i) {
      values += (i > 0 ? ", " : "") + quote_literal(c.enum_type.values[i]);
    }
    return {"CREATE TYPE " + qualified(c.enum_type.schema, c.enum_type.name) + " AS ENUM(" + values + ");"};
  }
  std::vector<std::string> operator()(const diff::DropEnum& c) const { return {"DROP TYPE " + qualified(c.schema, c.name) + ";"}; }
  std::vector<std::string> operator()(const diff::MoveEnum& c) const {
    return {"ALTER TYPE " + qualified(c.from_schema, c.name) + " SET SCHEMA " + quote_ident(c.to_schema) + ";"};
  }
  std::vector<std::string> operator()(const diff::RenameEnum& c) const {
    return {"ALTER TYPE " + qualified(c.schema, c.from) + " RENAME TO " + quote_ident(c.to) + ";"};
  }
  std::vector<std::string> operator()(const diff::AddEnumValue& c) const {
    return {"ALTER TYPE " + qualified(c.schema, c.name) + " ADD VALUE " + quote_literal(c.value) +
            (c.before.empty() ? "" : " BEFORE " + quote_literal(c.before)) + ";"};
  }
  std::vector<std::string> operator()(const diff::RecreateEnum& c) const { return recreate_enum_sql(c); }
  std::vector<std::string> operator()(const diff::CreateSequence& c) const {
    return {"CREATE SEQUENCE " + qualified(c.sequence.schema, c.sequence.name) + sequence_options(c.sequence.options) + ";"};
  }
  std::vector<std::string> operator()(const diff::DropSequence& c) const {
    return {"DROP SEQUENCE " + qualified(c.schema, c.name) + ";"};
  }
  std::vector<std::string> operator()(const diff::MoveSequence& c) const {
    return {"ALTER SEQUENCE " + qualified(c.from_schema, c.name) + " SET SCHEMA " +
            (c.to_schema.empty() ? std::string("public") : quote_ident(c.to_schema)) + ";"};
  }
  std::vector<std::string> operator()(const diff::RenameSequence& c) const {
    return {"ALTER SEQUENCE " + qualified(c.schema, c.from) + " RENAME TO " + quote_ident(c.to) + ";"};
  }
  std::vector<std::string> operator()(const diff::AlterSequence& c) const {
    return {"ALTER SEQUENCE " + qualified(c.sequence.schema, c.sequence.name) + sequence_options(c.sequence.options) + ";"};
  }
  std::vector<std::string> operator()(const diff::CreateRole& c) const {
    const schema::Role& r = c.role;
    bool create_db = r.create_db.value_or(false);
    bool create_role = r.create_role.value_or(false);
    bool inherit = r.inherit.value_or(false);
    std::string with;
    if (create_db || create_role || !inherit) {
      with = std::string(" WITH") + (create_db ? " CREATEDB" : "") + (create_role ? " CREATEROLE" : "") +
             (inherit ? "" : " NOINHERIT");
    }
    return {"CREATE ROLE " + quote_ident(r.name) + with + ";"};
  }
  std::vector<std::string> operator()(const diff::DropRole& c) const { return {"DROP ROLE " + quote_ident(c.name) + ";"}; }
  std::vector<std::string> operator()(const diff::RenameRole& c) const {
    return {"ALTER ROLE " + quote_ident(c.from) + " RENAME TO " + quote_ident(c.to) + ";"};
  }
  std::vector<std::string> operator()(const diff::AlterRole& c) const {
    const schema::Role& r = c.role;
    return {"ALTER ROLE " + quote_ident(r.name) + " WITH" + (r.create_db.value_or(false) ? " CREATEDB" : " NOCREATEDB") +
            (r.create_role.value_or(false) ? " CREATEROLE" : " NOCREATEROLE") +
            (r.inherit.value_or(false) ? " INHERIT" : " NOINHERIT") + ";"};
  }
  std::vector<std::string> operator()(const diff::AddTable& c) const {
    std::vector<std::string> out{detail::create_table_sql(c.table)};
    if (!c.table.policies.empty() || c.table.is_rls_enabled) {
      out.push_back("ALTER TABLE " + qualified(c.table.schema, c.table.name) + " ENABLE ROW LEVEL SECURITY;");
    }
    return out;
  }
  std::vector<std::string> operator()(const diff::DropTable& c) const {
    std::vector<std::string> out;
    const std::string t = qualified(c.table.schema, c.table.name);
    for (const auto& p : c.table.policies) out.push_back("DROP POLICY " + quote_ident(p.name) + " ON " + t + " CASCADE;");
    out.push_back("DROP TABLE " + t + " CASCADE;");
    return out;
  }
  std::vector<std::string> operator()(const diff::RenameTable& c) const {
    return {"ALTER TABLE " + qualified(c.schema, c.from) + " RENAME TO " + quote_ident(c.to) + ";"};
  }
  std::vector<std::string> operator()(const diff::MoveTable& c) const {
    return {"ALTER TABLE " + quote_ident(c.from_schema) + "." + quote_ident(c.name) + " SET SCHEMA " +
            quote_ident(c.to_schema) + ";\n"};
  }
  std::vector<std::string> operator()(const diff::AlterTable& c) const { return render_table_change(c.table, c.change); }
  std::vector<std::string> operator()(const diff::CreateView& c) const { return {create_view_sql(c.view)}; }
  std::vector<std::string> operator()(const diff::DropView& c) const {
    return {std::string(c.materialized ? "DROP MATERIALIZED VIEW " : "DROP VIEW ") + qualified(c.schema, c.name) + ";"};
  }
  std::vector<std::string> operator()(const diff::RenameView& c) const {
    return {view_kind(c.materialized) + quote_ident(c.schema.empty() ? "undefined" : c.schema) + "." +
            quote_ident(c.from) + " RENAME TO " + quote_ident(c.to) + ";"};
  }
  std::vector<std::string> operator()(const diff::MoveView& c) const {
    return {view_kind(c.materialized) + quote_ident(c.from_schema) + "." + quote_ident(c.name) + " SET SCHEMA " +
            quote_ident(c.to_schema) + ";"};
  }
  std::vector<std::string> operator()(const diff::SetViewOptions& c) const {
    return {view_kind(c.materialized) + quote_ident(c.schema) + "." + quote_ident(c.name) + " SET (" +
            option_list(c.options, true) + ");"};
  }
  std::vector<std::string> operator()(const diff::ResetViewOptions& c) const {
    schema::Options keys;
    for (const auto& k : c.keys) keys.emplace_back(k, schema::Scalar{});
    return {view_kind(c.materialized) + quote_ident(c.schema) + "." + quote_ident(c.name) + " RESET (" +
            option_list(keys, false) + ");"};
  }
  std::vector<std::string> operator()(const diff::SetViewTablespace& c) const {
    return {"ALTER MATERIALIZED VIEW " + quote_ident(c.schema) + "." + quote_ident(c.name) + " SET TABLESPACE " +
            c.tablespace + ";"};
  }
  std::vector<std::string> operator()(const diff::SetViewAccessMethod& c) const {
    return {"ALTER MATERIALIZED VIEW " + quote_ident(c.schema) + "." + quote_ident(c.name) + " SET ACCESS METHOD " +
            quote_ident(c.method) + ";"};
  }
  std::vector<std::string> operator()(const diff::CreateStandalonePolicy& c) const {
    return {detail::create_policy_sql(c.policy.on.value_or("undefined"), c.policy)};
  }
  std::vector<std::string> operator()(const diff::DropStandalonePolicy& c) const {
    return {"DROP POLICY " + quote_ident(c.policy.name) + " ON " + c.policy.on.value_or("undefined") + " CASCADE;"};
  }
  std::vector<std::string> operator()(const diff::RenameStandalonePolicy& c) const {
    return {"ALTER POLICY " + quote_ident(c.from) + " ON " + c.on + " RENAME TO " + quote_ident(c.to) + ";"};
  }
  std::vector<std::string> operator()(const diff::AlterStandalonePolicy& c) const {
    return {detail::alter_policy_sql(c.from.on.value_or("undefined"), c.from, c.to)};
  }
};

}  // namespace

std::vector<std::string> render_change(const diff::Change& change) { return std::visit(TopVisitor{}, change); }

}  // namespace sleet::pg
