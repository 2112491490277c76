#include "sync/mirror/PatientPuller.h"

#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PatientBatcher.h"
#include "sync/mirror/ReferenceFollower.h"
#include "sync/mirror/SearchPager.h"

namespace lantern::sync {

QString PatientPuller::patientSearchParam(const QString& type)
{
    // `subject` is a plain reference; some servers implement `patient` as
    // subject.where(resolve() is Patient), which Medplum evaluates ~20 times
    // slower. With explicit Patient/ references both select the same resources.
    static const QStringList bySubject = {
        QStringLiteral("Encounter"), QStringLiteral("MedicationRequest"), QStringLiteral("MedicationAdministration"),
        QStringLiteral("Condition"), QStringLiteral("Flag"),              QStringLiteral("Observation"),
        QStringLiteral("MedicationStatement"), QStringLiteral("DeviceUseStatement"),
    };
    return bySubject.contains(type) ? QStringLiteral("subject") : QStringLiteral("patient");
}

QList<QStringList> PatientPuller::batchesOf(const QStringList& ids)
{
    return PatientBatcher::batches(ids, QStringLiteral("Patient/"));
}

QList<SearchParams> PatientPuller::searchesFor(const QString& type, const QStringList& batch,
                                               const QDateTime& administrationWindowStart)
{
    SearchParams params;
    if (type == QLatin1String("Patient")) {
        params.append({QStringLiteral("_id"), batch.join(QLatin1Char(','))});
    } else {
        QStringList refs;
        for (const QString& id : batch)
            refs.append(QStringLiteral("Patient/") + id);
        params.append({patientSearchParam(type), refs.join(QLatin1Char(','))});
    }
    if (type == QLatin1String("Observation")) {
        // The writer keeps what ScopeFilter::isMirroredObservation accepts; the
        // code here is the one fhir::isPregnancyStatusObservation looks for.
        SearchParams pregnancy = params;
        pregnancy.append({QStringLiteral("code"), QStringLiteral("http://loinc.org|82810-3")});
        params.append({QStringLiteral("category"), QStringLiteral("vital-signs")});
        return {params, pregnancy};
    }
    if (type == QLatin1String("MedicationAdministration") && administrationWindowStart.isValid())
        params.append({QStringLiteral("effective-time"), QStringLiteral("ge") + fhirInstant(administrationWindowStart)});
    return {params};
}

Status PatientPuller::pullType(const QString& type, const QStringList& batch, const ScopeFilter& filter,
                               const QDateTime& serverTime, MirrorCycleReport& report) const
{
    // The window counts back from SERVER time.
    const QDateTime windowStart = serverTime.addDays(-m_ctx.config.administrationHistoryDays);
    const ReferenceFollower follower(m_ctx);
    const QList<SearchParams> searches = searchesFor(type, batch, windowStart);
    for (const SearchParams& params : searches) {
        const Status paged = m_ctx.pager().pageAll(type, params, [&](const BundlePage& page) -> Status {
            LANTERN_TRY(follower.commitPage(page.resources(), {}, filter, {}, report));
            return m_ctx.checkStop();
        });
        if (!paged.ok())
            return paged.error().prefixed(QStringLiteral("initial pull of %1").arg(type));
    }
    return {};
}

Status PatientPuller::pull(const QStringList& patientIds, const ScopeFilter& filter, const QDateTime& serverTime,
                           MirrorCycleReport& report) const
{
    const qint64 total = patientIds.size();
    qint64 done = 0;
    const QList<QStringList> batches = batchesOf(patientIds);
    for (const QStringList& batch : batches) {
        for (const QString& type : ScopeFilter::mirroredTypes())
            if (ScopeFilter::hasPatient(type))
                LANTERN_TRY(pullType(type, batch, filter, serverTime, report));
        // Loaded only once every type of the batch is committed.
        LANTERN_TRY(m_ctx.writer.commitPage({}, {}, filter, [&]() -> Status {
            for (const QString& id : batch)
                LANTERN_TRY(m_ctx.mirror.markLoaded(id));
            return {};
        }, report));
        report.patientsLoaded += batch.size();
        done += batch.size();
        if (m_ctx.progress)
            m_ctx.progress(QStringLiteral("initial"), done, total);
        qCInfo(lcMirror) << "initial pull:" << done << "of" << total << "patients";
    }
    return {};
}

} // namespace lantern::sync
