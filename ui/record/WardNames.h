#pragma once
// Ward names for the record dialogs: Location id → name, from the Location
// resources in the vault (the census names its wards the same way), read
// through core. A ward whose Location the vault does not hold (a mirrored
// ward known only by id) is not in the map.

#include "core/common/Result.h"

#include <QHash>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::ui {

class WardNames
{
public:
    // Every Location with a name (else its first identifier), by id.
    static Result<QHash<QString, QString>> load(vault::Vault& vault);
};

} // namespace lantern::ui
