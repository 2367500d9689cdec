#include "sql/breakpoints.hpp"

#include <gtest/gtest.h>

namespace sleet::sql {

TEST(Breakpoints, SplitKeepsTheNewlineAfterEachMarker) {
  auto pieces = split_breakpoints("CREATE TABLE a ();\n--> statement-breakpoint\nCREATE INDEX i;");
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0], "CREATE TABLE a ();\n");
  EXPECT_EQ(pieces[1], "\nCREATE INDEX i;");
}

TEST(Breakpoints, SplitOnMarkerInsideStringLiteralLikeDrizzle) {
  auto pieces = split_breakpoints("SELECT '--> statement-breakpoint';");
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0], "SELECT '");
  EXPECT_EQ(pieces[1], "';");
}

TEST(Breakpoints, SplitWithoutMarkerGivesWholeText) {
  auto pieces = split_breakpoints("");
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0], "");
}

TEST(Breakpoints, JoinRoundTripsSplit) {
  std::vector<std::string> statements = {"CREATE TABLE a ();\n", "CREATE INDEX i;"};
  std::string joined = join_statements(statements, true);
  EXPECT_EQ(joined, "CREATE TABLE a ();\n--> statement-breakpoint\nCREATE INDEX i;");
  EXPECT_EQ(join_statements(statements, false), "CREATE TABLE a ();\n\nCREATE INDEX i;");
}

}  // namespace sleet::sql
