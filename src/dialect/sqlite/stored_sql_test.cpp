// Unit tests of the readers of stored CREATE statements.
#include "dialect/sqlite/stored_sql.hpp"

#include <gtest/gtest.h>

namespace sleet::sqlite {
namespace {

TEST(StoredSql, ReadsColumnDefaultsGeneratedExpressionsAndAutoincrement) {
  auto table = read_create_table(
      "CREATE TABLE \"t\"(id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, a DECIMAL(10, 2) DEFAULT (1 + 2), "
      "b TEXT DEFAULT 'x''y', c INT DEFAULT - 5, d TEXT GENERATED ALWAYS AS (upper( b )) STORED, "
      "e TEXT AS (b || 'z'), f DEFAULT CURRENT_TIMESTAMP)");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->columns.size(), 7u);
  EXPECT_TRUE(table->columns[0].autoincrement);
  EXPECT_EQ(table->columns[1].name, "a");
  EXPECT_EQ(table->columns[1].default_sql, "(1 + 2)");
  EXPECT_EQ(table->columns[2].default_sql, "'x''y'");
  EXPECT_EQ(table->columns[3].default_sql, "-5");
  EXPECT_EQ(table->columns[4].generated, "upper( b )");
  EXPECT_EQ(table->columns[5].generated, "b || 'z'");
  EXPECT_EQ(table->columns[6].default_sql, "CURRENT_TIMESTAMP");
  EXPECT_EQ(table->primary_key_name, "");
}

TEST(StoredSql, ReadsNamedAndUnnamedConstraintsInDeclarationOrder) {
  auto table = read_create_table(
      "CREATE TABLE t (a INT CONSTRAINT a_pos CHECK (a > 0) UNIQUE, b INT REFERENCES p (id) ON DELETE SET NULL "
      "CONSTRAINT b_uq UNIQUE, c INT CHECK(c<>0), CONSTRAINT t_pk PRIMARY KEY (a, b) UNIQUE (b, c) "
      "CONSTRAINT c_fk FOREIGN KEY (c) REFERENCES p, CHECK (a < b))");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->checks.size(), 3u);
  EXPECT_EQ(table->checks[0].name, "a_pos");
  EXPECT_EQ(table->checks[0].expression, "a > 0");
  EXPECT_EQ(table->checks[0].column, "a");
  EXPECT_EQ(table->checks[1].name, "");
  EXPECT_EQ(table->checks[1].expression, "c<>0");
  EXPECT_EQ(table->checks[2].column, "");
  ASSERT_EQ(table->uniques.size(), 3u);
  EXPECT_TRUE(table->uniques[0].column_level);
  EXPECT_EQ(table->uniques[1].name, "b_uq");
  EXPECT_FALSE(table->uniques[2].column_level);
  EXPECT_EQ(table->uniques[2].columns, (std::vector<std::string>{"b", "c"}));
  ASSERT_EQ(table->foreign_keys.size(), 2u);
  EXPECT_EQ(table->foreign_keys[0].name, "");
  EXPECT_EQ(table->foreign_keys[0].columns, (std::vector<std::string>{"b"}));
  EXPECT_EQ(table->foreign_keys[1].name, "c_fk");
  EXPECT_EQ(table->primary_key_name, "t_pk");
  EXPECT_TRUE(table->notes.empty());
}

TEST(StoredSql, TableLevelAutoincrementMarksItsColumn) {
  auto table = read_create_table("CREATE TABLE t (id INTEGER, PRIMARY KEY (id AUTOINCREMENT))");
  ASSERT_TRUE(table);
  EXPECT_TRUE(table->columns[0].autoincrement);
}

TEST(StoredSql, NotesWhatTheModelCannotHold) {
  auto table =
      read_create_table("CREATE TABLE t (a TEXT COLLATE NOCASE, b INT UNIQUE ON CONFLICT REPLACE, "
                        "c INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, d INT REFERENCES p(id) NOT DEFERRABLE)");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->notes.size(), 3u);
  EXPECT_EQ(table->notes[0], "COLLATE NOCASE of column \"a\" is not kept in the schema model");
  EXPECT_EQ(table->notes[1], "ON CONFLICT replace of column \"b\" is not kept in the schema model");
  EXPECT_EQ(table->notes[2],
            "DEFERRABLE INITIALLY DEFERRED of a foreign key of column \"c\" is not kept in the schema model");
}

TEST(StoredSql, QuotedNamesMayUseKeywords) {
  auto table = read_create_table("CREATE TABLE t (\"primary\" INT, [check] TEXT DEFAULT 'x', `order` INT)");
  ASSERT_TRUE(table);
  ASSERT_EQ(table->columns.size(), 3u);
  EXPECT_EQ(table->columns[0].name, "primary");
  EXPECT_EQ(table->columns[1].name, "check");
  EXPECT_EQ(table->columns[1].default_sql, "'x'");
  EXPECT_TRUE(table->checks.empty());
}

TEST(StoredSql, ReadsIndexExpressionsAndPredicate) {
  auto index = read_create_index("CREATE UNIQUE INDEX ix ON \"users\" (lower(\"email\") COLLATE NOCASE, (a + b) DESC, "
                                 "c) WHERE deleted_at IS NULL");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->columns, (std::vector<std::string>{"lower(\"email\")", "(a + b)", "c"}));
  EXPECT_EQ(index->where, "deleted_at IS NULL");
  ASSERT_EQ(index->notes.size(), 2u);
  EXPECT_EQ(index->notes[0], "COLLATE NOCASE of index column lower(\"email\") is not kept in the schema model");
  EXPECT_EQ(index->notes[1], "DESC of index column (a + b) is not kept in the schema model");
}

TEST(StoredSql, ReadsTheViewQueryWithKeywordsInLowerCase) {
  EXPECT_EQ(read_view_query("CREATE VIEW v (x, y) AS SELECT id, \"Name\"\n  FROM users WHERE age >= 21"),
            "select id, \"Name\" from users where age >= 21");
  EXPECT_EQ(read_view_query("CREATE VIEW v"), std::nullopt);
}

TEST(StoredSql, TextWithoutAColumnListIsNotATable) {
  EXPECT_EQ(read_create_table("CREATE TABLE t AS SELECT 1"), std::nullopt);
  EXPECT_EQ(read_create_index("CREATE INDEX i"), std::nullopt);
}

} // namespace
} // namespace sleet::sqlite
