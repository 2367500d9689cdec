// The random SQLite schema pair generator and the normalisation of sleet's documented SQLite deviations
// (random_sqlite_schema.hpp). Every mutation keeps the model valid (foreign keys, indexes, keys, checks, generated
// expressions and views only name columns and tables that exist) and records rename answers.
#include "random_sqlite_schema.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace sleet::differential {

namespace {

using schema::Column;
using schema::Database;
using schema::Scalar;
using schema::Table;

const std::vector<std::string> kTableNames = {"users",    "posts",    "comments", "orders",  "items",   "tags",
                                              "accounts", "profiles", "events",   "invoices", "payments", "sessions",
                                              "teams",    "projects", "tasks",    "notes",   "files",   "logs"};
const std::vector<std::string> kColumnNames = {"name",  "title", "email", "age",   "price", "amount", "active",
                                               "created_at", "updated_at", "payload", "token", "state", "level",
                                               "note",  "code",  "rating", "deleted_at", "weight", "score", "body"};
const std::vector<std::string> kViewNames = {"active_view", "recent_view", "summary_view", "report_view"};
const std::vector<std::string> kActions = {"no action", "cascade", "set null", "restrict", "set default"};

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? sep : "") + items[i];
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = text.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(text, pos, hit - pos);
    out += to;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

std::string dq(const std::string& name) { return "\"" + name + "\""; }

bool numeric_type(const std::string& type) { return type == "integer" || type == "real" || type == "numeric"; }

class SqliteGenerator {
 public:
  explicit SqliteGenerator(std::uint64_t seed) : rng_(seed) {}

