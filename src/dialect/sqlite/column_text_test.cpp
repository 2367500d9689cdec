// Unit tests of type and default spelling for the sqlite snapshot.
#include "dialect/sqlite/column_text.hpp"

#include <gtest/gtest.h>

namespace sleet::sqlite {
namespace {

TEST(ColumnText, TypesAreLowerCaseWithoutBlanksAroundParentheses) {
  EXPECT_EQ(snapshot_type("INTEGER"), "integer");
  EXPECT_EQ(snapshot_type("TEXT ( 12 )"), "text(12)");
  EXPECT_EQ(snapshot_type("VARCHAR (10,  2)"), "varchar(10, 2)");
  EXPECT_EQ(snapshot_type("unsigned   big\tint"), "unsigned big int");
  EXPECT_EQ(snapshot_type(""), "");
}

TEST(ColumnText, NumbersAndBooleansBecomeJsonValues) {
  EXPECT_EQ(snapshot_default("3"), schema::Scalar::number("3"));
  EXPECT_EQ(snapshot_default("-5"), schema::Scalar::number("-5"));
  EXPECT_EQ(snapshot_default("+3"), schema::Scalar::number("3"));
  EXPECT_EQ(snapshot_default("1.50"), schema::Scalar::number("1.5"));
  EXPECT_EQ(snapshot_default("1e3"), schema::Scalar::number("1000"));
  EXPECT_EQ(snapshot_default("FALSE"), schema::Scalar::boolean(false));
  EXPECT_EQ(snapshot_default("true"), schema::Scalar::boolean(true));
}

TEST(ColumnText, IntegersBeyondJavaScriptPrecisionStaySqlText) {
  EXPECT_EQ(snapshot_default("9007199254740991"), schema::Scalar::number("9007199254740991"));
  EXPECT_EQ(snapshot_default("9007199254740993"), schema::Scalar::string("9007199254740993"));
  EXPECT_EQ(snapshot_default("0x1F"), schema::Scalar::string("0x1F"));
}

TEST(ColumnText, SqlTextStaysAsWritten) {
  EXPECT_EQ(snapshot_default("'it''s'"), schema::Scalar::string("'it''s'"));
  EXPECT_EQ(snapshot_default("(unixepoch())"), schema::Scalar::string("(unixepoch())"));
  EXPECT_EQ(snapshot_default("CURRENT_TIMESTAMP"), schema::Scalar::string("CURRENT_TIMESTAMP"));
  EXPECT_EQ(snapshot_default("X'00'"), schema::Scalar::string("X'00'"));
}

TEST(ColumnText, IdentifiersAreStringsAsSqliteReadsThem) {
  EXPECT_EQ(snapshot_default("\"abc\""), schema::Scalar::string("'abc'"));
  EXPECT_EQ(snapshot_default("draft"), schema::Scalar::string("'draft'"));
  EXPECT_EQ(snapshot_default("`it's`"), schema::Scalar::string("'it''s'"));
}

TEST(ColumnText, NullIsNoDefault) {
  EXPECT_EQ(snapshot_default("NULL"), std::nullopt);
  EXPECT_EQ(snapshot_default(""), std::nullopt);
}

} // namespace
} // namespace sleet::sqlite
