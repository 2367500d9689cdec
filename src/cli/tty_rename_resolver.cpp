// TtyRenameResolver: prints the question and its choices on stderr, reads the choice from stdin.
#include "cli/tty_rename_resolver.hpp"

#include <fmt/format.h>
#include <iostream>
#include <string>
#include <unistd.h>

#include "app/rename_answers.hpp"

namespace sleet::cli {

bool TtyRenameResolver::available() { return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDERR_FILENO) == 1; }

Result<std::optional<std::string>> TtyRenameResolver::resolve(const diff::RenameQuestion& question) {
  const char* kind = diff::to_string(question.kind);
  std::cerr << "? " << app::question_text(question) << "\n";
  std::cerr << fmt::format("  1) + {}  create {}\n", question.created, kind);
  for (std::size_t i = 0; i < question.candidates.size(); ++i) {
    std::cerr << fmt::format("  {}) ~ {} › {}  rename {}\n", i + 2, question.candidates[i], question.created, kind);
  }
  while (true) {
    std::cerr << fmt::format("choose 1-{} [1]: ", question.candidates.size() + 1) << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) {
      return fail(ErrorCode::Conflict, fmt::format("no answer to: {}", app::question_text(question)));
    }
    if (line.empty()) return std::optional<std::string>();
    try {
      std::size_t choice = std::stoul(line);
      if (choice == 1) return std::optional<std::string>();
      if (choice >= 2 && choice <= question.candidates.size() + 1) {
        std::cerr << fmt::format("  ~ {} › {} {} will be renamed\n", question.candidates[choice - 2], question.created,
                                 kind);
        return std::optional<std::string>(question.candidates[choice - 2]);
      }
    } catch (const std::exception&) {
      // not a number: ask again
    }
  }
}

}  // namespace sleet::cli