  SchemaPair run() {
    SchemaPair pair;
    db_ = Database{};
    db_.dialect = schema::Dialect::Sqlite;
    for (std::size_t i = 0, n = 2 + rng_.below(5); i < n; ++i) add_table(false);
    for (std::size_t i = 0, n = rng_.below(3); i < n; ++i) add_view(false);
    pair.from = db_;
    int count = 1 + static_cast<int>(rng_.below(rng_.chance(20) ? 10 : 5));
    int applied = 0;
    for (int attempt = 0; attempt < 80 && applied < count; ++attempt) {
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
  std::set<std::string> touched_;  // "kind:name" of objects created or renamed by a mutation
  std::set<std::string> retired_;  // "kind:name" of dropped or renamed-away objects: never reused
  std::set<std::string> used_object_names_;
  int counter_ = 0;

  void log(std::string text) { log_.push_back(std::move(text)); }

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
  std::string fresh_view_name() {
    auto used = [&](const std::string& n) {
      return retired_.count("view:" + n) ||
             std::any_of(db_.views.begin(), db_.views.end(), [&](const schema::View& v) { return v.name == n; });
    };
    std::vector<std::string> free;
    for (const auto& n : kViewNames)
      if (!used(n)) free.push_back(n);
    if (!free.empty() && rng_.chance(80)) return rng_.pick(free);
    std::string name;
    do name = "v" + std::to_string(++counter_); while (used(name));
    return name;
  }
  std::string fresh_object_name(const std::string& base) {
    std::string name = base;
    while (used_object_names_.count(name)) name = base + "_" + std::to_string(++counter_);
    used_object_names_.insert(name);
    return name;
  }

  // ---- columns -----------------------------------------------------------------------------------------

  std::optional<Scalar> random_default(const std::string& type) {
    if (type == "integer") {
      static const std::vector<std::string> kNumbers = {"0", "1", "42", "-1"};
      int what = static_cast<int>(rng_.below(10));
      if (what < 6) return Scalar::number(rng_.pick(kNumbers));
      if (what < 8) return Scalar::boolean(rng_.chance(50));
      return Scalar::string(rng_.chance(50) ? "(unixepoch())" : "(CURRENT_TIMESTAMP)");
    }
    if (type == "real") {
      static const std::vector<std::string> kFractions = {"0", "1.5", "-2.25", "100"};
      return Scalar::number(rng_.pick(kFractions));
    }
    if (type == "numeric") return rng_.chance(50) ? Scalar::string("'1.50'") : Scalar::number("10");
    if (type.starts_with("text")) {
      static const std::vector<std::string> kStrings = {"'x'", "'hello'", "''", "'it''s'", "'n/a'",
                                                        "(CURRENT_TIMESTAMP)"};
      return Scalar::string(rng_.pick(kStrings));
    }
    return std::nullopt;  // blob
  }

  std::string random_type() {
    static const std::vector<std::string> kTypes = {"integer", "integer", "text", "text", "real",
                                                    "blob",    "numeric", "text(64)"};
    return rng_.pick(kTypes);
  }

  /// Another integer column of `t` that is not generated (for generated expressions), or "".
  std::string other_integer(const Table& t, const std::string& except) {
    std::vector<std::string> names;
    for (const auto& c : t.columns)
      if (c.name != except && c.type == "integer" && !c.generated) names.push_back(c.name);
    return names.empty() ? "" : rng_.pick(names);
  }

  std::string generated_expression(const std::string& other) {
    static const std::vector<std::string> kOps = {" * 2", " + 1", " * 3"};
    return "(" + dq(other) + rng_.pick(kOps) + ")";
  }

  Column make_column(const Table& t, const std::string& name, bool allow_stored) {
    Column c;
    c.name = name;
    c.type = random_type();
    c.autoincrement = false;
    c.not_null = rng_.chance(30);
    if (rng_.chance(40)) c.default_value = random_default(c.type);
    if ((c.type == "integer" || c.type == "real") && rng_.chance(12)) {
      std::string other = other_integer(t, name);
      if (!other.empty()) {
        c.default_value.reset();
        bool stored = allow_stored && rng_.chance(50);
        c.generated = schema::Generated{generated_expression(other),
                                        stored ? schema::GeneratedKind::Stored : schema::GeneratedKind::Virtual};
      }
    }
    return c;
  }

  // ---- base objects --------------------------------------------------------------------------------------

  const Column* id_of(const Table& t) const {
    for (const auto& c : t.columns)
      if (c.name == "id" && c.primary_key) return &c;
    return nullptr;
  }

  schema::ForeignKey make_foreign_key(const Table& t, const std::string& column, const Table& target) {
    schema::ForeignKey fk;
    fk.name = fresh_object_name(t.name + "_" + column + "_" + target.name + "_id_fk");
    fk.table_from = t.name;
    fk.table_to = target.name;
    fk.columns_from = {column};
    fk.columns_to = {"id"};
    fk.on_delete = rng_.chance(50) ? "no action" : rng_.pick(kActions);
    fk.on_update = rng_.chance(70) ? "no action" : rng_.pick(kActions);
    return fk;
  }

  /// A new column `<target>_id` of `t` referencing some table's "id" key, plus its foreign key.
  bool add_foreign_key_column(Table& t) {
    std::vector<const Table*> targets;
    for (const auto& other : db_.tables)
      if (id_of(other) != nullptr) targets.push_back(&other);  // self references included
    if (targets.empty()) return false;
    const Table& target = *rng_.pick(targets);
    Column c;
    c.name = target.name + "_id";
    if (retired_.count("column:" + t.name + "." + c.name) ||
        std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& x) { return x.name == c.name; }))
      return false;
    c.type = id_of(target)->type;
    c.autoincrement = false;
    c.not_null = rng_.chance(40);
    schema::ForeignKey fk = make_foreign_key(t, c.name, target);
    t.columns.push_back(std::move(c));
    t.foreign_keys.push_back(std::move(fk));
    return true;
  }

  std::vector<std::string> random_columns(const Table& t, std::size_t max_count, bool plain_only) {
    std::vector<std::string> pool;
    for (const auto& c : t.columns)
      if (!plain_only || !c.generated) pool.push_back(c.name);
    std::vector<std::string> out;
    for (std::size_t i = 0, n = 1 + rng_.below(max_count); i < n && !pool.empty(); ++i) {
      std::size_t k = rng_.below(pool.size());
      out.push_back(pool[k]);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
    }
    return out;
  }

  std::string random_check_value(const Table& t) {
    const Column& c = rng_.pick(t.columns);
    std::string ref = rng_.chance(30) ? dq(t.name) + "." + dq(c.name) : dq(c.name);
    if (numeric_type(c.type)) return ref + (rng_.chance(50) ? " > 0" : " >= 10");
    if (c.type.starts_with("text")) return "length(" + ref + ") > " + (rng_.chance(50) ? "0" : "2");
    return ref + " IS NOT NULL";
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
    std::vector<std::string> texts;
    for (const auto& c : t.columns)
      if (c.type.starts_with("text")) texts.push_back(c.name);
    if (!texts.empty() && rng_.chance(15)) {
      schema::IndexColumn ic;
      ic.expression = "lower(" + dq(rng_.pick(texts)) + ")";
      ic.is_expression = true;
      index.columns.push_back(std::move(ic));
      if (rng_.chance(30)) {
        schema::IndexColumn plain;
        plain.expression = rng_.pick(t.columns).name;
        if (plain.expression != index.columns.front().expression) index.columns.push_back(std::move(plain));
      }
    } else {
      for (const auto& col : random_columns(t, 2, false)) {
        schema::IndexColumn ic;
        ic.expression = col;
        index.columns.push_back(std::move(ic));
      }
    }
    index.is_unique = rng_.chance(25);
    if (rng_.chance(20)) {
      const Column& c = rng_.pick(t.columns);
      index.where = rng_.chance(50) ? dq(c.name) + " IS NOT NULL" : dq(t.name) + "." + dq(c.name) + " is not null";
    }
    return index;
  }

