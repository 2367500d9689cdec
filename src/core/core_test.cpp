#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/file_io.hpp"
#include "core/json_out.hpp"
#include "core/result.hpp"
#include "core/js_number.hpp"
#include "core/name_glob.hpp"
#include "core/sha256.hpp"
#include "core/source_span.hpp"
#include "core/url_mask.hpp"
#include "temp_dir.hpp"

namespace sleet {
namespace {

TEST(SourceSpan, LineColumnAndCaretFromAnOffset) {
  std::string text = "create table a (\n\tid int,\n\tname texx\n);";
  auto span = SourceSpan::from_offset("schema.sql", text, text.find("texx"));
  EXPECT_EQ(span.line, 3);
  EXPECT_EQ(span.column, 7);
  EXPECT_EQ(span.location(), "schema.sql:3:7");
  EXPECT_EQ(span.source_line, "\tname texx");
  EXPECT_EQ(span.caret(), "    3 | \tname texx\n      | \t     ^");
  EXPECT_EQ(SourceSpan::from_offset("f", "abc", 99).column, 4);
}

TEST(Error, DescribeChainsContextOutermostFirst) {
  Error error(ErrorCode::Database, "division by zero");
  error.sqlstate = "22012";
  error.with_context("0001_b.sql: statement 2").with_context("migrate");
  EXPECT_EQ(error.describe(), "migrate: 0001_b.sql: statement 2: division by zero (SQLSTATE 22012)");
  EXPECT_EQ(to_exit_code(ErrorCode::Database), 5);
  EXPECT_EQ(to_exit_code(ErrorCode::Journal), 2);
  EXPECT_EQ(to_exit_code(ErrorCode::OutOfOrder), 2);
  EXPECT_EQ(to_exit_code(ErrorCode::Config), 4);
  EXPECT_EQ(to_exit_code(ErrorCode::Drift), 1);
  EXPECT_EQ(to_exit_code(ErrorCode::Pending), 3);
}

Result<int> half(int value) {
  if (value % 2) return fail(ErrorCode::Usage, "odd");
  return value / 2;
}

Result<int> quarter(int value) {
  auto first = half(value);
  if (!first) return std::move(first).error();
  return half(*first);
}

Result<void> check_even(int value) {
  SLEET_TRY(half(value));
  return ok();
}

TEST(Result, CarriesValuesAndErrors) {
  EXPECT_EQ(*quarter(8), 2);
  EXPECT_EQ(quarter(6).error().message, "odd");
  EXPECT_TRUE(check_even(2));
  EXPECT_FALSE(check_even(3));
}

TEST(UrlMask, HidesPasswordsInEveryForm) {
  EXPECT_EQ(mask_url("postgres://me:hunter2@db:5432/app"), "postgres://me:****@db:5432/app");
  EXPECT_EQ(mask_url("postgresql://me@db/app"), "postgresql://me@db/app");
  EXPECT_EQ(mask_url("host=db password=hunter2 dbname=app"), "host=db password=**** dbname=app");
  EXPECT_EQ(mask_url("host=db password='a b' dbname=app"), "host=db password=**** dbname=app");
  EXPECT_EQ(mask_url("postgres://db/app?password=hunter2&sslmode=require"),
            "postgres://db/app?password=****&sslmode=require");
  EXPECT_EQ(mask_url("sqlite:app.db"), "sqlite:app.db");
  EXPECT_EQ(redact("auth failed for hunter2", "hunter2"), "auth failed for ****");
  EXPECT_EQ(redact("parameter p is \"p\"", "p"), "parameter **** is \"****\"");
}

TEST(JsNumber, FormatsAsJavaScriptDoes) {
  EXPECT_EQ(js_number("00"), "0");
  EXPECT_EQ(js_number("2.50"), "2.5");
  EXPECT_EQ(js_number("1e3"), "1000");
  EXPECT_EQ(js_number("-12.5"), "-12.5");
  EXPECT_EQ(js_number("0.000001"), "0.000001");
  EXPECT_EQ(js_number("0.0000001"), "1e-7");
  EXPECT_EQ(js_number("1e21"), "1e+21");
  EXPECT_EQ(js_number("-0"), "0");
  EXPECT_EQ(js_number("1e999"), std::nullopt);
  EXPECT_EQ(js_number("abc"), std::nullopt);
  EXPECT_EQ(js_number("1.5x"), std::nullopt);
}

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::string text(100000, 'x');
  for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
  Sha256 hasher;
  hasher.update(std::string_view(text).substr(0, 1));
  hasher.update(std::string_view(text).substr(1, 65535));
  hasher.update(std::string_view(text).substr(65536));
  EXPECT_EQ(hasher.hex(), sha256_hex(text));
  Sha256 empty;
  EXPECT_EQ(empty.hex(), sha256_hex(""));
}

TEST(JsonOut, WritesCompactEscapedJson) {
  JsonOut out;
  out.begin_object().key("a").value("x\"y\n").key("n").value(std::int64_t{-3}).key("list").begin_array();
  out.value(true).null().begin_object().end_object().end_array().end_object();
  EXPECT_EQ(out.str(), R"({"a":"x\"y\n","n":-3,"list":[true,null,{}]})");
  EXPECT_EQ(JsonOut::quote(std::string("\x01", 1)), "\"\\u0001\"");
}

TEST(FileIo, AtomicWriteReplacesAndReadsBack) {
  sleet::test::TempDir dir;
  auto path = dir.path() / "f.txt";
  ASSERT_TRUE(write_file_atomic(path, "one"));
  ASSERT_TRUE(write_file_atomic(path, "two"));
  EXPECT_EQ(*read_file(path), "two");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u) << "no temp file may be left behind";
  auto missing = read_file(dir.path() / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::Io);
  EXPECT_NE(missing.error().message.find("nope: no such file"), std::string::npos);
  auto bad = write_file_atomic(dir.path() / "no/such/dir/f", "x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::Io);
}

}  // namespace
}  // namespace sleet

TEST(NameGlob, MatchesStarsQuestionMarksAndNegations) {
  using sleet::glob_matches;
  using sleet::selected_by_globs;
  EXPECT_TRUE(glob_matches("user*", "users"));
  EXPECT_TRUE(glob_matches("*", ""));
  EXPECT_TRUE(glob_matches("a?c", "abc"));
  EXPECT_FALSE(glob_matches("a?c", "ac"));
  EXPECT_TRUE(glob_matches("*_log*", "audit_log_2024"));
  EXPECT_FALSE(glob_matches("user*", "app_users"));
  EXPECT_TRUE(selected_by_globs({}, "anything"));
  EXPECT_TRUE(selected_by_globs({"!tmp_*"}, "users"));
  EXPECT_FALSE(selected_by_globs({"!tmp_*"}, "tmp_x"));
  EXPECT_TRUE(selected_by_globs({"user*", "post*"}, "posts"));
  EXPECT_FALSE(selected_by_globs({"user*", "post*"}, "comments"));
  EXPECT_FALSE(selected_by_globs({"user*", "!users_old"}, "users_old"));
}
