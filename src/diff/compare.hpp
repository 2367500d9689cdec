// Equality as drizzle-kit sees it (drizzle-reference.md 3.5): drizzle compares "squashed" strings, which leave
// some fields out (an identity's schema) and read absent values as defaults (a foreign key's schemaTo as
// "public", onDelete as ""). Two objects equal here produce no statement. Private to src/diff.
#pragma once

#include <string>

#include "schema/schema.hpp"

namespace sleet::diff::detail {

bool same_identity(const schema::Identity& a, const schema::Identity& b);
bool same_column(const schema::Column& a, const schema::Column& b);
bool same_index(const schema::Index& a, const schema::Index& b);
bool same_foreign_key(const schema::ForeignKey& a, const schema::ForeignKey& b);
bool same_primary_key(const schema::PrimaryKey& a, const schema::PrimaryKey& b);
bool same_unique(const schema::UniqueConstraint& a, const schema::UniqueConstraint& b);
bool same_check(const schema::CheckConstraint& a, const schema::CheckConstraint& b);
bool same_policy(const schema::Policy& a, const schema::Policy& b);

/// `type` without array suffixes ("role[]" -> "role", "int[3][4]" -> "int").
std::string strip_array_suffix(const std::string& type);

}  // namespace sleet::diff::detail
