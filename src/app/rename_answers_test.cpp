#include "app/rename_answers.hpp"

#include <gtest/gtest.h>

namespace sleet::app {
namespace {

using diff::RenameKind;
using diff::RenameQuestion;

RenameAnswer parsed(std::string_view flag) {
  auto answer = parse_rename_flag(flag);
  EXPECT_TRUE(answer) << (answer ? "" : answer.error().describe());
  return answer ? *answer : RenameAnswer{};
}

TEST(RenameFlags, ParseKindsScopesAndSchemas) {
  auto table = parsed("table:public.users=people");
  EXPECT_EQ(table.kind, RenameKind::Table);
  EXPECT_EQ(table.from, "users");
  EXPECT_EQ(table.to, "people");
  auto moved = parsed("table:users=archive.users");
  EXPECT_EQ(moved.to, "archive.users");
  auto column = parsed("column:auth.users.name=full_name");
  EXPECT_EQ(column.kind, RenameKind::Column);
  EXPECT_EQ(column.scope, "auth.users");
  EXPECT_EQ(column.from, "name");
  EXPECT_EQ(column.to, "full_name");
  EXPECT_EQ(parsed("column:users.name=users.full_name").to, "full_name");
  auto policy = parsed("policy:messages_policy=messages_read_all");
  EXPECT_EQ(policy.scope, "");
  EXPECT_EQ(policy.from, "messages_policy");
}

TEST(RenameFlags, RejectMalformedFlagsWithTheExpectedForm) {
  for (const char* bad : {"users=people", "index:a=b", "table:users", "column:name=full", "table:=x"}) {
    auto answer = parse_rename_flag(bad);
    ASSERT_FALSE(answer) << bad;
    EXPECT_EQ(answer.error().code, ErrorCode::Usage);
    EXPECT_NE(answer.error().message.find("KIND:FROM=TO"), std::string::npos);
  }
}

TEST(FlagRenameResolver, AnswersMatchingQuestionsAndCollectsTheRest) {
  FlagRenameResolver resolver({parsed("column:users.name=full_name")}, false);
  RenameQuestion column{RenameKind::Column, "users", "full_name", {"name", "nickname"}};
  auto answer = resolver.resolve(column);
  ASSERT_TRUE(answer);
  EXPECT_EQ(*answer, std::optional<std::string>("name"));
  RenameQuestion table{RenameKind::Table, "", "people", {"users"}};
  auto unanswered = resolver.resolve(table);
  ASSERT_TRUE(unanswered);
  EXPECT_FALSE(unanswered->has_value());
  ASSERT_EQ(resolver.unanswered().size(), 1u);
  Error error = resolver.unanswered_error();
  EXPECT_EQ(error.code, ErrorCode::Conflict);
  EXPECT_EQ(to_exit_code(error.code), 4);
  EXPECT_NE(error.message.find("Is people table created or renamed from another table?"), std::string::npos);
  EXPECT_NE(error.message.find("--rename table:users=people"), std::string::npos);
  EXPECT_NE(error.message.find("--no-renames"), std::string::npos);
  EXPECT_TRUE(resolver.unused_flags().empty());
}

TEST(FlagRenameResolver, NoRenamesAnswersCreatedWithoutRecording) {
  FlagRenameResolver resolver({}, true);
  auto answer = resolver.resolve({RenameKind::Enum, "", "mood", {"feeling"}});
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->has_value());
  EXPECT_TRUE(resolver.unanswered().empty());
}

TEST(FlagRenameResolver, AFlagNamingAnUnavailableSourceIsAConflict) {
  FlagRenameResolver resolver({parsed("table:ghosts=people")}, false);
  auto answer = resolver.resolve({RenameKind::Table, "", "people", {"users"}});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::Conflict);
  EXPECT_NE(answer.error().message.find("ghosts"), std::string::npos);
}

TEST(FlagRenameResolver, PublicQualificationIsOptional) {
  FlagRenameResolver resolver({parsed("table:public.a=public.b"), parsed("column:public.t.x=y")}, false);
  auto table = resolver.resolve({RenameKind::Table, "", "b", {"a"}});
  ASSERT_TRUE(table);
  EXPECT_EQ(*table, std::optional<std::string>("a"));
  auto column = resolver.resolve({RenameKind::Column, "t", "y", {"x"}});
  ASSERT_TRUE(column);
  EXPECT_EQ(*column, std::optional<std::string>("x"));
  EXPECT_TRUE(resolver.unused_flags().empty());
}

}  // namespace
}  // namespace sleet::app
