// SLEET_ASSERT: checks a programmer invariant in every build type and aborts with the reason. Never used for
// conditions user input can trigger (those are Errors).
#pragma once

namespace sleet::detail {
[[noreturn]] void assertion_failed(const char* condition, const char* why, const char* file, int line);
}

#define SLEET_ASSERT(cond, why) \
  ((cond) ? static_cast<void>(0) : ::sleet::detail::assertion_failed(#cond, why, __FILE__, __LINE__))
