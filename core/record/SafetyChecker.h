#pragma once
// The checks a person sees before confirming an administration: a recorded
// allergy to the drug, its class or a cross-reacting class (drug-class table,
// record/DrugKnowledge); a dose of the same INGREDIENT again before the minimum
// interval or beyond a maximum per period, across all orders and all sources
// (the EHR's administrations and this device's downtime entries); an order
// discontinued, ended, on hold, a draft or held by a physician during the
// downtime; a dose that is not the ordered one. Pure: it reads a chart that
// already includes this device's own downtime entries (PatientRecords::chart),
// never the vault.
//
// Each warning carries its finding (record/SafetyFinding.h) for the screen to
// word, and an English sentence for the outbox, where it is stored with the entry.

#include "core/model/PatientChart.h"
#include "core/record/RecordEntry.h"
#include "core/record/SafetyFinding.h"

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
    // Discontinued, ended, on-hold / draft / unknown status, HOLD annotated on this device.
    QList<SafetyWarning> discontinuedWarnings(const AdministrationCheck& input) const;
    QList<SafetyWarning> doseWarnings(const AdministrationCheck& input) const;

    // The stored form of a finding: its kind (kindOf) and its English sentence.
    static SafetyWarning warning(const SafetyFinding& finding);
    // "allergy" (Allergy, AllergyClass, AllergyCrossReactivity), "interval" (Interval,
    // MaxDosePerPeriod), "discontinued-order" (DiscontinuedOrder, OrderEnded),
    // "order-on-hold" (OrderNotActive, OrderHeldLocally), "dose" (DoseDiffers); empty for None.
    static QString kindOf(SafetyCode code);
    // The English sentence stored with the entry (times in UTC); empty for None.
    static QString englishText(const SafetyFinding& finding);
};

inline constexpr char kWarningAllergy[] = "allergy";
inline constexpr char kWarningInterval[] = "interval";
inline constexpr char kWarningDiscontinued[] = "discontinued-order";
inline constexpr char kWarningOrderOnHold[] = "order-on-hold";
inline constexpr char kWarningDose[] = "dose";

} // namespace lantern::record
