// Unit tests of expression canonicalisation: formatting never matters, canonicalisation is idempotent, and
// text that does not parse is its own canonical form.
#include "dialect/postgres/canonical_expr.hpp"

#include <gtest/gtest.h>

namespace sleet::pg {
namespace {

TEST(CanonicalExpr, FormattingDifferencesCompareEqual) {
  EXPECT_EQ(make_expr("price>0"), make_expr("( PRICE  >  0 )"));
  EXPECT_EQ(make_expr("\"t\".\"a\" = 1"), make_expr("t.a=1"));
  EXPECT_FALSE(make_expr("a > 0") == make_expr("a >= 0"));
  EXPECT_EQ(make_query_expr("select id from users where age >= 18"),
            make_query_expr("SELECT id\n  FROM users\n  WHERE age>=18"));
}

TEST(CanonicalExpr, IsIdempotent) {
  for (const char* text : {"lower(email)", "(first_name || ' ' || last_name)", "now() + interval '1 hour'",
                           "\"users\".\"age\" between 1 and 90", "data->>'type'", "'{}'::text[]"}) {
    std::string once = canonical_expression(text);
    EXPECT_EQ(canonical_expression(once), once) << text;
  }
}

TEST(CanonicalExpr, KeepsTextThatDoesNotParse) {
  EXPECT_EQ(canonical_expression("a >"), "a >");
  schema::Expr expr = make_expr("a >");
  EXPECT_EQ(expr.key(), "a >");
}

TEST(CanonicalExpr, CanonicalizesReadSnapshotsLikeLoadedSql) {
  schema::Database database;
  schema::Table table;
  table.name = "t";
  table.check_constraints.push_back(schema::CheckConstraint{"c", schema::Expr("\"t\".\"a\">0")});
  database.tables.push_back(table);
  schema::Database loaded = database;
  loaded.tables[0].check_constraints[0].value = make_expr("\"t\".\"a\" > 0");
  EXPECT_FALSE(database == loaded) << "a snapshot's text differs from the SQL's before canonicalisation";
  canonicalize_expressions(database);
  EXPECT_EQ(database, loaded);
}

}  // namespace
}  // namespace sleet::pg
