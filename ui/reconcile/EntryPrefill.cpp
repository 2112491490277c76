#include "ui/reconcile/EntryPrefill.h"

#include <QJsonArray>
#include <QJsonObject>

namespace lantern::ui::prefill {
namespace {

QString text(const QJsonObject& cc)
{
    return cc.value(QLatin1String("text")).toString();
}

QString documentText(const QJsonObject& doc)
{
    const QJsonArray content = doc.value(QLatin1String("content")).toArray();
    if (content.isEmpty())
        return {};
    const QString data =
        content.first().toObject().value(QLatin1String("attachment")).toObject().value(QLatin1String("data")).toString();
    return QString::fromUtf8(QByteArray::fromBase64(data.toLatin1()));
}

bool hasCode(const QJsonObject& cc, const QString& code)
{
    const QJsonArray codings = cc.value(QLatin1String("coding")).toArray();
    for (const QJsonValue& c : codings) {
        if (c.toObject().value(QLatin1String("code")).toString() == code)
            return true;
    }
    return false;
}

} // namespace

record::AdministrationInput administration(const record::RecordEntry& e)
{
    const QJsonObject& r = e.resource;
    record::AdministrationInput in;
    in.patientId = e.patientId;
    in.orderId = e.orderId;
    const QString status = r.value(QLatin1String("status")).toString();
    in.outcome = status == QLatin1String("not-done") ? record::AdministrationOutcome::NotGiven
                 : status == QLatin1String("on-hold") ? record::AdministrationOutcome::Held
                                                      : record::AdministrationOutcome::Given;
    const QJsonArray reasons = r.value(QLatin1String("statusReason")).toArray();
    if (!reasons.isEmpty())
        in.reason = text(reasons.first().toObject());
    const QJsonObject dosage = r.value(QLatin1String("dosage")).toObject();
    const QJsonObject dose = dosage.value(QLatin1String("dose")).toObject();
    if (dose.contains(QLatin1String("value")))
        in.dose.value = dose.value(QLatin1String("value")).toDouble();
    in.dose.unit = dose.value(QLatin1String("unit")).toString();
    in.dose.system = dose.value(QLatin1String("system")).toString();
    in.dose.code = dose.value(QLatin1String("code")).toString();
    in.route = text(dosage.value(QLatin1String("route")).toObject());
    in.site = text(dosage.value(QLatin1String("site")).toObject());
    in.givenAt = e.clinicalTime;
    in.witness = e.witness;
    const QJsonArray notes = r.value(QLatin1String("note")).toArray();
    if (!notes.isEmpty())
        in.note = notes.first().toObject().value(QLatin1String("text")).toString();
    in.amends = e.uuid;
    return in;
}

record::NoteInput note(const record::RecordEntry& e)
{
    record::NoteInput in;
    in.patientId = e.patientId;
    in.category = hasCode(e.resource.value(QLatin1String("type")).toObject(), QStringLiteral("34746-8"))
                      ? record::NoteCategory::Nursing
                      : record::NoteCategory::Physician;
    in.text = documentText(e.resource);
    in.at = e.clinicalTime;
    in.amends = e.uuid;
    return in;
}

record::OrderAnnotationInput annotation(const record::RecordEntry& e)
{
    record::OrderAnnotationInput in;
    in.patientId = e.patientId;
    in.orderId = e.orderId;
    in.kind = record::AnnotationKind::Review;
    const QJsonArray categories = e.resource.value(QLatin1String("category")).toArray();
    for (const QJsonValue& c : categories) {
        if (hasCode(c.toObject(), QStringLiteral("hold")))
            in.kind = record::AnnotationKind::Hold;
        else if (hasCode(c.toObject(), QStringLiteral("dose-concern")))
            in.kind = record::AnnotationKind::DoseConcern;
    }
    in.text = documentText(e.resource);
    in.amends = e.uuid;
    return in;
}

record::ReportedAllergyInput allergy(const record::RecordEntry& e)
{
    record::ReportedAllergyInput in;
    in.patientId = e.patientId;
    in.substance = text(e.resource.value(QLatin1String("code")).toObject());
    const QJsonArray reactions = e.resource.value(QLatin1String("reaction")).toArray();
    if (!reactions.isEmpty()) {
        const QJsonArray m = reactions.first().toObject().value(QLatin1String("manifestation")).toArray();
        if (!m.isEmpty())
            in.reaction = text(m.first().toObject());
    }
    in.criticality = e.resource.value(QLatin1String("criticality")).toString();
    in.amends = e.uuid;
    return in;
}

} // namespace lantern::ui::prefill
