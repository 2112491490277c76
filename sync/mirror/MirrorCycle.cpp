#include "sync/mirror/MirrorCycle.h"

#include "sync/mirror/BulkLoader.h"
#include "sync/mirror/HistoryPuller.h"
#include "sync/mirror/IncrementalPlan.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PatientPuller.h"
#include "sync/mirror/Purger.h"
#include "sync/mirror/ReferenceFollower.h"
#include "sync/mirror/SearchDeltaPuller.h"
#include "sync/mirror/ScopeResolver.h"
#include "core/vault/Vault.h"

#include <QSet>

namespace lantern::sync {

Status MirrorCycle::recordScope(const ResolvedScope& scope, ScopeReview& review, QStringList& toLoad, bool& nothingLoaded)
{
    auto tx = vault::Transaction::begin(m_ctx.vault.db());
    if (!tx.ok())
        return tx.error();
    auto previous = m_ctx.mirror.scope();
    if (!previous.ok())
        return previous.error();
    auto judged = m_guard.review(*previous, scope);
    if (!judged.ok())
        return judged.error();
    review = std::move(*judged);
    // Cursors start where this cycle's view of the server starts: whatever
    // changes while the initial pull runs is caught by the next history walk.
    for (const QString& type : ScopeFilter::mirroredTypes()) {
        auto existing = m_ctx.mirror.cursor(HistoryPuller::cursorName(type));
        if (!existing.ok())
            return existing.error();
        if (!existing->has_value())
            m_freshCursors.insert(type);
        LANTERN_TRY(m_ctx.mirror.initCursor(HistoryPuller::cursorName(type), scope.serverTime));
    }
    QHash<QString, bool> loaded;
    for (const vault::ScopeMember& m : std::as_const(*previous))
        loaded.insert(m.patientId, m.loaded);
    nothingLoaded = true;
    for (auto it = scope.patientWard.constBegin(); it != scope.patientWard.constEnd(); ++it) {
        LANTERN_TRY(m_ctx.mirror.markInScope(it.key(), it.value(), scope.serverTime));
        if (loaded.value(it.key(), false))
            nothingLoaded = false;
        else
            toLoad.append(it.key());
    }
    const QDateTime now = m_ctx.clock.now();
    for (const vault::ScopeMember& m : std::as_const(*previous))
        if (!scope.patientWard.contains(m.patientId) && !review.kept.contains(m.patientId))
            LANTERN_TRY(m_ctx.mirror.markOutOfScope(m.patientId, now));
    LANTERN_TRY(m_guard.record(review));
    LANTERN_TRY((*tx)->commit());
    toLoad.sort();
    return {};
}

// The cycle is complete: only now does data-as-of advance, and not for a ward
// whose answer was refused (its census is not known to be current).
Status MirrorCycle::advanceDataAsOf(const ResolvedScope& scope, const ScopeReview& review)
{
    auto tx = vault::Transaction::begin(m_ctx.vault.db());
    if (!tx.ok())
        return tx.error();
    auto previousWards = m_ctx.mirror.dataAsOf();
    if (!previousWards.ok())
        return previousWards.error();
    for (auto it = previousWards->constBegin(); it != previousWards->constEnd(); ++it)
        if (!scope.scopeKeys.contains(it.key()) && !review.isHeld(it.key()))
            LANTERN_TRY(m_ctx.mirror.removeWard(it.key()));
    for (const QString& key : std::as_const(scope.scopeKeys))
        if (!review.isHeld(key))
            LANTERN_TRY(m_ctx.mirror.setDataAsOf(key, scope.serverTime));
    return (*tx)->commit();
}

Result<bool> MirrorCycle::typeHistorySupported(const QDateTime& serverTime)
{
    m_support.readCapabilities(m_ctx.client);
    if (m_support.typeHistory)
        return *m_support.typeHistory;
    // The CapabilityStatement did not say: ask once.
    auto page = m_ctx.client.history(QStringLiteral("Patient"), serverTime, {{QStringLiteral("_count"), QStringLiteral("1")}});
    if (page.ok()) {
        m_support.typeHistory = page->bundle.value(QLatin1String("type")).toString() == QLatin1String("history");
    } else {
        // The server answered, and not with a passing trouble: it has no type-level history.
        const int status = page.httpStatus();
        if (status != 400 && status != 404 && status != 405 && status != 501)
            return page.error().prefixed(QStringLiteral("asking whether the EHR offers _history"));
        m_support.typeHistory = false;
    }
    if (!*m_support.typeHistory)
        qCInfo(lcMirror) << "the EHR offers no <Type>/_history; incremental pulls search by _lastUpdated and sweep for "
                            "deletions every" << m_ctx.config.deletionSweepMinutes << "minutes";
    return *m_support.typeHistory;
}

Status MirrorCycle::pullIncremental(const ScopeFilter& filter, const QDateTime& serverTime, MirrorCycleReport& report)
{
    auto history = typeHistorySupported(serverTime);
    if (!history.ok())
        return history.error();
    const IncrementalPlan plan(m_ctx, m_freshCursors);
    const QStringList& types = ScopeFilter::mirroredTypes();
    if (*history && m_support.systemHistory) {
        // Every type in one walk of the server's history: one request in a quiet cycle.
        LANTERN_TRY(HistoryPuller(m_ctx).pullAll(
            types, [&plan](const QString& type) { return plan.overlapSecondsFor(type); }, filter, report));
        if (m_ctx.progress)
            m_ctx.progress(QStringLiteral("incremental"), types.size(), types.size());
        return {};
    }
    for (qsizetype i = 0; i < types.size(); ++i) {
        const QString& type = types.at(i);
        auto needed = plan.needsRequest(type);
        if (!needed.ok())
            return needed.error();
        if (!*needed)
            LANTERN_TRY(plan.skip(type, serverTime, filter, report));
        else if (*history)
            LANTERN_TRY(HistoryPuller(m_ctx).pull(type, plan.overlapSecondsFor(type), filter, report));
        else {
            LANTERN_TRY(plan.countLoadAsSweep(type, serverTime, filter, report));
            LANTERN_TRY(SearchDeltaPuller(m_ctx).pull(type, plan.overlapSecondsFor(type), filter, serverTime, report));
        }
        if (m_ctx.progress)
            m_ctx.progress(QStringLiteral("incremental"), i + 1, types.size());
    }
    return {};
}

Result<MirrorCycleReport> MirrorCycle::run()
{
    MirrorCycleReport report;
    auto scope = ScopeResolver(m_ctx).resolve();
    if (!scope.ok())
        return scope.error();
    report.serverTime = scope->serverTime;
    if (m_ctx.progress)
        m_ctx.progress(QStringLiteral("scope"), scope->patientWard.size(), scope->patientWard.size());

    QStringList toLoad;
    bool nothingLoaded = true;
    ScopeReview review;
    LANTERN_TRY(recordScope(*scope, review, toLoad, nothingLoaded));
    report.dropsHeld = review.held;
    LANTERN_TRY(m_ctx.checkStop());

    // Every patient the vault still holds (in scope, or out of it but within
    // the grace period) keeps receiving updates.
    auto members = m_ctx.mirror.scope();
    if (!members.ok())
        return members.error();
    QSet<QString> patients;
    for (const vault::ScopeMember& m : std::as_const(*members))
        patients.insert(m.patientId);
    const ScopeFilter filter(patients, scope->serverTime.addDays(-m_ctx.config.administrationHistoryDays));

    if (!toLoad.isEmpty()) {
        const QString group = m_ctx.config.scope.groupId;
        const bool bulk = m_bulkOffered && m_ctx.config.preferBulkExport && !group.isEmpty() && nothingLoaded &&
                          m_ctx.config.scope.wardLocationIds.isEmpty() && m_ctx.config.scope.patientIds.isEmpty();
        Status loaded = bulk ? BulkLoader(m_ctx).load(group, toLoad, filter, report) : Status();
        if (!loaded.ok()) {
            if (loaded.error().message == MirrorContext::stoppedError().message)
                return loaded.error();
            qCWarning(lcMirror).noquote() << "bulk export failed, falling back to searches:" << loaded.error().message;
        }
        if (!bulk || !loaded.ok())
            LANTERN_TRY(PatientPuller(m_ctx).pull(toLoad, filter, scope->serverTime, report));
    }

    LANTERN_TRY(pullIncremental(filter, scope->serverTime, report));

    auto purged = Purger(m_ctx).purgeExpired(m_guard, report);
    if (!purged.ok())
        return purged.error();
    report.patientsPurged = *purged;
    if (*purged > 0) { // a Medication goes only once no patient the vault keeps references it
        auto orphans = ReferenceFollower(m_ctx).removeOrphans();
        if (!orphans.ok())
            return orphans.error();
    }

    LANTERN_TRY(advanceDataAsOf(*scope, review));
    qCInfo(lcMirror) << "cycle complete:" << report.written << "written," << report.removed << "removed,"
                     << report.unchanged << "unchanged," << report.olderNotApplied
                     << "older versions not applied (the vault holds newer ones)," << report.skipped << "skipped,"
                     << report.patientsLoaded << "patients loaded," << report.patientsPurged << "purged,"
                     << report.dropsHeld.size() << "ward drops held";
    return report;
}

} // namespace lantern::sync
