// The random schema pair generator (random_schema.hpp): base schema construction, then a list of weighted
// mutations applied to a copy. Every mutation keeps the model valid (foreign keys, indexes, constraints and
// policies only name columns that exist; enum defaults name existing values) and records rename answers.
#include "random_schema.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

namespace sleet::differential {

std::uint64_t Rng::next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t pair_seed(std::uint64_t base, std::size_t index) {
  Rng rng(base ^ (0x5851f42d4c957f2dULL * (index + 1)));
  return rng.next();
}

namespace {

using schema::Column;
using schema::Database;
using schema::Scalar;
using schema::Table;

const std::vector<std::string> kSchemaNames = {"auth", "billing", "app", "audit"};
const std::vector<std::string> kTableNames = {"users",  "posts",  "comments", "orders",   "items",  "tags",
                                              "accounts", "profiles", "events", "invoices", "payments", "sessions",
                                              "teams",  "projects", "tasks",  "notes",    "files",  "logs"};
const std::vector<std::string> kEnumNames = {"mood", "status", "priority", "color", "plan", "tier"};
const std::vector<std::string> kEnumValues = {"draft", "active", "archived", "pending", "low", "medium", "high",
                                              "red",   "green",  "blue",     "free",    "pro", "sad",    "happy"};
const std::vector<std::string> kSequenceNames = {"order_seq", "invoice_seq", "ticket_seq", "batch_seq"};
const std::vector<std::string> kViewNames = {"active_view", "recent_view", "summary_view", "report_view"};
const std::vector<std::string> kColumnNames = {"name",  "title", "email", "age",   "price",    "amount",   "active",
                                               "created_at", "updated_at", "payload", "token", "labels", "scores",
                                               "state", "level", "note", "code",  "rating", "deleted_at", "weight"};
const std::vector<std::string> kRoleNames = {"admin_role", "reader_role", "writer_role"};

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? sep : "") + items[i];
  return out;
}

std::string label(const std::string& schema, const std::string& name) {
  return schema.empty() || schema == "public" ? name : schema + "." + name;
}

