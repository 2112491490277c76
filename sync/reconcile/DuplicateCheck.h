#pragma once
// Before an administration goes up: is the same dose already in the EHR, for
// example back-charted from the paper MAR? Searches the patient's
// MedicationAdministrations of the same order (or drug code) within a window
// around the entry's time. A match that is not one of this device's own
// entries (by identifier) -> PossibleDuplicate; a person decides.

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

#include <QSet>

#include <functional>

namespace lantern::sync {

class DuplicateCheck
{
public:
    // isOwnEntry(uuid): true for uuids of this device's outbox (its own earlier uploads).
    DuplicateCheck(const FhirClient& client, std::function<bool(const QString& uuid)> isOwnEntry, int windowMinutes = 60)
        : m_client(client), m_isOwnEntry(std::move(isOwnEntry)), m_windowMinutes(windowMinutes)
    {
    }

    static bool appliesTo(const record::RecordEntry& entry);
    // serverPatientId: the patient's id in the EHR (after mapping a downtime admission).
    StepResult<bool> check(const record::RecordEntry& entry, const QString& serverPatientId) const;

private:
    const FhirClient& m_client;
    std::function<bool(const QString&)> m_isOwnEntry;
    int m_windowMinutes;
};

} // namespace lantern::sync
