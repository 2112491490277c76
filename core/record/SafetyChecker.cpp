#include "record/SafetyChecker.h"

#include "record/DosingInterval.h"
#include "record/DrugClasses.h"

#include <QLocale>

#include <cmath>

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

bool sameUnit(const model::Quantity& dose, const MaxDosePerPeriod& limit)
{
    return (!dose.code.isEmpty() && dose.code == limit.unitCode) || (!dose.unit.isEmpty() && dose.unit == limit.unitText)
        || (!dose.unit.isEmpty() && dose.unit == limit.unitCode);
}

// The last moment a FHIR end covers: a date without a time covers its whole day (month, year).
QDateTime endOf(const model::When& w)
{
    const QDateTime start = w.sortKey();
    if (!start.isValid())
        return {};
    switch (w.precision) {
    case model::When::Precision::Day: return start.addDays(1);
    case model::When::Precision::Month: return start.addMonths(1);
    case model::When::Precision::Year: return start.addYears(1);
    default: return start;
    }
}

} // namespace

QList<SafetyWarning> SafetyChecker::check(const AdministrationCheck& input) const
{
    QList<SafetyWarning> out;
    if (!input.chart || !input.order)
        return out;
    out += allergyWarnings(input);
    out += intervalWarnings(input);
    out += discontinuedWarnings(input);
    return out;
}

QList<SafetyWarning> SafetyChecker::allergyWarnings(const AdministrationCheck& input) const
{
    QList<SafetyWarning> out;
    const model::MedicationInfo& med = input.order->medication;
    const QStringList drugClasses = drugClassesOfMedication(med);
    for (const model::Allergy& a : input.chart->allergies) {
        if (!a.isRecordedAllergy())
            continue;
        QList<model::CodeableConcept> substances{a.substance};
        for (const model::AllergyReaction& r : a.reactions) {
            if (!r.substance.isEmpty())
                substances << r.substance;
        }
        SafetyFinding f;
        f.drug = med.text;
        f.substance = a.substance.displayText();
        f.allergyUnconfirmed = a.verificationStatus == QLatin1String("unconfirmed");
        for (const model::CodeableConcept& s : substances) {
            if (substanceNamesMedication(s, med)) {
                f.code = SafetyCode::Allergy;
                break;
            }
            for (const QString& c : drugClassesOfSubstance(s)) {
                if (drugClasses.contains(c)) {
                    f.code = SafetyCode::AllergyClass;
                    f.drugClass = c;
                    break;
                }
            }
            if (f.code != SafetyCode::None)
                break;
        }
        if (f.code != SafetyCode::None)
            out.append(warning(f));
    }
    return out;
}

QList<SafetyWarning> SafetyChecker::intervalWarnings(const AdministrationCheck& input) const
{
    QList<SafetyWarning> out;
    const QString orderId = input.order->meta.id;
    QList<model::MedicationAdministration> given;
    for (const model::MedicationAdministration& a : input.chart->administrations) {
        if (refersTo(a, orderId) && wasGiven(a))
            given << a;
    }

    if (const auto interval = minimumInterval(*input.order)) {
        const qint64 window = interval->prn ? 0 : std::min(kScheduledWindowSecs, interval->seconds / 4);
        const qint64 allowed = interval->seconds - window;
        // The closest known dose on either side: a dose charted late can lie after the new one.
        std::optional<model::MedicationAdministration> closest;
        qint64 closestGap = 0;
        for (const model::MedicationAdministration& a : given) {
            const qint64 gap = std::llabs(a.givenAt().sortKey().secsTo(input.givenAt));
            if (!closest || gap < closestGap) {
                closest = a;
                closestGap = gap;
            }
        }
        if (closest && closestGap < allowed) {
            SafetyFinding f;
            f.code = SafetyCode::Interval;
            f.drug = input.order->medication.text;
            f.otherDoseAt = closest->givenAt().sortKey().toUTC();
            f.otherDoseLocal = closest->local.has_value();
            f.minutesApart = closestGap / 60;
            f.minimumIntervalMinutes = interval->seconds / 60;
            out.append(warning(f));
        }
    }

    if (const auto limit = maxDosePerPeriod(input.orderJson); limit && input.dose.value && sameUnit(input.dose, *limit)) {
        double total = *input.dose.value;
        const QDateTime from = input.givenAt.addSecs(-limit->periodSeconds);
        for (const model::MedicationAdministration& a : given) {
            const QDateTime at = a.givenAt().sortKey();
            if (at > from && at <= input.givenAt && a.dose.value && sameUnit(a.dose, *limit))
                total += *a.dose.value;
        }
        if (total > limit->amount + 1e-9) {
            SafetyFinding f;
            f.code = SafetyCode::MaxDosePerPeriod;
            f.drug = input.order->medication.text;
            f.totalAmount = total;
            f.maximumAmount = limit->amount;
            f.unit = limit->unitText.isEmpty() ? limit->unitCode : limit->unitText;
            f.periodMinutes = limit->periodSeconds / 60;
            out.append(warning(f));
        }
    }
    return out;
}