  void add_index(Table& t) {
    std::string name = fresh_object_name(rng_.chance(60) ? t.name + "_idx" : "idx_" + t.name);
    t.indexes.push_back(random_index(t, name));
  }

  void add_unique(Table& t) {
    auto cols = random_columns(t, 2, true);
    if (cols.empty()) return;
    schema::UniqueConstraint u;
    u.name = fresh_object_name(t.name + "_" + join(cols, "_") + "_unique");
    u.columns = cols;
    t.unique_constraints.push_back(std::move(u));
  }

  void add_table(bool logged) {
    Table t;
    t.name = fresh_table_name();
    int pk_style = static_cast<int>(rng_.below(5));
    if (pk_style <= 2) {
      Column id;
      id.name = "id";
      id.primary_key = true;
      id.not_null = true;
      id.type = pk_style == 2 ? "text" : "integer";
      id.autoincrement = pk_style == 1;
      t.columns.push_back(std::move(id));
    }
    for (std::size_t i = 0, n = 2 + rng_.below(4); i < n; ++i)
      t.columns.push_back(make_column(t, fresh_column_name(t), true));
    for (std::size_t i = 0, n = rng_.below(3); i < n; ++i) add_foreign_key_column(t);
    if (pk_style == 3) {
      auto cols = random_columns(t, 2, true);
      for (auto& c : t.columns)
        if (std::find(cols.begin(), cols.end(), c.name) != cols.end()) c.not_null = true;
      if (!cols.empty())
        t.composite_primary_keys.push_back(schema::PrimaryKey{t.name + "_" + join(cols, "_") + "_pk", cols});
    }
    for (std::size_t i = 0, n = rng_.chance(30) ? 1 : 0; i < n; ++i) add_unique(t);
    for (std::size_t i = 0, n = rng_.below(2); i < n; ++i) add_check(t);
    for (std::size_t i = 0, n = rng_.below(4); i < n; ++i) add_index(t);
    if (logged) log("create table " + t.name);
    if (logged) touched_.insert("table:" + t.name);
    db_.tables.push_back(std::move(t));
  }

  std::string random_view_definition() {
    const Table& t = rng_.pick(db_.tables);
    const Column& c = rng_.pick(t.columns);
    std::string out = "select " + dq(c.name) + " from " + dq(t.name);
    if (rng_.chance(40)) out += " where " + dq(c.name) + " is not null";
    return out;
  }

  void add_view(bool logged) {
    if (db_.tables.empty()) return;
    schema::View v;
    v.name = fresh_view_name();
    v.is_existing = rng_.chance(5);
    if (!v.is_existing) v.definition = random_view_definition();
    if (logged) log("create view " + v.name);
    if (logged) touched_.insert("view:" + v.name);
    db_.views.push_back(std::move(v));
  }

  // ---- helpers for mutations -----------------------------------------------------------------------------

  Table* random_table() { return db_.tables.empty() ? nullptr : &db_.tables[rng_.below(db_.tables.size())]; }

  Column* random_column(Table& t) {
    std::vector<Column*> cols;
    for (auto& c : t.columns)
      if (!touched_.count("column:" + t.name + "." + c.name)) cols.push_back(&c);
    return cols.empty() ? nullptr : cols[rng_.below(cols.size())];
  }

  static bool in_unique(const Table& t, const std::string& column) {
    for (const auto& u : t.unique_constraints)
      if (std::find(u.columns.begin(), u.columns.end(), column) != u.columns.end()) return true;
    return false;
  }

  bool referenced(const std::string& table, const std::string& column) const {
    for (const auto& other : db_.tables)
      for (const auto& fk : other.foreign_keys)
        if (fk.table_to == table &&
            std::find(fk.columns_to.begin(), fk.columns_to.end(), column) != fk.columns_to.end())
          return true;
    return false;
  }

