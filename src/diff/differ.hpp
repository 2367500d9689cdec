// The PostgreSQL-model differ: two schema models in, the list of typed changes that turns the first into the
// second, with drizzle-kit 0.31's notion of "what counts as a change" (drizzle-reference.md 3.5: an index,
// foreign key, unique, check or primary key that differs in any field is dropped and re-created) and its rename
// questions, asked through a RenameResolver in drizzle's order (schemas, enums, sequences, roles, tables,
// columns per table, policies per table, standalone policies, views).
//
// The changes come out in discovery order; diff/order.hpp puts them in drizzle's statement order. Objects are
// matched by name through hash maps, so the cost is linear in the size of the two models.
#pragma once

#include "core/result.hpp"
#include "diff/change.hpp"
#include "diff/rename_resolver.hpp"
#include "schema/schema.hpp"

namespace sleet::diff {

/// The changes from `from` to `to`, unordered (see order_changes). Fails only when `resolver` fails (its error
/// is returned unchanged) or answers with a name that was not among the candidates (ErrorCode::Conflict).
Result<ChangeList> diff_databases(const schema::Database& from, const schema::Database& to, RenameResolver& resolver);

}  // namespace sleet::diff
