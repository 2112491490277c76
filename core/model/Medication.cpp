#include "core/model/Administration.h"
#include "core/model/Medication.h"

namespace lantern::model {

QString MedicationInfo::code(DrugCodeSystem kind) const
{
    for (const DrugCode& c : codes) {
        if (c.kind == kind)
            return c.code;
    }
    return {};
}

bool Timing::isEmpty() const
{
    return text.isEmpty() && code.isEmpty() && !frequency && !period && !count && !duration && when.isEmpty()
        && timeOfDay.isEmpty() && dayOfWeek.isEmpty() && events.isEmpty() && bounds.isEmpty();
}

bool MedicationOrder::isActive() const
{
    if (source == Source::Request)
        return status == QLatin1String("active");
    return status == QLatin1String("active") || status == QLatin1String("intended");
}

bool MedicationOrder::isPrn() const
{
    for (const Dosage& d : dosages) {
        if (d.asNeeded)
            return true;
    }
    return false;
}

QString MedicationOrder::asNeededReasonText() const
{
    for (const Dosage& d : dosages) {
        if (!d.asNeededReason.isEmpty())
            return d.asNeededReason.displayText();
    }
    return {};
}

QString MedicationAdministration::statusReasonText() const
{
    QStringList parts;
    for (const CodeableConcept& c : statusReasons)
        parts << c.displayText();
    return parts.join(QStringLiteral("; "));
}

QString MedicationAdministration::statusWords() const
{
    const AdministrationStatus kind = statusKind();
    const QString words = administrationStatusWords(kind, status);
    const QString why = hasReason(kind) ? statusReasonText() : QString();
    return why.isEmpty() ? words : words + QStringLiteral(": ") + why;
}

} // namespace lantern::model
