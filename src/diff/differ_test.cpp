// Unit tests of the differ, the ordering step, the enum array diff and ScriptedRenames: models built directly.
#include <gtest/gtest.h>

#include "diff/differ.hpp"
#include "diff/order.hpp"
#include "diff/scripted_renames.hpp"
#include "diff/sequence_matcher.hpp"

namespace sleet::diff {
namespace {

schema::Column column(std::string name, std::string type, bool not_null = false) {
  schema::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  return c;
}

schema::Table table(std::string name, std::vector<schema::Column> columns) {
  schema::Table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  return t;
}

ChangeList plan(const schema::Database& from, const schema::Database& to, RenameResolver& resolver) {
  auto changes = diff_databases(from, to, resolver);
  EXPECT_TRUE(changes.has_value());
  return order_changes(changes ? *changes : ChangeList{});
}

TEST(Differ, IdenticalModelsGiveNoChanges) {
  schema::Database db;
  db.tables.push_back(table("users", {column("id", "serial")}));
  NoRenames none;
  EXPECT_TRUE(plan(db, db, none).empty());
}

TEST(Differ, AsksTableRenameOnlyWhenBothSidesChange) {
  schema::Database from;
  from.tables.push_back(table("people", {column("id", "serial")}));
  schema::Database to;
  to.tables.push_back(table("users", {column("id", "serial")}));
  ScriptedRenames answers({std::optional<std::string>("people")});
  ChangeList changes = plan(from, to, answers);
  ASSERT_EQ(answers.asked().size(), 1u);
  EXPECT_EQ(answers.asked()[0].kind, RenameKind::Table);
  EXPECT_EQ(answers.asked()[0].created, "users");
  EXPECT_EQ(answers.asked()[0].candidates, std::vector<std::string>{"people"});
  ASSERT_EQ(changes.size(), 1u);
  const auto* rename = std::get_if<RenameTable>(&changes[0]);
  ASSERT_NE(rename, nullptr);
  EXPECT_EQ(rename->from, "people");
  EXPECT_EQ(rename->to, "users");

  schema::Database only_new = to;
  only_new.tables.push_back(table("extra", {}));
  ScriptedRenames unused({});
  plan(to, only_new, unused);
  EXPECT_TRUE(unused.asked().empty());
}

TEST(Differ, AsksAboutEveryCreatedColumnEvenWithoutCandidatesLeft) {
  schema::Database from;
  from.tables.push_back(table("users", {column("id", "serial"), column("mail", "text")}));
  schema::Database to;
  to.tables.push_back(table("users", {column("id", "serial"), column("email", "text"), column("phone", "text")}));
  ScriptedRenames answers({std::optional<std::string>("mail"), std::nullopt});
  ChangeList changes = plan(from, to, answers);
  ASSERT_EQ(answers.asked().size(), 2u);
  EXPECT_EQ(answers.asked()[0].scope, "users");
  EXPECT_TRUE(answers.asked()[1].candidates.empty());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<RenameColumn>(std::get<AlterTable>(changes[0]).change));
  EXPECT_TRUE(std::holds_alternative<AddColumn>(std::get<AlterTable>(changes[1]).change));
}

TEST(Differ, ResolverErrorsAbort) {
  schema::Database from;
  from.tables.push_back(table("a", {}));
  schema::Database to;
  to.tables.push_back(table("b", {}));
  ScriptedRenames empty({});
  auto result = diff_databases(from, to, empty);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::Conflict);
  ScriptedRenames wrong({std::optional<std::string>("zzz")});
  EXPECT_FALSE(diff_databases(from, to, wrong).has_value());
}

TEST(Differ, ChangedForeignKeyIsDroppedThenAddedInTheirGroups) {
  schema::ForeignKey fk;
  fk.name = "posts_author_fk";
  fk.table_from = "posts";
  fk.table_to = "users";
  fk.columns_from = {"author_id"};
  fk.columns_to = {"id"};
  schema::Database from;
  from.tables.push_back(table("users", {column("id", "serial")}));
  from.tables.push_back(table("posts", {column("author_id", "integer")}));
  from.tables[1].foreign_keys.push_back(fk);
  schema::Database to = from;
  to.tables[1].foreign_keys[0].on_delete = "cascade";
  to.tables[1].columns.push_back(column("title", "text"));
  NoRenames none;
  ChangeList changes = plan(from, to, none);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<DropForeignKey>(std::get<AlterTable>(changes[0]).change));
  EXPECT_TRUE(std::holds_alternative<AddColumn>(std::get<AlterTable>(changes[1]).change));
  EXPECT_TRUE(std::holds_alternative<AddForeignKey>(std::get<AlterTable>(changes[2]).change));
}

