#pragma once
// The initial pull of patients new to the scope, by paged searches: every
// mirrored type for a batch of patients at once (patient=a,b,c), page by
// page, each page one transaction. A batch's patients are marked loaded only
// after all its types landed; a batch cut short by a crash is pulled again
// and de-duplicated by version. Types without a patient (Medication) are not
// searched: they come through the references of the batch (ReferenceFollower).

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QSet>
#include <QStringList>

namespace lantern::sync {

class PatientPuller
{
public:
    static constexpr int kPatientsPerBatch = 25;

    // `searchIncludes`: the _include values the EHR supports (ServerSupport);
    // referenced Medications and Devices then come with the orders' pages.
    explicit PatientPuller(const MirrorContext& ctx, QSet<QString> searchIncludes = {})
        : m_ctx(ctx), m_includes(std::move(searchIncludes))
    {
    }

    // The searches for one type and a batch of patients (without _count), which
    // together bring everything of the type the mirror keeps: _id for Patient,
    // subject=/patient=Patient/… for the rest, administrations from
    // `administrationWindowStart` on (unset: all of them). One search per type,
    // except Observation: vital signs (category) and pregnancy status (code) are
    // two searches, because FHIR ANDs different parameters and fetching every
    // Observation would bring all the labs.
    // `subject` for types whose patient link is their subject, else `patient`.
    static QString patientSearchParam(const QString& type);
    static QList<SearchParams> searchesFor(const QString& type, const QStringList& batch,
                                           const QDateTime& administrationWindowStart);

    // `filter` knows every patient in scope (the batch is a subset).
    Status pull(const QStringList& patientIds, const ScopeFilter& filter, const QDateTime& serverTime,
                MirrorCycleReport& report) const;

private:
    Status pullType(const QString& type, const QStringList& batch, const ScopeFilter& filter,
                    const QDateTime& serverTime, MirrorCycleReport& report) const;

    const MirrorContext& m_ctx;
    QSet<QString> m_includes;
};

} // namespace lantern::sync
