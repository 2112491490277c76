#pragma once
// A dose given (or deliberately not given) — one line of the MAR.

#include "core/model/AdministrationStatus.h"
#include "core/model/Common.h"
#include "core/model/Medication.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::model {

struct MedicationAdministration
{
    ResourceMeta meta;
    QString status;               // in-progress | not-done | on-hold | completed | entered-in-error | stopped | unknown
    QList<CodeableConcept> statusReasons; // why not done / on hold
    MedicationInfo medication;
    When effective;               // effectiveDateTime, or effectivePeriod.start
    Period effectivePeriod;       // when given as a period
    Quantity dose;
    Quantity rate;
    CodeableConcept route;
    QString dosageText;
    Reference performer;          // first performer.actor
    Reference request;            // the MedicationRequest this fulfils
    Reference patient;
    Reference encounter;          // context
    QStringList notes;
    std::optional<LocalEntryMark> local; // recorded on this device during downtime (outbox), not from the EHR

    // What the status means (model/AdministrationStatus.h): only Given is a dose given.
    AdministrationStatus statusKind() const { return administrationStatusOf(status); }
    bool isGiven() const { return countsAsGiven(statusKind()); }
    // The symbol and words the MAR shows for this status, with the reason where one is given.
    QString statusSymbol() const { return administrationStatusSymbol(statusKind()); }
    QString statusWords() const;
    bool isNotDone() const { return status == QLatin1String("not-done"); }
    bool isEnteredInError() const { return status == QLatin1String("entered-in-error"); }
    // The time that counts for "last given": effective instant, else period start.
    When givenAt() const { return effective.isNull() ? effectivePeriod.start : effective; }
    QString statusReasonText() const;
};

} // namespace lantern::model
