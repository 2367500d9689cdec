// Ordering is its own step: drizzle-kit emits statements in fixed groups (drizzle-reference.md 4.4: schemas,
// enums, sequences, roles, created tables, RLS, views, dropped / moved / renamed tables, renamed columns, dropped
// constraints, ..., dropped types, sequences and schemas). order_changes() sorts the differ's changes by group,
// stably, so the differ's discovery order is kept inside a group, then applies drizzle's post-filters.
#pragma once

#include "diff/change.hpp"

namespace sleet::diff {

/// The statement group of a change (smaller = earlier), drizzle's applyPgSnapshotsDiff push order.
int statement_group(const Change& change);

/// Sorts by statement_group (stable), then removes what drizzle filters out: ADD VALUE on an enum being
/// recreated, and SET DEFAULT already emitted by a type change or an enum recreation of the same column.
/// drizzle's removal of SET / DROP NOT NULL on tables adding / dropping an identity is deliberately not
/// reproduced (docs/compat.md).
ChangeList order_changes(ChangeList changes);

}  // namespace sleet::diff
