#include "core/record/DoseCheck.h"

#include "core/record/DoseParser.h"
#include "core/record/RecordContext.h"

#include <algorithm>
#include <cmath>

namespace lantern::record {
namespace {

QString unitOf(const model::Quantity& q)
{
    return q.code.isEmpty() ? q.unit : q.code;
}

bool sameUnit(const QString& a, const QString& b)
{
    return convertAmount(1.0, a, b).has_value();
}

// The entered dose in the order's unit; an entered dose without a unit is in the order's unit.
std::optional<double> inOrderUnit(const model::Quantity& entered, const OrderedDose& ordered)
{
    if (!entered.value)
        return std::nullopt;
    const QString unit = unitOf(entered);
    if (unit.isEmpty() || ordered.unit.isEmpty())
        return *entered.value;
    return convertAmount(*entered.value, unit, ordered.unit);
}

bool near(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

} // namespace

QList<OrderedDose> orderedDoses(const model::MedicationOrder& order)
{
    QList<OrderedDose> out;
    for (const model::Dosage& d : order.dosages) {
        if (d.dose.value)
            out << OrderedDose{*d.dose.value, *d.dose.value, unitOf(d.dose)};
        if (d.doseLow.value || d.doseHigh.value) {
            const double low = d.doseLow.value.value_or(0);
            const double high = d.doseHigh.value.value_or(low);
            out << OrderedDose{low, std::max(low, high), unitOf(d.doseHigh).isEmpty() ? unitOf(d.doseLow) : unitOf(d.doseHigh)};
        }
    }
    return out;
}

Status checkDoseAgainstOrder(const model::MedicationOrder& order, const model::Quantity& entered)
{
    if (!entered.value)
        return {};
    const QList<OrderedDose> ordered = orderedDoses(order);
    if (ordered.isEmpty())
        return {};
    const QString unit = unitOf(entered);
    bool unitMatches = unit.isEmpty();
    bool comparable = false;
    bool withinReach = false;
    for (const OrderedDose& o : ordered) {
        if (!unit.isEmpty() && !o.unit.isEmpty() && !sameUnit(unit, o.unit))
            continue;
        unitMatches = true;
        const auto v = inOrderUnit(entered, o);
        if (v && o.high > 0) {
            comparable = true;
            withinReach = withinReach || *v <= kAbsurdDoseFactor * o.high;
        }
    }
    if (!unitMatches)
        return invalidField(QStringLiteral("dose"), QStringLiteral("the unit %1 is not the order's unit %2; enter the "
                                                                   "dose in %2. Nothing was stored")
                                                        .arg(unit, ordered.first().unit));
    if (comparable && !withinReach)
        return invalidField(QStringLiteral("dose"), QStringLiteral("more than %1 times the ordered dose; check the "
                                                                   "number and the unit. Nothing was stored")
                                                        .arg(kAbsurdDoseFactor));
    return {};
}

std::optional<SafetyFinding> doseDiffers(const model::MedicationOrder& order, const model::Quantity& entered)
{
    if (!entered.value)
        return std::nullopt;
    const QList<OrderedDose> ordered = orderedDoses(order);
    if (ordered.isEmpty())
        return std::nullopt;
    std::optional<double> shown;
    for (const OrderedDose& o : ordered) {
        const auto v = inOrderUnit(entered, o);
        if (!v)
            continue;
        if (!shown)
            shown = *v;
        if ((*v >= o.low || near(*v, o.low)) && (*v <= o.high || near(*v, o.high)))
            return std::nullopt;
    }
    SafetyFinding f;
    f.code = SafetyCode::DoseDiffers;
    f.drug = order.medication.text;
    const OrderedDose& first = ordered.first();
    f.enteredAmount = shown.value_or(*entered.value);
    f.orderedLow = first.low;
    f.orderedHigh = first.high;
    f.doseUnit = first.unit;
    return f;
}

} // namespace lantern::record
