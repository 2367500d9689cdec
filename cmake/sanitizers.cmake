# ASan + UBSan for the whole build when SLEET_SANITIZE is on.
if(SLEET_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
