#pragma once
// Before an administration or an order annotation goes up: is the order it
// was recorded against still the one in the EHR? Reads the MedicationRequest
// now. Gone, stopped, cancelled, completed or entered-in-error ->
// OrderDiscontinued; a newer versionId than the entry saw -> OrderChanged.
// prepare() reads the orders of a patient's entries in one search (_id=a,b,c);
// check() uses those and reads by id what the search did not return (gone,
// deleted: the read says which).

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

#include <QHash>

namespace lantern::sync {

class OrderVersionCheck
{
public:
    explicit OrderVersionCheck(const FhirClient& client) : m_client(client) {}

    // Whether the check applies (the entry names an order).
    static bool appliesTo(const record::RecordEntry& entry);
    // The orders `entries` name, in one search. stop() when the EHR did not answer;
    // a refused search only means check() reads each order by id.
    StepResult<bool> prepare(const QList<record::RecordEntry>& entries);
    // ok() when the order is as the entry saw it; conflict() when not; stop() when the EHR did not answer.
    StepResult<bool> check(const record::RecordEntry& entry) const;

private:
    struct OrderState
    {
        QString status, versionId;
    };
    StepResult<bool> judge(const record::RecordEntry& entry, const OrderState& order) const;

    const FhirClient& m_client;
    QHash<QString, OrderState> m_orders; // prepared: id -> as the EHR holds it now
};

} // namespace lantern::sync
