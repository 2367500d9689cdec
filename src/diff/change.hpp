// The closed vocabulary of schema changes the differ produces and the renderers consume. Two levels, as atlas
// does: top-level changes on whole objects (schemas, enums, sequences, roles, tables, views, standalone
// policies) and `AlterTable{table, TableChange}` for everything inside one table. Every change carries the
// values its SQL needs (copied from the new or old model), so renderers never look anything up.
//
// Deliberately not here: SQL text (dialect/*/render*), statement order (diff/order.hpp), and prompting.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "schema/schema.hpp"

namespace sleet::diff {

/// A table as drizzle names it in statements: `schema` is "" for public.
struct TableRef {
  std::string schema;
  std::string name;
  bool operator==(const TableRef&) const = default;
};

// ---- table-level changes -------------------------------------------------------------------------------

struct RenameColumn { std::string from; std::string to; };
struct AddColumn { schema::Column column; };
struct DropColumn { std::string name; };
/// A column type change. `type_schema` is the new column's enum schema (may be absent); the enum flags say
/// whether the old / new type names an enum; `column_default` is the new column's default.
struct AlterColumnType {
  std::string column;
  std::string from_type;
  std::string to_type;
  std::optional<std::string> type_schema;
  bool from_enum = false;
  bool to_enum = false;
  std::optional<schema::Scalar> column_default;
};
struct SetColumnDefault { std::string column; schema::Scalar value; };
struct DropColumnDefault { std::string column; };
struct SetColumnNotNull { std::string column; };
struct DropColumnNotNull { std::string column; };
struct AddColumnIdentity { std::string column; schema::Identity identity; };
struct DropColumnIdentity { std::string column; };
struct AlterColumnIdentity { std::string column; schema::Identity from; schema::Identity to; };
/// A generated expression was added to, or changed on, an existing column: drop and re-add the column (the
/// new column, in full).
struct RecreateGeneratedColumn { schema::Column column; };
struct DropColumnGenerated { std::string column; };
struct AddColumnPrimaryKey { std::string column; };
/// `table_name` is the table's name before this migration's renames: PostgreSQL named the inline primary key
/// after the table it was created in (`<table>_pkey`); a later rename keeps that name.
struct DropColumnPrimaryKey { std::string column; std::string table_name; };
struct CreateIndex { schema::Index index; };
struct DropIndex { std::string name; };
struct AddForeignKey { schema::ForeignKey foreign_key; };
struct DropForeignKey { schema::ForeignKey foreign_key; };
struct AddPrimaryKey { schema::PrimaryKey primary_key; };
struct DropPrimaryKey { schema::PrimaryKey primary_key; };
/// A composite primary key whose columns changed under the same name.
struct AlterPrimaryKey { schema::PrimaryKey from; schema::PrimaryKey to; };
struct AddUnique { schema::UniqueConstraint unique; };
struct DropUnique { schema::UniqueConstraint unique; };
struct AddCheck { schema::CheckConstraint check; };
struct DropCheck { std::string name; };
struct CreatePolicy { schema::Policy policy; };
struct DropPolicy { schema::Policy policy; };
struct RenamePolicy { std::string from; std::string to; };
struct AlterPolicy { schema::Policy from; schema::Policy to; };
struct EnableRls {};
struct DisableRls {};

using TableChange =
    std::variant<RenameColumn, AddColumn, DropColumn, AlterColumnType, SetColumnDefault, DropColumnDefault,
                 SetColumnNotNull, DropColumnNotNull, AddColumnIdentity, DropColumnIdentity, AlterColumnIdentity,
                 RecreateGeneratedColumn, DropColumnGenerated, AddColumnPrimaryKey, DropColumnPrimaryKey,
                 CreateIndex, DropIndex, AddForeignKey, DropForeignKey, AddPrimaryKey, DropPrimaryKey,
                 AlterPrimaryKey, AddUnique, DropUnique, AddCheck, DropCheck, CreatePolicy, DropPolicy,
                 RenamePolicy, AlterPolicy, EnableRls, DisableRls>;

/// One change inside `table`. `of_new_table` marks foreign keys and indexes of tables created in the same
/// migration (drizzle emits those in their own groups, before those of altered tables).
struct AlterTable {
  TableRef table;
  TableChange change;
  bool of_new_table = false;
};

// ---- top-level changes ---------------------------------------------------------------------------------

struct CreateSchema { std::string name; };
struct RenameSchema { std::string from; std::string to; };
struct DropSchema { std::string name; };

struct CreateEnum { schema::Enum enum_type; };
struct DropEnum { std::string schema; std::string name; };
struct MoveEnum { std::string name; std::string from_schema; std::string to_schema; };
struct RenameEnum { std::string schema; std::string from; std::string to; };
/// `before` is the value the new one goes before ("" = append).
struct AddEnumValue { std::string schema; std::string name; std::string value; std::string before; };
/// A column (in the new model) whose type is the enum being recreated.
struct EnumColumnUse {
  TableRef table;
  std::string column;
  std::string column_type;
  std::optional<schema::Scalar> column_default;
};
/// Values were removed from an enum: convert its columns to text, drop and re-create the type, convert back.
struct RecreateEnum {
  std::string schema;
  std::string name;
  std::vector<std::string> values;
  std::vector<EnumColumnUse> columns;
};

struct CreateSequence { schema::Sequence sequence; };
struct DropSequence { std::string schema; std::string name; };
struct MoveSequence { std::string name; std::string from_schema; std::string to_schema; };
struct RenameSequence { std::string schema; std::string from; std::string to; };
struct AlterSequence { schema::Sequence sequence; };

struct CreateRole { schema::Role role; };
struct DropRole { std::string name; };
struct RenameRole { std::string from; std::string to; };
struct AlterRole { schema::Role role; };

struct AddTable { schema::Table table; };
/// The old table (its policies are dropped first).
struct DropTable { schema::Table table; };
/// `schema` is the table's (new) schema.
struct RenameTable { std::string schema; std::string from; std::string to; };
struct MoveTable { std::string name; std::string from_schema; std::string to_schema; };

struct CreateView { schema::View view; };
struct DropView { std::string schema; std::string name; bool materialized = false; };
struct RenameView { std::string schema; std::string from; std::string to; bool materialized = false; };
struct MoveView { std::string name; std::string from_schema; std::string to_schema; bool materialized = false; };
struct SetViewOptions { std::string schema; std::string name; bool materialized = false; schema::Options options; };
struct ResetViewOptions {
  std::string schema;
  std::string name;
  bool materialized = false;
  std::vector<std::string> keys;
};
struct SetViewTablespace { std::string schema; std::string name; std::string tablespace; };
struct SetViewAccessMethod { std::string schema; std::string name; std::string method; };

/// Policies declared outside their table (`pgPolicy(...).link()` on tables not in this schema).
struct CreateStandalonePolicy { schema::Policy policy; };
struct DropStandalonePolicy { schema::Policy policy; };
struct RenameStandalonePolicy { std::string on; std::string from; std::string to; };
struct AlterStandalonePolicy { schema::Policy from; schema::Policy to; };

using Change =
    std::variant<CreateSchema, RenameSchema, DropSchema, CreateEnum, DropEnum, MoveEnum, RenameEnum, AddEnumValue,
                 RecreateEnum, CreateSequence, DropSequence, MoveSequence, RenameSequence, AlterSequence, CreateRole,
                 DropRole, RenameRole, AlterRole, AddTable, DropTable, RenameTable, MoveTable, AlterTable,
                 CreateView, DropView, RenameView, MoveView, SetViewOptions, ResetViewOptions, SetViewTablespace,
                 SetViewAccessMethod, CreateStandalonePolicy, DropStandalonePolicy, RenameStandalonePolicy,
                 AlterStandalonePolicy>;

using ChangeList = std::vector<Change>;

/// True for changes that may lose data: dropping a schema, enum, sequence, table, column or view, changing a
/// column's type (including enum recreation), recreating a generated column.
bool is_destructive(const Change& change);

/// A short human description ("drop table public.users"), for errors and logs.
std::string describe(const Change& change);

}  // namespace sleet::diff
