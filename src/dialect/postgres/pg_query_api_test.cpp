// Unit tests of the libpg_query adapter: statement ranges, error offsets (byte offsets, also after
// multi-byte characters), tokens and the parse tree reader.
#include "dialect/postgres/pg_query_api.hpp"

#include <gtest/gtest.h>

namespace sleet::pg {
namespace {

TEST(PgQueryApi, ParsesStatementsWithTheirRanges) {
  std::string sql = "CREATE TABLE a (id int);\n  CREATE INDEX i ON a (id);";
  ParseOutput output = parse_sql(sql);
  ASSERT_FALSE(output.failure.has_value());
  ASSERT_EQ(output.statements.size(), 2u);
  EXPECT_EQ(output.statements[0].node.tag(), "CreateStmt");
  EXPECT_EQ(output.statements[0].location, 0u);
  EXPECT_EQ(output.statements[1].node.tag(), "IndexStmt");
  EXPECT_EQ(sql.substr(output.statements[1].location, output.statements[1].length), "\n  CREATE INDEX i ON a (id)");
  const ParseNode& create = output.statements[0].node.body();
  EXPECT_EQ(create.get("relation")->str("relname"), "a");
  EXPECT_EQ(create.list("tableElts").size(), 1u);
  EXPECT_EQ(create.get("nope"), nullptr);
}

bool same_tree(const ParseNode& a, const ParseNode& b) {
  if (a.kind != b.kind || a.boolean != b.boolean || a.text != b.text || a.items.size() != b.items.size() ||
      a.fields.size() != b.fields.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same_tree(a.items[i], b.items[i])) return false;
  }
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    if (a.fields[i].first != b.fields[i].first || !same_tree(a.fields[i].second, b.fields[i].second)) return false;
  }
  return true;
}

TEST(PgQueryApi, TreesOnDemandEqualEagerTrees) {
  std::string sql = "CREATE TABLE a (id int DEFAULT 1, \"n\u00e9\" text CHECK (length(\"n\u00e9\") > 0));\n"
                    "CREATE INDEX i ON a (id) WHERE id > -1.5e3;\nSELECT 'caf\xc3\xa9', true, false, null";
  ParseOutput eager = parse_sql(sql);
  ParseOutput lazy = parse_sql(sql, Trees::OnDemand);
  ASSERT_FALSE(lazy.failure.has_value());
  ASSERT_EQ(lazy.statements.size(), eager.statements.size());
  ASSERT_EQ(lazy.statements.size(), 3u);
  for (std::size_t i = 0; i < eager.statements.size(); ++i) {
    EXPECT_TRUE(lazy.statements[i].node.is_null());
    EXPECT_EQ(lazy.statements[i].location, eager.statements[i].location);
    EXPECT_EQ(lazy.statements[i].length, eager.statements[i].length);
    EXPECT_TRUE(same_tree(statement_tree(lazy, lazy.statements[i]), eager.statements[i].node)) << i;
  }
  ParseOutput failed = parse_sql("CREATE TABEL x ();", Trees::OnDemand);
  ASSERT_TRUE(failed.failure.has_value());
  EXPECT_TRUE(failed.statements.empty());
}

TEST(PgQueryApi, SyntaxErrorOffsetIsInBytes) {
  std::string sql = "-- caf\xc3\xa9\nCREATE TABEL x ();";
  ParseOutput output = parse_sql(sql);
  ASSERT_TRUE(output.failure.has_value());
  EXPECT_EQ(output.failure->offset, sql.find("TABEL"));
  EXPECT_TRUE(output.statements.empty());
}

TEST(PgQueryApi, ScansTokensWithKinds) {
  std::string sql = "SELECT -5, 'x''y', \"Col\", a->>'b' /* c */ FROM t;";
  std::vector<Token> tokens = scan_sql(sql);
  ASSERT_GE(tokens.size(), 12u);
  EXPECT_EQ(tokens[0].kind, Token::Kind::Keyword);
  EXPECT_EQ(sql.substr(tokens[2].start, tokens[2].end - tokens[2].start), "5");
  EXPECT_EQ(tokens[2].kind, Token::Kind::Number);
  EXPECT_EQ(tokens[3].punct, ',');
  EXPECT_EQ(tokens[4].kind, Token::Kind::String);
  EXPECT_EQ(sql.substr(tokens[4].start, tokens[4].end - tokens[4].start), "'x''y'");
  EXPECT_EQ(tokens[6].kind, Token::Kind::Identifier);
  EXPECT_EQ(tokens.back().punct, ';');
}

TEST(PgQueryApi, DeparsesExpressionsAndStatements) {
  EXPECT_EQ(deparse_expression("A  >  0 AND b IS NULL"), "a > 0 AND b IS NULL");
  EXPECT_EQ(deparse_expression("(("), std::nullopt);
  EXPECT_EQ(deparse_statement("select  1"), "SELECT 1");
  EXPECT_EQ(parser_version_num() / 10000, 15);
}

}  // namespace
}  // namespace sleet::pg
