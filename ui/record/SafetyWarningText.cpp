#include "record/SafetyWarningText.h"

#include "common/Format.h"
#include "record/DrugClasses.h"

#include <QLocale>

namespace lantern::ui {
namespace {

QString amount(double v)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return locale.toString(v, 'g', 6);
}

} // namespace

QString SafetyWarningText::text(const record::SafetyWarning& warning)
{
    const QString worded = text(warning.finding);
    return worded.isEmpty() ? warning.message : worded;
}

QString SafetyWarningText::text(const record::SafetyFinding& f)
{
    using record::SafetyCode;
    const QString drug = f.drug.isEmpty() ? tr("this medication") : f.drug;
    const QString substance = f.substance.isEmpty() ? tr("an unnamed substance") : f.substance;
    // Whole sentences per variant: a translator never sees a sentence assembled from pieces.
    switch (f.code) {
    case SafetyCode::Allergy: {
        const QString sentence = f.allergyUnconfirmed
                                     ? tr("Recorded allergy (unconfirmed) to %1: %2 contains it.")
                                     : tr("Recorded allergy to %1: %2 contains it.");
        return sentence.arg(substance, drug);
    }
    case SafetyCode::AllergyClass: {
        const QString sentence =
            f.allergyUnconfirmed
                ? tr("Recorded allergy (unconfirmed) to %1 (%2): %3 belongs to the same class.")
                : tr("Recorded allergy to %1 (%2): %3 belongs to the same class.");
        return sentence.arg(substance, drugClass(f.drugClass), drug);
    }
    case SafetyCode::Interval: {
        const QString sentence =
            f.otherDoseLocal ? tr("Last dose of this order (recorded during downtime) was given at %1, %2 "
                                  "from this one; the order allows one dose every %3.")
                             : tr("Last dose of this order was given at %1, %2 from this one; the order "
                                  "allows one dose every %3.");
        return sentence.arg(Format::dateTime(f.otherDoseAt), duration(f.minutesApart),
                            duration(f.minimumIntervalMinutes));
    }
    case SafetyCode::MaxDosePerPeriod:
        return tr("This dose brings the total to %1 %2 within %3; the order allows at most %4 %2.")
            .arg(amount(f.totalAmount), f.unit, duration(f.periodMinutes), amount(f.maximumAmount));
    case SafetyCode::DiscontinuedOrder:
        if (f.dataAsOf.isValid())
            return tr("This order is %1 in the EHR data as of %2; it should not be given.")
                .arg(orderStatus(f.orderStatus), Format::dateTime(f.dataAsOf));
        return tr("This order is %1 in the last imported EHR data; it should not be given.")
            .arg(orderStatus(f.orderStatus));
    case SafetyCode::OrderEnded: {
        const QString sentence = f.endedBeforeDataAsOf
                                     ? tr("This order ended at %1, before the data-as-of time.")
                                     : tr("This order ended at %1, before the time of this dose.");
        return sentence.arg(Format::dateTime(f.endedAt));
    }
    case SafetyCode::None:
        break;
    }
    return QString();
}

QString SafetyWarningText::drugClass(const QString& key)
{
    if (key == QLatin1String("penicillin"))
        return tr("penicillins");
    if (key == QLatin1String("cephalosporin"))
        return tr("cephalosporins");
    if (key == QLatin1String("nsaid"))
        return tr("NSAIDs");
    if (key == QLatin1String("heparin"))
        return tr("heparins");
    if (key == QLatin1String("opioid"))
        return tr("opioids");
    if (key == QLatin1String("pyrazolone"))
        return tr("pyrazolones (metamizole)");
    if (key == QLatin1String("sulfonamide"))
        return tr("sulfonamide antibiotics");
    if (key == QLatin1String("iodinated-contrast"))
        return tr("iodinated contrast media");
    return record::drugClassLabel(key); // a class added to the table before its translation
}

QString SafetyWarningText::orderStatus(const QString& status)
{
    if (status == QLatin1String("stopped"))
        return tr("stopped");
    if (status == QLatin1String("cancelled"))
        return tr("cancelled");
    if (status == QLatin1String("completed"))
        return tr("completed");
    if (status == QLatin1String("entered-in-error"))
        return tr("entered in error");
    return status;
}

QString SafetyWarningText::duration(qint64 minutes)
{
    minutes = qMax<qint64>(0, minutes);
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return tr("%1 h").arg(minutes / 60);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

} // namespace lantern::ui
