// plan_migration: the diff -> order -> render pipeline and drizzle's exact-string de-duplication.
#include "dialect/postgres/plan_migration.hpp"

#include <unordered_map>

#include "diff/differ.hpp"
#include "diff/order.hpp"
#include "dialect/postgres/render.hpp"

namespace sleet::pg {

Result<MigrationPlan> plan_migration(const schema::Database& from, const schema::Database& to,
                                     diff::RenameResolver& resolver) {
  auto changes = diff::diff_databases(from, to, resolver);
  if (!changes) return std::move(changes).error();
  diff::ChangeList ordered = diff::order_changes(std::move(*changes));
  MigrationPlan plan;
  std::unordered_map<std::string, std::size_t> seen;
  for (const diff::Change& change : ordered) {
    bool destructive = diff::is_destructive(change);
    for (std::string& sql : render_change(change)) {
      auto [it, inserted] = seen.emplace(sql, plan.statements.size());
      if (inserted) {
        plan.statements.push_back(PlannedStatement{std::move(sql), destructive});
      } else if (destructive) {
        plan.statements[it->second].destructive = true;
      }
    }
  }
  return plan;
}

std::vector<std::string> statement_texts(const MigrationPlan& plan) {
  std::vector<std::string> out;
  out.reserve(plan.statements.size());
  for (const auto& s : plan.statements) out.push_back(s.sql);
  return out;
}

}  // namespace sleet::pg
