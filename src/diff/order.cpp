// drizzle-kit's statement groups and post-filters (applyPgSnapshotsDiff, the jsonStatements.push sequence and
// the three filteredJsonStatements passes).
#include "diff/order.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sleet::diff {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

int table_change_group(const AlterTable& alter) {
  return std::visit(
      Overloaded{
          [](const EnableRls&) { return 15; },
          [](const DisableRls&) { return 16; },
          [](const RenameColumn&) { return 23; },
          [](const DropUnique&) { return 24; },
          [](const DropCheck&) { return 25; },
          [](const DropForeignKey&) { return 26; },
          [](const DropIndex&) { return 28; },
          [](const DropPrimaryKey&) { return 29; },
          [](const AlterColumnType&) { return 30; },
          [](const SetColumnDefault&) { return 30; },
          [](const DropColumnDefault&) { return 30; },
          [](const SetColumnNotNull&) { return 30; },
          [](const DropColumnNotNull&) { return 30; },
          [](const AddColumnIdentity&) { return 30; },
          [](const DropColumnIdentity&) { return 30; },
          [](const AlterColumnIdentity&) { return 30; },
          [](const RecreateGeneratedColumn&) { return 30; },
          [](const DropColumnGenerated&) { return 30; },
          [](const AddColumnPrimaryKey&) { return 30; },
          [](const DropColumnPrimaryKey&) { return 30; },
          [](const AddPrimaryKey&) { return 31; },
          [](const AddColumn&) { return 32; },
          [&](const AddForeignKey&) { return alter.of_new_table ? 33 : 35; },
          [&](const CreateIndex&) { return alter.of_new_table ? 34 : 36; },
          [](const DropColumn&) { return 37; },
          [](const AlterPrimaryKey&) { return 38; },
          [](const AddUnique&) { return 39; },
          [](const AddCheck&) { return 40; },
          [](const RenamePolicy&) { return 42; },
          [](const DropPolicy&) { return 43; },
          [](const CreatePolicy&) { return 44; },
          [](const AlterPolicy&) { return 45; },
      },
      alter.change);
}

}  // namespace

int statement_group(const Change& change) {
  return std::visit(Overloaded{
                        [](const CreateSchema&) { return 0; },
                        [](const RenameSchema&) { return 1; },
                        [](const CreateEnum&) { return 2; },
                        [](const MoveEnum&) { return 3; },
                        [](const RenameEnum&) { return 4; },
                        [](const AddEnumValue&) { return 5; },
                        [](const CreateSequence&) { return 6; },
                        [](const MoveSequence&) { return 7; },
                        [](const RenameSequence&) { return 8; },
                        [](const AlterSequence&) { return 9; },
                        [](const RenameRole&) { return 10; },
                        [](const DropRole&) { return 11; },
                        [](const CreateRole&) { return 12; },
                        [](const AlterRole&) { return 13; },
                        [](const AddTable&) { return 14; },
                        [](const DropView&) { return 17; },
                        [](const RenameView&) { return 18; },
                        [](const MoveView&) { return 19; },
                        [](const SetViewOptions&) { return 19; },
                        [](const ResetViewOptions&) { return 19; },
                        [](const SetViewTablespace&) { return 19; },
                        [](const SetViewAccessMethod&) { return 19; },
                        [](const DropTable&) { return 20; },
                        [](const MoveTable&) { return 21; },
                        [](const RenameTable&) { return 22; },
                        [](const RecreateEnum&) { return 27; },
                        [](const AlterTable& alter) { return table_change_group(alter); },
                        [](const CreateView&) { return 41; },
                        [](const RenameStandalonePolicy&) { return 46; },
                        [](const DropStandalonePolicy&) { return 47; },
                        [](const CreateStandalonePolicy&) { return 48; },
                        [](const AlterStandalonePolicy&) { return 49; },
                        [](const DropEnum&) { return 50; },
                        [](const DropSequence&) { return 51; },
                        [](const DropSchema&) { return 52; },
                    },
                    change);
}

namespace {

template <typename T>
const T* table_change(const Change& change, const AlterTable** alter_out = nullptr) {
  const auto* alter = std::get_if<AlterTable>(&change);
  if (alter == nullptr) return nullptr;
  if (alter_out != nullptr) *alter_out = alter;
  return std::get_if<T>(&alter->change);
}

}  // namespace

/// Keeps the changes for which `keep` is true; `keep` sees the whole, unmodified list.
template <typename Keep>
ChangeList filter_changes(ChangeList changes, Keep keep) {
  std::vector<bool> kept(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) kept[i] = keep(changes[i], changes);
  ChangeList result;
  result.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (kept[i]) result.push_back(std::move(changes[i]));
  }
  return result;
}

/// `changes` stably sorted by statement group. The sort moves (group, position) pairs, not the changes: a
/// change is a large variant, and sorting thousands of them in place cost more than rendering them.
ChangeList sort_by_group(ChangeList changes) {
  std::vector<std::pair<int, std::size_t>> order;
  order.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) order.emplace_back(statement_group(changes[i]), i);
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ChangeList sorted;
  sorted.reserve(changes.size());
  for (const auto& [group, position] : order) sorted.push_back(std::move(changes[position]));
  return sorted;
}

ChangeList order_changes(ChangeList changes) {
  if (!changes.empty()) changes = sort_by_group(std::move(changes));
  // drizzle's first filter (DROP NOT NULL of tables dropping an identity, SET NOT NULL of tables adding one) is
  // left out on purpose: both statements are needed to reach the target (docs/compat.md, differ_tables.cpp).
  auto key = [](const TableRef& t) { return t.schema + '\x1f' + t.name; };
  std::unordered_set<std::string> recreated_enums;
  for (const Change& c : changes) {
    if (const auto* r = std::get_if<RecreateEnum>(&c)) recreated_enums.insert(r->schema + '\x1f' + r->name);
  }
  changes = filter_changes(std::move(changes), [&](const Change& c, const ChangeList&) {
    const auto* add = std::get_if<AddEnumValue>(&c);
    return add == nullptr || !recreated_enums.count(add->schema + '\x1f' + add->name);
  });
  // Defaults already set by a type change or an enum recreation: (table, column) -> defaults.
  std::unordered_map<std::string, std::vector<schema::Scalar>> defaults_set;
  for (const Change& c : changes) {
    const AlterTable* alter = nullptr;
    if (const auto* type = table_change<AlterColumnType>(c, &alter)) {
      if (type->column_default) defaults_set[key(alter->table) + '\x1f' + type->column].push_back(*type->column_default);
    } else if (const auto* r = std::get_if<RecreateEnum>(&c)) {
      for (const EnumColumnUse& use : r->columns) {
        if (use.column_default) defaults_set[key(use.table) + '\x1f' + use.column].push_back(*use.column_default);
      }
    }
  }
  return filter_changes(std::move(changes), [&](const Change& c, const ChangeList&) {
    const AlterTable* alter = nullptr;
    const auto* set = table_change<SetColumnDefault>(c, &alter);
    if (set == nullptr) return true;
    auto it = defaults_set.find(key(alter->table) + '\x1f' + set->column);
    return it == defaults_set.end() || std::find(it->second.begin(), it->second.end(), set->value) == it->second.end();
  });
}

}  // namespace sleet::diff