  /// Whether SQL text `text` names column `name` of table `table` (quoted forms the generator writes).
  static bool mentions(const std::string& text, const std::string& name) {
    return text.find(dq(name)) != std::string::npos;
  }

  /// Removes everything in `t` (and foreign keys elsewhere, views) that names column `name`.
  void forget_column(Table& t, const std::string& name) {
    auto names = [&](const std::vector<std::string>& cols) {
      return std::find(cols.begin(), cols.end(), name) != cols.end();
    };
    std::erase_if(t.indexes, [&](const schema::Index& i) {
      return std::any_of(i.columns.begin(), i.columns.end(),
                         [&](const schema::IndexColumn& c) { return c.expression == name || mentions(c.expression, name); }) ||
             (i.where && mentions(i.where->text, name));
    });
    std::erase_if(t.composite_primary_keys, [&](const auto& pk) { return names(pk.columns); });
    std::erase_if(t.check_constraints, [&](const auto& c) { return mentions(c.value.text, name); });
    std::erase_if(t.foreign_keys, [&](const auto& fk) { return names(fk.columns_from); });
    for (auto& c : t.columns)
      if (c.generated && mentions(c.generated->as.text, name)) c.generated.reset();  // made plain (no STORED add)
    for (auto& other : db_.tables)
      std::erase_if(other.foreign_keys,
                    [&](const schema::ForeignKey& fk) { return fk.table_to == t.name && names(fk.columns_to); });
    std::erase_if(db_.views, [&](const schema::View& v) {
      bool gone = v.definition && mentions(v.definition->text, name) && mentions(v.definition->text, t.name);
      if (gone) retired_.insert("view:" + v.name);
      return gone;
    });
  }

  // ---- mutations -----------------------------------------------------------------------------------------

