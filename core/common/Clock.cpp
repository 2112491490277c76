#include "core/common/Clock.h"

namespace lantern {

const SystemClock& SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace lantern
