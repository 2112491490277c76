// SafetyChecker::intervalWarnings: doses of the same INGREDIENT, not only of the
// same order. Paracetamol given under order A at 09:00 and due under order B at
// 10:00 is the same paracetamol; so is a dose from the EHR (mirrored) and one
// recorded on this device during the downtime. Both are in the chart.
#include "core/record/SafetyChecker.h"

#include "core/record/DoseParser.h"
#include "core/record/DosingInterval.h"
#include "core/record/DrugClasses.h"
#include "core/record/DrugKnowledge.h"

#include <cstdlib>

namespace lantern::record {
namespace {

bool refersTo(const model::MedicationAdministration& a, const QString& orderId)
{
    const QString r = a.request.reference;
    const QString relative = QStringLiteral("MedicationRequest/") + orderId;
    return r == relative || r.endsWith(QLatin1Char('/') + relative) || r == QStringLiteral("urn:uuid:") + orderId;
}

bool wasGiven(const model::MedicationAdministration& a)
{
    return !a.isNotDone() && !a.isEnteredInError() && a.status != QLatin1String("on-hold")
        && a.status != QLatin1String("stopped") && a.givenAt().sortKey().isValid();
}

QString unitOf(const model::Quantity& q)
{
    return q.code.isEmpty() ? q.unit : q.code;
}

// One dose already given that counts for this one.
struct PastDose
{
    const model::MedicationAdministration* given = nullptr;
    const model::MedicationOrder* order = nullptr; // its order, when the chart has it
    bool sameOrder = false;
    QString ingredient; // the one ingredient it gives, when exactly one (for amounts across orders)
    QDateTime at;
};

QString singleIngredient(const DrugIdentity& id)
{
    return id.ingredients.size() == 1 ? id.ingredients.firstKey() : QString();
}

QList<PastDose> pastDoses(const AdministrationCheck& input, const DrugIdentity& drug)
{
    QList<PastDose> out;
    const QString orderId = input.order->meta.id;
    for (const model::MedicationAdministration& a : input.chart->administrations) {
        if (!wasGiven(a))
            continue;
        PastDose p;
        p.given = &a;
        p.at = a.givenAt().sortKey();
        p.sameOrder = refersTo(a, orderId);
        if (p.sameOrder) {
            p.order = input.order;
            p.ingredient = singleIngredient(drug);
            out << p;
            continue;
        }
        for (const model::MedicationOrder& o : input.chart->orders) {
            if (o.source == model::MedicationOrder::Source::Request && !o.meta.id.isEmpty() && refersTo(a, o.meta.id)) {
                p.order = &o;
                break;
            }
        }
        const DrugIdentity other = identifyMedication(p.order ? p.order->medication : a.medication);
        bool shared = false;
        for (auto it = other.ingredients.constBegin(); it != other.ingredients.constEnd(); ++it)
            shared = shared || drug.ingredients.contains(it.key());
        if (!shared)
            continue;
        p.ingredient = singleIngredient(other);
        out << p;
    }
    return out;
}

struct Limit
{
    double amount = 0;
    QString unit;
    qint64 periodSeconds = 0;
    bool fromTable = false;
};

// The total within the limit's period, with this dose; nullopt when this dose cannot be expressed in its unit.
std::optional<double> totalWithin(const AdministrationCheck& input, const QList<PastDose>& past, const Limit& limit,
                                  const QString& ingredient)
{
    if (!input.dose.value)
        return std::nullopt;
    const auto self = convertAmount(*input.dose.value, unitOf(input.dose), limit.unit);
    if (!self)
        return std::nullopt;
    double total = *self;
    const QDateTime from = input.givenAt.addSecs(-limit.periodSeconds);
    for (const PastDose& p : past) {
        if (!(p.at > from && p.at <= input.givenAt) || !p.given->dose.value)
            continue;
        // Another order's amount counts only when it gives this one ingredient alone.
        if (!p.sameOrder && (ingredient.isEmpty() || p.ingredient != ingredient))
            continue;
        if (const auto v = convertAmount(*p.given->dose.value, unitOf(p.given->dose), limit.unit))
            total += *v;
    }
    return total;
}

} // namespace

QList<SafetyWarning> SafetyChecker::intervalWarnings(const AdministrationCheck& input) const
{
    QList<SafetyWarning> out;
    const DrugIdentity drug = identifyMedication(input.order->medication);
    const QList<PastDose> past = pastDoses(input, drug);

    // The closest dose that is too close: under this order with this order's
    // interval; under another order with the longer of the two intervals.
    const std::optional<MinimumInterval> own = minimumInterval(*input.order);
    std::optional<PastDose> closest;
    qint64 closestGap = 0;
    MinimumInterval closestInterval;
    for (const PastDose& p : past) {
        std::optional<MinimumInterval> interval = own;
        if (!p.sameOrder && p.order) {
            const auto theirs = minimumInterval(*p.order);
            if (theirs && (!interval || theirs->seconds > interval->seconds))
                interval = theirs;
        }
        if (!interval)
            continue;
        const qint64 window = interval->prn ? 0 : std::min(kScheduledWindowSecs, interval->seconds / 4);
        const qint64 gap = std::llabs(p.at.secsTo(input.givenAt));
        if (gap >= interval->seconds - window)
            continue;
        if (!closest || gap < closestGap) {
            closest = p;
            closestGap = gap;
            closestInterval = *interval;
        }
    }
    if (closest) {
        SafetyFinding f;
        f.code = SafetyCode::Interval;
        f.drug = input.order->medication.text;
        f.otherDoseAt = closest->at.toUTC();
        f.otherDoseLocal = closest->given->local.has_value();
        f.otherOrder = !closest->sameOrder;
        if (f.otherOrder)
            f.otherDrug = closest->order ? closest->order->medication.text : closest->given->medication.text;
        f.minutesApart = closestGap / 60;
        f.minimumIntervalMinutes = closestInterval.seconds / 60;
        out.append(warning(f));
    }

    // The order's own maximum per period, then the table's maximum per day of
    // its one ingredient, both counted over every order giving that ingredient.
    const QString ingredient = singleIngredient(drug);
    QList<Limit> limits;
    if (const auto ordered = maxDosePerPeriod(input.orderJson))
        limits << Limit{ordered->amount, ordered->unitCode.isEmpty() ? ordered->unitText : ordered->unitCode,
                        ordered->periodSeconds, false};
    if (const DrugMember* m = DrugKnowledge::instance().member(ingredient); m && m->maxDaily)
        limits << Limit{m->maxDaily->value, m->maxDaily->unit, 24 * 3600, true};
    for (const Limit& limit : limits) {
        const auto total = totalWithin(input, past, limit, ingredient);
        if (!total || *total <= limit.amount * (1 + 1e-9))
            continue;
        SafetyFinding f;
        f.code = SafetyCode::MaxDosePerPeriod;
        f.drug = input.order->medication.text;
        f.totalAmount = *total;
        f.maximumAmount = limit.amount;
        f.unit = limit.unit;
        f.periodMinutes = limit.periodSeconds / 60;
        f.limitFromTable = limit.fromTable;
        f.ingredient = ingredient;
        out.append(warning(f));
        break; // one maximum is enough to stop and think
    }
    return out;
}

} // namespace lantern::record
