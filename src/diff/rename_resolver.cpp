// Names of rename kinds.
#include "diff/rename_resolver.hpp"

namespace sleet::diff {

const char* to_string(RenameKind kind) {
  switch (kind) {
    case RenameKind::Schema: return "schema";
    case RenameKind::Enum: return "enum";
    case RenameKind::Sequence: return "sequence";
    case RenameKind::Role: return "role";
    case RenameKind::Table: return "table";
    case RenameKind::Column: return "column";
    case RenameKind::Policy: return "policy";
    case RenameKind::View: return "view";
  }
  return "table";
}

}  // namespace sleet::diff
