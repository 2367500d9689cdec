// The interactive answer to rename questions: a numbered menu on the terminal, defaulting to "create" like
// drizzle-kit. Used only when both stdin and stderr are terminals.
#pragma once

#include "app/rename_answers.hpp"  // diff::RenameResolver, through app/

namespace sleet::cli {

class TtyRenameResolver final : public diff::RenameResolver {
 public:
  /// True when a person can be asked (stdin and stderr are terminals).
  static bool available();
  Result<std::optional<std::string>> resolve(const diff::RenameQuestion& question) override;
};

}  // namespace sleet::cli
