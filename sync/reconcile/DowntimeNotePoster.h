#pragma once
// After a downtime, each chart with entries filed from Lantern gets one note
// (DocumentReference) marking the window in which the ward documented offline,
// so a reader of the chart knows why entries appear late and where paper may
// hold more. One note per patient and downtime: a conditional create keyed on
// a name-based UUID of (downtime id, patient), so a retry never posts twice.

#include "core/common/Clock.h"
#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

#include <QDateTime>
#include <QList>

namespace lantern::vault {
class OutboxRepository;
}

namespace lantern::sync {

class PatientMergeCheck;
class PatientResolver;

struct DowntimeWindow
{
    QDateTime start;
    QDateTime end;
};

class DowntimeNotePoster
{
public:
    DowntimeNotePoster(const FhirClient& client, vault::OutboxRepository& outbox, const Clock& clock)
        : m_client(client), m_outbox(outbox), m_clock(clock)
    {
    }

    // Posts the missing notes for every (downtime, patient) with an entry in the EHR.
    // ok(): how many were posted now. A note the EHR refuses is skipped (and logged);
    // stop() when the EHR did not answer. With `merges`, the note of a record the EHR
    // merged away goes on the surviving record, where its entries were filed.
    StepResult<int> postMissing(const QList<record::OutboxItem>& items, PatientResolver& patients,
                                PatientMergeCheck* merges = nullptr);

    // Identifier uuid of the note for this downtime and (vault) patient.
    static QString noteUuid(const QString& downtimeId, const QString& patientId);
    static QJsonObject buildNote(const QString& downtimeId, const QString& patientId, const QString& serverPatientId,
                                 const QString& deviceId, const DowntimeWindow& window, const QDateTime& now);

private:
    const FhirClient& m_client;
    vault::OutboxRepository& m_outbox;
    const Clock& m_clock;
};

// The window a downtime covered on this device, from its entries' times.
DowntimeWindow windowOf(const QList<record::OutboxItem>& items, const QString& downtimeId);

} // namespace lantern::sync
