#include "core/model/PatientChart.h"

namespace lantern::model {

QList<MedicationOrder> PatientChart::activeOrders() const
{
    QList<MedicationOrder> out;
    for (const MedicationOrder& o : orders) {
        if (o.isActive())
            out << o;
    }
    return out;
}

QList<Allergy> PatientChart::recordedAllergies() const
{
    QList<Allergy> out;
    for (const Allergy& a : allergies) {
        if (a.isRecordedAllergy())
            out << a;
    }
    return out;
}

std::optional<CodeStatus> PatientChart::currentCodeStatus() const
{
    for (const CodeStatus& c : codeStatus) {
        if (c.isCurrent())
            return c;
    }
    return std::nullopt;
}

std::optional<VitalSign> PatientChart::vital(VitalKind kind) const
{
    for (const VitalSign& v : vitals) {
        if (v.kind == kind)
            return v;
    }
    return std::nullopt;
}

std::optional<MedicationAdministration> PatientChart::lastGiven(const QString& orderId) const
{
    const QString id = orderId.section(QLatin1Char('/'), -1);
    const QString relative = QStringLiteral("MedicationRequest/") + id;
    const auto refersToOrder = [&](const QString& r) {
        return r == relative || r.endsWith(QLatin1Char('/') + relative) || r == QStringLiteral("urn:uuid:") + id;
    };
    std::optional<MedicationAdministration> best;
    for (const MedicationAdministration& a : administrations) {
        if (!refersToOrder(a.request.reference) || !a.isGiven()) // held, running, stopped, unknown: not a dose given
            continue;
        if (!best || best->givenAt().sortKey() < a.givenAt().sortKey())
            best = a;
    }
    return best;
}

QList<LocalAnnotation> PatientChart::annotationsFor(const QString& orderId) const
{
    const QString id = orderId.section(QLatin1Char('/'), -1);
    QList<LocalAnnotation> out;
    for (const LocalAnnotation& a : orderAnnotations) {
        if (a.orderId == id)
            out << a;
    }
    return out;
}

} // namespace lantern::model
