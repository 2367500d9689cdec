# sleet_module(NAME DIR DEPS...): one static library per src/ folder, built from every .cpp in it except
# *_test.cpp; the unit tests beside the code (*_test.cpp) become one gtest binary per module, labelled "unit".
# The DEPS are exactly the row of the layering table (ARCHITECTURE.md 9.3) for that module.
function(sleet_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(lib_sources ${all_sources})
  list(FILTER lib_sources EXCLUDE REGEX "_test\\.cpp$")
  set(test_sources ${all_sources})
  list(FILTER test_sources INCLUDE REGEX "_test\\.cpp$")
  add_library(sleet_${name} STATIC ${lib_sources})
  target_include_directories(sleet_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sleet_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  if(SLEET_BUILD_TESTS AND test_sources)
    add_executable(sleet_${name}_test ${test_sources})
    target_link_libraries(sleet_${name}_test PRIVATE sleet_${name} sleet_test_support GTest::gtest_main GTest::gmock)
    gtest_discover_tests(sleet_${name}_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