  bool mutate() {
    struct Mutation {
      int weight;
      std::function<bool()> run;
    };
    std::vector<Mutation> mutations = {
        {3, [&] { return m_add_table(); }},        {2, [&] { return m_drop_table(); }},
        {3, [&] { return m_rename_table(); }},     {6, [&] { return m_add_column(); }},
        {4, [&] { return m_drop_column(); }},      {4, [&] { return m_rename_column(); }},
        {3, [&] { return m_alter_type(); }},       {4, [&] { return m_alter_default(); }},
        {3, [&] { return m_alter_not_null(); }},   {1, [&] { return m_autoincrement(); }},
        {2, [&] { return m_column_pk(); }},        {2, [&] { return m_generated(); }},
        {5, [&] { return m_indexes(); }},          {2, [&] { return m_checks(); }},
        {3, [&] { return m_foreign_keys(); }},     {2, [&] { return m_composite_pk(); }},
        {3, [&] { return m_views(); }},
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
    for (const auto& v : db_.views)
      if (v.definition && mentions(v.definition->text, name)) return false;  // a view would read a missing table
    log("drop table " + name);
    retired_.insert("table:" + name);
    for (auto& other : db_.tables) {
      if (other.name == name) continue;
      std::vector<std::string> fk_columns;
      for (const auto& fk : other.foreign_keys)
        if (fk.table_to == name) fk_columns.insert(fk_columns.end(), fk.columns_from.begin(), fk.columns_from.end());
      std::erase_if(other.foreign_keys, [&](const auto& fk) { return fk.table_to == name; });
      if (rng_.chance(50)) {  // as when a user deletes the relation
        for (const auto& col : fk_columns) {
          if (in_unique(other, col) || other.columns.size() <= 1) continue;
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
    if (t == nullptr || touched_.count("table:" + t->name)) return false;
    std::string from = t->name;
    std::string to = fresh_table_name();
    t->name = to;
    // What the user's schema file says after the rename: references, checks, partial indexes and views name it.
    for (auto& other : db_.tables) {
      for (auto& fk : other.foreign_keys) {
        if (fk.table_to == from) fk.table_to = to;
        if (fk.table_from == from) fk.table_from = to;
      }
    }
    for (auto& c : t->check_constraints) c.value.text = replace_all(c.value.text, dq(from) + ".", dq(to) + ".");
    for (auto& i : t->indexes)
      if (i.where) i.where->text = replace_all(i.where->text, dq(from) + ".", dq(to) + ".");
    for (auto& v : db_.views)
      if (v.definition) v.definition->text = replace_all(v.definition->text, " from " + dq(from), " from " + dq(to));
    touched_.insert("table:" + to);
    renames_.push_back({"table:" + from + "=" + to, from + "=" + to});
    log("rename table " + from + " to " + to);
    retired_.insert("table:" + from);
    return true;
  }

  bool m_add_column() {
    Table* t = random_table();
    if (t == nullptr) return false;
    if (rng_.chance(25)) {
      if (!add_foreign_key_column(*t)) return false;
      log("add foreign key column " + t->name + "." + t->columns.back().name);
      touched_.insert("column:" + t->name + "." + t->columns.back().name);
      return true;
    }
    Column c = make_column(*t, fresh_column_name(*t), false);  // no STORED column on an existing table
    if (c.not_null && !c.default_value && rng_.chance(50)) c.default_value = random_default(c.type);
    log("add column " + t->name + "." + c.name + " " + c.type + (c.generated ? " generated" : ""));
    touched_.insert("column:" + t->name + "." + c.name);
    t->columns.push_back(std::move(c));
    return true;
  }

  bool m_drop_column() {
    Table* t = random_table();
    if (t == nullptr || t->columns.size() <= 1) return false;
    Column* c = random_column(*t);
    if (c == nullptr || in_unique(*t, c->name)) return false;
    std::string name = c->name;
    if (!c->generated) {
      // Dropping a column a STORED column is computed from would make it plain: a STORED change (left out).
      for (const auto& other : t->columns)
        if (other.generated && other.generated->type == schema::GeneratedKind::Stored &&
            mentions(other.generated->as.text, name))
          return false;
    }
    forget_column(*t, name);
    std::erase_if(t->columns, [&](const Column& x) { return x.name == name; });
    log("drop column " + t->name + "." + name);
    retired_.insert("column:" + t->name + "." + name);
    return true;
  }

  bool m_rename_column() {
    Table* t = random_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->name == "id" || in_unique(*t, c->name)) return false;
    for (const auto& other : t->columns)
      if (other.generated && other.generated->type == schema::GeneratedKind::Stored &&
          mentions(other.generated->as.text, c->name))
        return false;  // the STORED expression would change
    std::string from = c->name;
    std::string to = fresh_column_name(*t);
    c->name = to;
    auto rename_in = [&](std::vector<std::string>& cols) {
      for (auto& col : cols)
        if (col == from) col = to;
    };
    for (auto& pk : t->composite_primary_keys) rename_in(pk.columns);
    for (auto& fk : t->foreign_keys) rename_in(fk.columns_from);
    for (auto& i : t->indexes) {
      for (auto& ic : i.columns) {
        if (!ic.is_expression && ic.expression == from) ic.expression = to;
        if (ic.is_expression) ic.expression = replace_all(ic.expression, dq(from), dq(to));
      }
      if (i.where) i.where->text = replace_all(i.where->text, dq(from), dq(to));
    }
    for (auto& ck : t->check_constraints) ck.value.text = replace_all(ck.value.text, dq(from), dq(to));
    for (auto& col : t->columns)
      if (col.generated) col.generated->as.text = replace_all(col.generated->as.text, dq(from), dq(to));
    for (auto& v : db_.views)
      if (v.definition && mentions(v.definition->text, t->name))
        v.definition->text = replace_all(v.definition->text, dq(from), dq(to));
    touched_.insert("column:" + t->name + "." + to);
    renames_.push_back({"column:" + t->name + "." + from + "=" + to, t->name + "." + from + "=" + t->name + "." + to});
    log("rename column " + t->name + "." + from + " to " + to);
    retired_.insert("column:" + t->name + "." + from);
    return true;
  }

  bool m_alter_type() {
    Table* t = random_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->primary_key || c->generated || c->name.ends_with("_id")) return false;
    std::string before = c->type;
    c->type = rng_.chance(30) && before == "text" ? "text(64)" : random_type();
    if (c->type == before) return false;
    if (c->default_value) c->default_value = random_default(c->type);
    log("alter column type " + t->name + "." + c->name + " " + before + " -> " + c->type);
    return true;
  }

  bool m_alter_default() {
    Table* t = random_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->generated || c->primary_key) return false;
    auto before = c->default_value;
    if (c->default_value && rng_.chance(40)) c->default_value.reset();
    else c->default_value = random_default(c->type);
    if (c->default_value == before) return false;
    log("alter default " + t->name + "." + c->name);
    return true;
  }

  bool m_alter_not_null() {
    Table* t = random_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->primary_key) return false;
    for (const auto& pk : t->composite_primary_keys)
      if (std::find(pk.columns.begin(), pk.columns.end(), c->name) != pk.columns.end()) return false;
    c->not_null = !c->not_null;
    log(std::string(c->not_null ? "set" : "drop") + " not null " + t->name + "." + c->name);
    return true;
  }

