// snapshot_bench: times snapshot::parse_snapshot and snapshot::write_snapshot on generated, realistic
// snapshots (not a test; run it by hand). A PostgreSQL schema of N tables like ../shared/bench/gen_schema.py's
// (10 columns with defaults, an enum column and an identity column, 2 indexes, 1 foreign key, a unique and a
// check constraint per table; one enum per 10 tables) and a SQLite schema of the same shape are built as
// schema::Database values, written with write_snapshot, and that text is parsed and written again several
// times. It prints the median milliseconds of parse and of write (of the parsed snapshot, i.e. the
// "generate with no changes" path) and the throughput in MB/s, and checks that the text round-trips. The
// fastest run is printed too (on a shared machine the median is noisy).
//
// usage: snapshot_bench [runs] [N...]   (defaults: 15 runs, N = 1000 3000)
// With SLEET_BENCH_DUMP=<dir> set, each generated snapshot is also saved there as <dialect>_<N>.json.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "schema/schema.hpp"
#include "snapshot/snapshot_json.hpp"

namespace {

using sleet::schema::Column;
using sleet::schema::Database;
using sleet::schema::Dialect;
using sleet::schema::Scalar;
using sleet::schema::Table;

Column column(std::string name, std::string type, bool not_null = false) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  return c;
}

sleet::schema::Index index_on(const std::string& table, const std::string& col) {
  sleet::schema::Index index;
  index.name = table + "_" + col + "_idx";
  sleet::schema::IndexColumn ic;
  ic.expression = col;
  index.columns.push_back(ic);
  return index;
}

/// A pg schema of `n` tables shaped like gen_schema.py's, plus an identity column and a check.
Database make_pg(int n) {
  Database db;
  db.dialect = Dialect::Postgres;
  int n_enum = std::max(1, n / 10);
  for (int e = 0; e < n_enum; ++e) {
    sleet::schema::Enum en;
    en.name = "status_" + std::to_string(e);
    en.schema = "public";
    en.values = {"active", "inactive", "banned"};
    db.enums.push_back(std::move(en));
  }
  for (int i = 0; i < n; ++i) {
    Table t;
    t.name = "t" + std::to_string(i);
    Column id = column("id", "integer", true);
    id.primary_key = true;
    sleet::schema::Identity identity;
    identity.type = sleet::schema::IdentityKind::ByDefault;
    identity.name = t.name + "_id_seq";
    identity.schema = "public";
    identity.options.increment = "1";
    identity.options.start_with = "1";
    identity.options.min_value = "1";
    identity.options.max_value = "2147483647";
    identity.options.cache = "1";
    identity.options.cycle = false;
    id.identity = identity;
    t.columns.push_back(id);
    t.columns.push_back(column("name", "varchar(255)", true));
    t.columns.push_back(column("email", "text", true));
    Column active = column("active", "boolean", true);
    active.default_value = Scalar::boolean(true);
    t.columns.push_back(active);
    t.columns.push_back(column("score", "numeric(10, 2)"));
    t.columns.push_back(column("payload", "jsonb"));
    Column ext = column("ext_id", "uuid");
    ext.default_value = Scalar::string("gen_random_uuid()");
    t.columns.push_back(ext);
    Column status = column("status", "status_" + std::to_string(i % n_enum));
    status.type_schema = "public";
    status.default_value = Scalar::string("'active'");
    t.columns.push_back(status);
    Column created = column("created_at", "timestamp with time zone", true);
    created.default_value = Scalar::string("now()");
    t.columns.push_back(created);
    t.columns.push_back(column("parent_id", "integer"));
    t.indexes.push_back(index_on(t.name, "name"));
    t.indexes.push_back(index_on(t.name, "created_at"));
    if (i > 0) {
      sleet::schema::ForeignKey fk;
      std::string ref = "t" + std::to_string(i - 1);
      fk.name = t.name + "_parent_id_" + ref + "_id_fk";
      fk.table_from = t.name;
      fk.table_to = ref;
      fk.columns_from = {"parent_id"};
      fk.columns_to = {"id"};
      fk.on_delete = "cascade";
      fk.on_update = "no action";
      t.foreign_keys.push_back(std::move(fk));
    }
    sleet::schema::UniqueConstraint u;
    u.name = t.name + "_email_unique";
    u.columns = {"email"};
    u.nulls_not_distinct = false;
    t.unique_constraints.push_back(std::move(u));
    sleet::schema::CheckConstraint check;
    check.name = t.name + "_score_check";
    check.value = sleet::schema::Expr("\"" + t.name + "\".\"score\" >= 0");
    t.check_constraints.push_back(std::move(check));
    db.tables.push_back(std::move(t));
  }
  return db;
}

