#pragma once
// How often an order may be given, read from its dosage timing: the minimum
// interval between two doses (q6h -> 6 h; four times a day at fixed times ->
// the shortest gap between those times; WK -> 7 days; event codes such as
// MORN / NOON / EVE / NIGHT at their nominal ward times, so a German 1-0-1
// written as two dosages MORN and EVE gives 10 h, not once a day each) and
// the maximum dose per period (maxDosePerPeriod).

#include "core/model/Medication.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::record {

struct MinimumInterval
{
    qint64 seconds = 0;
    // The dosage line that gives this interval is PRN: a hard limit. Scheduled:
    // doses may be given up to the ward's administration window early (see SafetyChecker).
    bool prn = false;
};

struct MaxDosePerPeriod
{
    double amount = 0;
    QString unitCode;  // UCUM code, else the unit text
    QString unitText;
    qint64 periodSeconds = 0;
};

// Seconds of one FHIR period unit (s, min, h, d, wk, mo, a); 0 when unknown.
qint64 periodUnitSeconds(const QString& unit);

// The smallest interval any of the order's dosages allows (scheduled lines at
// times of day taken together, PRN lines each alone); nullopt when the timing
// says nothing usable (no frequency, period, code, time of day or event code).
std::optional<MinimumInterval> minimumInterval(const model::MedicationOrder& order);

// From the order's raw JSON (dosageInstruction[].maxDosePerPeriod): the smallest
// limit with a usable period; nullopt when none is given.
std::optional<MaxDosePerPeriod> maxDosePerPeriod(const QJsonObject& medicationRequest);

} // namespace lantern::record