  bool m_autoincrement() {
    Table* t = random_table();
    if (t == nullptr) return false;
    for (auto& c : t->columns) {
      if (c.primary_key && c.type == "integer") {
        c.autoincrement = !c.autoincrement.value_or(false);
        log(std::string(*c.autoincrement ? "set" : "drop") + " autoincrement " + t->name + "." + c.name);
        return true;
      }
    }
    return false;
  }

  bool m_column_pk() {
    Table* t = random_table();
    if (t == nullptr || !t->composite_primary_keys.empty()) return false;
    for (auto& c : t->columns) {
      if (!c.primary_key) continue;
      if (referenced(t->name, c.name)) return false;
      c.primary_key = false;
      c.autoincrement = false;
      log("drop column primary key " + t->name + "." + c.name);
      return true;
    }
    Column* c = random_column(*t);
    if (c == nullptr || c->generated) return false;
    c->primary_key = true;
    c->not_null = true;
    log("set column primary key " + t->name + "." + c->name);
    return true;
  }

  /// VIRTUAL expressions set or changed, and generated expressions (either kind) dropped.
  bool m_generated() {
    Table* t = random_table();
    if (t == nullptr) return false;
    Column* c = random_column(*t);
    if (c == nullptr || c->primary_key || c->name.ends_with("_id") || in_unique(*t, c->name)) return false;
    if (c->generated && (rng_.chance(50) || c->generated->type == schema::GeneratedKind::Stored)) {
      c->generated.reset();
      log("drop generated " + t->name + "." + c->name);
      return true;
    }
    if (c->type != "integer" && c->type != "real") return false;
    if (referenced(t->name, c->name)) return false;
    for (const auto& other : t->columns)
      if (other.generated && mentions(other.generated->as.text, c->name)) return false;
    std::string other = other_integer(*t, c->name);
    if (other.empty()) return false;
    std::string expr = generated_expression(other);
    if (c->generated && c->generated->as.text == expr) return false;
    c->default_value.reset();
    c->generated = schema::Generated{expr, schema::GeneratedKind::Virtual};
    log("set virtual generated " + t->name + "." + c->name + " " + expr);
    return true;
  }

  bool m_indexes() {
    Table* t = random_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(3));
    if (what == 0 || t->indexes.empty()) {
      add_index(*t);
      log("create index " + t->indexes.back().name);
      return true;
    }
    std::size_t k = rng_.below(t->indexes.size());
    if (what == 1) {
      log("drop index " + t->indexes[k].name);
      t->indexes.erase(t->indexes.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      schema::Index& index = t->indexes[k];
      int how = static_cast<int>(rng_.below(3));
      if (how == 0) index.is_unique = !index.is_unique;
      else if (how == 1) index.where = index.where ? std::nullopt : std::optional<schema::Expr>(dq(t->columns.front().name) + " IS NOT NULL");
      else index = random_index(*t, index.name);
      log("alter index " + index.name);
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
    Table* t = random_table();
    if (t == nullptr) return false;
    int what = static_cast<int>(rng_.below(4));
    if (what == 0 || t->foreign_keys.empty()) {
      // A foreign key on an existing column (a recreation on both sides).
      std::vector<const Table*> targets;
      for (const auto& other : db_.tables)
        if (const Column* id = id_of(other); id != nullptr) targets.push_back(&other);
      if (targets.empty()) return false;
      const Table& target = *rng_.pick(targets);
      const std::string id_type = id_of(target)->type;
      std::vector<std::string> candidates;
      for (const auto& c : t->columns) {
        bool has_fk = std::any_of(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const auto& fk) {
          return fk.columns_from.front() == c.name;
        });
        if (c.type == id_type && !c.generated && !c.primary_key && !has_fk) candidates.push_back(c.name);
      }
      if (candidates.empty()) return false;
      std::string column = rng_.pick(candidates);
      t->foreign_keys.push_back(make_foreign_key(*t, column, target));
      log("add foreign key " + t->foreign_keys.back().name);
      return true;
    }
    std::size_t k = rng_.below(t->foreign_keys.size());
    if (what == 1) {
      log("drop foreign key " + t->foreign_keys[k].name);
      t->foreign_keys.erase(t->foreign_keys.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      auto& fk = t->foreign_keys[k];
      auto before = fk;
      fk.on_delete = rng_.pick(kActions);
      fk.on_update = rng_.pick(kActions);
      if (fk == before) return false;
      log("alter foreign key " + fk.name);
    }
    return true;
  }

  bool m_composite_pk() {
    Table* t = random_table();
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
        log("alter composite primary key " + pk.name.value_or(""));
      }
      return true;
    }
    auto cols = random_columns(*t, 2, true);
    if (cols.empty()) return false;
    std::string name = t->name + "_" + join(cols, "_") + "_pk";
    if (used_object_names_.count(name)) return false;
    used_object_names_.insert(name);
    for (auto& c : t->columns)
      if (std::find(cols.begin(), cols.end(), c.name) != cols.end()) c.not_null = true;
    t->composite_primary_keys.push_back(schema::PrimaryKey{name, cols});
    log("add composite primary key " + name);
    return true;
  }

  bool m_views() {
    int what = static_cast<int>(rng_.below(4));
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
      if (v.is_existing) return false;
      std::string before = v.definition ? v.definition->text : "";
      v.definition = random_view_definition();
      if (v.definition->text == before) return false;
      log("alter view definition " + v.name);
    } else {
      std::string from = v.name;
      v.name = fresh_view_name();
      touched_.insert("view:" + v.name);
      renames_.push_back({"view:" + from + "=" + v.name, from + "=" + v.name});
      log("rename view " + from + " to " + v.name);
      retired_.insert("view:" + from);
    }
    return true;
  }
};

