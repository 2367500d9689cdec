# Project-wide warning flags: -Wall -Wextra -Wpedantic, errors unless SLEET_WERROR is off.
add_compile_options(-Wall -Wextra -Wpedantic)
if(SLEET_WERROR)
  add_compile_options(-Werror)
endif()
