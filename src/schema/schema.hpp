// The schema model (IR): plain values that every schema source produces (SQL DDL, snapshot JSON, live
// database) and every command consumes. It holds everything drizzle's postgresql snapshot v7 and sqlite
// snapshot v6 can hold. References between objects are by name, never by pointer; every struct compares
// with a defaulted operator==. Order of vectors is meaningful (it is drizzle's object key order).
//
// Optional fields are std::optional where drizzle's snapshot format lets the key be absent, so that a
// snapshot read and written again gives the same bytes. The model deliberately knows nothing about JSON
// layout (key order); that lives in snapshot/.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "schema/boxed.hpp"
#include "schema/expr.hpp"

namespace sleet::schema {

enum class Dialect { Postgres, Sqlite };

/// "postgresql" / "sqlite": the names drizzle writes in snapshots and journals.
const char* to_string(Dialect dialect);

/// A JSON value as drizzle stores it (column defaults, index `with` options, view options). Kept with its JSON
/// kind because `18`, `"18"` and `true` render differently. For numbers `text` is the number as written
/// (JavaScript formatting); for booleans "true"/"false"; for strings the string itself. Column defaults of pg
/// snapshots may also be `null` (kind Null, text "null") or an array / object (kind Json, `text` the value as
/// compact JSON, e.g. `[]` or `[1,"a"]`, object members in file order); options never are.
struct Scalar {
  enum class Kind { String, Number, Boolean, Null, Json };
  Kind kind = Kind::String;
  std::string text;

  static Scalar string(std::string value) { return {Kind::String, std::move(value)}; }
  static Scalar number(std::string value) { return {Kind::Number, std::move(value)}; }
  static Scalar boolean(bool value) { return {Kind::Boolean, value ? "true" : "false"}; }
  static Scalar null() { return {Kind::Null, "null"}; }
  /// An array or object, `compact_json` as JSON.stringify(value) without indentation writes it.
  static Scalar json(std::string compact_json) { return {Kind::Json, std::move(compact_json)}; }
  bool operator==(const Scalar&) const = default;
};

/// Ordered key/value options (`WITH (fillfactor = 70)`, view `with` options).
using Options = std::vector<std::pair<std::string, Scalar>>;

enum class IdentityKind { Always, ByDefault };
enum class GeneratedKind { Stored, Virtual };

/// Sequence options, shared by sequences and identity columns. Values are kept as decimal strings (drizzle
/// stores them as strings; they may exceed 2^53).
struct SequenceOptions {
  std::optional<std::string> increment;
  std::optional<std::string> start_with;
  std::optional<std::string> min_value;
  std::optional<std::string> max_value;
  std::optional<std::string> cache;
  std::optional<bool> cycle;
  bool operator==(const SequenceOptions&) const = default;
};

struct Identity {
  IdentityKind type = IdentityKind::Always;
  std::string name;    ///< the identity sequence name, default `<table>_<column>_seq`
  std::string schema;  ///< its schema ("public" for public tables)
  SequenceOptions options;
  bool operator==(const Identity&) const = default;
};

struct Generated {
  Expr as;  ///< pg: the expression; sqlite: "(expr)" with its parentheses, as drizzle stores it
  GeneratedKind type = GeneratedKind::Stored;
  bool operator==(const Generated&) const = default;
};

struct Column {
  std::string name;
  std::string type;                        ///< SQL type text as drizzle prints it ("varchar(255)", "role[]")
  std::optional<std::string> type_schema;  ///< pg: schema of an enum type
  bool primary_key = false;                ///< column-level primary key only
  bool not_null = false;
  std::optional<bool> autoincrement;  ///< sqlite only (always present there)
  std::optional<Scalar> default_value;
  Boxed<Generated> generated;  ///< boxed: rare, and large when empty as an optional (boxed.hpp)
  Boxed<Identity> identity;    ///< pg only; boxed likewise
  // Column-level unique, accepted by drizzle's pg v7 format (older serializers wrote it here).
  std::optional<bool> is_unique;
  std::optional<std::string> unique_name;
  std::optional<bool> nulls_not_distinct;
  bool operator==(const Column&) const = default;
};

struct IndexColumn {
  std::string expression;  ///< a column name, or SQL text when is_expression
  bool is_expression = false;
  bool asc = true;
  std::string nulls = "last";  ///< "first" / "last"
  std::optional<std::string> opclass;
  bool operator==(const IndexColumn&) const = default;
};

struct Index {
  std::string name;
  std::vector<IndexColumn> columns;
  bool is_unique = false;
  std::optional<Expr> where;
  bool concurrently = false;    ///< pg
  std::string method = "btree"; ///< pg
  Options with;                 ///< pg storage parameters
  bool operator==(const Index&) const = default;
};

struct ForeignKey {
  std::string name;
  std::string table_from;
  std::string table_to;
  std::optional<std::string> schema_to;  ///< pg; absent means public
  std::vector<std::string> columns_from;
  std::vector<std::string> columns_to;
  std::optional<std::string> on_delete;  ///< "cascade", "set null", "restrict", "set default", "no action"
  std::optional<std::string> on_update;
  bool operator==(const ForeignKey&) const = default;
};

struct PrimaryKey {
  std::optional<std::string> name;  ///< absent in some old sqlite snapshots
  std::vector<std::string> columns;
  bool operator==(const PrimaryKey&) const = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  std::optional<bool> nulls_not_distinct;  ///< pg
  bool operator==(const UniqueConstraint&) const = default;
};

struct CheckConstraint {
  std::string name;
  Expr value;
  bool operator==(const CheckConstraint&) const = default;
};

struct Policy {
  std::string name;
  std::optional<std::string> as;  ///< "PERMISSIVE" / "RESTRICTIVE"
  std::optional<std::string> for_;  ///< "ALL", "SELECT", "INSERT", "UPDATE", "DELETE"
  std::optional<std::vector<std::string>> to;  ///< roles, drizzle keeps them sorted
  std::optional<Expr> using_;
  std::optional<Expr> with_check;
  std::optional<std::string> on;      ///< standalone policies only: "\"schema\".\"table\""
  std::optional<std::string> schema;  ///< standalone policies only
  bool operator==(const Policy&) const = default;
};

struct Table {
  std::string name;
  std::string schema;  ///< pg: "" for public (drizzle's convention); sqlite: always ""
  std::vector<Column> columns;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  std::vector<PrimaryKey> composite_primary_keys;
  std::vector<UniqueConstraint> unique_constraints;
  std::vector<Policy> policies;  ///< pg
  std::vector<CheckConstraint> check_constraints;
  bool is_rls_enabled = false;  ///< pg
  bool operator==(const Table&) const = default;