std::string public_if_empty(const std::string& schema) { return schema.empty() ? "public" : schema; }

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  SchemaPair run() {
    SchemaPair pair;
    build_base(pair.from);
    db_ = pair.from;
    int count = 1 + static_cast<int>(rng_.below(rng_.chance(20) ? 10 : 5));
    int applied = 0;
    for (int attempt = 0; attempt < 60 && applied < count; ++attempt) {
      if (mutate()) ++applied;
    }
    pair.to = std::move(db_);
    pair.renames = std::move(renames_);
    pair.mutations = std::move(log_);
    return pair;
  }

 private:
  Rng rng_;
  Database db_;
  std::vector<RenameAnswer> renames_;
  std::vector<std::string> log_;
  std::set<std::string> frozen_tables_;  // renamed or moved: their columns must not change (drizzle crashes)
  std::set<std::string> touched_;        // "kind:name" of objects created or renamed by a mutation
  std::set<std::string> used_object_names_;
  std::set<std::string> retired_;                 // "kind:name" of dropped or renamed-away objects: never reused
  std::set<std::string> schemas_with_renames_;   // rename answers already name objects in these schemas
  std::set<std::string> column_altered_tables_;  // a later table rename / move would crash drizzle
  int counter_ = 0;

  // ---- naming ------------------------------------------------------------------------------------------

  bool table_name_used(const std::string& name) const {
    return retired_.count("table:" + name) ||
           std::any_of(db_.tables.begin(), db_.tables.end(), [&](const Table& t) { return t.name == name; });
  }
  std::string fresh_table_name() {
    std::vector<std::string> free;
    for (const auto& n : kTableNames)
      if (!table_name_used(n)) free.push_back(n);
    if (!free.empty() && rng_.chance(80)) return rng_.pick(free);
    std::string name;
    do name = "t" + std::to_string(++counter_); while (table_name_used(name));
    return name;
  }
  std::string fresh_column_name(const Table& t) {
    auto used = [&](const std::string& n) {
      return retired_.count("column:" + t.name + "." + n) ||
             std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& c) { return c.name == n; });
    };
    std::vector<std::string> free;
    for (const auto& n : kColumnNames)
      if (!used(n)) free.push_back(n);
    if (!free.empty() && rng_.chance(85)) return rng_.pick(free);
    std::string name;
    do name = "c" + std::to_string(++counter_); while (used(name));
    return name;
  }
  template <typename T>
  std::string fresh_named(const std::vector<T>& items, const std::vector<std::string>& pool, const std::string& prefix,
                          const std::string& kind) {
    auto used = [&](const std::string& n) {
      return retired_.count(kind + ":" + n) || std::any_of(items.begin(), items.end(), [&](const T& x) { return x.name == n; });
    };
    std::vector<std::string> free;
    for (const auto& n : pool)
      if (!used(n)) free.push_back(n);
    if (!free.empty() && rng_.chance(80)) return rng_.pick(free);
    std::string name;
    do name = prefix + std::to_string(++counter_); while (used(name));
    return name;
  }
  /// A constraint / index / policy name never used before in this pair (so never reused for another object).
  std::string fresh_object_name(const std::string& base) {
    std::string name = base;
    while (used_object_names_.count(name)) name = base + "_" + std::to_string(++counter_);
    used_object_names_.insert(name);
    return name;
  }
  std::string random_schema_of_db() {
    if (db_.schemas.empty() || rng_.chance(60)) return "";
    return rng_.pick(db_.schemas);
  }

  // ---- columns -----------------------------------------------------------------------------------------

  static bool is_integer_type(const std::string& type) {
    return type == "integer" || type == "bigint" || type == "smallint";
  }
  static std::string max_of(const std::string& type) {
    if (type == "integer") return "2147483647";
    if (type == "bigint") return "9223372036854775807";
    return "32767";
  }
  const schema::Enum* enum_of(const Column& c) const {
    if (!c.type_schema) return nullptr;
    std::string base = c.type.substr(0, c.type.find('['));
    for (const auto& e : db_.enums)
      if (e.name == base && e.schema == *c.type_schema) return &e;
    return nullptr;
  }

  /// A random type (enum types only when enums exist).
  void random_type(Column& c) {
    static const std::vector<std::string> kTypes = {
        "integer", "bigint", "smallint", "text", "varchar", "numeric", "boolean", "timestamp",
        "timestamp with time zone", "jsonb", "uuid", "date", "text[]", "integer[]", "real", "double precision",
        "enum", "enum[]", "timestamp(3)", "char(2)"};
    c.type_schema.reset();
    std::string type = rng_.pick(kTypes);
    if (type.starts_with("enum") && db_.enums.empty()) type = "text";
    if (type == "varchar") {
      static const std::vector<std::string> kLengths = {"32", "64", "255"};
      type = "varchar(" + rng_.pick(kLengths) + ")";
    } else if (type == "numeric") {
      static const std::vector<std::string> kPrecisions = {"10, 2", "12, 4", "8, 0"};
      type = "numeric(" + rng_.pick(kPrecisions) + ")";
    } else if (type.starts_with("enum")) {
      const schema::Enum& e = rng_.pick(db_.enums);
      type = e.name + (type == "enum[]" ? "[]" : "");
      c.type_schema = e.schema;
    }
    c.type = type;
  }

  std::optional<Scalar> random_default(const Column& c) {
    const std::string& t = c.type;
    if (const schema::Enum* e = enum_of(c)) {
      if (t.ends_with("[]") || e->values.empty()) return std::nullopt;
      return Scalar::string("'" + rng_.pick(e->values) + "'");
    }
    if (is_integer_type(t) || t == "real" || t == "double precision") {
      static const std::vector<std::string> kNumbers = {"0", "1", "42", "7", "-1"};
      static const std::vector<std::string> kFractions = {"0", "1.5", "-2.25", "100"};
      return Scalar::number(is_integer_type(t) ? rng_.pick(kNumbers) : rng_.pick(kFractions));
    }
    if (t == "text" || t.starts_with("varchar") || t.starts_with("char")) {
      static const std::vector<std::string> kStrings = {"'x'", "'hello'", "''", "'it''s'", "'n/a'"};
      return Scalar::string(rng_.pick(kStrings));
    }
    if (t.starts_with("numeric")) return Scalar::string(rng_.chance(50) ? "'1.50'" : "'0'");
    if (t == "boolean") return Scalar::boolean(rng_.chance(50));
    if (t.starts_with("timestamp")) return Scalar::string(rng_.chance(70) ? "now()" : "'2024-01-01 00:00:00.000'");
    if (t == "date") return Scalar::string("'2024-01-01'");
    if (t == "jsonb") return Scalar::string(rng_.chance(50) ? "'{}'::jsonb" : "'{\"a\":1}'::jsonb");
    if (t == "uuid") return Scalar::string("gen_random_uuid()");
    if (t == "text[]") return Scalar::string("'{}'::text[]");
    if (t == "integer[]") return Scalar::string("'{1,2}'");
    return std::nullopt;
  }

  schema::Identity make_identity(const Table& t, const Column& c) {
    schema::Identity id;
    id.type = rng_.chance(50) ? schema::IdentityKind::Always : schema::IdentityKind::ByDefault;
    id.name = t.name + "_" + c.name + "_seq";
    id.schema = public_if_empty(t.schema);
    id.options.increment = "1";
    id.options.start_with = "1";
    id.options.min_value = "1";
    id.options.max_value = max_of(c.type);
    id.options.cache = "1";
    id.options.cycle = false;
    return id;
  }

  Column make_column(const Table& t, const std::string& name) {
    Column c;
    c.name = name;
    random_type(c);
    c.not_null = rng_.chance(35);
    if (rng_.chance(40)) c.default_value = random_default(c);
    if (is_integer_type(c.type) && !c.default_value && rng_.chance(8)) {
      c.identity = make_identity(t, c);
      c.not_null = true;
    } else if (is_integer_type(c.type) && rng_.chance(10)) {
      std::vector<const Column*> ints;
      for (const auto& other : t.columns)
        if (is_integer_type(other.type) && !other.generated) ints.push_back(&other);
      if (!ints.empty()) {
        c.default_value.reset();
        c.generated = schema::Generated{"\"" + t.name + "\".\"" + rng_.pick(ints)->name + "\" * 2",
                                        schema::GeneratedKind::Stored};
      }
    }
    return c;
  }

  // ---- base schema ---------------------------------------------------------------------------------------

  void build_base(Database& db) {
    db_ = Database{};
    for (const auto& s : kSchemaNames)
      if (rng_.chance(25)) db_.schemas.push_back(s);
    for (std::size_t i = 0, n = rng_.below(4); i < n; ++i) add_enum(false);
    for (std::size_t i = 0, n = rng_.below(3); i < n; ++i) add_sequence(false);
    if (rng_.chance(20)) db_.roles.push_back(schema::Role{rng_.pick(kRoleNames), false, false, true});
    for (std::size_t i = 0, n = 2 + rng_.below(5); i < n; ++i) add_table(false);
    for (std::size_t i = 0, n = rng_.below(3); i < n; ++i) add_view(false);
    db = db_;
  }

  void add_enum(bool logged) {
    schema::Enum e;
    e.name = fresh_named(db_.enums, kEnumNames, "e", "enum");
    e.schema = public_if_empty(random_schema_of_db());
    std::vector<std::string> pool = kEnumValues;
    for (std::size_t i = 0, n = 2 + rng_.below(4); i < n && !pool.empty(); ++i) {
      std::size_t k = rng_.below(pool.size());
      e.values.push_back(pool[k]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
    }
    if (logged) log("create enum " + e.schema + "." + e.name);
    if (logged) touched_.insert("enum:" + e.name);
    db_.enums.push_back(std::move(e));
  }

  void random_sequence_options(schema::SequenceOptions& o) {
    static const std::vector<std::string> kIncrements = {"1", "2", "5"};
    o.increment = rng_.pick(kIncrements);
    o.min_value = "1";
    o.max_value = rng_.chance(70) ? "9223372036854775807" : "100000";
    o.start_with = rng_.chance(50) ? "1" : "10";
    o.cache = rng_.chance(80) ? "1" : "10";
    o.cycle = rng_.chance(20);
  }

  void add_sequence(bool logged) {
    schema::Sequence s;
    s.name = fresh_named(db_.sequences, kSequenceNames, "seq", "sequence");
    s.schema = public_if_empty(random_schema_of_db());
    random_sequence_options(s.options);
    if (logged) log("create sequence " + s.schema + "." + s.name);
    if (logged) touched_.insert("sequence:" + s.name);
    db_.sequences.push_back(std::move(s));
  }

  void add_table(bool logged) {
    Table t;
    t.name = fresh_table_name();
    t.schema = random_schema_of_db();
    int pk_style = static_cast<int>(rng_.below(5));
    if (pk_style <= 2) {
      Column id;
      id.name = "id";
      id.primary_key = true;
      id.not_null = true;
      if (pk_style == 0) {
        id.type = rng_.chance(70) ? "integer" : "bigint";
        id.identity = make_identity(t, id);
      } else if (pk_style == 1) {
        id.type = "serial";
      } else {
        id.type = "uuid";
        id.default_value = Scalar::string("gen_random_uuid()");
      }
      t.columns.push_back(std::move(id));
    }
    for (std::size_t i = 0, n = 2 + rng_.below(5); i < n; ++i) t.columns.push_back(make_column(t, fresh_column_name(t)));
    // Foreign keys to tables that have an "id" key.
    for (std::size_t i = 0, n = rng_.below(3); i < n; ++i) add_foreign_key_column(t);
    if (pk_style == 3 && t.columns.size() >= 2) {
      std::vector<std::string> cols;
      for (auto& c : t.columns) {
        if (c.type.ends_with("[]") || c.generated) continue;
        cols.push_back(c.name);
        c.not_null = true;
        if (cols.size() == 2) break;
      }
      if (!cols.empty()) {
        t.composite_primary_keys.push_back(
            schema::PrimaryKey{fresh_object_name(t.name + "_" + join(cols, "_") + "_pk"), cols});
      }
    }
    for (std::size_t i = 0, n = rng_.below(3); i < n; ++i) add_unique(t);
    for (std::size_t i = 0, n = rng_.below(2); i < n; ++i) add_check(t);
    for (std::size_t i = 0, n = rng_.below(4); i < n; ++i) add_index(t);
    t.is_rls_enabled = rng_.chance(20);
    for (std::size_t i = 0, n = rng_.chance(25) ? 1 + rng_.below(2) : 0; i < n; ++i) add_policy(t);
    if (logged) log("create table " + label(t.schema, t.name));
    if (logged) touched_.insert("table:" + t.name);
    db_.tables.push_back(std::move(t));
  }

  void add_view(bool logged) {
    if (db_.tables.empty()) return;
    schema::View v;
    v.name = fresh_named(db_.views, kViewNames, "v", "view");
    v.schema = public_if_empty(random_schema_of_db());
    v.materialized = rng_.chance(30);
    v.is_existing = rng_.chance(8);
    if (!v.is_existing) v.definition = random_view_definition();
    if (rng_.chance(30)) v.with = random_view_options(*v.materialized);
    if (*v.materialized && rng_.chance(20)) v.with_no_data = true;
    if (logged) log("create view " + *v.schema + "." + v.name);
    if (logged) touched_.insert("view:" + v.name);
    db_.views.push_back(std::move(v));
  }

  std::string random_view_definition() {
    const Table& t = rng_.pick(db_.tables);
    const Column& c = rng_.pick(t.columns);
    std::string from = t.schema.empty() ? "\"" + t.name + "\"" : "\"" + t.schema + "\".\"" + t.name + "\"";
    return "select \"" + c.name + "\" from " + from + (rng_.chance(50) ? "" : " where \"" + c.name + "\" is not null");
  }

  schema::Options random_view_options(bool materialized) {
    schema::Options options;
    if (materialized) {
      if (rng_.chance(70)) options.emplace_back("fillfactor", Scalar::number(rng_.chance(50) ? "70" : "90"));
      if (rng_.chance(50)) options.emplace_back("autovacuumEnabled", Scalar::boolean(rng_.chance(50)));
    } else {
      if (rng_.chance(70)) options.emplace_back("securityBarrier", Scalar::boolean(rng_.chance(50)));
      if (rng_.chance(50)) options.emplace_back("checkOption", Scalar::string(rng_.chance(50) ? "local" : "cascaded"));
    }
    if (options.empty()) options.emplace_back(materialized ? "fillfactor" : "securityInvoker",
                                              materialized ? Scalar::number("80") : Scalar::boolean(true));
    return options;
  }

  /// Adds a column referencing some table's "id" plus the foreign key (false when no table has an id).
  bool add_foreign_key_column(Table& t) {
    std::vector<const Table*> targets;
    for (const auto& other : db_.tables) {
      if (other.name == t.name) continue;
      for (const auto& c : other.columns)
        if (c.name == "id" && c.primary_key) targets.push_back(&other);
    }
    if (targets.empty()) return false;
    const Table& target = *rng_.pick(targets);
    const Column* target_id = nullptr;
    for (const auto& c : target.columns)
      if (c.name == "id") target_id = &c;
    Column c;
    c.name = target.name + "_id";
    if (std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& x) { return x.name == c.name; })) return false;
    c.type = target_id->type == "serial" ? "integer" : target_id->type;
    c.not_null = rng_.chance(50);
    t.columns.push_back(c);
    t.foreign_keys.push_back(make_foreign_key(t, c.name, target));
    return true;
  }

  schema::ForeignKey make_foreign_key(const Table& t, const std::string& column, const Table& target) {
    static const std::vector<std::string> kActions = {"no action", "cascade", "set null", "restrict", "set default"};
    schema::ForeignKey fk;
    fk.name = fresh_object_name(t.name + "_" + column + "_" + target.name + "_id_fk");
    fk.table_from = t.name;
    fk.table_to = target.name;
    if (!target.schema.empty()) fk.schema_to = target.schema;
    fk.columns_from = {column};
    fk.columns_to = {"id"};
    fk.on_delete = rng_.chance(50) ? "no action" : rng_.pick(kActions);
    fk.on_update = rng_.chance(70) ? "no action" : rng_.pick(kActions);
    return fk;
  }

  std::vector<std::string> random_columns(const Table& t, std::size_t max_count, bool scalar_only) {
    std::vector<std::string> pool;
    for (const auto& c : t.columns)
      if (!scalar_only || !c.type.ends_with("[]")) pool.push_back(c.name);
    if (pool.empty())
      for (const auto& c : t.columns) pool.push_back(c.name);
    std::vector<std::string> out;
    for (std::size_t i = 0, n = 1 + rng_.below(max_count); i < n && !pool.empty(); ++i) {
      std::size_t k = rng_.below(pool.size());
      out.push_back(pool[k]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
    }
    return out;
  }

  void add_unique(Table& t) {
    auto cols = random_columns(t, 2, true);
    if (cols.empty()) return;
    schema::UniqueConstraint u;
    u.name = fresh_object_name(rng_.chance(70) ? t.name + "_" + join(cols, "_") + "_unique" : "uq_" + t.name);
    u.columns = cols;
    u.nulls_not_distinct = rng_.chance(25);
    t.unique_constraints.push_back(std::move(u));
  }

  std::string random_check_value(const Table& t) {
    const Column& c = rng_.pick(t.columns);
    std::string ref = "\"" + t.name + "\".\"" + c.name + "\"";
    if (is_integer_type(c.type) || c.type.starts_with("numeric")) return ref + (rng_.chance(50) ? " > 0" : " >= 10");
    return ref + (rng_.chance(50) ? " IS NOT NULL" : " IS NULL OR true");
  }

  void add_check(Table& t) {
    schema::CheckConstraint c;
    c.name = fresh_object_name(t.name + "_check");
    c.value = random_check_value(t);
    t.check_constraints.push_back(std::move(c));
  }

  schema::Index random_index(const Table& t, const std::string& name) {
    schema::Index index;
    index.name = name;
    auto cols = random_columns(t, 3, true);
    index.method = cols.size() == 1 && rng_.chance(15) ? "hash" : "btree";
    for (const auto& col : cols) {
      schema::IndexColumn ic;
      ic.expression = col;
      const Column* column = nullptr;
      for (const auto& c : t.columns)
        if (c.name == col) column = &c;
      if (index.method == "btree" && column != nullptr && (column->type == "text" || column->type.starts_with("varchar")) &&
          rng_.chance(15)) {
        ic.opclass = "text_pattern_ops";
        ic.asc = rng_.chance(75);
      } else if (index.method == "btree") {
        ic.asc = rng_.chance(75);
        ic.nulls = rng_.chance(70) ? (ic.asc ? "last" : "first") : (rng_.chance(50) ? "first" : "last");
      }
      index.columns.push_back(std::move(ic));
    }
    if (index.method == "btree" && rng_.chance(10)) {
      schema::IndexColumn expr;
      expr.expression = "lower(\"" + cols.front() + "\")";
      expr.is_expression = true;
      index.columns.push_back(std::move(expr));
    }
    index.is_unique = index.method == "btree" && rng_.chance(25);
    if (rng_.chance(20)) index.where = "\"" + t.name + "\".\"" + cols.front() + "\" IS NOT NULL";
    if (rng_.chance(10)) index.with.emplace_back("fillfactor", Scalar::number("70"));
    index.concurrently = rng_.chance(5);
    return index;
  }

  void add_index(Table& t) {
    if (t.columns.empty()) return;
    std::string name = fresh_object_name(rng_.chance(60) ? t.name + "_idx" : "idx_" + t.name);
    t.indexes.push_back(random_index(t, name));
  }

  schema::Policy random_policy(const std::string& name) {
    static const std::vector<std::string> kFor = {"ALL", "SELECT", "INSERT", "UPDATE", "DELETE"};
    schema::Policy p;
    p.name = name;
    p.as = rng_.chance(80) ? "PERMISSIVE" : "RESTRICTIVE";
    p.for_ = rng_.pick(kFor);
    std::vector<std::string> roles{"public"};
    if (rng_.chance(30)) roles = {"current_user"};
    if (!db_.roles.empty() && rng_.chance(30)) roles = {db_.roles.front().name};
    p.to = roles;
    if (*p.for_ != "INSERT") p.using_ = schema::Expr(rng_.chance(50) ? "true" : "current_user = 'app'");
    if (*p.for_ == "ALL" || *p.for_ == "INSERT" || *p.for_ == "UPDATE") {
      if (rng_.chance(60)) p.with_check = schema::Expr(rng_.chance(50) ? "true" : "false");
    }
    return p;
  }

  void add_policy(Table& t) { t.policies.push_back(random_policy(fresh_object_name(t.name + "_policy"))); }

  // ---- mutations -----------------------------------------------------------------------------------------

  void log(std::string text) { log_.push_back(std::move(text)); }

  Table* random_table() { return db_.tables.empty() ? nullptr : &db_.tables[rng_.below(db_.tables.size())]; }
  Table* random_unfrozen_table() {
    std::vector<Table*> tables;
    for (auto& t : db_.tables)
      if (!frozen_tables_.count(t.name)) tables.push_back(&t);
    return tables.empty() ? nullptr : tables[rng_.below(tables.size())];
  }

  /// Removes everything in `t` that names column `name`, and foreign keys elsewhere that target it.
  void forget_column(Table& t, const std::string& name) {
    auto names = [&](const std::vector<std::string>& cols) { return std::find(cols.begin(), cols.end(), name) != cols.end(); };
    std::erase_if(t.indexes, [&](const schema::Index& i) {
      return std::any_of(i.columns.begin(), i.columns.end(), [&](const schema::IndexColumn& c) {
               return c.expression == name || c.expression == "lower(\"" + name + "\")";
             }) || (i.where && i.where->text.find("\"" + name + "\"") != std::string::npos);
    });
    std::erase_if(t.unique_constraints, [&](const auto& u) { return names(u.columns); });
    std::erase_if(t.composite_primary_keys, [&](const auto& pk) { return names(pk.columns); });
    std::erase_if(t.check_constraints, [&](const auto& c) { return c.value.text.find("\"" + name + "\"") != std::string::npos; });
    std::erase_if(t.foreign_keys, [&](const auto& fk) { return names(fk.columns_from); });
    for (auto& c : t.columns) {
      if (c.generated && c.generated->as.text.find("\"" + name + "\"") != std::string::npos) {
        c.generated.reset();
        column_altered_tables_.insert(t.name);
      }
    }
    for (auto& other : db_.tables) {
      std::erase_if(other.foreign_keys, [&](const schema::ForeignKey& fk) {
        return fk.table_to == t.name && names(fk.columns_to);
      });
    }
  }

  bool mutate() {
    struct Mutation {
      int weight;
      std::function<bool()> run;
    };
    std::vector<Mutation> mutations = {
        {3, [&] { return m_add_table(); }},
        {2, [&] { return m_drop_table(); }},
        {2, [&] { return m_rename_table(); }},
        {1, [&] { return m_move_table(); }},
        {6, [&] { return m_add_column(); }},
        {4, [&] { return m_drop_column(); }},
        {3, [&] { return m_rename_column(); }},
        {5, [&] { return m_alter_column_type(); }},
        {5, [&] { return m_alter_column_default(); }},
        {4, [&] { return m_alter_not_null(); }},
        {3, [&] { return m_alter_identity(); }},
        {2, [&] { return m_alter_column_pk(); }},
        {2, [&] { return m_alter_generated(); }},
        {4, [&] { return m_indexes(); }},
        {3, [&] { return m_uniques(); }},
        {2, [&] { return m_checks(); }},
        {3, [&] { return m_foreign_keys(); }},
        {2, [&] { return m_composite_pk(); }},
        {2, [&] { return m_rls(); }},
        {3, [&] { return m_policies(); }},
        {2, [&] { return m_add_enum(); }},
        {1, [&] { return m_drop_enum(); }},
        {4, [&] { return m_enum_values(); }},
        {1, [&] { return m_rename_enum(); }},
        {2, [&] { return m_sequences(); }},
        {1, [&] { return m_schemas(); }},
        {1, [&] { return m_roles(); }},
        {3, [&] { return m_views(); }},
        {2, [&] { return m_move_object(); }},
    };
    int total = 0;
    for (const auto& m : mutations) total += m.weight;
    int roll = static_cast<int>(rng_.below(static_cast<std::size_t>(total)));
    for (const auto& m : mutations) {
      if (roll < m.weight) return m.run();
      roll -= m.weight;
    }
    return false;
  }

  bool m_add_table() {
    add_table(true);
    return true;
  }

  bool m_drop_table() {
    Table* t = random_table();
    if (t == nullptr || touched_.count("table:" + t->name) || db_.tables.size() <= 1) return false;
    std::string name = t->name;
    log("drop table " + label(t->schema, name));
    retired_.insert("table:" + name);
    for (auto& other : db_.tables) {
      if (other.name == name) continue;
      std::vector<std::string> fk_columns;
      for (const auto& fk : other.foreign_keys)
        if (fk.table_to == name) fk_columns.insert(fk_columns.end(), fk.columns_from.begin(), fk.columns_from.end());
      std::erase_if(other.foreign_keys, [&](const auto& fk) { return fk.table_to == name; });
      // Usually the referencing column goes too (as when a user deletes the relation).
      if (rng_.chance(50) && !frozen_tables_.count(other.name)) {
        for (const auto& col : fk_columns) {
          forget_column(other, col);
          std::erase_if(other.columns, [&](const Column& c) { return c.name == col; });
          retired_.insert("column:" + other.name + "." + col);
        }
      }
    }
    std::erase_if(db_.tables, [&](const Table& x) { return x.name == name; });
    return true;
  }

  bool m_rename_table() {
    Table* t = random_table();
    if (t == nullptr || touched_.count("table:" + t->name) || column_altered_tables_.count(t->name)) return false;
    std::string from = t->name;
    std::string to = fresh_table_name();
    t->name = to;
    for (auto& other : db_.tables) {
      for (auto& fk : other.foreign_keys) {
        if (fk.table_to == from) fk.table_to = to;
        if (fk.table_from == from) fk.table_from = to;
      }
    }
    frozen_tables_.insert(to);
    touched_.insert("table:" + to);
    schemas_with_renames_.insert(public_if_empty(t->schema));
    renames_.push_back({"table:" + label(t->schema, from) + "=" + label(t->schema, to),
                        label(t->schema, from) + "=" + label(t->schema, to)});
    log("rename table " + label(t->schema, from) + " to " + to);
    retired_.insert("table:" + from);
    return true;
  }

  bool m_move_table() {
    Table* t = random_table();
    if (t == nullptr || touched_.count("table:" + t->name) || column_altered_tables_.count(t->name)) return false;
    std::vector<std::string> targets;
    if (!t->schema.empty()) targets.push_back("");
    for (const auto& s : db_.schemas)
      if (s != t->schema) targets.push_back(s);
    if (targets.empty()) return false;
    std::string from_schema = t->schema;
    std::string to_schema = rng_.pick(targets);
    t->schema = to_schema;
    for (auto& other : db_.tables) {
      for (auto& fk : other.foreign_keys) {
        if (fk.table_to != t->name) continue;
        if (to_schema.empty()) fk.schema_to.reset();
        else fk.schema_to = to_schema;
      }
    }
    frozen_tables_.insert(t->name);
    touched_.insert("table:" + t->name);
    schemas_with_renames_.insert(public_if_empty(from_schema));
    schemas_with_renames_.insert(public_if_empty(to_schema));
    renames_.push_back({"table:" + label(from_schema, t->name) + "=" + label(to_schema, t->name),
                        label(from_schema, t->name) + "=" + label(to_schema, t->name)});
    log("move table " + label(from_schema, t->name) + " to schema " + public_if_empty(to_schema));
    return true;
  }

  bool m_add_column() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    if (rng_.chance(20)) {
      if (!add_foreign_key_column(*t)) return false;
      log("add foreign key column " + t->name + "." + t->columns.back().name);
      return true;
    }
    Column c = make_column(*t, fresh_column_name(*t));
    log("add column " + t->name + "." + c.name + " " + c.type);
    touched_.insert("column:" + t->name + "." + c.name);
    t->columns.push_back(std::move(c));
    return true;
  }

  Column* random_column(Table& t, bool untouched = true) {
    std::vector<Column*> cols;
    for (auto& c : t.columns)
      if (!untouched || !touched_.count("column:" + t.name + "." + c.name)) cols.push_back(&c);
    return cols.empty() ? nullptr : cols[rng_.below(cols.size())];
  }

  bool m_drop_column() {
    Table* t = random_unfrozen_table();
    if (t == nullptr || t->columns.size() <= 1) return false;
    Column* c = random_column(*t);
    if (c == nullptr) return false;
    std::string name = c->name;
    forget_column(*t, name);
    std::erase_if(t->columns, [&](const Column& x) { return x.name == name; });
    log("drop column " + t->name + "." + name);
    retired_.insert("column:" + t->name + "." + name);
    return true;
  }

  bool m_rename_column() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->name == "id") return false;
    std::string from = c->name;
    std::string to = fresh_column_name(*t);
    c->name = to;
    // Keys, indexes and checks follow the column (their definitions change, so drizzle re-creates them).
    auto rename_in = [&](std::vector<std::string>& cols) {
      for (auto& col : cols)
        if (col == from) col = to;
    };
    for (auto& u : t->unique_constraints) rename_in(u.columns);
    for (auto& pk : t->composite_primary_keys) rename_in(pk.columns);
    for (auto& fk : t->foreign_keys) rename_in(fk.columns_from);
    for (auto& i : t->indexes)
      for (auto& ic : i.columns)
        if (!ic.is_expression && ic.expression == from) ic.expression = to;
    touched_.insert("column:" + t->name + "." + to);
    std::string scope = label(t->schema, t->name);
    schemas_with_renames_.insert(public_if_empty(t->schema));
    column_altered_tables_.insert(t->name);  // a renamed column is an altered column for drizzle
    renames_.push_back({"column:" + scope + "." + from + "=" + to, t->name + "." + from + "=" + t->name + "." + to});
    log("rename column " + scope + "." + from + " to " + to);
    retired_.insert("column:" + t->name + "." + from);
    return true;
  }

  /// A type PostgreSQL converts to without USING more often than not, or (sometimes) anything.
  bool m_alter_column_type() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->primary_key || c->identity || c->generated || c->name.ends_with("_id")) return false;
    std::string before = c->type;
    static const std::vector<std::pair<std::string, std::string>> kCompatible = {
        {"integer", "bigint"},   {"smallint", "integer"}, {"varchar(32)", "varchar(64)"}, {"varchar(64)", "text"},
        {"text", "varchar(255)"}, {"numeric(10, 2)", "numeric(12, 4)"}, {"timestamp", "timestamp with time zone"},
        {"timestamp with time zone", "timestamp"}, {"real", "double precision"}, {"date", "timestamp"},
        {"char(2)", "text"}, {"timestamp(3)", "timestamp"}, {"timestamp(3)", "timestamp (3)"},
        {"timestamp (3)", "timestamp(6)"}};
    bool done = false;
    for (const auto& [from, to] : kCompatible) {
      if (c->type == from && rng_.chance(80)) {
        c->type = to;
        c->type_schema.reset();
        done = true;
        break;
      }
    }
    if (!done) random_type(*c);
    if (c->type == before) return false;
    // The old default may not fit the new type; keep it when it is harmless, else pick a new one.
    if (c->default_value && rng_.chance(60)) c->default_value = random_default(*c);
    if (const schema::Enum* e = enum_of(*c); e == nullptr && c->default_value && c->default_value->kind == Scalar::Kind::String &&
                                             c->default_value->text.starts_with("'") && before.find('(') == std::string::npos &&
                                             !c->type.starts_with("varchar") && c->type != "text") {
      c->default_value = random_default(*c);
    }
    log("alter column type " + t->name + "." + c->name + " " + before + " -> " + c->type);
    column_altered_tables_.insert(t->name);
    return true;
  }

  bool m_alter_column_default() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->identity || c->generated || c->type == "serial") return false;
    auto before = c->default_value;
    if (c->default_value && rng_.chance(40)) c->default_value.reset();
    else c->default_value = random_default(*c);
    if (c->default_value == before) return false;
    log("alter default " + t->name + "." + c->name);
    column_altered_tables_.insert(t->name);
    return true;
  }

  bool m_alter_not_null() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->primary_key || c->identity) return false;
    for (const auto& pk : t->composite_primary_keys)
      if (std::find(pk.columns.begin(), pk.columns.end(), c->name) != pk.columns.end()) return false;
    c->not_null = !c->not_null;
    log(std::string(c->not_null ? "set" : "drop") + " not null " + t->name + "." + c->name);
    column_altered_tables_.insert(t->name);
    return true;
  }

  bool m_alter_identity() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || !is_integer_type(c->type) || c->generated) return false;
    if (c->identity) {
      int what = static_cast<int>(rng_.below(3));
      if (what == 0 && !c->primary_key) {
        c->identity.reset();
        log("drop identity " + t->name + "." + c->name);
        column_altered_tables_.insert(t->name);
      } else if (what == 1) {
        c->identity->type = c->identity->type == schema::IdentityKind::Always ? schema::IdentityKind::ByDefault
                                                                              : schema::IdentityKind::Always;
        log("identity kind " + t->name + "." + c->name);
        column_altered_tables_.insert(t->name);
      } else {
        schema::SequenceOptions& o = c->identity->options;
        if (rng_.chance(50)) o.increment = "2";
        if (rng_.chance(50)) o.start_with = "100";
        if (rng_.chance(40)) o.cache = "10";
        if (rng_.chance(30)) o.cycle = !o.cycle.value_or(false);
        if (rng_.chance(30)) o.max_value = "1000000";
        log("identity options " + t->name + "." + c->name);
        column_altered_tables_.insert(t->name);
      }
      return true;
    }
    if (c->default_value) return false;
    c->identity = make_identity(*t, *c);
    c->not_null = true;
    log("add identity " + t->name + "." + c->name);
    column_altered_tables_.insert(t->name);
    return true;
  }

  bool m_alter_column_pk() {
    Table* t = random_unfrozen_table();
    if (t == nullptr || !t->composite_primary_keys.empty()) return false;
    Column* pk = nullptr;
    for (auto& c : t->columns)
      if (c.primary_key) pk = &c;
    if (pk != nullptr) {
      // Dropping a column-level key that a foreign key points at would be invalid; only unreferenced ones.
      for (const auto& other : db_.tables)
        for (const auto& fk : other.foreign_keys)
          if (fk.table_to == t->name) return false;
      pk->primary_key = false;
      log("drop column primary key " + t->name + "." + pk->name);
      column_altered_tables_.insert(t->name);
      return true;
    }
    Column* c = random_column(*t);
    if (c == nullptr || c->type.ends_with("[]") || c->generated) return false;
    c->primary_key = true;
    c->not_null = true;
    log("set column primary key " + t->name + "." + c->name);
    column_altered_tables_.insert(t->name);
    return true;
  }

  bool m_alter_generated() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || !is_integer_type(c->type) || c->identity || c->primary_key) return false;
    if (c->generated) {
      if (rng_.chance(50)) {
        c->generated.reset();
        log("drop generated " + t->name + "." + c->name);
        column_altered_tables_.insert(t->name);
      } else {
        std::string other;
        for (const auto& x : t->columns)
          if (x.name != c->name && is_integer_type(x.type) && !x.generated) other = x.name;
        if (other.empty()) return false;
        c->generated->as.text = "\"" + t->name + "\".\"" + other + "\" + 1";
        log("alter generated " + t->name + "." + c->name);
        column_altered_tables_.insert(t->name);
      }
      return true;
    }
    std::string other;
    for (const auto& x : t->columns)
      if (x.name != c->name && is_integer_type(x.type) && !x.generated) other = x.name;
    if (other.empty()) return false;
    c->default_value.reset();
    c->generated = schema::Generated{"\"" + t->name + "\".\"" + other + "\" * 3", schema::GeneratedKind::Stored};
    log("add generated " + t->name + "." + c->name);
    column_altered_tables_.insert(t->name);
    return true;
  }

  bool m_indexes() {
    Table* t = random_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 || t->indexes.empty()) {
      add_index(*t);
      log("create index on " + t->name);
      return true;
    }
    std::size_t k = rng_.below(t->indexes.size());
    if (what == 1) {
      log("drop index " + t->indexes[k].name);
      t->indexes.erase(t->indexes.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      schema::Index& index = t->indexes[k];
      int how = static_cast<int>(rng_.below(4));
      if (how == 0) index.is_unique = !index.is_unique && index.method == "btree";
      else if (how == 1 && index.method == "btree") index.columns.front().asc = !index.columns.front().asc;
      else if (how == 2) index.where = index.where ? std::nullopt : std::optional<schema::Expr>("\"" + t->name + "\".\"" + t->columns.front().name + "\" IS NOT NULL");
      else index = random_index(*t, index.name);
      log("alter index " + index.name);
    }
    return true;
  }

  bool m_uniques() {
    Table* t = random_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 || t->unique_constraints.empty()) {
      add_unique(*t);
      log("add unique on " + t->name);
      return true;
    }
    std::size_t k = rng_.below(t->unique_constraints.size());
    if (what == 1) {
      log("drop unique " + t->unique_constraints[k].name);
      t->unique_constraints.erase(t->unique_constraints.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      auto& u = t->unique_constraints[k];
      if (rng_.chance(50)) u.nulls_not_distinct = !u.nulls_not_distinct.value_or(false);
      else u.columns = random_columns(*t, 2, true);
      log("alter unique " + u.name);
    }
    return true;
  }

  bool m_checks() {
    Table* t = random_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 || t->check_constraints.empty()) {
      add_check(*t);
      log("add check on " + t->name);
      return true;
    }
    std::size_t k = rng_.below(t->check_constraints.size());
    if (what == 1) {
      log("drop check " + t->check_constraints[k].name);
      t->check_constraints.erase(t->check_constraints.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      std::string before = t->check_constraints[k].value.text;
      t->check_constraints[k].value = random_check_value(*t);
      if (t->check_constraints[k].value.text == before) return false;
      log("alter check " + t->check_constraints[k].name);
    }
    return true;
  }

  bool m_foreign_keys() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 || t->foreign_keys.empty()) {
      if (!add_foreign_key_column(*t)) return false;
      log("add foreign key on " + t->name);
      return true;
    }
    std::size_t k = rng_.below(t->foreign_keys.size());
    if (what == 1) {
      log("drop foreign key " + t->foreign_keys[k].name);
      t->foreign_keys.erase(t->foreign_keys.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      static const std::vector<std::string> kActions = {"no action", "cascade", "set null", "restrict"};
      auto& fk = t->foreign_keys[k];
      fk.on_delete = rng_.pick(kActions);
      fk.on_update = rng_.pick(kActions);
      log("alter foreign key " + fk.name);
    }
    return true;
  }

  bool m_composite_pk() {
    Table* t = random_unfrozen_table();
    if (t == nullptr) return false;
    for (const auto& c : t->columns)
      if (c.primary_key) return false;
    if (!t->composite_primary_keys.empty()) {
      auto& pk = t->composite_primary_keys.front();
      if (rng_.chance(50)) {
        log("drop composite primary key " + pk.name.value_or(""));
        t->composite_primary_keys.clear();
      } else {
        auto cols = random_columns(*t, 3, true);
        if (cols == pk.columns) return false;
        for (auto& c : t->columns)
          if (std::find(cols.begin(), cols.end(), c.name) != cols.end()) c.not_null = true;
        pk.columns = cols;
        column_altered_tables_.insert(t->name);
        log("alter composite primary key " + pk.name.value_or(""));
      }
      return true;
    }
    auto cols = random_columns(*t, 2, true);
    if (cols.empty()) return false;
    for (auto& c : t->columns)
      if (std::find(cols.begin(), cols.end(), c.name) != cols.end()) {
        if (c.generated) return false;
        c.not_null = true;
      }
    t->composite_primary_keys.push_back(
        schema::PrimaryKey{fresh_object_name(t->name + "_" + join(cols, "_") + "_pk"), cols});
    column_altered_tables_.insert(t->name);
    log("add composite primary key on " + t->name);
    return true;
  }

  bool m_rls() {
    Table* t = random_table();
    if (t == nullptr) return false;
    t->is_rls_enabled = !t->is_rls_enabled;
    log(std::string(t->is_rls_enabled ? "enable" : "disable") + " rls " + t->name);
    return true;
  }

  bool m_policies() {
    Table* t = random_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(4));
    if (what == 0 || t->policies.empty()) {
      add_policy(*t);
      touched_.insert("policy:" + t->policies.back().name);
      log("create policy " + t->policies.back().name);
      return true;
    }
    std::size_t k = rng_.below(t->policies.size());
    schema::Policy& p = t->policies[k];
    if (touched_.count("policy:" + p.name)) return false;
    if (what == 1) {
      log("drop policy " + p.name);
      t->policies.erase(t->policies.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (what == 2) {
      std::string from = p.name;
      p.name = fresh_object_name(t->name + "_renamed_policy");
      renames_.push_back({"policy:" + from + "=" + p.name, from + "=" + p.name});
      touched_.insert("policy:" + p.name);
      log("rename policy " + from + " to " + p.name);
    } else {
      schema::Policy fresh = random_policy(p.name);
      if (rng_.chance(60)) {
        fresh.as = p.as;
        fresh.for_ = p.for_;
        if (*fresh.for_ == "INSERT") fresh.using_.reset();
        else if (!fresh.using_) fresh.using_ = schema::Expr("true");
      }
      if (fresh == p) return false;
      p = fresh;
      log("alter policy " + p.name);
    }
    return true;
  }

  bool m_add_enum() {
    add_enum(true);
    return true;
  }

  bool enum_used(const schema::Enum& e) const {
    for (const auto& t : db_.tables)
      for (const auto& c : t.columns)
        if (enum_of(c) == &e) return true;
    return false;
  }

  bool m_drop_enum() {
    if (db_.enums.empty()) return false;
    std::size_t k = rng_.below(db_.enums.size());
    if (enum_used(db_.enums[k]) || touched_.count("enum:" + db_.enums[k].name)) return false;
    log("drop enum " + db_.enums[k].name);
    retired_.insert("enum:" + db_.enums[k].name);
    db_.enums.erase(db_.enums.begin() + static_cast<std::ptrdiff_t>(k));
    return true;
  }

  bool m_enum_values() {
    if (db_.enums.empty()) return false;
    schema::Enum& e = db_.enums[rng_.below(db_.enums.size())];
    if (touched_.count("enum:" + e.name)) return false;
    std::vector<std::string> free;
    for (const auto& v : kEnumValues)
      if (std::find(e.values.begin(), e.values.end(), v) == e.values.end()) free.push_back(v);
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 && !free.empty()) {
      e.values.push_back(rng_.pick(free));
      log("enum " + e.name + " add value " + e.values.back());
    } else if (what == 1 && !free.empty()) {
      std::size_t at = rng_.below(e.values.size() + 1);
      e.values.insert(e.values.begin() + static_cast<std::ptrdiff_t>(at), rng_.pick(free));
      log("enum " + e.name + " insert value at " + std::to_string(at));
    } else if (e.values.size() > 1) {
      std::size_t at = rng_.below(e.values.size());
      std::string removed = e.values[at];
      for (const auto& t : db_.tables)
        for (const auto& c : t.columns)
          if (enum_of(c) == &e && frozen_tables_.count(t.name) && c.default_value &&
              c.default_value->text == "'" + removed + "'")
            return false;
      e.values.erase(e.values.begin() + static_cast<std::ptrdiff_t>(at));
      for (auto& t : db_.tables)
        for (auto& c : t.columns)
          if (enum_of(c) == &e && c.default_value && c.default_value->text == "'" + removed + "'") {
            c.default_value = Scalar::string("'" + e.values.front() + "'");
            column_altered_tables_.insert(t.name);
          }
      log("enum " + e.name + " remove value " + removed);
    } else {
      return false;
    }
    return true;
  }

  bool m_rename_enum() {
    if (db_.enums.empty()) return false;
    schema::Enum& e = db_.enums[rng_.below(db_.enums.size())];
    if (touched_.count("enum:" + e.name)) return false;
    std::string from = e.name;
    std::string to = fresh_named(db_.enums, kEnumNames, "e", "enum");
    for (const auto& t : db_.tables)
      for (const auto& c : t.columns)
        if (enum_of(c) == &e && frozen_tables_.count(t.name)) return false;
    for (auto& t : db_.tables)
      for (auto& c : t.columns)
        if (enum_of(c) == &e) {
          c.type = to + (c.type.ends_with("[]") ? "[]" : "");
          column_altered_tables_.insert(t.name);  // drizzle sees the column as altered
        }
    e.name = to;
    touched_.insert("enum:" + to);
    schemas_with_renames_.insert(e.schema);
    renames_.push_back({"enum:" + label(e.schema, from) + "=" + label(e.schema, to), from + "=" + to});
    log("rename enum " + from + " to " + to);
    retired_.insert("enum:" + from);
    return true;
  }

  bool m_sequences() {
    int what = static_cast<int>(rng_.below(4));
    if (what == 0 || db_.sequences.empty()) {
      add_sequence(true);
      return true;
    }
    std::size_t k = rng_.below(db_.sequences.size());
    schema::Sequence& s = db_.sequences[k];
    if (touched_.count("sequence:" + s.name)) return false;
    if (what == 1) {
      log("drop sequence " + s.name);
      retired_.insert("sequence:" + s.name);
      db_.sequences.erase(db_.sequences.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (what == 2) {
      auto before = s.options;
      random_sequence_options(s.options);
      if (s.options == before) return false;
      log("alter sequence " + s.name);
    } else {
      std::string from = s.name;
      s.name = fresh_named(db_.sequences, kSequenceNames, "seq", "sequence");
      touched_.insert("sequence:" + s.name);
      schemas_with_renames_.insert(s.schema);
      renames_.push_back({"sequence:" + label(s.schema, from) + "=" + label(s.schema, s.name), from + "=" + s.name});
      log("rename sequence " + from + " to " + s.name);
      retired_.insert("sequence:" + from);
    }
    return true;
  }

  bool schema_used(const std::string& name) const {
    for (const auto& t : db_.tables) if (t.schema == name) return true;
    for (const auto& e : db_.enums) if (e.schema == name) return true;
    for (const auto& s : db_.sequences) if (s.schema == name) return true;
    for (const auto& v : db_.views) if (v.schema == name) return true;
    return false;
  }

  bool m_schemas() {
    std::vector<std::string> free;
    for (const auto& s : kSchemaNames)
      if (std::find(db_.schemas.begin(), db_.schemas.end(), s) == db_.schemas.end() && !retired_.count("schema:" + s))
        free.push_back(s);
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 && !free.empty()) {
      db_.schemas.push_back(rng_.pick(free));
      touched_.insert("schema:" + db_.schemas.back());
      log("create schema " + db_.schemas.back());
      return true;
    }
    if (db_.schemas.empty()) return false;
    std::size_t k = rng_.below(db_.schemas.size());
    std::string name = db_.schemas[k];
    if (touched_.count("schema:" + name)) return false;
    if (what == 1) {
      if (schema_used(name)) return false;
      db_.schemas.erase(db_.schemas.begin() + static_cast<std::ptrdiff_t>(k));
      log("drop schema " + name);
      retired_.insert("schema:" + name);
      return true;
    }
    if (free.empty()) return false;
    std::string to = rng_.pick(free);
    // Earlier rename answers name objects by their old schema.
    if (schemas_with_renames_.count(name)) return false;
    // Tables in a renamed schema change key: altering their columns in the same pair crashes drizzle.
    // Identity columns (their sequence schema) and enum columns of the schema (their typeSchema) change with it,
    // which is a column change too.
    for (const auto& t : db_.tables) {
      // A column of another table typed by an enum of this schema changes too (its typeSchema).
      if (t.schema != name) {
        for (const auto& c : t.columns)
          if (c.type_schema && *c.type_schema == name && frozen_tables_.count(t.name)) return false;
        continue;
      }
      if (column_altered_tables_.count(t.name)) return false;
      for (const auto& c : t.columns)
        if (c.identity || (c.type_schema && *c.type_schema == name)) return false;
    }
    // A true rename: everything in the schema follows.
    for (auto& t : db_.tables) {
      if (t.schema == name) {
        t.schema = to;
        frozen_tables_.insert(t.name);
      }
      for (auto& c : t.columns) {
        if (c.type_schema && *c.type_schema == name) {
          c.type_schema = to;
          column_altered_tables_.insert(t.name);  // a later rename / move of the table would crash drizzle
        }
        if (c.identity && c.identity->schema == name) c.identity->schema = to;
      }
      for (auto& fk : t.foreign_keys)
        if (fk.schema_to && *fk.schema_to == name) fk.schema_to = to;
    }
    for (auto& e : db_.enums) if (e.schema == name) e.schema = to;
    for (auto& s : db_.sequences) if (s.schema == name) s.schema = to;
    for (auto& v : db_.views) if (v.schema == name) v.schema = to;
    db_.schemas[k] = to;
    touched_.insert("schema:" + to);
    renames_.push_back({"schema:" + name + "=" + to, name + "=" + to});
    log("rename schema " + name + " to " + to);
    retired_.insert("schema:" + name);
    return true;
  }

  bool m_roles() {
    std::vector<std::string> free;
    for (const auto& r : kRoleNames)
      if (std::none_of(db_.roles.begin(), db_.roles.end(), [&](const auto& x) { return x.name == r; })) free.push_back(r);
    int what = static_cast<int>(rng_.below(3));
    if ((what == 0 || db_.roles.empty()) && !free.empty()) {
      db_.roles.push_back(schema::Role{rng_.pick(free), rng_.chance(30), rng_.chance(30), rng_.chance(70)});
      touched_.insert("role:" + db_.roles.back().name);
      log("create role " + db_.roles.back().name);
      return true;
    }
    if (db_.roles.empty()) return false;
    std::size_t k = rng_.below(db_.roles.size());
    if (touched_.count("role:" + db_.roles[k].name)) return false;
    for (const auto& t : db_.tables)
      for (const auto& p : t.policies)
        if (p.to && std::find(p.to->begin(), p.to->end(), db_.roles[k].name) != p.to->end()) return false;
    if (what == 1) {
      log("drop role " + db_.roles[k].name);
      db_.roles.erase(db_.roles.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      db_.roles[k].create_db = !db_.roles[k].create_db.value_or(false);
      log("alter role " + db_.roles[k].name);
    }
    return true;
  }

  /// Moves an enum, sequence or view to another schema (a "renamed/moved" answer).
  bool m_move_object() {
    std::vector<std::string> schemas{"public"};
    for (const auto& x : db_.schemas) schemas.push_back(x);
    if (schemas.size() < 2) return false;
    int what = static_cast<int>(rng_.below(3));
    auto target = [&](const std::string& from) {
      std::string to;
      do to = rng_.pick(schemas); while (to == from);
      return to;
    };
    auto record = [&](const std::string& kind, const std::string& name, const std::string& from, const std::string& to) {
      schemas_with_renames_.insert(from);
      schemas_with_renames_.insert(to);
      touched_.insert(kind + ":" + name);
      renames_.push_back({kind + ":" + label(from, name) + "=" + label(to, name), from + "." + name + "=" + to + "." + name});
      log("move " + kind + " " + from + "." + name + " to " + to);
    };
    if (what == 0 && !db_.enums.empty()) {
      schema::Enum& e = db_.enums[rng_.below(db_.enums.size())];
      if (touched_.count("enum:" + e.name)) return false;
      for (const auto& t : db_.tables)
        for (const auto& c : t.columns)
          if (enum_of(c) == &e && frozen_tables_.count(t.name)) return false;
      std::string from = e.schema;
      std::string to = target(from);
      for (auto& t : db_.tables)
        for (auto& c : t.columns)
          if (enum_of(c) == &e) {
            c.type_schema = to;
            column_altered_tables_.insert(t.name);
          }
      e.schema = to;
      record("enum", e.name, from, to);
      return true;
    }
    if (what == 1 && !db_.sequences.empty()) {
      schema::Sequence& q = db_.sequences[rng_.below(db_.sequences.size())];
      if (touched_.count("sequence:" + q.name)) return false;
      std::string from = q.schema;
      q.schema = target(from);
      record("sequence", q.name, from, q.schema);
      return true;
    }
    if (what == 2 && !db_.views.empty()) {
      schema::View& v = db_.views[rng_.below(db_.views.size())];
      if (touched_.count("view:" + v.name)) return false;
      std::string from = *v.schema;
      v.schema = target(from);
      record("view", v.name, from, *v.schema);
      return true;
    }
    return false;
  }

  bool m_views() {
    int what = static_cast<int>(rng_.below(5));
    if (what == 0 || db_.views.empty()) {
      add_view(true);
      return !db_.tables.empty();
    }
    std::size_t k = rng_.below(db_.views.size());
    schema::View& v = db_.views[k];
    if (touched_.count("view:" + v.name)) return false;
    if (what == 1) {
      log("drop view " + v.name);
      retired_.insert("view:" + v.name);
      db_.views.erase(db_.views.begin() + static_cast<std::ptrdiff_t>(k));
    } else if (what == 2) {
      std::string before = v.definition ? v.definition->text : "";
      v.definition = random_view_definition();
      if (v.definition->text == before) return false;
      log("alter view definition " + v.name);
    } else if (what == 3) {
      if (v.with && rng_.chance(40)) v.with.reset();
      else v.with = random_view_options(v.materialized.value_or(false));
      log("alter view options " + v.name);
    } else {
      std::string from = v.name;
      v.name = fresh_named(db_.views, kViewNames, "v", "view");
      touched_.insert("view:" + v.name);
      schemas_with_renames_.insert(*v.schema);
      renames_.push_back({"view:" + label(*v.schema, from) + "=" + label(*v.schema, v.name), from + "=" + v.name});
      log("rename view " + from + " to " + v.name);
      retired_.insert("view:" + from);
    }
    return true;
  }
};

}  // namespace

