#include "core/drill/Drill.h"

#include "core/vault/OutboxRepository.h"

namespace lantern::drill {

QString drillMark()
{
    return QStringLiteral("DRILL \u2014 not for clinical use");
}

vault::OutboxStore storeFor(bool drillRunning, bool realDowntimeOpen)
{
    return drillInForce(drillRunning, realDowntimeOpen) ? vault::OutboxStore::Drill : vault::OutboxStore::Production;
}

} // namespace lantern::drill
