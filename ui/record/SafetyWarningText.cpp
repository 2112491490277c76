#include "ui/record/SafetyWarningText.h"

#include "ui/common/Format.h"
#include "core/record/DrugClasses.h"

#include <QHash>
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
    const QString byName =
        f.matchedBy == record::MatchedBy::Word ? QString(QLatin1Char(' ') + tr("(matched by name only)")) : QString();
    switch (f.code) {
    case SafetyCode::Allergy: {
        const QString sentence = f.allergyUnconfirmed
                                     ? tr("Recorded allergy (unconfirmed) to %1: %2 contains it.")
                                     : tr("Recorded allergy to %1: %2 contains it.");
        return sentence.arg(substance, drug) + byName;
    }
    case SafetyCode::AllergyClass: {
        const QString sentence =
            f.allergyUnconfirmed
                ? tr("Recorded allergy (unconfirmed) to %1 (%2): %3 belongs to the same class.")
                : tr("Recorded allergy to %1 (%2): %3 belongs to the same class.");
        return sentence.arg(substance, drugClass(f.drugClass), drug) + byName;
    }
    case SafetyCode::AllergyCrossReactivity: {
        const QString sentence =
            f.allergyUnconfirmed
                ? tr("Recorded allergy (unconfirmed) to %1 (%2): %3 is one of the %4, which may cross-react (low "
                     "risk). Check the kind of reaction before giving it.")
                : tr("Recorded allergy to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the "
                     "kind of reaction before giving it.");
        return sentence.arg(substance, drugClass(f.allergyClass), drug, drugClass(f.drugClass)) + byName;
    }
    case SafetyCode::Interval: {
        if (f.otherOrder) {
            const QString other = f.otherDrug.isEmpty() ? tr("a dose") : f.otherDrug;
            const QString sentence =
                f.otherDoseLocal ? tr("The same ingredient was given under another order (%1, recorded during "
                                      "downtime) at %2, %3 from this one; one dose every %4 at most.")
                                 : tr("The same ingredient was given under another order (%1) at %2, %3 from this "
                                      "one; one dose every %4 at most.");
            return sentence.arg(other, Format::dateTime(f.otherDoseAt), duration(f.minutesApart),
                                duration(f.minimumIntervalMinutes));
        }
        const QString sentence =
            f.otherDoseLocal ? tr("Last dose of this order (recorded during downtime) was given at %1, %2 "
                                  "from this one; the order allows one dose every %3.")
                             : tr("Last dose of this order was given at %1, %2 from this one; the order "
                                  "allows one dose every %3.");
        return sentence.arg(Format::dateTime(f.otherDoseAt), duration(f.minutesApart),
                            duration(f.minimumIntervalMinutes));
    }
    case SafetyCode::MaxDosePerPeriod:
        if (f.limitFromTable)
            return tr("This dose brings the total of %1 (all orders) to %2 %3 within %4; the product information "
                      "allows at most %5 %3 a day.")
                .arg(f.ingredient, amount(f.totalAmount), f.unit, duration(f.periodMinutes), amount(f.maximumAmount));
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
    case SafetyCode::OrderNotActive:
        return tr("This order is %1 in the EHR data, not active. Ask the physician before giving it.")
            .arg(orderStatus(f.orderStatus));
    case SafetyCode::OrderHeldLocally:
        return tr("A physician put this order on HOLD during the downtime (%1). Ask before giving it.")
            .arg(Format::dateTime(f.endedAt));
    case SafetyCode::DoseDiffers: {
        const QString ordered = f.orderedLow == f.orderedHigh ? amount(f.orderedLow)
                                                              : QString(amount(f.orderedLow) + QStringLiteral("–") + amount(f.orderedHigh));
        return tr("The dose entered (%1 %2) is not the ordered dose (%3 %2).").arg(amount(f.enteredAmount), f.doseUnit, ordered);
    }
    case SafetyCode::None:
        break;
    }
    return QString();
}

QString SafetyWarningText::drugClass(const QString& key)
{
    // One line per class of resources/drug-classes.json, so translators see each label.
    static const QHash<QString, const char*> labels = {
        {QStringLiteral("penicillin"), QT_TR_NOOP("penicillins")},
        {QStringLiteral("cephalosporin"), QT_TR_NOOP("cephalosporins")},
        {QStringLiteral("carbapenem"), QT_TR_NOOP("carbapenems")},
        {QStringLiteral("sulfonamide"), QT_TR_NOOP("sulfonamide antibiotics")},
        {QStringLiteral("nsaid"), QT_TR_NOOP("NSAIDs and salicylates")},
        {QStringLiteral("pyrazolone"), QT_TR_NOOP("pyrazolones (metamizole)")},
        {QStringLiteral("anilide"), QT_TR_NOOP("paracetamol (anilides)")},
        {QStringLiteral("opioid"), QT_TR_NOOP("opioids")},
        {QStringLiteral("heparin"), QT_TR_NOOP("heparins and low-molecular-weight heparins")},
        {QStringLiteral("doac"), QT_TR_NOOP("direct oral anticoagulants")},
        {QStringLiteral("vitamin-k-antagonist"), QT_TR_NOOP("vitamin K antagonists")},
        {QStringLiteral("insulin"), QT_TR_NOOP("insulins")},
        {QStringLiteral("concentrated-electrolyte"), QT_TR_NOOP("concentrated electrolytes for infusion")},
        {QStringLiteral("ace-inhibitor"), QT_TR_NOOP("ACE inhibitors")},
        {QStringLiteral("iodinated-contrast"), QT_TR_NOOP("iodinated contrast media")},
        {QStringLiteral("macrolide"), QT_TR_NOOP("macrolides")},
        {QStringLiteral("fluoroquinolone"), QT_TR_NOOP("fluoroquinolones")},
        {QStringLiteral("tetracycline"), QT_TR_NOOP("tetracyclines")},
    };
    if (const char* label = labels.value(key))
        return tr(label);
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
    if (status == QLatin1String("on-hold"))
        return tr("on hold");
    if (status == QLatin1String("draft"))
        return tr("a draft");
    if (status == QLatin1String("unknown"))
        return tr("of unknown status");
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