TEST(Differ, EnumValueInsertedInTheMiddleGoesBeforeTheNextKeptValue) {
  schema::Database from;
  from.enums.push_back(schema::Enum{"role", "public", {"admin", "user"}});
  schema::Database to;
  to.enums.push_back(schema::Enum{"role", "public", {"admin", "mod", "user", "guest"}});
  NoRenames none;
  ChangeList changes = plan(from, to, none);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(std::get<AddEnumValue>(changes[0]).before, "user");
  EXPECT_EQ(std::get<AddEnumValue>(changes[1]).before, "");
}

TEST(Differ, EnumValueRemovalRecreatesTheTypeAndSuppressesAddValue) {
  schema::Database from;
  from.enums.push_back(schema::Enum{"role", "public", {"admin", "user"}});
  schema::Database to;
  to.enums.push_back(schema::Enum{"role", "public", {"admin", "guest"}});
  schema::Column c = column("role", "role");
  c.type_schema = "public";
  to.tables.push_back(table("users", {c}));
  from.tables.push_back(table("users", {c}));
  NoRenames none;
  ChangeList changes = plan(from, to, none);
  ASSERT_EQ(changes.size(), 1u);
  const auto& recreate = std::get<RecreateEnum>(changes[0]);
  ASSERT_EQ(recreate.columns.size(), 1u);
  EXPECT_EQ(recreate.columns[0].column, "role");
}

TEST(Order, GroupsFollowDrizzleAndKeepDiscoveryOrderInside) {
  ChangeList changes;
  changes.emplace_back(DropSchema{"old"});
  changes.emplace_back(AddTable{table("b", {})});
  changes.emplace_back(CreateSchema{"new"});
  changes.emplace_back(AddTable{table("a", {})});
  ChangeList ordered = order_changes(changes);
  EXPECT_TRUE(std::holds_alternative<CreateSchema>(ordered[0]));
  EXPECT_EQ(std::get<AddTable>(ordered[1]).table.name, "b");
  EXPECT_EQ(std::get<AddTable>(ordered[2]).table.name, "a");
  EXPECT_TRUE(std::holds_alternative<DropSchema>(ordered[3]));
}

// Deviation (docs/compat.md): drizzle removes these NOT NULL changes, so the migration fails (ADD GENERATED on a
// nullable column) or does not reach the target (DROP IDENTITY keeps NOT NULL). sleet keeps them, in the order
// PostgreSQL needs.
TEST(Order, KeepsNotNullChangesOfTablesAddingOrDroppingAnIdentity) {
  ChangeList changes;
  changes.emplace_back(AlterTable{TableRef{"", "t"}, DropColumnIdentity{"id"}});
  changes.emplace_back(AlterTable{TableRef{"", "t"}, DropColumnNotNull{"id"}});
  changes.emplace_back(AlterTable{TableRef{"", "u"}, SetColumnNotNull{"id"}});
  changes.emplace_back(AlterTable{TableRef{"", "u"}, AddColumnIdentity{"id", {}}});
  ChangeList ordered = order_changes(changes);
  ASSERT_EQ(ordered.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<DropColumnIdentity>(std::get<AlterTable>(ordered[0]).change));
  EXPECT_TRUE(std::holds_alternative<DropColumnNotNull>(std::get<AlterTable>(ordered[1]).change));
  EXPECT_TRUE(std::holds_alternative<SetColumnNotNull>(std::get<AlterTable>(ordered[2]).change));
  EXPECT_TRUE(std::holds_alternative<AddColumnIdentity>(std::get<AlterTable>(ordered[3]).change));
}

TEST(Differ, IdentityAddedToANullableColumnSetsNotNullFirst) {
  schema::Database from;
  from.tables.push_back(table("t", {column("id", "integer", false), column("n", "integer", false)}));
  schema::Database to = from;
  to.tables[0].columns[0].not_null = true;
  to.tables[0].columns[0].identity = schema::Identity{schema::IdentityKind::Always, "t_id_seq", "public", {}};
  to.tables[0].columns[1].not_null = true;  // another column of the same table (drizzle drops this one too)
  NoRenames none;
  auto changes = diff_databases(from, to, none);
  ASSERT_TRUE(changes.has_value());
  ChangeList ordered = order_changes(std::move(*changes));
  ASSERT_EQ(ordered.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<SetColumnNotNull>(std::get<AlterTable>(ordered[0]).change));
  EXPECT_TRUE(std::holds_alternative<AddColumnIdentity>(std::get<AlterTable>(ordered[1]).change));
  EXPECT_EQ(std::get<SetColumnNotNull>(std::get<AlterTable>(ordered[2]).change).column, "n");
}

