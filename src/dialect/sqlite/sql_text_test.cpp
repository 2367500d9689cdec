// Unit tests of the SQLite lexer: token kinds, quoting, comments, blank skipping and rebuilding.
#include "dialect/sqlite/sql_text.hpp"

#include <gtest/gtest.h>

namespace sleet::sqlite {
namespace {

std::vector<std::string> texts(const TokenList& tokens) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    out.emplace_back(tokens.text(i));
  return out;
}

TEST(SqlText, SplitsWordsQuotedNamesStringsNumbersAndOperators) {
  TokenList tokens("CREATE TABLE \"a\"\"b\" (`c`, [d e], x'00', 'it''s', 1.5e3, 0x1F, .5, a<=b, c||d, j->>'$')");
  EXPECT_EQ(texts(tokens),
            (std::vector<std::string>{"CREATE", "TABLE", "\"a\"\"b\"", "(",   "`c`",   ",", "[d e]", ",",
                                      "x'00'",  ",",     "'it''s'",    ",",   "1.5e3", ",", "0x1F",  ",",
                                      ".5",     ",",     "a",          "<=",  "b",     ",", "c",     "||",
                                      "d",      ",",     "j",          "->>", "'$'",   ")"}));
  EXPECT_EQ(tokens[2].kind, Token::Kind::QuotedName);
  EXPECT_EQ(tokens[8].kind, Token::Kind::Blob);
  EXPECT_EQ(tokens[10].kind, Token::Kind::String);
  EXPECT_EQ(tokens[12].kind, Token::Kind::Number);
}

TEST(SqlText, DequotesEveryQuotingStyle) {
  TokenList tokens("\"a\"\"b\" `c``d` [e\"f] 'g''h' plain");
  EXPECT_EQ(tokens.name(0), "a\"b");
  EXPECT_EQ(tokens.name(1), "c`d");
  EXPECT_EQ(tokens.name(2), "e\"f");
  EXPECT_EQ(tokens.name(3), "g'h");
  EXPECT_EQ(tokens.name(4), "plain");
}

TEST(SqlText, DropsCommentsAndKeepsUnterminatedTokensToTheEnd) {
  TokenList tokens("a -- one\n/* two */ b /* open");
  EXPECT_EQ(texts(tokens), (std::vector<std::string>{"a", "b"}));
  TokenList open("x 'never closed");
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open.text(1), "'never closed");
}

TEST(SqlText, SkipsBlanksAndCommentsToTheNextToken) {
  std::string text = "  -- note\n  /* c */ CREATE";
  EXPECT_EQ(skip_blanks(text, 0), text.find("CREATE"));
  EXPECT_EQ(skip_blanks("  -- only a comment", 0), std::string("  -- only a comment").size());
}

TEST(SqlText, MatchesParenthesesAndFindsTopLevelCommas) {
  TokenList tokens("(a, f(b, c), d)");
  EXPECT_EQ(tokens.matching_paren(0), tokens.size() - 1);
  EXPECT_EQ(tokens.top_level_comma(1, tokens.size() - 1), 2u);
  EXPECT_EQ(tokens.top_level_comma(3, tokens.size() - 1), 9u);
  EXPECT_EQ(TokenList("(a").matching_paren(0), 2u); // unbalanced: size()
}

TEST(SqlText, RebuildsWithOneBlankWhereTheSourceHadAnyAndLowersKeywords) {
  TokenList tokens("SELECT  id,\n\tname /* c */ FROM \"Users\"  WHERE substr( name ,1)");
  EXPECT_EQ(tokens.rebuild(0, tokens.size()), "SELECT id, name FROM \"Users\" WHERE substr( name ,1)");
  EXPECT_EQ(tokens.rebuild(0, tokens.size(), true), "select id, name from \"Users\" where substr( name ,1)");
}

TEST(SqlText, WordComparisonIsAsciiCaseInsensitive) {
  TokenList tokens("Primary \"primary\"");
  EXPECT_TRUE(tokens.is_word(0, "primary"));
  EXPECT_FALSE(tokens.is_word(1, "primary")); // a quoted name is never a keyword
  EXPECT_FALSE(tokens.is_word(2, "primary")); // past the end
}

} // namespace
} // namespace sleet::sqlite
