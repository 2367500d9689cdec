// drizzle-kit's squashed-string equality, field by field (see compare.hpp).
#include "diff/compare.hpp"

#include <cctype>

namespace sleet::diff::detail {

bool same_identity(const schema::Identity& a, const schema::Identity& b) {
  return a.name == b.name && a.type == b.type && a.options == b.options;
}

bool same_column(const schema::Column& a, const schema::Column& b) {
  if (a.identity.has_value() != b.identity.has_value()) return false;
  if (a.identity && !same_identity(*a.identity, *b.identity)) return false;
  return a.name == b.name && a.type == b.type && a.type_schema == b.type_schema && a.primary_key == b.primary_key &&
         a.not_null == b.not_null && a.default_value == b.default_value && a.generated == b.generated &&
         a.is_unique == b.is_unique && a.unique_name == b.unique_name && a.nulls_not_distinct == b.nulls_not_distinct;
}

bool same_index(const schema::Index& a, const schema::Index& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    const auto& x = a.columns[i];
    const auto& y = b.columns[i];
    if (x.expression != y.expression || x.is_expression != y.is_expression || x.asc != y.asc || x.nulls != y.nulls ||
        x.opclass.value_or("") != y.opclass.value_or("")) {
      return false;
    }
  }
  return a.name == b.name && a.is_unique == b.is_unique && a.concurrently == b.concurrently && a.method == b.method &&
         a.where == b.where && a.with == b.with;
}

bool same_foreign_key(const schema::ForeignKey& a, const schema::ForeignKey& b) {
  auto schema_to = [](const schema::ForeignKey& fk) {
    return fk.schema_to && !fk.schema_to->empty() ? *fk.schema_to : std::string("public");
  };
  return a.name == b.name && a.table_from == b.table_from && a.columns_from == b.columns_from &&
         a.table_to == b.table_to && a.columns_to == b.columns_to && a.on_update.value_or("") == b.on_update.value_or("") &&
         a.on_delete.value_or("") == b.on_delete.value_or("") && schema_to(a) == schema_to(b);
}

bool same_primary_key(const schema::PrimaryKey& a, const schema::PrimaryKey& b) { return a == b; }

bool same_unique(const schema::UniqueConstraint& a, const schema::UniqueConstraint& b) { return a == b; }

bool same_check(const schema::CheckConstraint& a, const schema::CheckConstraint& b) { return a == b; }

bool same_policy(const schema::Policy& a, const schema::Policy& b) {
  return a.name == b.name && a.as == b.as && a.for_ == b.for_ && a.to == b.to && a.using_ == b.using_ &&
         a.with_check == b.with_check && a.on == b.on;
}

std::string strip_array_suffix(const std::string& type) {
  // The regex /\[\d*(?:\[\d*\])*\]/g: remove every "[digits]" group.
  std::string out;
  for (std::size_t i = 0; i < type.size();) {
    if (type[i] == '[') {
      std::size_t j = i + 1;
      while (j < type.size() && std::isdigit(static_cast<unsigned char>(type[j]))) ++j;
      if (j < type.size() && type[j] == ']') {
        i = j + 1;
        continue;
      }
    }
    out.push_back(type[i]);
    ++i;
  }
  return out;
}

}  // namespace sleet::diff::detail
