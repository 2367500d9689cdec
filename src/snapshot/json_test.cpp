// Unit tests of the private JSON layer: JSON.stringify escaping, JS key order, the parser's offsets and
// errors, style detection and whitespace patches.
#include <gtest/gtest.h>

#include "snapshot/json_value.hpp"
#include "snapshot/json_write.hpp"

namespace sleet::snapshot::json {
namespace {

std::string js_quote(std::string_view s) {
  std::string out;
  append_quoted(out, s);
  return out;
}

std::string stringify(std::string_view text, const Style& style = Style{}) {
  std::string out;
  Writer w(out, style);
  w.value(parse(text));
  return out;
}

TEST(JsonEscape, UsesJsonStringifyEscapes) {
  EXPECT_EQ(js_quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(js_quote("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(js_quote(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(js_quote(std::string(1, '\0')), R"("\u0000")");
  EXPECT_EQ(js_quote("a/b"), R"("a/b")");
  EXPECT_EQ(js_quote("caf\xc3\xa9 \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
  EXPECT_EQ(js_quote("\x7f"), "\"\x7f\"");
}

TEST(JsonEscape, LoneSurrogatesRoundTripAsLowercaseEscapes) {
  Value v = parse(R"("x\uD800y\udfffz")");
  EXPECT_EQ(js_quote(v.text), R"("x\ud800y\udfffz")");
  Value pair = parse(R"("\ud83d\ude00")");
  EXPECT_EQ(pair.text, "\xf0\x9f\x98\x80");
  EXPECT_EQ(js_quote(pair.text), "\"\xf0\x9f\x98\x80\"");
}

TEST(JsonKeys, ArrayIndexKeysComeFirstInNumericOrder) {
  EXPECT_EQ(stringify(R"({"b":1,"10":2,"a":3,"2":4,"01":5,"-1":6})"),
            "{\n  \"2\": 4,\n  \"10\": 2,\n  \"b\": 1,\n  \"a\": 3,\n  \"01\": 5,\n  \"-1\": 6\n}");
  EXPECT_TRUE(is_array_index("0"));
  EXPECT_TRUE(is_array_index("4294967294"));
  EXPECT_FALSE(is_array_index("4294967295"));
  EXPECT_FALSE(is_array_index("007"));
  EXPECT_FALSE(is_array_index("1.5"));
  EXPECT_FALSE(is_array_index(""));
}

TEST(JsonWrite, MatchesJsonStringifyWithTwoSpaces) {
  EXPECT_EQ(stringify(R"({"a":[],"b":{},"c":[1,"x",true,null],"d":{"e":1.50}})"),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    \"x\",\n    true,\n    null\n  ],\n"
            "  \"d\": {\n    \"e\": 1.50\n  }\n}");
  EXPECT_EQ(stringify("[]"), "[]");
  EXPECT_EQ(stringify("\"s\""), "\"s\"");
}

TEST(JsonWrite, PrettierStyleKeepsShortScalarArraysInline) {
  Style style;
  style.inline_scalar_arrays = true;
  EXPECT_EQ(stringify(R"({"a":["x","y"],"b":[{"c":1}]})", style),
            "{\n  \"a\": [\"x\", \"y\"],\n  \"b\": [\n    {\n      \"c\": 1\n    }\n  ]\n}");
  std::string long_array = R"({"a":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]})";
  EXPECT_EQ(stringify(long_array, style).find("[\""), std::string::npos);
}

TEST(JsonParse, KeepsNumberTextAndMemberOrder) {
  Value v = parse(R"({"z": 1e+21, "a": -0.5, "m": 12345678901234567890123})");
  ASSERT_EQ(v.keys.size(), 3u);
  EXPECT_EQ(v.keys[0], "z");
  EXPECT_EQ(v.items[0].text, "1e+21");
  EXPECT_EQ(v.items[1].text, "-0.5");
  EXPECT_EQ(v.items[2].text, "12345678901234567890123");
  EXPECT_EQ(v.items[1].offset, 18u);
}

TEST(JsonParse, ReportsTheOffsetOfTheProblem) {
  auto offset_of = [](std::string_view text) -> std::size_t {
    try {
      parse(text);
    } catch (const SyntaxError& e) {
      return e.offset;
    }
    return std::string_view::npos;
  };
  EXPECT_EQ(offset_of("{\"a\": tru}"), 6u);
  EXPECT_EQ(offset_of("{\"a\": 1,}"), 8u);
  EXPECT_EQ(offset_of("[1 2]"), 3u);
  EXPECT_EQ(offset_of("{} x"), 3u);
  EXPECT_EQ(offset_of("\"abc"), 0u);
  EXPECT_EQ(offset_of("01"), 1u);
  EXPECT_EQ(offset_of(""), 0u);
  EXPECT_EQ(offset_of(std::string(10000, '[')), static_cast<std::size_t>(kMaxDepth));
}

TEST(JsonStyle, DetectsTabsCrlfInlineArraysAndTrailingNewline) {
  Style style = detect_style("{\r\n\t\"a\": [\"x\"]\r\n}\r\n");
  EXPECT_EQ(style.indent, "\t");
  EXPECT_EQ(style.newline, "\r\n");
  EXPECT_TRUE(style.inline_scalar_arrays);
  EXPECT_EQ(style.tail, "\r\n");
  EXPECT_EQ(detect_style("{\n  \"a\": \"[x\"\n}"), Style{});
}

TEST(JsonPatch, RestoresHandEditedWhitespaceAndEscapes) {
  std::string original = "{\n  \"a\": \"\\u0041\",\n\n  \"b\": 1\n}";
  std::string produced = stringify(original);
  ASSERT_NE(produced, original);
  auto patches = diff_tokens(original, produced);
  ASSERT_TRUE(patches.has_value());
  EXPECT_EQ(patches->list.size(), 2u);
  EXPECT_EQ(apply_patches(produced, *patches), original);
}

TEST(JsonPatch, RefusesToPatchContent) {
  EXPECT_FALSE(diff_tokens(R"({"a": 1})", R"({"a": 2})").has_value());
  EXPECT_FALSE(diff_tokens(R"({"a": "x"})", R"({"b": "x"})").has_value());
  EXPECT_FALSE(diff_tokens(R"({"a": 1})", R"({"a": 1, "b": 2})").has_value());
}

}  // namespace
}  // namespace sleet::snapshot::json
