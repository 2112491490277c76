#include "sync/mirror/Purger.h"

#include "core/audit/AuditLog.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PurgeGuard.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

namespace lantern::sync {

Result<qint64> Purger::purgeExpired(const PurgeGuard& guard, MirrorCycleReport& report) const
{
    auto members = m_ctx.mirror.scope();
    if (!members.ok())
        return members.error();
    const QDateTime now = m_ctx.clock.now();
    QList<QString> due;
    for (const vault::ScopeMember& m : std::as_const(*members))
        if (m.outOfScopeSince.isValid() && m.outOfScopeSince.addSecs(qint64(m_ctx.config.purgeGraceHours) * 3600) <= now)
            due.append(m.patientId);
    if (due.isEmpty())
        return qint64(0);
    // An answer given while the EHR is unwell is not one to delete on, and
    // during a downtime the ward may need exactly these charts.
    report.purgeHeld = guard.purgeBlockedReason();
    if (!report.purgeHeld.isEmpty()) {
        qCInfo(lcMirror).noquote() << QStringLiteral("no purge: %1; %2 patients past the grace period are kept")
                                          .arg(report.purgeHeld).arg(due.size());
        return qint64(0);
    }
    qint64 purged = 0;
    for (const QString& patientId : std::as_const(due)) {
        LANTERN_TRY(m_ctx.checkStop());
        auto done = purgePatient(patientId, guard);
        if (!done.ok())
            return done.error();
        if (*done)
            ++purged;
        else
            ++report.patientsKept; // its entries still have to reach the EHR, or a person's decision
    }
    if (purged > 0)
        qCInfo(lcMirror) << "purged" << purged << "patients out of scope";
    if (report.patientsKept > 0)
        qCInfo(lcMirror) << "kept" << report.patientsKept << "patients out of scope: downtime entries await reconciliation";
    return purged;
}

Result<bool> Purger::purgePatient(const QString& patientId, const PurgeGuard& guard) const
{
    auto tx = vault::Transaction::begin(m_ctx.vault.db());
    if (!tx.ok())
        return tx.error();
    // Asked inside the transaction, so an entry the desktop records meanwhile is seen.
    auto open = guard.patientsWithOpenEntries();
    if (!open.ok())
        return open.error();
    if (open->contains(patientId))
        return false;
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
    LANTERN_TRY((*tx)->commit());
    return true;
}

} // namespace lantern::sync
