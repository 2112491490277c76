#pragma once
// Helpers shared by the fuzz targets: turning libFuzzer's bytes into the
// inputs Lantern's readers take, and failing loudly when a property breaks
// (abort() is what libFuzzer and the replay runner both report as a crash).

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace lantern::fuzz {

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    // A deep copy: the readers may keep views into their input beyond one call.
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

[[noreturn]] inline void propertyBroken(const char* what)
{
    std::fprintf(stderr, "fuzz property broken: %s\n", what);
    std::abort();
}

inline void require(bool holds, const char* what)
{
    if (!holds)
        propertyBroken(what);
}

} // namespace lantern::fuzz
