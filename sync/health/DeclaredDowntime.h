#pragma once
// A downtime a person declared (lanternctl downtime declare, the desktop) is
// stored in the vault (core/service/ServiceMailbox), because the person's
// process is not the mirror service's. The engine calls this at the start of
// every cycle: a stored declaration holds the health state at Downtime, its
// removal ends the person's downtime (Downtime → Recovery). The declaration
// was audited when the person made it; it is not audited again here.

#include "core/common/Clock.h"
#include "core/common/Result.h"

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

class EhrHealthMonitor;

Status followDeclaredDowntime(vault::Vault& vault, EhrHealthMonitor& health, const Clock& clock);

} // namespace lantern::sync
