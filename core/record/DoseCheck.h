#pragma once
// The entered dose against the order, for the Recorder (so every caller gets
// the same rules, not only the dialog): a unit that does not match the
// order's unit is refused; a dose more than ten times the ordered dose (or the
// top of the ordered range) is refused as a slip of the keyboard or the unit;
// any other dose that is not the ordered one (nor within the ordered range)
// is a warning to confirm.

#include "core/common/Result.h"
#include "core/model/Medication.h"
#include "core/record/SafetyFinding.h"

#include <optional>

namespace lantern::record {

// Above this multiple of the largest ordered dose an entered dose is refused.
inline constexpr double kAbsurdDoseFactor = 10.0;

struct OrderedDose
{
    double low = 0;
    double high = 0;
    QString unit; // as the order writes it (code, else text)
};

// The doses the order's dosage lines give (single doses and ranges); empty when none is numeric.
QList<OrderedDose> orderedDoses(const model::MedicationOrder& order);

// Refusals: a unit the order does not use, a dose beyond kAbsurdDoseFactor
// times the order's largest dose. Error messages name the field ("dose: ..."),
// never the drug.
Status checkDoseAgainstOrder(const model::MedicationOrder& order, const model::Quantity& entered);

// DoseDiffers when the entered dose matches none of the ordered doses or ranges.
std::optional<SafetyFinding> doseDiffers(const model::MedicationOrder& order, const model::Quantity& entered);

} // namespace lantern::record
