#include "core/common/Sodium.h"

#include <sodium.h>

#include <cstdlib>
#include <cstdio>

namespace lantern {

void ensureSodium()
{
    static const bool initialised = [] {
        if (sodium_init() < 0) {
            std::fputs("lantern: libsodium could not be initialised; refusing to run without it\n", stderr);
            std::abort();
        }
        return true;
    }();
    (void)initialised;
}

} // namespace lantern
