// A RenameResolver that replays a fixed list of answers, one per question in order (drizzle-kit's prompt
// transcript: `create` or `rename FROM`). Used by tests and by non-interactive runs that carry an answers file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "diff/rename_resolver.hpp"

namespace sleet::diff {

class ScriptedRenames final : public RenameResolver {
 public:
  /// Each answer is std::nullopt ("create") or the candidate to rename from.
  explicit ScriptedRenames(std::vector<std::optional<std::string>> answers) : answers_(std::move(answers)) {}

  /// Parses lines "create" / "rename FROM" (blank lines and lines starting with '#' are skipped).
  static Result<ScriptedRenames> parse(const std::string& text);

  /// The next answer; fails with ErrorCode::Conflict when the list is exhausted.
  Result<std::optional<std::string>> resolve(const RenameQuestion& question) override;

  /// Every question asked so far, in order.
  const std::vector<RenameQuestion>& asked() const { return asked_; }
  /// Answers not used yet.
  std::size_t remaining() const { return answers_.size() - next_; }

 private:
  std::vector<std::optional<std::string>> answers_;
  std::size_t next_ = 0;
  std::vector<RenameQuestion> asked_;
};

}  // namespace sleet::diff
