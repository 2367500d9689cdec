// Parsing --rename flags and answering rename questions from them.
#include "app/rename_answers.hpp"

#include <fmt/format.h>

namespace sleet::app {

namespace {

std::optional<diff::RenameKind> kind_from(std::string_view name) {
  using diff::RenameKind;
  for (RenameKind kind : {RenameKind::Schema, RenameKind::Enum, RenameKind::Sequence, RenameKind::Role,
                          RenameKind::Table, RenameKind::Column, RenameKind::Policy, RenameKind::View}) {
    if (name == diff::to_string(kind)) return kind;
  }
  return std::nullopt;
}

bool is_scoped(diff::RenameKind kind) { return kind == diff::RenameKind::Column || kind == diff::RenameKind::Policy; }

}  // namespace

std::string without_public(std::string_view name) {
  if (name.starts_with("public.")) return std::string(name.substr(7));
  return std::string(name);
}

Result<RenameAnswer> parse_rename_flag(std::string_view value) {
  auto bad = [&](std::string why) {
    return fail(ErrorCode::Usage,
                fmt::format("--rename {}: {} (expected KIND:FROM=TO, e.g. table:users=people or "
                            "column:users.name=full_name; KIND is table, column, enum, schema, sequence, view, "
                            "policy or role)",
                            value, why));
  };
  auto colon = value.find(':');
  if (colon == std::string_view::npos) return bad("missing KIND:");
  auto kind = kind_from(value.substr(0, colon));
  if (!kind) return bad(fmt::format("unknown kind \"{}\"", value.substr(0, colon)));
  std::string_view rest = value.substr(colon + 1);
  auto eq = rest.find('=');
  if (eq == std::string_view::npos) return bad("missing =");
  RenameAnswer answer;
  answer.kind = *kind;
  answer.flag = std::string(value);
  std::string_view from = rest.substr(0, eq);
  answer.to = std::string(rest.substr(eq + 1));
  if (from.empty() || answer.to.empty()) return bad("empty name");
  if (is_scoped(*kind)) {
    auto dot = from.rfind('.');
    // Policy names are unique enough that the table may be left out (policy:OLD=NEW matches any table).
    if (*kind == diff::RenameKind::Policy && dot == std::string_view::npos) {
      answer.from = std::string(from);
      return answer;
    }
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == from.size())
      return bad(fmt::format("a {} is named TABLE.OLD=NEW", diff::to_string(*kind)));
    answer.scope = without_public(from.substr(0, dot));
    answer.from = std::string(from.substr(dot + 1));
    // Accept TABLE.NEW on the right too.
    if (answer.to.starts_with(std::string(from.substr(0, dot)) + ".")) answer.to = answer.to.substr(dot + 1);
  } else {
    answer.from = without_public(from);
    answer.to = without_public(answer.to);
  }
  return answer;
}

std::string rename_flag_for(const diff::RenameQuestion& question, const std::string& candidate) {
  if (is_scoped(question.kind)) {
    return fmt::format("--rename {}:{}.{}={}", diff::to_string(question.kind), question.scope, candidate,
                       question.created);
  }
  return fmt::format("--rename {}:{}={}", diff::to_string(question.kind), candidate, question.created);
}

Result<std::optional<std::string>> FlagRenameResolver::resolve(const diff::RenameQuestion& question) {
  for (RenameAnswer& answer : answers_) {
    if (answer.kind != question.kind) continue;
    if (is_scoped(question.kind) && !answer.scope.empty() && answer.scope != without_public(question.scope)) continue;
    if (answer.to != without_public(question.created)) continue;
    for (const std::string& candidate : question.candidates) {
      if (without_public(candidate) == answer.from) {
        answer.used = true;
        return std::optional<std::string>(candidate);
      }
    }
    return fail(ErrorCode::Conflict,
                fmt::format("--rename {}: {} is not one of the dropped {}s that {} could be renamed from ({})",
                            answer.flag, answer.from, diff::to_string(question.kind), question.created,
                            fmt::join(question.candidates, ", ")));
  }
  if (no_renames_) return std::optional<std::string>();
  if (interactive_ != nullptr) return interactive_->resolve(question);
  unanswered_.push_back(question);
  return std::optional<std::string>();
}

Error FlagRenameResolver::unanswered_error() const {
  std::string text = fmt::format(
      "{} rename question{} need{} an answer (no terminal to ask on); answer with --rename or --no-renames:",
      unanswered_.size(), unanswered_.size() == 1 ? "" : "s", unanswered_.size() == 1 ? "s" : "");
  for (const auto& question : unanswered_) {
    text += "\n  " + question_text(question);
    text += "\n      created: --no-renames (every question without a --rename is answered \"created\")";
    for (const auto& candidate : question.candidates) {
      text += fmt::format("\n      renamed from {}: {}", candidate, rename_flag_for(question, candidate));
    }
  }
  return Error(ErrorCode::Conflict, text);
}

std::vector<std::string> FlagRenameResolver::unused_flags() const {
  std::vector<std::string> unused;
  for (const auto& answer : answers_)
    if (!answer.used) unused.push_back(answer.flag);
  return unused;
}

std::string question_text(const diff::RenameQuestion& question) {
  const char* kind = diff::to_string(question.kind);
  if (question.kind == diff::RenameKind::Column || question.kind == diff::RenameKind::Policy) {
    return fmt::format("Is {} {} in {} table created or renamed from another {}?", question.created, kind,
                       question.scope, kind);
  }
  return fmt::format("Is {} {} created or renamed from another {}?", question.created, kind, kind);
}

}  // namespace sleet::app
