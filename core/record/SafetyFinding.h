#pragma once
// What a safety check found, as data: a code and the facts behind it. Core
// never words a finding for the screen; the desktop does, in the reader's
// language (ui/record/SafetyWarningText). The outbox keeps what it always
// kept: the coarse kind and an English sentence made from the finding
// (SafetyChecker::englishText), so a stored entry reads the same years later.

#include <QDateTime>
#include <QString>

namespace lantern::record {

// How a drug or an allergy substance was recognised: by a code (system + code)
// or only by a word (name, synonym, brand) in free text.
enum class MatchedBy
{
    Code,
    Word
};

enum class SafetyCode
{
    None,              // not known: a warning read back from the outbox (kind and English text only)
    Allergy,           // a recorded allergy names the drug (code, ingredient or name)
    AllergyClass,      // a recorded allergy to a drug of the same class
    AllergyCrossReactivity, // milder: an allergy to a class that may cross-react (penicillin -> cephalosporin)
    Interval,          // another dose of this ingredient lies closer than the order's interval
    MaxDosePerPeriod,  // this dose brings the ingredient over the order's or the table's maximum
    DiscontinuedOrder, // the order's status says it must not be given
    OrderEnded,        // the order (or its dosage) ended before this dose or the data-as-of time
    OrderNotActive,    // the order is on-hold, draft or of unknown status in the EHR data
    OrderHeldLocally,  // a physician annotated HOLD on this order during the downtime (this device)
    DoseDiffers        // the dose entered is not the ordered dose (nor within the ordered range)
};

struct SafetyFinding
{
    SafetyCode code = SafetyCode::None;
    QString drug; // the order's medication text; empty when unnamed

    // Allergy, AllergyClass, AllergyCrossReactivity
    QString substance; // the allergy's substance as recorded; empty when unnamed
    QString drugClass; // AllergyClass: the shared class key ("penicillin"); CrossReactivity: the order's class
    QString allergyClass; // AllergyCrossReactivity: the allergy's class key
    bool allergyUnconfirmed = false;
    MatchedBy matchedBy = MatchedBy::Code; // Word: recognised by name only (shown with the warning)

    // Interval
    QDateTime otherDoseAt; // UTC: the closest dose of the ingredient already given (before or after this one)
    bool otherDoseLocal = false; // that dose was recorded on this device during downtime
    bool otherOrder = false;     // that dose was given under another order (or without one)
    QString otherDrug;           // otherOrder: what that dose was
    qint64 minutesApart = 0;     // between that dose and this one
    qint64 minimumIntervalMinutes = 0;

    // MaxDosePerPeriod
    double totalAmount = 0; // in the period, with this dose
    double maximumAmount = 0;
    QString unit;
    qint64 periodMinutes = 0;
    QString ingredient;            // table key of the ingredient counted across orders; empty: this order only
    bool limitFromTable = false;   // the maximum is the table's (product information), not the order's

    // DiscontinuedOrder, OrderEnded, OrderNotActive, OrderHeldLocally
    QString orderStatus; // FHIR MedicationRequest.status (stopped, cancelled, on-hold, draft, ...)
    QDateTime dataAsOf;  // UTC; invalid when unknown
    QDateTime endedAt;   // OrderEnded: UTC; OrderHeldLocally: when the hold was recorded
    bool endedBeforeDataAsOf = false; // OrderEnded: else it ended before the time of this dose

    // DoseDiffers
    double enteredAmount = 0;
    double orderedLow = 0;  // the ordered dose, or the low end of the ordered range
    double orderedHigh = 0; // equal to orderedLow for a single dose
    QString doseUnit;
};

} // namespace lantern::record
