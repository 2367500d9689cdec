// ScriptedRenames: answers from a list.
#include "diff/scripted_renames.hpp"

#include <sstream>

namespace sleet::diff {

Result<ScriptedRenames> ScriptedRenames::parse(const std::string& text) {
  std::vector<std::optional<std::string>> answers;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line == "create") {
      answers.emplace_back();
    } else if (line.rfind("rename ", 0) == 0) {
      answers.emplace_back(line.substr(7));
    } else {
      return fail(ErrorCode::Parse, "bad rename answer \"" + line + "\" (expected `create` or `rename FROM`)");
    }
  }
  return ScriptedRenames(std::move(answers));
}

Result<std::optional<std::string>> ScriptedRenames::resolve(const RenameQuestion& question) {
  asked_.push_back(question);
  if (next_ >= answers_.size()) {
    return fail(ErrorCode::Conflict, std::string("no answer for the ") + to_string(question.kind) + " question about " +
                                         question.created);
  }
  return answers_[next_++];
}

}  // namespace sleet::diff
