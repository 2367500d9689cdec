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

TEST(PgQueryApi, TreesHoldEveryKindOfValue) {
  std::string sql = "CREATE INDEX i ON a (id) WHERE id > -1.5e3;\nSELECT 'caf\xc3\xa9 \"q\"', true, false, null";
  ParseOutput output = parse_sql(sql);
  ASSERT_FALSE(output.failure.has_value());
  ASSERT_EQ(output.statements.size(), 2u);
  const ParseNode& index = output.statements[0].node.body();
  EXPECT_EQ(index.str("idxname"), "i");
  EXPECT_EQ(index.fields().front().key, "idxname");
  EXPECT_TRUE(index.items().empty());
  ASSERT_EQ(index.list("indexParams").size(), 1u);
  EXPECT_EQ(index.list("indexParams")[0].tag(), "IndexElem");
  auto constants = output.statements[1].node.body().list("targetList");
  ASSERT_EQ(constants.size(), 4u);
  auto constant = [&](std::size_t i) -> const ParseNode& { return constants[i].body().get("val")->body(); };
  EXPECT_EQ(constant(0).get("sval")->str("sval"), "caf\xc3\xa9 \"q\"");  // escapes decoded
  EXPECT_EQ(constant(0).fields().front().key, "sval");
  EXPECT_TRUE(constant(1).get("boolval")->flag("boolval"));
  EXPECT_FALSE(constant(2).get("boolval")->flag("boolval"));
  EXPECT_TRUE(constant(3).flag("isnull"));
  EXPECT_GT(constant(3).integer("location"), 0);
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