TEST(Differ, IdentityDroppedFromAColumnThatBecomesNullableDropsNotNullAfter) {
  schema::Database from;
  from.tables.push_back(table("t", {column("id", "integer", true)}));
  from.tables[0].columns[0].identity = schema::Identity{schema::IdentityKind::ByDefault, "t_id_seq", "public", {}};
  schema::Database to;
  to.tables.push_back(table("t", {column("id", "integer", false)}));
  NoRenames none;
  auto changes = diff_databases(from, to, none);
  ASSERT_TRUE(changes.has_value());
  ChangeList ordered = order_changes(std::move(*changes));
  ASSERT_EQ(ordered.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<DropColumnIdentity>(std::get<AlterTable>(ordered[0]).change));
  EXPECT_TRUE(std::holds_alternative<DropColumnNotNull>(std::get<AlterTable>(ordered[1]).change));
}

TEST(Differ, DroppedColumnPrimaryKeyNamesTheTableItWasCreatedIn) {
  schema::Database from;
  from.tables.push_back(table("users", {column("id", "integer", true)}));
  from.tables[0].columns[0].primary_key = true;
  schema::Database to;
  to.tables.push_back(table("users", {column("id", "integer", true)}));
  NoRenames none;
  auto changes = diff_databases(from, to, none);
  ASSERT_TRUE(changes.has_value());
  ASSERT_EQ(changes->size(), 1u);
  const auto& drop = std::get<DropColumnPrimaryKey>(std::get<AlterTable>((*changes)[0]).change);
  EXPECT_EQ(drop.column, "id");
  EXPECT_EQ(drop.table_name, "users");
}

TEST(Differ, ViewsFollowARenamedSchema) {
  // drizzle leaves the view under the old schema name: "create" gives DROP VIEW "a"."v" (fails after the
  // rename), "moved" gives ALTER VIEW "a"."v" SET SCHEMA "b" (fails too). sleet: the view needs nothing.
  schema::Database from;
  from.schemas = {"a"};
  schema::View v;
  v.name = "v";
  v.schema = "a";
  v.definition = schema::Expr(std::string("select 1"));
  from.views.push_back(v);
  schema::Database to = from;
  to.schemas = {"b"};
  to.views[0].schema = "b";
  ScriptedRenames answers({std::optional<std::string>("a")});
  auto changes = diff_databases(from, to, answers);
  ASSERT_TRUE(changes.has_value());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(std::get<RenameSchema>((*changes)[0]).to, "b");
  EXPECT_EQ(answers.remaining(), 0u);
  // A changed view is re-created under the new name.
  to.views[0].definition = schema::Expr(std::string("select 2"));
  ScriptedRenames again({std::optional<std::string>("a")});
  changes = diff_databases(from, to, again);
  ASSERT_TRUE(changes.has_value());
  ChangeList ordered = order_changes(std::move(*changes));
  ASSERT_EQ(ordered.size(), 3u);
  EXPECT_EQ(std::get<DropView>(ordered[1]).schema, "b");
  EXPECT_EQ(std::get<CreateView>(ordered[2]).view.schema, "b");
}

TEST(SequenceMatcher, ReplacementDeletesBeforeInserting) {
  auto edits = diff_sequences({"a", "b", "c"}, {"a", "x", "c"});
  ASSERT_EQ(edits.size(), 4u);
  EXPECT_EQ(edits[1].kind, EditKind::Delete);
  EXPECT_EQ(edits[1].value, "b");
  EXPECT_EQ(edits[2].kind, EditKind::Insert);
  EXPECT_EQ(edits[2].value, "x");
}

TEST(ScriptedRenamesTest, ParsesAnswersFile) {
  auto parsed = ScriptedRenames::parse("# comment\ncreate\nrename old_name\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->remaining(), 2u);
  EXPECT_FALSE(ScriptedRenames::parse("maybe\n").has_value());
}

}  // namespace
}  // namespace sleet::diff

namespace sleet::diff {
namespace {

TEST(Differ, ScalesLinearlyToThousandsOfTables) {
  schema::Database from;
  schema::Database to;
  for (int i = 0; i < 3000; ++i) {
    schema::Table t;
    t.name = "t" + std::to_string(i);
    schema::Column id;
    id.name = "id";
    id.type = "integer";
    t.columns.push_back(id);
    from.tables.push_back(t);
    t.columns[0].not_null = true;
    t.columns.push_back(id);
    t.columns.back().name = "extra";
    to.tables.push_back(t);
  }
  NoRenames none;
  auto changes = diff_databases(from, to, none);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(order_changes(std::move(*changes)).size(), 6000u);
  auto created = diff_databases({}, to, none);
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->size(), 3000u);
}

}  // namespace
}  // namespace sleet::diff