SchemaPair generate_pair(std::uint64_t seed) { return Generator(seed).run(); }

namespace {

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  std::size_t start = text.find(open);
  if (start == std::string::npos) return "";
  start += open.size();
  std::size_t end = text.find(close, start);
  return end == std::string::npos ? "" : text.substr(start, end - start);
}

/// The part after the last '.' of a rename label ("schema.name" or "name").
std::string base_name(const std::string& label_text) {
  std::size_t dot = label_text.rfind('.');
  return dot == std::string::npos ? label_text : label_text.substr(dot + 1);
}

/// Names (ever) of the views that `pair.from` has in a schema the pair renames: drizzle addresses them under the
/// old schema name, sleet under the new one.
std::set<std::string> views_of_renamed_schemas(const SchemaPair& pair) {
  std::set<std::string> renamed_schemas;
  std::vector<std::pair<std::string, std::string>> view_renames;
  for (const auto& r : pair.renames) {
    std::size_t colon = r.sleet_flag.find(':');
    std::size_t eq = r.sleet_flag.find('=');
    if (colon == std::string::npos || eq == std::string::npos) continue;
    std::string kind = r.sleet_flag.substr(0, colon);
    std::string from = r.sleet_flag.substr(colon + 1, eq - colon - 1);
    std::string to = r.sleet_flag.substr(eq + 1);
    if (kind == "schema") renamed_schemas.insert(from);
    if (kind == "view") view_renames.emplace_back(base_name(from), base_name(to));
  }
  std::set<std::string> names;
  for (const auto& v : pair.from.views)
    if (v.schema && renamed_schemas.count(*v.schema)) names.insert(v.name);
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [from, to] : view_renames)
      if (names.count(from) && names.insert(to).second) grew = true;
  }
  return names;
}

