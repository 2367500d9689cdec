// The rename question and the interface that answers it. When one diff both creates and drops objects of the
// same kind in the same scope, the differ asks, for each created object in order, whether it is new or a
// rename of one of the dropped objects not yet taken (drizzle-kit's prompts, drizzle-reference.md 7.1). The
// differ never prompts itself: the CLI supplies a TTY resolver, flags supply a scripted one, tests a list.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace sleet::diff {

/// Kinds that can be renamed, in the order drizzle asks about them.
enum class RenameKind { Schema, Enum, Sequence, Role, Table, Column, Policy, View };

/// "schema", "enum", "sequence", "role", "table", "column", "policy", "view": the KIND of --rename KIND:FROM=TO.
const char* to_string(RenameKind kind);

struct RenameQuestion {
  RenameKind kind = RenameKind::Table;
  /// For columns and policies: the table as named in the new schema ("users", or "auth.users" outside public).
  /// Empty for other kinds.
  std::string scope;
  /// The created object's name: "name", or "schema.name" for tables/enums/sequences/views outside public
  /// (tables in public are plain "name").
  std::string created;
  /// Dropped objects still available as rename sources, in the previous schema's order, same naming.
  std::vector<std::string> candidates;
  bool operator==(const RenameQuestion&) const = default;
};

class RenameResolver {
 public:
  virtual ~RenameResolver() = default;
  /// The answer: std::nullopt = "created", or one of question.candidates = "renamed from". An error (typically
  /// ErrorCode::Conflict, "no answer") aborts the diff.
  virtual Result<std::optional<std::string>> resolve(const RenameQuestion& question) = 0;
};

/// Answers every question with "created" (--no-renames, and drizzle's default answer).
class NoRenames final : public RenameResolver {
 public:
  Result<std::optional<std::string>> resolve(const RenameQuestion&) override { return std::optional<std::string>(); }
};

}  // namespace sleet::diff
