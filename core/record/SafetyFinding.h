#pragma once
// What a safety check found, as data: a code and the facts behind it. Core
// never words a finding for the screen; the desktop does, in the reader's
// language (ui/record/SafetyWarningText). The outbox keeps what it always
// kept: the coarse kind and an English sentence made from the finding
// (SafetyChecker::englishText), so a stored entry reads the same years later.

#include <QDateTime>
#include <QString>

namespace lantern::record {

enum class SafetyCode
{
    None,              // not known: a warning read back from the outbox (kind and English text only)
    Allergy,           // a recorded allergy names the drug (code, ingredient or name)
    AllergyClass,      // a recorded allergy to a drug of the same class
    Interval,          // another dose of this order lies closer than the order's interval
    MaxDosePerPeriod,  // this dose exceeds the order's maximum per period
    DiscontinuedOrder, // the order's status says it must not be given
    OrderEnded         // the order (or its dosage) ended before this dose or the data-as-of time
};

struct SafetyFinding
{
    SafetyCode code = SafetyCode::None;
    QString drug; // the order's medication text; empty when unnamed

    // Allergy, AllergyClass
    QString substance; // the allergy's substance as recorded; empty when unnamed
    QString drugClass; // AllergyClass: class key ("penicillin"), see drugClassLabel()
    bool allergyUnconfirmed = false;

    // Interval
    QDateTime otherDoseAt; // UTC: the closest dose of the order already given (before or after this one)
    bool otherDoseLocal = false; // that dose was recorded on this device during downtime
    qint64 minutesApart = 0;     // between that dose and this one
    qint64 minimumIntervalMinutes = 0;

    // MaxDosePerPeriod
    double totalAmount = 0; // in the period, with this dose
    double maximumAmount = 0;
    QString unit;
    qint64 periodMinutes = 0;

    // DiscontinuedOrder, OrderEnded
    QString orderStatus; // FHIR MedicationRequest.status (stopped, cancelled, completed, entered-in-error)
    QDateTime dataAsOf;  // UTC; invalid when unknown
    QDateTime endedAt;   // OrderEnded: UTC
    bool endedBeforeDataAsOf = false; // OrderEnded: else it ended before the time of this dose
};

} // namespace lantern::record
