# lantern_add_test(<name> LABELS <l...> LIBS <targets...> [GUI] [TIMEOUT s])
# builds tests/<dir>/<name>.cpp into an executable registered with ctest.
# Non-GUI tests use QTEST_GUILESS_MAIN and link no widgets; every test runs on
# the offscreen platform so no display is needed unless the test asks for one.
include_guard(GLOBAL)

function(lantern_add_test name)
    cmake_parse_arguments(T "GUI" "TIMEOUT" "LABELS;LIBS;SOURCES" ${ARGN})
    add_executable(${name} ${name}.cpp ${T_SOURCES})
    lantern_apply_common_settings(${name})
    target_link_libraries(${name} PRIVATE ${T_LIBS} Qt6::Test lantern_testsupport)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