QList<SafetyWarning> SafetyChecker::discontinuedWarnings(const AdministrationCheck& input) const
{
    const model::MedicationOrder& o = *input.order;
    SafetyFinding f;
    f.drug = o.medication.text;
    f.orderStatus = o.status;
    f.dataAsOf = input.dataAsOf.isValid() ? input.dataAsOf.toUTC() : QDateTime();
    static const QStringList discontinued{QStringLiteral("stopped"), QStringLiteral("cancelled"),
                                          QStringLiteral("completed"), QStringLiteral("entered-in-error")};
    if (discontinued.contains(o.status)) {
        f.code = SafetyCode::DiscontinuedOrder;
        return {warning(f)};
    }
    // An end in the past: the order ran out, whatever its status says.
    QDateTime end = endOf(o.validity.end);
    for (const model::Dosage& d : o.dosages) {
        const QDateTime e = endOf(d.timing.bounds.end);
        if (e.isValid() && (!end.isValid() || e < end))
            end = e;
    }
    QDateTime reference = input.givenAt;
    if (input.dataAsOf.isValid() && input.dataAsOf > reference)
        reference = input.dataAsOf;
    if (end.isValid() && end < reference) {
        f.code = SafetyCode::OrderEnded;
        f.endedAt = end.toUTC();
        f.endedBeforeDataAsOf = input.dataAsOf.isValid() && input.dataAsOf >= input.givenAt;
        return {warning(f)};
    }
    return {};
}

SafetyWarning SafetyChecker::warning(const SafetyFinding& finding)
{
    return SafetyWarning(kindOf(finding.code), englishText(finding), false, finding);
}

QString SafetyChecker::kindOf(SafetyCode code)
{
    switch (code) {
    case SafetyCode::Allergy:
    case SafetyCode::AllergyClass: return QLatin1String(kWarningAllergy);
    case SafetyCode::Interval:
    case SafetyCode::MaxDosePerPeriod: return QLatin1String(kWarningInterval);
    case SafetyCode::DiscontinuedOrder:
    case SafetyCode::OrderEnded: return QLatin1String(kWarningDiscontinued);
    case SafetyCode::None: break;
    }
    return QString();
}

QString SafetyChecker::englishText(const SafetyFinding& f)
{
    const QString drug = f.drug.isEmpty() ? QStringLiteral("this medication") : f.drug;
    const QString substance = f.substance.isEmpty() ? QStringLiteral("an unnamed substance") : f.substance;
    const QString unconfirmed = f.allergyUnconfirmed ? QStringLiteral(" (unconfirmed)") : QString();
    switch (f.code) {
    case SafetyCode::Allergy:
        return QStringLiteral("Recorded allergy%1 to %2: %3 contains it.").arg(unconfirmed, substance, drug);
    case SafetyCode::AllergyClass:
        return QStringLiteral("Recorded allergy%1 to %2 (%3): %4 belongs to the same class.")
            .arg(unconfirmed, substance, drugClassLabel(f.drugClass), drug);
    case SafetyCode::Interval:
        return QStringLiteral("Last dose of this order was given at %1, %2 from this one; the order allows "
                              "one dose every %3%4.")
            .arg(timeText(f.otherDoseAt), hoursText(f.minutesApart * 60), hoursText(f.minimumIntervalMinutes * 60),
                 f.otherDoseLocal ? QStringLiteral(" (dose recorded during downtime)") : QString());
    case SafetyCode::MaxDosePerPeriod:
        return QStringLiteral("This dose brings the total to %1 %2 within %3; the order allows at most %4 %2.")
            .arg(QLocale::c().toString(f.totalAmount, 'g', 6), f.unit, hoursText(f.periodMinutes * 60),
                 QLocale::c().toString(f.maximumAmount, 'g', 6));
    case SafetyCode::DiscontinuedOrder:
        return QStringLiteral("This order is %1 in the EHR data as of %2; it should not be given.")
            .arg(f.orderStatus, f.dataAsOf.isValid() ? timeText(f.dataAsOf) : QStringLiteral("the last import"));
    case SafetyCode::OrderEnded:
        return QStringLiteral("This order ended at %1, before %2.")
            .arg(timeText(f.endedAt), f.endedBeforeDataAsOf ? QStringLiteral("the data-as-of time")
                                                            : QStringLiteral("the time of this dose"));
    case SafetyCode::None: break;
    }
    return QString();
}

} // namespace lantern::record
