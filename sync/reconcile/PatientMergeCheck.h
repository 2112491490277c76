#pragma once
// Before an entry goes up: does the EHR still use the patient record it was
// recorded against? When the EHR merged that record into another during the
// downtime (Patient.link "replaced-by", model::Patient::isMergedAway), the entry
// is never filed silently, neither to the old record nor to the survivor: it
// waits as a PatientMerged conflict naming Patient/<survivor> for a physician.
// "Upload anyway" then files it on the surviving record.
//
// One read of each patient per run (cached); a chain of merges is followed to
// the record still in use.

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"

#include <QHash>
#include <QString>

namespace lantern::sync {

struct PatientMergeStatus
{
    bool mergedAway = false;
    QString survivorId; // the record in use now; empty when the link does not name it by id
};

class PatientMergeCheck
{
public:
    static constexpr int kMaxChain = 4;

    explicit PatientMergeCheck(const FhirClient& client) : m_client(client) {}

    // ok() with the status (not merged when the EHR does not know the record:
    // the upload itself will say so); stop() when the EHR did not answer.
    StepResult<PatientMergeStatus> status(const QString& serverPatientId);

    static ConflictFinding finding(const PatientMergeStatus& status);

private:
    // Patient.link replaced-by of one record: the survivor's id, or nullopt when not merged.
    StepResult<PatientMergeStatus> readOne(const QString& id) const;

    const FhirClient& m_client;
    QHash<QString, PatientMergeStatus> m_cache;
};

} // namespace lantern::sync
