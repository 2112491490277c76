#include "ui/chart/OrderText.h"

#include "ui/common/Format.h"

#include <QLocale>

namespace lantern::ui {

QString OrderText::quantity(const model::Quantity& q)
{
    if (q.isEmpty())
        return QString();
    QString v = q.value ? QLocale().toString(*q.value, 'g', 6) : QString();
    return QString(q.comparator + v + QLatin1Char(' ') + q.unitText()).trimmed();
}

QString OrderText::drug(const model::MedicationOrder& order)
{
    const model::MedicationInfo& m = order.medication;
    if (!m.resolved && !m.reference.reference.isEmpty()) {
        // A Medication the vault does not hold: its codes are missing too, so the
        // allergy check by code cannot see it. Say so instead of a bare name.
        const QString missing = tr("reference not found: %1").arg(m.reference.reference);
        return m.text.isEmpty() ? tr("unknown medication (%1)").arg(missing)
                                : QStringLiteral("%1 (%2)").arg(m.text, missing);
    }
    return m.text.isEmpty() ? tr("(unnamed medication)") : m.text;
}

QString OrderText::dose(const model::MedicationOrder& order)
{
    if (order.dosages.isEmpty())
        return QString();
    const model::Dosage& d = order.dosages.constFirst();
    if (!d.dose.isEmpty())
        return quantity(d.dose);
    if (!d.doseLow.isEmpty() || !d.doseHigh.isEmpty())
        return quantity(d.doseLow) + QStringLiteral(" – ") + quantity(d.doseHigh);
    if (!d.rate.isEmpty())
        return quantity(d.rate);
    return d.text;
}

QString OrderText::route(const model::MedicationOrder& order)
{
    return order.dosages.isEmpty() ? QString() : order.dosages.constFirst().route.displayText();
}

QString OrderText::schedule(const model::MedicationOrder& order)
{
    if (order.dosages.isEmpty())
        return tr("no dosage given");
    QStringList parts;
    for (const model::Dosage& d : order.dosages) {
        const model::Timing& t = d.timing;
        QString part;
        if (t.frequency && t.period && !t.periodUnit.isEmpty()) {
            const QString unit = t.periodUnit == QLatin1String("d")   ? tr("day")
                : t.periodUnit == QLatin1String("h")                   ? tr("h")
                : t.periodUnit == QLatin1String("wk")                  ? tr("week")
                                                                       : t.periodUnit;
            if (*t.period == 1.0)
                part = tr("%1× per %2").arg(*t.frequency).arg(unit);
            else
                part = tr("%1× every %2 %3").arg(*t.frequency).arg(*t.period).arg(unit);
        } else if (!t.text.isEmpty()) {
            part = t.text;
        } else if (!t.code.isEmpty()) {
            part = t.code;
        }
        if (!t.timeOfDay.isEmpty()) {
            QStringList times;
            for (const QString& tod : t.timeOfDay)
                times << tod.left(5);
            part += (part.isEmpty() ? QString() : QStringLiteral(" ")) + tr("at %1").arg(times.join(QStringLiteral(", ")));
        }
        if (!t.when.isEmpty())
            part += (part.isEmpty() ? QString() : QStringLiteral(" ")) + t.when.join(QStringLiteral(", "));
        // A dose only as needed has no schedule of its own: prn() says "as needed" once.
        if (part.isEmpty() && !d.asNeeded)
            part = d.text;
        if (!part.isEmpty())
            parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

QString OrderText::prn(const model::MedicationOrder& order)
{
    if (!order.isPrn())
        return QString();
    const QString reason = order.asNeededReasonText();
    return reason.isEmpty() ? tr("as needed") : tr("as needed: %1").arg(reason);
}

QString OrderText::instructions(const model::MedicationOrder& order)
{
    QStringList parts;
    for (const QString& p : {dose(order), route(order), schedule(order), prn(order)}) {
        if (!p.trimmed().isEmpty())
            parts << p;
    }
    return parts.join(QStringLiteral(" · "));
}

QString OrderText::status(const model::MedicationOrder& order)
{
    return order.status;
}

QString OrderText::performer(const model::MedicationAdministration& a)
{
    if (!a.performer.display.isEmpty())
        return a.performer.display;
    if (!a.performer.reference.isEmpty())
        return a.performer.reference.section(QLatin1Char('/'), -1);
    return tr("unknown");
}

QString OrderText::lastGiven(const std::optional<model::MedicationAdministration>& given)
{
    if (!given)
        return tr("not given (no record)");
    const model::When at = given->givenAt();
    const QString when = at.instant.isValid() ? Format::dateTime(at.instant) : Format::fhirDate(at.text);
    return tr("%1 by %2").arg(when, performer(*given));
}

} // namespace lantern::ui
