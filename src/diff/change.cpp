// is_destructive() and describe() over the closed change vocabulary (exhaustive visits: a new change kind that
// is not handled here does not compile).
#include "diff/change.hpp"

namespace sleet::diff {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string qualified(const std::string& schema, const std::string& name) {
  return (schema.empty() ? std::string("public") : schema) + "." + name;
}

std::string describe_table_change(const TableChange& change) {
  return std::visit(Overloaded{
                        [](const RenameColumn& c) { return "rename column " + c.from + " to " + c.to; },
                        [](const AddColumn& c) { return "add column " + c.column.name; },
                        [](const DropColumn& c) { return "drop column " + c.name; },
                        [](const AlterColumnType& c) { return "change type of column " + c.column; },
                        [](const SetColumnDefault& c) { return "set default of column " + c.column; },
                        [](const DropColumnDefault& c) { return "drop default of column " + c.column; },
                        [](const SetColumnNotNull& c) { return "set not null on column " + c.column; },
                        [](const DropColumnNotNull& c) { return "drop not null on column " + c.column; },
                        [](const AddColumnIdentity& c) { return "add identity to column " + c.column; },
                        [](const DropColumnIdentity& c) { return "drop identity of column " + c.column; },
                        [](const AlterColumnIdentity& c) { return "alter identity of column " + c.column; },
                        [](const RecreateGeneratedColumn& c) { return "recreate generated column " + c.column.name; },
                        [](const DropColumnGenerated& c) { return "drop expression of column " + c.column; },
                        [](const AddColumnPrimaryKey& c) { return "add primary key on column " + c.column; },
                        [](const DropColumnPrimaryKey& c) { return "drop primary key on column " + c.column; },
                        [](const CreateIndex& c) { return "create index " + c.index.name; },
                        [](const DropIndex& c) { return "drop index " + c.name; },
                        [](const AddForeignKey& c) { return "add foreign key " + c.foreign_key.name; },
                        [](const DropForeignKey& c) { return "drop foreign key " + c.foreign_key.name; },
                        [](const AddPrimaryKey& c) { return "add primary key " + c.primary_key.name.value_or(""); },
                        [](const DropPrimaryKey& c) { return "drop primary key " + c.primary_key.name.value_or(""); },
                        [](const AlterPrimaryKey& c) { return "alter primary key " + c.to.name.value_or(""); },
                        [](const AddUnique& c) { return "add unique constraint " + c.unique.name; },
                        [](const DropUnique& c) { return "drop unique constraint " + c.unique.name; },
                        [](const AddCheck& c) { return "add check constraint " + c.check.name; },
                        [](const DropCheck& c) { return "drop check constraint " + c.name; },
                        [](const CreatePolicy& c) { return "create policy " + c.policy.name; },
                        [](const DropPolicy& c) { return "drop policy " + c.policy.name; },
                        [](const RenamePolicy& c) { return "rename policy " + c.from + " to " + c.to; },
                        [](const AlterPolicy& c) { return "alter policy " + c.from.name; },
                        [](const EnableRls&) { return std::string("enable row level security"); },
                        [](const DisableRls&) { return std::string("disable row level security"); },
                    },
                    change);
}

}  // namespace

bool is_destructive(const Change& change) {
  return std::visit(Overloaded{
                        [](const DropSchema&) { return true; },
                        [](const DropEnum&) { return true; },
                        [](const RecreateEnum&) { return true; },
                        [](const DropSequence&) { return true; },
                        [](const DropTable&) { return true; },
                        [](const DropView&) { return true; },
                        [](const AlterTable& alter) {
                          return std::holds_alternative<DropColumn>(alter.change) ||
                                 std::holds_alternative<AlterColumnType>(alter.change) ||
                                 std::holds_alternative<RecreateGeneratedColumn>(alter.change);
                        },
                        [](const auto&) { return false; },
                    },
                    change);
}

std::string describe(const Change& change) {
  return std::visit(
      Overloaded{
          [](const CreateSchema& c) { return "create schema " + c.name; },
          [](const RenameSchema& c) { return "rename schema " + c.from + " to " + c.to; },
          [](const DropSchema& c) { return "drop schema " + c.name; },
          [](const CreateEnum& c) { return "create enum " + qualified(c.enum_type.schema, c.enum_type.name); },
          [](const DropEnum& c) { return "drop enum " + qualified(c.schema, c.name); },
          [](const MoveEnum& c) { return "move enum " + c.name + " to schema " + c.to_schema; },
          [](const RenameEnum& c) { return "rename enum " + qualified(c.schema, c.from) + " to " + c.to; },
          [](const AddEnumValue& c) { return "add value " + c.value + " to enum " + qualified(c.schema, c.name); },
          [](const RecreateEnum& c) { return "recreate enum " + qualified(c.schema, c.name); },
          [](const CreateSequence& c) { return "create sequence " + qualified(c.sequence.schema, c.sequence.name); },
          [](const DropSequence& c) { return "drop sequence " + qualified(c.schema, c.name); },
          [](const MoveSequence& c) { return "move sequence " + c.name + " to schema " + c.to_schema; },
          [](const RenameSequence& c) { return "rename sequence " + qualified(c.schema, c.from) + " to " + c.to; },
          [](const AlterSequence& c) { return "alter sequence " + qualified(c.sequence.schema, c.sequence.name); },
          [](const CreateRole& c) { return "create role " + c.role.name; },
          [](const DropRole& c) { return "drop role " + c.name; },
          [](const RenameRole& c) { return "rename role " + c.from + " to " + c.to; },
          [](const AlterRole& c) { return "alter role " + c.role.name; },
          [](const AddTable& c) { return "create table " + qualified(c.table.schema, c.table.name); },
          [](const DropTable& c) { return "drop table " + qualified(c.table.schema, c.table.name); },
          [](const RenameTable& c) { return "rename table " + qualified(c.schema, c.from) + " to " + c.to; },
          [](const MoveTable& c) { return "move table " + c.name + " to schema " + c.to_schema; },
          [](const AlterTable& c) {
            return "alter table " + qualified(c.table.schema, c.table.name) + ": " + describe_table_change(c.change);
          },
          [](const CreateView& c) { return "create view " + qualified(c.view.schema.value_or(""), c.view.name); },
          [](const DropView& c) { return "drop view " + qualified(c.schema, c.name); },
          [](const RenameView& c) { return "rename view " + qualified(c.schema, c.from) + " to " + c.to; },
          [](const MoveView& c) { return "move view " + c.name + " to schema " + c.to_schema; },
          [](const SetViewOptions& c) { return "set options of view " + qualified(c.schema, c.name); },
          [](const ResetViewOptions& c) { return "reset options of view " + qualified(c.schema, c.name); },
          [](const SetViewTablespace& c) { return "set tablespace of view " + qualified(c.schema, c.name); },
          [](const SetViewAccessMethod& c) { return "set access method of view " + qualified(c.schema, c.name); },
          [](const CreateStandalonePolicy& c) { return "create policy " + c.policy.name; },
          [](const DropStandalonePolicy& c) { return "drop policy " + c.policy.name; },
          [](const RenameStandalonePolicy& c) { return "rename policy " + c.from + " to " + c.to; },
          [](const AlterStandalonePolicy& c) { return "alter policy " + c.from.name; },
      },
      change);
}

}  // namespace sleet::diff
