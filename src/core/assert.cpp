// The failure path of SLEET_ASSERT: print and abort.
#include "core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace sleet::detail {
void assertion_failed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "sleet: internal error: %s (%s) at %s:%d\n", why, condition, file, line);
  std::abort();
}
}  // namespace sleet::detail
