#include "sync/mirror/PurgeGuard.h"

#include "core/audit/AuditLog.h"
#include "sync/mirror/MirrorContext.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/mirror/ScopeResolver.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <QMap>

namespace lantern::sync {

bool ScopeReview::isHeld(const QString& ward) const
{
    for (const ScopeDropAlarm& a : held)
        if (a.ward == ward)
            return true;
    return false;
}

bool PurgeGuard::dropSuspicious(qint64 before, qint64 removed, qint64 scopeBefore, qint64 scopeRemoved, int maxDropPercent)
{
    if (before <= 0 || removed <= 0)
        return false;
    if (removed >= before)
        return true; // the ward's answer leaves none of its patients: an empty answer for a ward that had some
    return scopeRemoved * 100 > qint64(maxDropPercent) * scopeBefore;
}

Result<ScopeReview> PurgeGuard::review(const QList<vault::ScopeMember>& previous, const ResolvedScope& scope) const
{
    struct Counts
    {
        qint64 before = 0;
        QStringList leaving;
    };
    QMap<QString, Counts> wards; // ordered: alarms and logs in ward order
    qint64 scopeBefore = 0;
    qint64 scopeRemoved = 0;
    for (const vault::ScopeMember& m : previous) {
        if (m.outOfScopeSince.isValid() || m.ward == ScopeResolver::patientsKey())
            continue; // already leaving (its drop was judged then), or listed by the configuration
        Counts& c = wards[m.ward];
        ++c.before;
        ++scopeBefore;
        if (!scope.patientWard.contains(m.patientId)) {
            c.leaving.append(m.patientId);
            ++scopeRemoved;
        }
    }
    QHash<QString, qint64> after;
    for (auto it = scope.patientWard.constBegin(); it != scope.patientWard.constEnd(); ++it)
        ++after[it.value()];

    MirrorStatusStore store(m_ctx.mirror);
    auto confirmations = m_ctx.mirror.statesWithPrefix(QStringLiteral("drop_confirmed/"));
    if (!confirmations.ok())
        return confirmations.error();
    ScopeReview review;
    const QDateTime now = m_ctx.clock.now();
    for (auto it = wards.constBegin(); it != wards.constEnd(); ++it) {
        const QString& ward = it.key();
        const qint64 removed = it->leaving.size();
        if (!dropSuspicious(it->before, removed, scopeBefore, scopeRemoved, m_ctx.config.maxDropPercent))
            continue;
        auto confirmed = store.dropConfirmation(ward);
        if (!confirmed.ok())
            return confirmed.error();
        if (confirmed->has_value())
            review.confirmationsSeen.append(ward);
        if (confirmed->has_value() && removed <= **confirmed) {
            review.confirmedApplied.append(ward);
            qCWarning(lcMirror).noquote() << QStringLiteral("EHR answer removes %1 of %2 patients of %3: applied, "
                                                            "confirmed by IT")
                                                 .arg(removed).arg(it->before).arg(ward);
            continue;
        }
        review.held.append({ward, it->before, after.value(ward), removed, now});
        for (const QString& patient : it->leaving)
            review.kept.insert(patient);
        qCWarning(lcMirror).noquote()
            << QStringLiteral("EHR answer would remove %1 of %2 patients of %3: kept, waiting for IT "
                              "(lanternctl --device mirror confirm-drop %3)")
                   .arg(removed).arg(it->before).arg(ward);
    }
    // A confirmation for a ward that no longer drops too much is spent as well:
    // it must never wave through a later, unrelated drop.
    for (auto it = confirmations->constBegin(); it != confirmations->constEnd(); ++it) {
        const QString ward = it.key().mid(int(qstrlen("drop_confirmed/")));
        if (!review.confirmationsSeen.contains(ward) && !review.isHeld(ward))
            review.confirmationsSeen.append(ward);
    }
    return review;
}

Status PurgeGuard::record(const ScopeReview& review) const
{
    MirrorStatusStore store(m_ctx.mirror);
    for (const QString& ward : review.confirmationsSeen)
        LANTERN_TRY(store.clearDropConfirmation(ward));
    auto alarms = store.dropAlarms();
    if (!alarms.ok())
        return alarms.error();
    for (const ScopeDropAlarm& a : std::as_const(*alarms))
        if (!review.isHeld(a.ward))
            LANTERN_TRY(store.clearDropAlarm(a.ward));
    for (const ScopeDropAlarm& a : review.held)
        LANTERN_TRY(store.raiseDropAlarm(a));
    return {};
}

QString PurgeGuard::purgeBlockedReason() const
{
    if (m_condition.downtimeOpen || m_condition.state == EhrState::Downtime)
        return QStringLiteral("a downtime is open");
    if (m_condition.state != EhrState::Online)
        return QStringLiteral("the EHR is %1, not online").arg(ehrStateName(m_condition.state));
    return {};
}

Result<QSet<QString>> PurgeGuard::patientsWithOpenEntries() const
{
    auto open = vault::OutboxRepository(m_ctx.vault.db()).openEntriesByPatient();
    if (!open.ok())
        return open.error();
    QSet<QString> out;
    for (auto it = open->constBegin(); it != open->constEnd(); ++it)
        if (it.value() > 0)
            out.insert(it.key());
    return out;
}

Result<ScopeDropAlarms> confirmHeldDrops(vault::Vault& vault, const QString& ward, const QString& actor, const Clock& clock)
{
    vault::MirrorRepository mirror(vault.db());
    MirrorStatusStore store(mirror);
    auto tx = vault::Transaction::begin(vault.db());
    if (!tx.ok())
        return tx.error();
    auto alarms = store.dropAlarms();
    if (!alarms.ok())
        return alarms.error();
    ScopeDropAlarms confirmed;
    for (const ScopeDropAlarm& a : std::as_const(*alarms))
        if (ward.isEmpty() || a.ward == ward)
            confirmed.append(a);
    if (confirmed.isEmpty())
        return Error(ErrorCode::NotFound, ward.isEmpty() ? QStringLiteral("no drop is held; nothing to confirm")
                                                         : QStringLiteral("no drop is held for %1; see lanternctl status")
                                                               .arg(ward));
    audit::AuditLog log(vault, clock);
    for (const ScopeDropAlarm& a : std::as_const(confirmed)) {
        LANTERN_TRY(store.confirmDrop(a.ward, a.removed, actor, clock.now()));
        auto entry = log.appendInTransaction(
            {actor, audit::AuditAction::Purge, {}, audit::AuditOutcome::Success,
             QStringLiteral("drop confirmed for %1: %2 of %3 patients may leave the mirror scope with the next cycle")
                 .arg(a.ward).arg(a.removed).arg(a.before)});
        if (!entry.ok())
            return entry.error();
    }
    LANTERN_TRY((*tx)->commit());
    qCWarning(lcMirror).noquote() << QStringLiteral("held drop confirmed for %1 ward(s); the next cycle applies it")
                                         .arg(confirmed.size());
    return confirmed;
}

} // namespace lantern::sync
