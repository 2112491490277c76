#include "mirror/Purger.h"

#include "audit/AuditLog.h"
#include "mirror/MirrorLogging.h"
#include "vault/ResourceRepository.h"
#include "vault/Vault.h"

namespace lantern::sync {

Result<qint64> Purger::purgeExpired() const
{
    auto members = m_ctx.mirror.scope();
    if (!members.ok())
        return members.error();
    const QDateTime now = m_ctx.clock.now();
    qint64 purged = 0;
    for (const vault::ScopeMember& m : std::as_const(*members)) {
        if (!m.outOfScopeSince.isValid() || m.outOfScopeSince.addSecs(qint64(m_ctx.config.purgeGraceHours) * 3600) > now)
            continue;
        LANTERN_TRY(m_ctx.checkStop());
        LANTERN_TRY(purgePatient(m.patientId));
        ++purged;
    }
    if (purged > 0)
        qCInfo(lcMirror) << "purged" << purged << "patients out of scope";
    return purged;
}

Status Purger::purgePatient(const QString& patientId) const
{
    auto tx = vault::Transaction::begin(m_ctx.vault.db());
    if (!tx.ok())
        return tx.error();
    auto keys = m_ctx.mirror.resourceKeysOfPatient(patientId);
    if (!keys.ok())
        return keys.error();
    vault::ResourceRepository resources(m_ctx.vault.db());
    for (const auto& [type, id] : std::as_const(*keys))
        LANTERN_TRY(resources.remove(type, id));
    LANTERN_TRY(resources.remove(QStringLiteral("Patient"), patientId)); // also its patient_index row
    LANTERN_TRY(m_ctx.mirror.removeMember(patientId));
    audit::AuditLog log(m_ctx.vault, m_ctx.clock);
    auto entry = log.appendInTransaction({QStringLiteral("system"), audit::AuditAction::Purge, patientId,
                                          audit::AuditOutcome::Success,
                                          QStringLiteral("left mirror scope; %1 resources removed").arg(keys->size())});
    if (!entry.ok())
        return entry.error();
    return (*tx)->commit();
}

} // namespace lantern::sync
