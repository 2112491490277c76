#include "sync/reconcile/PatientResolver.h"

#include "core/vault/OutboxRepository.h"

namespace lantern::sync {

Result<std::optional<QString>> PatientResolver::serverId(const QString& localId)
{
    if (!m_admissions.contains(localId))
        return std::optional<QString>(localId);
    if (const auto it = m_cache.constFind(localId); it != m_cache.constEnd())
        return std::optional<QString>(*it);
    auto mapped = m_outbox.mappedPatient(localId);
    if (!mapped.ok())
        return mapped.error();
    if (*mapped)
        m_cache.insert(localId, **mapped);
    return *mapped;
}

Status PatientResolver::map(const QString& localId, const QString& serverId)
{
    LANTERN_TRY(m_outbox.mapPatient(localId, serverId));
    m_cache.insert(localId, serverId);
    return {};
}

} // namespace lantern::sync
