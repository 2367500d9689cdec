// Error description and the ErrorCode -> exit code table.
#include "core/error.hpp"

#include <fmt/format.h>

namespace sleet {

Error& Error::with_context(std::string frame) & {
  context.push_back(std::move(frame));
  return *this;
}

Error&& Error::with_context(std::string frame) && {
  context.push_back(std::move(frame));
  return std::move(*this);
}

std::string Error::describe() const {
  std::string out;
  for (auto it = context.rbegin(); it != context.rend(); ++it) out += *it + ": ";
  if (span && !span->file.empty()) out += span->location() + ": ";
  out += message;
  if (!sqlstate.empty()) out += fmt::format(" (SQLSTATE {})", sqlstate);
  return out;
}

int to_exit_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::Drift: return exit_code::kDrift;
    case ErrorCode::Journal:
    case ErrorCode::HistoryChanged:
    case ErrorCode::OutOfOrder:
    case ErrorCode::Io: return exit_code::kBadMigrations;
    case ErrorCode::Pending: return exit_code::kPending;
    case ErrorCode::Parse:
    case ErrorCode::Unsupported:
    case ErrorCode::InvalidSchema:
    case ErrorCode::Conflict:
    case ErrorCode::Config:
    case ErrorCode::Usage: return exit_code::kConfig;
    case ErrorCode::Database: return exit_code::kDatabase;
    case ErrorCode::Internal: return 70;  // EX_SOFTWARE: a bug, not a user mistake
  }
  return 70;
}

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::Parse: return "parse";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::InvalidSchema: return "invalid_schema";
    case ErrorCode::Io: return "io";
    case ErrorCode::Journal: return "journal";
    case ErrorCode::HistoryChanged: return "history_changed";
    case ErrorCode::OutOfOrder: return "out_of_order";
    case ErrorCode::Database: return "database";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Config: return "config";
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Drift: return "drift";
    case ErrorCode::Pending: return "pending";
    case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

}  // namespace sleet