/// A sqlite schema of `n` tables of the same shape (no enums or identity in sqlite).
Database make_sqlite(int n) {
  Database db = make_pg(n);
  db.dialect = Dialect::Sqlite;
  db.enums.clear();
  for (Table& t : db.tables) {
    for (Column& c : t.columns) {
      c.identity.reset();
      c.type_schema.reset();
      c.autoincrement = c.name == "id";
      if (c.type == "varchar(255)" || c.type == "jsonb" || c.type == "uuid" || c.type.starts_with("status")) {
        c.type = "text";
      } else if (c.type == "boolean" || c.type == "timestamp with time zone") {
        c.type = "integer";
      } else if (c.type == "numeric(10, 2)") {
        c.type = "numeric";
      }
      if (c.name == "active") c.default_value = Scalar::boolean(true);
      if (c.name == "created_at") c.default_value = Scalar::string("(unixepoch())");
    }
    for (auto& u : t.unique_constraints) u.nulls_not_distinct.reset();
    for (auto& ix : t.indexes) ix.method = "btree";
    for (auto& fk : t.foreign_keys) fk.schema_to.reset();
  }
  return db;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

/// Times one snapshot text; returns false when it does not round-trip.
bool run(const char* label, int n, Database db, int runs) {
  sleet::snapshot::Snapshot fresh;
  fresh.id = "d4c7a3b0-1f1e-4c8e-9c1a-2b3c4d5e6f70";
  fresh.prev_id = std::string(sleet::snapshot::kOriginId);
  fresh.version = db.dialect == Dialect::Postgres ? "7" : "6";
  fresh.database = std::move(db);
  const std::string text = sleet::snapshot::write_snapshot(fresh);
  if (const char* dir = std::getenv("SLEET_BENCH_DUMP")) {
    std::string path = std::string(dir) + "/" + label + "_" + std::to_string(n) + ".json";
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
      std::fwrite(text.data(), 1, text.size(), f);
      std::fclose(f);
    }
  }

  std::vector<double> parse_ms;
  std::vector<double> write_ms;
  std::vector<double> fresh_ms;
  std::size_t sink = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    auto parsed = sleet::snapshot::parse_snapshot(text, "bench.json");
    parse_ms.push_back(ms_since(t0));
    if (!parsed) {
      std::fprintf(stderr, "%s: parse failed: %s\n", label, parsed.error().message.c_str());
      return false;
    }
    auto t1 = std::chrono::steady_clock::now();
    std::string written = sleet::snapshot::write_snapshot(*parsed);
    write_ms.push_back(ms_since(t1));
    if (written != text) {
      std::fprintf(stderr, "%s: write(parse(text)) differs from text\n", label);
      return false;
    }
    auto t2 = std::chrono::steady_clock::now();
    std::string again = sleet::snapshot::write_snapshot(fresh);
    fresh_ms.push_back(ms_since(t2));
    sink += again.size();
  }
  double mb = static_cast<double>(text.size()) / (1024.0 * 1024.0);
  double p = median(parse_ms);
  double w = median(write_ms);
  std::printf("%-7s N=%-5d %6.2f MB  parse %7.2f ms (%6.0f MB/s)  write %7.2f ms (%6.0f MB/s)  total %7.2f ms"
              "  [min parse %.2f, write %.2f; write fresh %.2f ms]\n",
              label, n, mb, p, mb / (p / 1000.0), w, mb / (w / 1000.0), p + w, fastest(parse_ms),
              fastest(write_ms), median(fresh_ms));
  return sink > 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 15;
  std::vector<int> sizes;
  for (int i = 2; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {1000, 3000};
  if (runs < 1) runs = 1;
  bool ok = true;
  for (int n : sizes) ok = run("pg", n, make_pg(n), runs) && ok;
  for (int n : sizes) ok = run("sqlite", n, make_sqlite(n), runs) && ok;
  return ok ? 0 : 1;
}
