// The loader parses a file in pieces (dialect/postgres/statement_chunks.hpp, prepared_pieces.hpp); the result
// must never depend on where it cuts. Every PostgreSQL SQL file of the shared corpus (drizzle cases, chains,
// and the real-world migration files, which hold functions, DO blocks, triggers and comments) and a set of
// texts written to fool the cutter are loaded whole and cut at every candidate line (piece size 1): the
// model and the warnings, or the error with its file:line:column, must be identical.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dialect/postgres/load.hpp"
#include "dialect/postgres/statement_chunks.hpp"
#include "run_command.hpp"
#include "text_compare.hpp"

namespace fs = std::filesystem;

namespace sleet::pg {
namespace {

using test::corpus_dir;
using test::read_text;

/// What a load produced, as one comparable text.
std::string outcome(const std::string& path, const std::string& text, std::size_t piece_size) {
  LoadOptions options;
  options.piece_size = piece_size;
  auto result = load_schema({SourceFile{path, text}}, options);
  if (!result) return "error: " + result.error().describe();
  std::ostringstream out;
  out << "tables " << result->database.tables.size() << "\n";
  for (const LoadWarning& warning : result->warnings) {
    out << warning.span.file << ":" << warning.span.line << ":" << warning.span.column << " " << warning.message << "\n";
  }
  return out.str();
}

void expect_cut_independent(const std::string& path, const std::string& text) {
  LoadOptions whole_options;
  whole_options.piece_size = text.size() + 1;
  LoadOptions cut_options;
  cut_options.piece_size = 1;
  auto whole = load_schema({SourceFile{path, text}}, whole_options);
  auto cut = load_schema({SourceFile{path, text}}, cut_options);
  ASSERT_EQ(whole.has_value(), cut.has_value()) << path << "\nwhole: " << outcome(path, text, text.size() + 1)
                                                << "\ncut: " << outcome(path, text, 1);
  if (!whole) {
    EXPECT_EQ(whole.error().describe(), cut.error().describe()) << path;
    return;
  }
  EXPECT_TRUE(whole->database == cut->database) << path;
  EXPECT_EQ(outcome(path, text, text.size() + 1), outcome(path, text, 1)) << path;
}

TEST(LoadPieces, CorpusFilesLoadTheSameWhateverTheCuts) {
  ASSERT_TRUE(fs::is_directory(corpus_dir())) << corpus_dir();
  int files = 0, cut_files = 0;
  for (const char* root : {"drizzle-cases/pg", "drizzle-chains", "realworld/postgresql"}) {
    for (const auto& entry : fs::recursive_directory_iterator(corpus_dir() / root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
      std::string text = read_text(entry.path());
      if (text.find('\0') != std::string::npos) continue;
      ++files;
      if (!chunk_cuts(text, 1).empty()) ++cut_files;
      expect_cut_independent(entry.path().string(), text);
    }
  }
  EXPECT_GT(files, 500);
  EXPECT_GT(cut_files, 400);  // most files really are cut
}

TEST(LoadPieces, SemicolonLinesInsideLiteralsCommentsAndBodiesAreNotBoundaries) {
  // Every line below that ends in ';' without a "--" is a candidate cut; only some are statement ends.
  const std::string text =
      "CREATE TABLE a (id integer PRIMARY KEY, note text DEFAULT 'x;\n"
      "y;\n"
      "z');\n"
      "/* a block comment;\n"
      "still the comment;\n"
      "*/\n"
      "CREATE FUNCTION f() RETURNS integer LANGUAGE plpgsql AS $$\n"
      "BEGIN\n"
      "  RETURN 1;\n"
      "END;\n"
      "$$;\n"
      "CREATE FUNCTION g() RETURNS integer LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT 1;\n"
      "  SELECT 2;\n"
      "END;\n"
      "CREATE TABLE \"b;\n"
      "c\" (id integer);\n"
      "CREATE TABLE d (id integer) -- trailing comment;\n"
      ";\n"
      "CREATE VIEW v AS SELECT id FROM a\n"
      "WHERE id > 0;\n"
      "CREATE TABLE e (ref integer REFERENCES a (id) ON DELETE CASCADE);\n";
  EXPECT_GT(chunk_cuts(text, 1).size(), 8u);
  expect_cut_independent("tricky.sql", text);
  auto loaded = load_schema({SourceFile{"tricky.sql", text}}, LoadOptions{false, 1});
  ASSERT_TRUE(loaded.has_value()) << loaded.error().describe();
  EXPECT_EQ(loaded->database.tables.size(), 4u);  // a, "b;\nc", d, e
  EXPECT_EQ(loaded->warnings.size(), 2u);         // the two functions
}

TEST(LoadPieces, AnErrorLateInTheFileIsReportedWhereAWholeParseReportsIt) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "CREATE TABLE t" + std::to_string(i) + " (id integer);\n";
  text += "CREATE TABEL oops (id integer);\n";
  for (int i = 200; i < 220; ++i) text += "CREATE TABLE t" + std::to_string(i) + " (id integer);\n";
  auto cut = load_schema({SourceFile{"late.sql", text}}, LoadOptions{false, 64});
  ASSERT_FALSE(cut.has_value());
  ASSERT_TRUE(cut.error().span.has_value());
  EXPECT_EQ(cut.error().span->line, 201);
  EXPECT_EQ(cut.error().span->column, 8);
  expect_cut_independent("late.sql", text);
}

TEST(LoadPieces, AnUnterminatedStringAfterACandidateCutIsTheFilesError) {
  const std::string text = "CREATE TABLE a (id integer);\nCREATE TABLE b (note text DEFAULT 'open;\nCREATE TABLE c (id integer);\n";
  expect_cut_independent("open.sql", text);
  auto cut = load_schema({SourceFile{"open.sql", text}}, LoadOptions{false, 1});
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().code, ErrorCode::Parse);
}

TEST(StatementChunks, CutsFollowLinesEndingInASemicolon) {
  const std::string text = "CREATE TABLE a (id integer);\nSELECT 1; -- no\nCREATE TABLE b (\n id integer\n);  \nx";
  std::vector<std::size_t> cuts = chunk_cuts(text, 1);
  ASSERT_EQ(cuts.size(), 2u);
  EXPECT_EQ(text.substr(0, cuts[0]), "CREATE TABLE a (id integer);\n");
  EXPECT_EQ(text.substr(cuts[1]), "x");
  EXPECT_TRUE(chunk_cuts(text, text.size()).empty());
  EXPECT_TRUE(chunk_cuts("", 1).empty());
}

}  // namespace
}  // namespace sleet::pg
