// Whether PostgreSQL can change a column's type without a USING clause: only when an implicit or assignment
// cast exists (pg_cast castcontext 'i'/'a', or the automatic I/O cast to a string type). drizzle-kit never
// writes USING for plain types, so text -> integer, text -> jsonb or integer -> boolean fail on every
// database (drizzle-reference 8.14); sleet adds `USING "col"::type` exactly there.
#pragma once

#include <string_view>

namespace sleet::pg {

/// True when ALTER COLUMN ... TYPE from `from_type` to `to_type` (drizzle's type spellings: "integer",
/// "varchar(32)", "timestamp (3) with time zone", "text[]") needs a USING clause. Unknown types (user types,
/// domains, extensions) answer false: sleet then writes what drizzle writes.
bool needs_using_cast(std::string_view from_type, std::string_view to_type);

}  // namespace sleet::pg
