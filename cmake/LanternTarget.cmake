# One place for the settings every Lantern target shares: language level,
# warnings, hardening and strict Qt string handling. Targets opt in with
# lantern_apply_common_settings(<target>) so nothing is set globally by accident.
include_guard(GLOBAL)

option(LANTERN_WERROR "Treat warnings as errors (on by default when CI is set)" "$ENV{CI}")

function(lantern_apply_common_settings target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    set_target_properties(${target} PROPERTIES
        CXX_EXTENSIONS OFF
        POSITION_INDEPENDENT_CODE ON)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER
        QT_NO_FOREACH
        QT_NO_KEYWORDS
        $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wno-missing-field-initializers
        -fstack-protector-strong
        $<$<BOOL:${LANTERN_WERROR}>:-Werror>)
    target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now)
    get_target_property(kind ${target} TYPE)
    if(kind STREQUAL "EXECUTABLE")
        target_link_options(${target} PRIVATE -pie)
    endif()
endfunction()
