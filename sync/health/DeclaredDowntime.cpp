#include "sync/health/DeclaredDowntime.h"

#include "core/service/ServiceMailbox.h"
#include "sync/health/EhrHealthMonitor.h"

namespace lantern::sync {

Status followDeclaredDowntime(vault::Vault& vault, EhrHealthMonitor& health, const Clock& clock)
{
    auto declared = service::ServiceMailbox(vault, clock).declaredDowntime();
    if (!declared.ok())
        return declared.error();
    const std::optional<DowntimeRecord> open = health.currentDowntime();
    const bool heldByPerson = open && open->declaredManually;
    if (*declared && !heldByPerson)
        return health.declareDowntime((*declared)->by, QStringLiteral("declared on this device")).toStatus();
    if (!*declared && heldByPerson)
        return health.endDowntime(open->declaredBy, QStringLiteral("ended on this device")).toStatus();
    return {};
}

} // namespace lantern::sync
