#include "core/model/Encounter.h"

namespace lantern::model {

EncounterLocation Encounter::currentLocation() const
{
    for (auto it = locations.crbegin(); it != locations.crend(); ++it) {
        if (it->status == QLatin1String("active"))
            return *it;
    }
    return locations.isEmpty() ? EncounterLocation() : locations.last();
}

} // namespace lantern::model
