#include "sync/health/DeclaredDowntime.h"

#include "core/service/ServiceMailbox.h"
#include "sync/health/EhrHealthMonitor.h"

namespace lantern::sync {

namespace {
// Marks a downtime this function opened from the vault, so that only such a
// downtime ends when the stored declaration goes; one declared in this
// process (MirrorEngine::declareDowntime) is not ended by an empty mailbox.
const QString kFromStore = QStringLiteral("declared on this device");
} // namespace

Status followDeclaredDowntime(vault::Vault& vault, EhrHealthMonitor& health, const Clock& clock)
{
    auto declared = service::ServiceMailbox(vault, clock).declaredDowntime();
    if (!declared.ok())
        return declared.error();
    const std::optional<DowntimeRecord> open = health.currentDowntime();
    const bool heldByPerson = open && open->declaredManually;
    if (*declared && !heldByPerson)
        return health.declareDowntime((*declared)->by, kFromStore).toStatus();
    if (!*declared && heldByPerson && open->declareReason == kFromStore)
        return health.endDowntime(open->declaredBy, QStringLiteral("ended on this device")).toStatus();
    return {};
}

} // namespace lantern::sync
