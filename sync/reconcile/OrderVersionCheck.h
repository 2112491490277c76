#pragma once
// Before an administration or an order annotation goes up: is the order it
// was recorded against still the one in the EHR? Reads the MedicationRequest
// now. Gone, stopped, cancelled, completed or entered-in-error ->
// OrderDiscontinued; a newer versionId than the entry saw -> OrderChanged.

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

namespace lantern::sync {

class OrderVersionCheck
{
public:
    explicit OrderVersionCheck(const FhirClient& client) : m_client(client) {}

    // Whether the check applies (the entry names an order).
    static bool appliesTo(const record::RecordEntry& entry);
    // ok() when the order is as the entry saw it; conflict() when not; stop() when the EHR did not answer.
    StepResult<bool> check(const record::RecordEntry& entry) const;

private:
    const FhirClient& m_client;
};

} // namespace lantern::sync