  /// "public" when schema is empty, else schema.
  const std::string& schema_or_public() const;
};

struct Enum {
  std::string name;
  std::string schema;  ///< always explicit ("public" included)
  std::vector<std::string> values;
  bool operator==(const Enum&) const = default;
};

struct Sequence {
  std::string name;
  std::string schema;
  SequenceOptions options;
  bool operator==(const Sequence&) const = default;
};

struct Role {
  std::string name;
  std::optional<bool> create_db;
  std::optional<bool> create_role;
  std::optional<bool> inherit;
  bool operator==(const Role&) const = default;
};

struct View {
  std::string name;
  std::optional<std::string> schema;  ///< pg
  std::vector<Column> columns;
  std::optional<Expr> definition;
  bool is_existing = false;
  std::optional<Options> with;
  std::optional<bool> with_no_data;  ///< materialized views
  std::optional<bool> materialized;  ///< pg
  std::optional<std::string> tablespace;
  std::optional<std::string> using_;  ///< access method of a materialized view
  bool operator==(const View&) const = default;
};

/// The `_meta` rename bookkeeping of a snapshot: old name -> new name, in drizzle's quoting
/// (`"schema"."table"`, `"table"."column"`), in insertion order.
struct RenameMaps {
  std::vector<std::pair<std::string, std::string>> schemas;
  std::vector<std::pair<std::string, std::string>> tables;
  std::vector<std::pair<std::string, std::string>> columns;
  bool operator==(const RenameMaps&) const = default;
};

struct Database {
  Dialect dialect = Dialect::Postgres;
  std::vector<Table> tables;
  std::vector<Enum> enums;
  std::vector<std::string> schemas;  ///< pg: non-public schemas declared by the user
  std::vector<Sequence> sequences;
  std::vector<Role> roles;
  std::vector<Policy> policies;  ///< pg: standalone policies (on tables outside this schema)
  std::vector<View> views;
  RenameMaps renames;
  bool operator==(const Database&) const = default;
};

}  // namespace sleet::schema
