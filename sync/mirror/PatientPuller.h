#pragma once
// The initial pull of patients new to the scope, by paged searches: every
// mirrored type for a batch of patients at once (patient=a,b,c, as many as the
// URL budget of PatientBatcher allows), page by page, each page one transaction. A batch's patients are marked loaded only
// after all its types landed; a batch cut short by a crash is pulled again
// and de-duplicated by version. Types without a patient (Medication) are not
// searched: they come through the references of the batch (ReferenceFollower),
// read once by _id. No _include: a server includes the referenced resource on
// every page that references it (an order's Medication again with each of its
// administrations), so each would cross the wire many times.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QSet>
#include <QStringList>

namespace lantern::sync {

class PatientPuller
{
public:
    explicit PatientPuller(const MirrorContext& ctx) : m_ctx(ctx) {}

    // The patients of `ids` in batches one search each (PatientBatcher).
    static QList<QStringList> batchesOf(const QStringList& ids);

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
};

} // namespace lantern::sync
