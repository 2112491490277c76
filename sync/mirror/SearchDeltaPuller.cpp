#include "sync/mirror/SearchDeltaPuller.h"

#include "sync/mirror/HistoryPuller.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PatientPuller.h"
#include "sync/mirror/ReferenceFollower.h"
#include "sync/mirror/ServerTime.h"

namespace lantern::sync {
namespace {

QStringList sortedPatients(const ScopeFilter& filter)
{
    QStringList patients(filter.patients().cbegin(), filter.patients().cend());
    patients.sort();
    return patients;
}

// A type without a patient (Medication) is searched by the ids the vault holds:
// only those the ward's resources reference are kept (ReferenceFollower).
QList<SearchParams> searchesOf(const QString& type, const QStringList& batch, const QDateTime& windowStart)
{
    if (!ScopeFilter::hasPatient(type))
        return {SearchParams{{QStringLiteral("_id"), batch.join(QLatin1Char(','))}}};
    return PatientPuller::searchesFor(type, batch, windowStart);
}

} // namespace

Result<QStringList> SearchDeltaPuller::batchKeys(const QString& type, const ScopeFilter& filter) const
{
    if (ScopeFilter::hasPatient(type))
        return sortedPatients(filter);
    auto versions = m_ctx.mirror.versionsOfType(type);
    if (!versions.ok())
        return versions.error();
    QStringList ids = versions->keys();
    ids.sort();
    return ids;
}

Status SearchDeltaPuller::pull(const QString& type, int overlapSeconds, const ScopeFilter& filter,
                               const QDateTime& serverTime, MirrorCycleReport& report) const
{
    auto keys = batchKeys(type, filter);
    if (!keys.ok())
        return keys.error();
    const QStringList patients = *keys; // patients, or ids of a type without a patient
    if (patients.isEmpty())
        return {};
    LANTERN_TRY(pullChanges(type, overlapSeconds, patients, filter, serverTime, report));
    auto due = sweepDue(type, serverTime);
    if (!due.ok())
        return due.error();
    if (*due)
        LANTERN_TRY(sweep(type, patients, filter, serverTime, report));
    return {};
}

Status SearchDeltaPuller::pullChanges(const QString& type, int overlapSeconds, const QStringList& patients,
                                      const ScopeFilter& filter,
                                      const QDateTime& serverTime, MirrorCycleReport& report) const
{
    const QString cursorName = HistoryPuller::cursorName(type);
    auto cursor = m_ctx.mirror.cursor(cursorName);
    if (!cursor.ok())
        return cursor.error();
    if (!cursor->has_value() || !(*cursor)->isValid())
        return Error(ErrorCode::Internal, QStringLiteral("no cursor for %1").arg(type));
    const QDateTime since = (*cursor)->addSecs(-overlapSeconds);
    const QDateTime windowStart = serverTime.addDays(-m_ctx.config.administrationHistoryDays);

    QDateTime newCursor;
    const QList<QStringList> batches = PatientPuller::batchesOf(patients);
    for (const QStringList& batch : batches) {
        const QList<SearchParams> searches = searchesOf(type, batch, windowStart);
        for (SearchParams params : searches) {
            params.append({QStringLiteral("_lastUpdated"), QStringLiteral("ge") + fhirInstant(since)});
            const Status paged = m_ctx.pager().pageAll(type, params, [&](const BundlePage& page) -> Status {
                if (!newCursor.isValid()) {
                    auto time = serverTimeOf(page);
                    if (!time.ok())
                        return time.error();
                    newCursor = *time;
                }
                LANTERN_TRY(ReferenceFollower(m_ctx).commitPage(page.resources(), {}, filter, {}, report));
                return m_ctx.checkStop();
            });
            if (!paged.ok())
                return paged.error().prefixed(QStringLiteral("incremental pull of %1").arg(type));
        }
    }
    // Every batch is in: only now may the cursor move.
    return m_ctx.writer.commitPage({}, {}, filter, [&]() -> Status {
        return newCursor.isValid() ? m_ctx.mirror.setCursor(cursorName, newCursor) : Status();
    }, report);
}

Result<bool> SearchDeltaPuller::sweepDue(const QString& type, const QDateTime& serverTime) const
{
    auto last = m_ctx.mirror.state(sweepStateKey(type));
    if (!last.ok())
        return last.error();
    const QDateTime lastSweep = parseFhirInstant(*last);
    return !lastSweep.isValid() || lastSweep.addSecs(qint64(m_ctx.config.deletionSweepMinutes) * 60) <= serverTime;
}

Status SearchDeltaPuller::sweep(const QString& type, const QStringList& patients, const ScopeFilter& filter,
                                const QDateTime& serverTime, MirrorCycleReport& report) const
{
    const qint64 removedBefore = report.removed;
    const QList<QStringList> batches = PatientPuller::batchesOf(patients);
    for (const QStringList& batch : batches)
        LANTERN_TRY(sweepBatch(type, batch, filter, report));
    LANTERN_TRY(m_ctx.writer.commitPage({}, {}, filter, [&]() -> Status {
        return m_ctx.mirror.setState(sweepStateKey(type), fhirInstant(serverTime));
    }, report));
    if (report.removed > removedBefore)
        qCInfo(lcMirror).noquote() << type << "sweep: removed" << report.removed - removedBefore
                                   << "resources the EHR no longer has";
    return {};
}

Status SearchDeltaPuller::sweepBatch(const QString& type, const QStringList& batch, const ScopeFilter& filter,
                                     MirrorCycleReport& report) const
{
    // Everything of the type for these patients (no administration window: an
    // administration that left the window is not a deletion). Pages are written
    // too, so the sweep also repairs anything an incremental pull missed.
    // Every search of the type must be in before anything counts as gone (a
    // pregnancy status is not among the vital signs, and the other way round).
    QSet<QString> onServer;
    const QList<SearchParams> searches = searchesOf(type, batch, QDateTime());
    for (const SearchParams& params : searches) {
        const Status paged = m_ctx.pager().pageAll(type, params, [&](const BundlePage& page) -> Status {
            const QList<QJsonObject> resources = page.resources();
            for (const QJsonObject& r : resources)
                if (r.value(QLatin1String("resourceType")).toString() == type)
                    onServer.insert(r.value(QLatin1String("id")).toString());
            LANTERN_TRY(ReferenceFollower(m_ctx).commitPage(resources, {}, filter, {}, report));
            return m_ctx.checkStop();
        });
        if (!paged.ok())
            return paged.error().prefixed(QStringLiteral("deletion sweep of %1").arg(type));
    }

    QList<ResourceKey> gone;
    for (const QString& patient : batch) {
        if (type == QLatin1String("Patient") || !ScopeFilter::hasPatient(type)) { // batch holds the ids
            auto stored = m_ctx.mirror.storedVersion(type, patient);
            if (!stored.ok())
                return stored.error();
            if (stored->has_value() && !onServer.contains(patient))
                gone.append({type, patient});
            continue;
        }
        auto keys = m_ctx.mirror.resourceKeysOfPatient(patient);
        if (!keys.ok())
            return keys.error();
        for (const auto& [keyType, id] : std::as_const(*keys))
            if (keyType == type && !onServer.contains(id))
                gone.append({keyType, id});
    }
    if (gone.isEmpty())
        return {};
    return m_ctx.writer.commitPage({}, gone, filter, {}, report);
}

} // namespace lantern::sync
