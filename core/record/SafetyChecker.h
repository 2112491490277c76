#pragma once
// The checks a person sees before confirming an administration: a recorded
// allergy to the drug or its class, a dose again before the order's minimum
// interval (or beyond a PRN order's maximum per period), and an order that was
// discontinued. Pure: it reads a chart that already includes this device's own
// downtime entries (PatientRecords::chart), never the vault.
//
// Each warning carries its finding (record/SafetyFinding.h) for the screen to
// word, and an English sentence for the outbox, where it is stored with the entry.

#include "model/PatientChart.h"
#include "record/RecordEntry.h"
#include "record/SafetyFinding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace lantern::record {

struct AdministrationCheck
{
    const model::PatientChart* chart = nullptr; // with local entries merged
    const model::MedicationOrder* order = nullptr;
    QJsonObject orderJson;  // the MedicationRequest as stored (for maxDosePerPeriod)
    QDateTime givenAt;      // UTC
    model::Quantity dose;   // the dose about to be given (already defaulted from the order)
    QDateTime dataAsOf;     // when the vault last had the EHR's state for this patient; invalid if unknown
};

class SafetyChecker
{
public:
    // Scheduled (non-PRN) doses may be given this much early before the interval
    // check warns: the usual ward administration window.
    static constexpr qint64 kScheduledWindowSecs = 60 * 60;

    QList<SafetyWarning> check(const AdministrationCheck& input) const;

    QList<SafetyWarning> allergyWarnings(const AdministrationCheck& input) const;
    QList<SafetyWarning> intervalWarnings(const AdministrationCheck& input) const;
    QList<SafetyWarning> discontinuedWarnings(const AdministrationCheck& input) const;

    // The stored form of a finding: its kind (kindOf) and its English sentence.
    static SafetyWarning warning(const SafetyFinding& finding);
    // "allergy" (Allergy, AllergyClass), "interval" (Interval, MaxDosePerPeriod),
    // "discontinued-order" (DiscontinuedOrder, OrderEnded); empty for None.
    static QString kindOf(SafetyCode code);
    // The English sentence stored with the entry (times in UTC); empty for None.
    static QString englishText(const SafetyFinding& finding);
};

inline constexpr char kWarningAllergy[] = "allergy";
inline constexpr char kWarningInterval[] = "interval";
inline constexpr char kWarningDiscontinued[] = "discontinued-order";

} // namespace lantern::record