// ---- normalisation ----------------------------------------------------------------------------------------

struct Renames {
  std::map<std::string, std::string> tables;                             // old -> new
  std::map<std::string, std::map<std::string, std::string>> columns;     // new table -> (new column -> old column)
};

Renames parse_renames(const SchemaPair& pair) {
  Renames out;
  for (const auto& r : pair.renames) {
    std::size_t colon = r.sleet_flag.find(':');
    std::size_t eq = r.sleet_flag.find('=');
    std::string kind = r.sleet_flag.substr(0, colon);
    std::string from = r.sleet_flag.substr(colon + 1, eq - colon - 1);
    std::string to = r.sleet_flag.substr(eq + 1);
    if (kind == "table") out.tables[from] = to;
    if (kind == "column") {
      std::size_t dot = from.find('.');
      out.columns[from.substr(0, dot)][to] = from.substr(dot + 1);
    }
  }
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(", ", start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
    out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out;
}

const Table* find_table(const Database& db, const std::string& name) {
  for (const auto& t : db.tables)
    if (t.name == name) return &t;
  return nullptr;
}

const Column* find_column(const Table& t, const std::string& name) {
  for (const auto& c : t.columns)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

SchemaPair generate_sqlite_pair(std::uint64_t seed) { return SqliteGenerator(seed).run(); }

void normalise_sqlite_deviations(std::vector<std::string>& sleet, std::vector<std::string>& drizzle,
                                 const SchemaPair& pair, std::vector<std::string>& problems) {
  const Renames renames = parse_renames(pair);
  std::set<std::string> drizzle_set(drizzle.begin(), drizzle.end());

  // 1. Expression index columns quoted as names by drizzle after a recreation.
  for (std::string& s : drizzle) {
    if (!s.starts_with("CREATE INDEX ") && !s.starts_with("CREATE UNIQUE INDEX ")) continue;
    std::size_t on = s.find("` ON `");
    std::size_t open = on == std::string::npos ? on : s.find("` (", on + 6);
    if (open == std::string::npos) continue;
    std::size_t start = open + 3;
    std::size_t end = s.find(") WHERE ", start);
    if (end == std::string::npos) end = s.rfind(");");
    if (end == std::string::npos || end < start) continue;
    std::string list;
    std::size_t item_start = start;
    while (item_start <= end) {  // the generator's expressions hold no comma
      std::size_t comma = s.find(',', item_start);
      if (comma == std::string::npos || comma > end) comma = end;
      std::string item = s.substr(item_start, comma - item_start);
      if (item.size() > 2 && item.front() == '`' && item.back() == '`' && item.find('(') != std::string::npos)
        item = item.substr(1, item.size() - 2);
      list += (list.empty() ? "" : ",") + item;
      item_start = comma + 1;
    }
    s = s.substr(0, start) + list + s.substr(end);
  }

  // 2 + 3. The recreation's INSERT … SELECT, in sleet's form.
  std::vector<std::string> kept;
  for (const std::string& s : drizzle) {
    static const std::regex insert("^INSERT INTO `__new_([^`]*)`\\((.*)\\) SELECT (.*) FROM `([^`]*)`;$");
    std::smatch m;
    if (!std::regex_match(s, m, insert)) {
      kept.push_back(s);
      continue;
    }
    const std::string table = m[1];
    std::string old_name = table;
    for (const auto& [from, to] : renames.tables)
      if (to == table) old_name = from;
    const Table* old_table = find_table(pair.from, old_name);
    const Table* new_table = find_table(pair.to, table);
    if (old_table == nullptr || new_table == nullptr) {
      kept.push_back(s);
      continue;
    }
    std::map<std::string, std::string> column_renames;
    if (auto it = renames.columns.find(table); it != renames.columns.end()) column_renames = it->second;
    std::string to_list;
    std::string from_list;
    for (const std::string& column : split_list(m[2])) {
      std::string before = column;
      if (auto it = column_renames.find(column); it != column_renames.end()) before = it->second;
      if (find_column(*old_table, before) == nullptr) continue;  // added in this migration
      const Column* now = find_column(*new_table, column);
      if (now != nullptr && now->generated) continue;  // SQLite computes it
      std::string folded_rename = "ALTER TABLE `" + table + "` RENAME COLUMN \"" + before + "\" TO \"" + column + "\";";
      std::string source = before != column && !drizzle_set.count(folded_rename) ? before : column;
      to_list += (to_list.empty() ? "" : ", ") + dq(column);
      from_list += (from_list.empty() ? "" : ", ") + dq(source);
    }
    if (to_list.empty()) continue;
    kept.push_back("INSERT INTO `__new_" + table + "`(" + to_list + ") SELECT " + from_list + " FROM `" + table + "`;");
  }
  drizzle = std::move(kept);

  // 4. The actions sleet keeps on ADD … REFERENCES.
  for (std::string& s : sleet) {
    if (!s.starts_with("ALTER TABLE ") || s.find("` ADD `") == std::string::npos) continue;
    std::size_t ref = s.find(" REFERENCES ");
    if (ref == std::string::npos) continue;
    std::size_t close = s.find(')', ref);
    if (close != std::string::npos) s = s.substr(0, close + 1) + ";";
  }

  // 5. One PRAGMA pair per recreation in sleet's list; drizzle keeps the first of each.
  {
    std::set<std::string> seen;
    std::vector<std::string> out;
    for (const std::string& s : sleet) {
      if (s.starts_with("PRAGMA foreign_keys=") && !seen.insert(s).second) continue;
      out.push_back(s);
    }
    sleet = std::move(out);
  }

  // 6. Views sleet drops before a recreation (and creates again after the last one).
  std::size_t last_recreation = 0;
  bool any_recreation = false;
  for (std::size_t i = 0; i < sleet.size(); ++i)
    if (sleet[i].starts_with("CREATE TABLE `__new_")) {
      last_recreation = i;
      any_recreation = true;
    }
  if (any_recreation) {
    std::set<std::string> moved;
    for (std::size_t i = 0; i < last_recreation; ++i) {
      const std::string& s = sleet[i];
      if (s.starts_with("DROP VIEW `") && s.ends_with("`;")) moved.insert(s.substr(11, s.size() - 13));
    }
    for (const std::string& v : moved) {
      const std::string drop = "DROP VIEW `" + v + "`;";
      const std::string create = "CREATE VIEW `" + v + "` AS ";
      auto is_view_statement = [&](const std::string& s) { return s == drop || s.starts_with(create); };
      const bool still_there = std::any_of(pair.to.views.begin(), pair.to.views.end(),
                                           [&](const schema::View& x) { return x.name == v && !x.is_existing; });
      const auto creates = std::count_if(sleet.begin(), sleet.end(), [&](const std::string& s) { return s.starts_with(create); });
      if (still_there && creates != 1) {
        problems.push_back("sleet drops view `" + v + "` before a recreation but creates it " + std::to_string(creates) +
                           " times (expected once)");
      }
      std::erase_if(sleet, is_view_statement);
      std::erase_if(drizzle, is_view_statement);
    }
  }

  // 7. Unique constraints kept in sleet's recreated tables.
  static const std::regex unique_line(",\n\tCONSTRAINT [^ \n]+ UNIQUE\\([^)]*\\)");
  for (std::string& s : sleet)
    if (s.starts_with("CREATE TABLE `__new_")) s = std::regex_replace(s, unique_line, "");
}

}  // namespace sleet::differential