bool mentions_view(const std::string& statement, const std::set<std::string>& names) {
  if (statement.find(" VIEW ") == std::string::npos) return false;
  for (const auto& n : names)
    if (statement.find(".\"" + n + "\"") != std::string::npos || statement.find(" \"" + n + "\"") != std::string::npos)
      return true;
  return false;
}

}  // namespace

void normalise_deviations(std::vector<std::string>& sleet, std::vector<std::string>& drizzle, const SchemaPair& pair) {
  // 1. Views of renamed schemas: left out of both lists.
  std::set<std::string> views = views_of_renamed_schemas(pair);
  if (!views.empty()) {
    auto drop_views = [&](std::vector<std::string>& list) {
      list.erase(std::remove_if(list.begin(), list.end(), [&](const std::string& s) { return mentions_view(s, views); }),
                 list.end());
    };
    drop_views(sleet);
    drop_views(drizzle);
  }
  // 2. drizzle's commented-out hint for a dropped column-level primary key -> sleet's DROP CONSTRAINT.
  for (std::string& statement : drizzle) {
    if (!statement.starts_with("/* \n    Unfortunately in current drizzle-kit version")) continue;
    std::string schema = between(statement, "WHERE table_schema = '", "'");
    std::string table = between(statement, "AND table_name = '", "'");
    std::string target = schema == "public" ? "\"" + table + "\"" : "\"" + schema + "\".\"" + table + "\"";
    statement = "ALTER TABLE " + target + " DROP CONSTRAINT \"" + table + "_pkey\";";
  }
  // 3. SET / DROP NOT NULL that drizzle removes on tables adding / dropping an identity.
  std::set<std::string> identity_tables;
  for (const std::string& statement : sleet) {
    std::size_t column = statement.find(" ALTER COLUMN ");
    if (column == std::string::npos) continue;
    if (statement.find(" ADD GENERATED ") != std::string::npos || statement.ends_with(" DROP IDENTITY;")) {
      identity_tables.insert(statement.substr(0, column));
    }
  }
  if (!identity_tables.empty()) {
    std::multiset<std::string> theirs(drizzle.begin(), drizzle.end());
    std::vector<std::string> kept;
    for (const std::string& statement : sleet) {
      std::size_t column = statement.find(" ALTER COLUMN ");
      bool not_null = statement.ends_with(" SET NOT NULL;") || statement.ends_with(" DROP NOT NULL;");
      if (column != std::string::npos && not_null && identity_tables.count(statement.substr(0, column)) &&
          !theirs.count(statement)) {
        continue;
      }
      kept.push_back(statement);
    }
    sleet = std::move(kept);
  }
}

}  // namespace sleet::differential
