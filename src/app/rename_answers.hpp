// Answers to rename questions given on the command line: `--rename KIND:FROM=TO` (repeatable) and
// `--no-renames`. Questions without an answer are collected (answered "created" provisionally) so that one
// run can report every question with the exact flags that would answer it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "diff/rename_resolver.hpp"

namespace sleet::app {

/// One `--rename KIND:FROM=TO`. For columns and policies FROM is `TABLE.OLD` (TABLE as named in the new
/// schema, schema-qualified outside public; a policy may leave it out) and TO is the new name; for other kinds FROM and TO are names,
/// optionally schema-qualified (`table:old=other_schema.new` moves a table).
struct RenameAnswer {
  diff::RenameKind kind = diff::RenameKind::Table;
  std::string scope;  ///< columns/policies: the table (empty: any table, policies only)
  std::string from;
  std::string to;
  std::string flag;   ///< as given, for messages
  bool used = false;
};

/// Parses one flag value. Fails with ErrorCode::Usage naming the flag and the expected form.
Result<RenameAnswer> parse_rename_flag(std::string_view value);

/// The flag that answers `question` with "renamed from `candidate`".
std::string rename_flag_for(const diff::RenameQuestion& question, const std::string& candidate);

/// Resolves from flags; with `no_renames` every unanswered question is "created". Otherwise an unanswered
/// question is recorded and answered "created" for now: callers must check unanswered() after the diff and
/// fail with unanswered_error() (a later question may have been asked only because of that answer).
class FlagRenameResolver final : public diff::RenameResolver {
 public:
  /// `interactive` (optional, e.g. a TTY prompt) is asked what no flag answers, unless no_renames.
  FlagRenameResolver(std::vector<RenameAnswer> answers, bool no_renames, diff::RenameResolver* interactive = nullptr)
      : answers_(std::move(answers)), no_renames_(no_renames), interactive_(interactive) {}

  Result<std::optional<std::string>> resolve(const diff::RenameQuestion& question) override;

  const std::vector<diff::RenameQuestion>& unanswered() const { return unanswered_; }

  /// ErrorCode::Conflict listing each unanswered question and the flags that answer it.
  Error unanswered_error() const;

  /// Flags that matched no question (probably a typo), for a warning.
  std::vector<std::string> unused_flags() const;

 private:
  std::vector<RenameAnswer> answers_;
  bool no_renames_;
  diff::RenameResolver* interactive_;
  std::vector<diff::RenameQuestion> unanswered_;
};

/// "public.x" and "x" name the same object: strips a leading "public." (after an optional table scope).
std::string without_public(std::string_view name);

/// The question as drizzle words it: "Is full_name column in users table created or renamed from another column?"
std::string question_text(const diff::RenameQuestion& question);

}  // namespace sleet::app
