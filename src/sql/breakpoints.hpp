// Splitting and joining migration SQL on drizzle's "--> statement-breakpoint" marker.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sleet::sql {

inline constexpr std::string_view kBreakpointMarker = "--> statement-breakpoint";
/// What generate puts between statements: the marker and a newline.
inline constexpr std::string_view kBreakpoint = "--> statement-breakpoint\n";

/// Splits exactly as drizzle-orm's migrator does: on every occurrence of the marker (even inside a string
/// or comment), keeping surrounding whitespace, so the piece after a marker starts with its newline.
std::vector<std::string> split_breakpoints(std::string_view sql);

/// Joins statements the way drizzle-kit writes a migration: with kBreakpoint when `breakpoints`, else "\n".
std::string join_statements(const std::vector<std::string>& statements, bool breakpoints);

}  // namespace sleet::sql
