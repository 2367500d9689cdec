#include "dialect/postgres/type_cast.hpp"

#include <gtest/gtest.h>

namespace sleet::pg {

TEST(NeedsUsingCast, OnlyWherePostgresHasNoAssignmentCast) {
  // drizzle-cases/pg/022: these fail without USING.
  EXPECT_TRUE(needs_using_cast("text", "integer"));
  EXPECT_TRUE(needs_using_cast("text", "jsonb"));
  EXPECT_TRUE(needs_using_cast("integer", "boolean"));
  EXPECT_TRUE(needs_using_cast("varchar(20)", "uuid"));
  EXPECT_TRUE(needs_using_cast("text[]", "integer[]"));
  EXPECT_TRUE(needs_using_cast("text", "timestamp with time zone"));
  // drizzle-cases/pg/021: these work as they are, and drizzle's text stays byte-identical.
  EXPECT_FALSE(needs_using_cast("integer", "bigint"));
  EXPECT_FALSE(needs_using_cast("varchar(32)", "varchar(64)"));
  EXPECT_FALSE(needs_using_cast("varchar(100)", "text"));
  EXPECT_FALSE(needs_using_cast("timestamp", "timestamp with time zone"));
  EXPECT_FALSE(needs_using_cast("timestamp (3) with time zone", "date"));
  EXPECT_FALSE(needs_using_cast("numeric(10, 2)", "numeric(12, 4)"));
  EXPECT_FALSE(needs_using_cast("json", "jsonb"));
  EXPECT_FALSE(needs_using_cast("integer", "text"));
  EXPECT_FALSE(needs_using_cast("boolean", "varchar(5)"));
  EXPECT_FALSE(needs_using_cast("cidr", "inet"));
  // Unknown types: leave drizzle's statement alone.
  EXPECT_FALSE(needs_using_cast("text", "citext"));
  EXPECT_FALSE(needs_using_cast("geometry(Point,4326)", "text"));
}

}  // namespace sleet::pg
