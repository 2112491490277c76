// The English sentence stored with an entry for each finding (SafetyChecker::englishText):
// what the outbox keeps, the reconciliation report prints and lanternctl shows.
#include "core/record/SafetyChecker.h"

#include "core/record/DrugClasses.h"

#include <QLocale>

namespace lantern::record {
namespace {

QString hoursText(qint64 secs)
{
    const double hours = double(secs) / 3600.0;
    return QLocale::c().toString(hours, 'g', 3) + QStringLiteral(" h");
}

QString timeText(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString amount(double v)
{
    return QLocale::c().toString(v, 'g', 6);
}

QString byName(const SafetyFinding& f)
{
    return f.matchedBy == MatchedBy::Word ? QStringLiteral(" (matched by name only)") : QString();
}

QString allergyText(const SafetyFinding& f, const QString& drug)
{
    const QString substance = f.substance.isEmpty() ? QStringLiteral("an unnamed substance") : f.substance;
    const QString unconfirmed = f.allergyUnconfirmed ? QStringLiteral(" (unconfirmed)") : QString();
    if (f.code == SafetyCode::Allergy)
        return QStringLiteral("Recorded allergy%1 to %2: %3 contains it.%4").arg(unconfirmed, substance, drug, byName(f));
    if (f.code == SafetyCode::AllergyClass)
        return QStringLiteral("Recorded allergy%1 to %2 (%3): %4 belongs to the same class.%5")
            .arg(unconfirmed, substance, drugClassLabel(f.drugClass), drug, byName(f));
    return QStringLiteral("Recorded allergy%1 to %2 (%3): %4 is one of the %5, which may cross-react (low risk); "
                          "check the kind of reaction before giving it.%6")
        .arg(unconfirmed, substance, drugClassLabel(f.allergyClass), drug, drugClassLabel(f.drugClass), byName(f));
}

} // namespace

QString SafetyChecker::englishText(const SafetyFinding& f)
{
    const QString drug = f.drug.isEmpty() ? QStringLiteral("this medication") : f.drug;
    switch (f.code) {
    case SafetyCode::Allergy:
    case SafetyCode::AllergyClass:
    case SafetyCode::AllergyCrossReactivity: return allergyText(f, drug);
    case SafetyCode::Interval:
        if (f.otherOrder)
            return QStringLiteral("%1 (the same ingredient, another order) was given at %2, %3 from this one; "
                                  "one dose every %4 at most.%5")
                .arg(f.otherDrug.isEmpty() ? QStringLiteral("A dose") : f.otherDrug, timeText(f.otherDoseAt),
                     hoursText(f.minutesApart * 60), hoursText(f.minimumIntervalMinutes * 60),
                     f.otherDoseLocal ? QStringLiteral(" (dose recorded during downtime)") : QString());
        return QStringLiteral("Last dose of this order was given at %1, %2 from this one; the order allows "
                              "one dose every %3%4.")
            .arg(timeText(f.otherDoseAt), hoursText(f.minutesApart * 60), hoursText(f.minimumIntervalMinutes * 60),
                 f.otherDoseLocal ? QStringLiteral(" (dose recorded during downtime)") : QString());
    case SafetyCode::MaxDosePerPeriod:
        if (f.limitFromTable)
            return QStringLiteral("This dose brings the total of %1 to %2 %3 within %4 (all orders); the product "
                                  "information allows at most %5 %3.")
                .arg(f.ingredient, amount(f.totalAmount), f.unit, hoursText(f.periodMinutes * 60), amount(f.maximumAmount));
        return QStringLiteral("This dose brings the total to %1 %2 within %3%4; the order allows at most %5 %2.")
            .arg(amount(f.totalAmount), f.unit, hoursText(f.periodMinutes * 60),
                 f.ingredient.isEmpty() ? QString() : QStringLiteral(" (%1, all orders)").arg(f.ingredient),
                 amount(f.maximumAmount));
    case SafetyCode::DiscontinuedOrder:
        return QStringLiteral("This order is %1 in the EHR data as of %2; it should not be given.")
            .arg(f.orderStatus, f.dataAsOf.isValid() ? timeText(f.dataAsOf) : QStringLiteral("the last import"));
    case SafetyCode::OrderEnded:
        return QStringLiteral("This order ended at %1, before %2.")
            .arg(timeText(f.endedAt), f.endedBeforeDataAsOf ? QStringLiteral("the data-as-of time")
                                                            : QStringLiteral("the time of this dose"));
    case SafetyCode::OrderNotActive:
        return QStringLiteral("This order is %1 in the EHR data as of %2, not active; ask the physician before giving it.")
            .arg(f.orderStatus, f.dataAsOf.isValid() ? timeText(f.dataAsOf) : QStringLiteral("the last import"));
    case SafetyCode::OrderHeldLocally:
        return QStringLiteral("A physician put this order on HOLD during the downtime (%1); ask before giving it.")
            .arg(timeText(f.endedAt));
    case SafetyCode::DoseDiffers: {
        const QString ordered = f.orderedLow == f.orderedHigh
                                    ? amount(f.orderedLow)
                                    : QString(amount(f.orderedLow) + QStringLiteral("-") + amount(f.orderedHigh));
        return QStringLiteral("The dose entered (%1 %2) is not the ordered dose (%3 %2).")
            .arg(amount(f.enteredAmount), f.doseUnit, ordered);
    }
    case SafetyCode::None: break;
    }
    return QString();
}

} // namespace lantern::record
