// needs_using_cast: a table of PostgreSQL 15's built-in casts between common types, by cast group.
#include "dialect/postgres/type_cast.hpp"

#include <string>

namespace sleet::pg {
namespace {

enum class CastGroup { Unknown, String, Number, DateTime, Time, Interval, Boolean, Json, Uuid, Bytea, Network, Mac, Xml };

struct TypeShape {
  std::string base;  ///< lower case, parameters and array suffix removed, aliases resolved
  int array_depth = 0;
};

TypeShape shape_of(std::string_view type) {
  TypeShape shape;
  std::string text(type);
  while (text.size() >= 2 && text.compare(text.size() - 2, 2, "[]") == 0) {
    text.resize(text.size() - 2);
    ++shape.array_depth;
  }
  std::string base;
  bool in_parens = false;
  for (char c : text) {
    if (c == '(') in_parens = true;
    else if (c == ')') in_parens = false;
    else if (!in_parens) base += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  // Collapse whitespace ("timestamp  with time zone" after removing "(3)").
  std::string collapsed;
  for (char c : base) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  shape.base = collapsed;
  return shape;
}

CastGroup group_of(const std::string& base) {
  static const std::pair<const char*, CastGroup> kTypes[] = {
      {"text", CastGroup::String},          {"varchar", CastGroup::String},
      {"character varying", CastGroup::String}, {"char", CastGroup::String},
      {"character", CastGroup::String},     {"bpchar", CastGroup::String},
      {"name", CastGroup::String},          {"smallint", CastGroup::Number},
      {"integer", CastGroup::Number},       {"int", CastGroup::Number},
      {"int2", CastGroup::Number},          {"int4", CastGroup::Number},
      {"int8", CastGroup::Number},          {"bigint", CastGroup::Number},
      {"real", CastGroup::Number},          {"float4", CastGroup::Number},
      {"float8", CastGroup::Number},        {"double precision", CastGroup::Number},
      {"numeric", CastGroup::Number},       {"decimal", CastGroup::Number},
      {"serial", CastGroup::Number},        {"smallserial", CastGroup::Number},
      {"bigserial", CastGroup::Number},     {"date", CastGroup::DateTime},
      {"timestamp", CastGroup::DateTime},   {"timestamp without time zone", CastGroup::DateTime},
      {"timestamp with time zone", CastGroup::DateTime}, {"timestamptz", CastGroup::DateTime},
      {"time", CastGroup::Time},            {"time without time zone", CastGroup::Time},
      {"time with time zone", CastGroup::Time}, {"timetz", CastGroup::Time},
      {"interval", CastGroup::Interval},    {"boolean", CastGroup::Boolean},
      {"bool", CastGroup::Boolean},         {"json", CastGroup::Json},
      {"jsonb", CastGroup::Json},           {"uuid", CastGroup::Uuid},
      {"bytea", CastGroup::Bytea},          {"inet", CastGroup::Network},
      {"cidr", CastGroup::Network},         {"macaddr", CastGroup::Mac},
      {"macaddr8", CastGroup::Mac},         {"xml", CastGroup::Xml},
  };
  for (const auto& [name, group] : kTypes)
    if (base == name) return group;
  if (base.rfind("interval ", 0) == 0) return CastGroup::Interval;  // interval day to second
  return CastGroup::Unknown;
}

/// Implicit or assignment casts between groups (besides "anything -> string" and "same group").
bool castable_across(CastGroup from, CastGroup to) {
  // timestamp/timestamptz -> time/timetz and interval -> time are assignment casts.
  if (to == CastGroup::Time && (from == CastGroup::DateTime || from == CastGroup::Interval)) return true;
  return false;
}

}  // namespace

bool needs_using_cast(std::string_view from_type, std::string_view to_type) {
  TypeShape from = shape_of(from_type);
  TypeShape to = shape_of(to_type);
  CastGroup from_group = group_of(from.base);
  CastGroup to_group = group_of(to.base);
  if (from_group == CastGroup::Unknown || to_group == CastGroup::Unknown) return false;
  if (from.array_depth != to.array_depth) return to.array_depth == 0 && to_group == CastGroup::String ? false : true;
  if (to_group == CastGroup::String) return false;  // the automatic I/O cast to a string type is an assignment cast
  if (from_group == to_group) return false;
  return !castable_across(from_group, to_group);
}

}  // namespace sleet::pg
