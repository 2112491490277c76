// Shared pieces of the entry resources, the MedicationAdministration and retraction.
#include "core/record/EntryResources.h"

#include <QJsonArray>

namespace lantern::record {
namespace {

QJsonObject textConcept(const QString& text)
{
    return QJsonObject{{QStringLiteral("text"), text}};
}

QJsonObject coding(const QString& system, const QString& code, const QString& display = {})
{
    QJsonObject c{{QStringLiteral("system"), system}, {QStringLiteral("code"), code}};
    if (!display.isEmpty())
        c.insert(QStringLiteral("display"), display);
    return c;
}

const QString kPerformerFunction = QStringLiteral("http://terminology.hl7.org/CodeSystem/med-admin-perform-function");

QJsonObject performer(const Person& p, const QString& function)
{
    return QJsonObject{
        {QStringLiteral("function"),
         QJsonObject{{QStringLiteral("coding"), QJsonArray{coding(kPerformerFunction, function)}}}},
        {QStringLiteral("actor"), personReference(p)}};
}

QString statusOf(AdministrationOutcome o)
{
    switch (o) {
    case AdministrationOutcome::Given: return QStringLiteral("completed");
    case AdministrationOutcome::NotGiven: return QStringLiteral("not-done");
    case AdministrationOutcome::Held: return QStringLiteral("on-hold");
    }
    return QStringLiteral("completed");
}

} // namespace

QJsonObject entryIdentifier(const QString& uuid)
{
    return QJsonObject{{QStringLiteral("system"), QLatin1String(kEntryIdentifierSystem)},
                       {QStringLiteral("value"), QString(QStringLiteral("urn:uuid:") + uuid)}};
}

QJsonObject personReference(const Person& person)
{
    QJsonObject ref{{QStringLiteral("identifier"),
                     QJsonObject{{QStringLiteral("system"), QLatin1String(kUserIdentifierSystem)},
                                 {QStringLiteral("value"), person.username}}}};
    ref.insert(QStringLiteral("display"), person.display.isEmpty() ? person.username : person.display);
    return ref;
}

QJsonObject quantityJson(const model::Quantity& q)
{
    QJsonObject out;
    if (q.value)
        out.insert(QStringLiteral("value"), *q.value);
    if (!q.unit.isEmpty())
        out.insert(QStringLiteral("unit"), q.unit);
    if (!q.system.isEmpty())
        out.insert(QStringLiteral("system"), q.system);
    if (!q.code.isEmpty())
        out.insert(QStringLiteral("code"), q.code);
    return out;
}

QString fhirInstant(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject buildMedicationAdministration(const AdministrationResourceInput& in)
{
    QJsonObject r{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                  {QStringLiteral("identifier"), QJsonArray{entryIdentifier(in.uuid)}},
                  {QStringLiteral("status"), statusOf(in.outcome)}};
    if (in.outcome != AdministrationOutcome::Given && !in.reason.isEmpty())
        r.insert(QStringLiteral("statusReason"), QJsonArray{textConcept(in.reason)});

    // The medication exactly as the order names it; a contained Medication comes along.
    const QString orderId = in.order.value(QLatin1String("id")).toString();
    if (in.order.contains(QLatin1String("medicationCodeableConcept"))) {
        r.insert(QStringLiteral("medicationCodeableConcept"), in.order.value(QLatin1String("medicationCodeableConcept")));
    } else {
        const QJsonObject ref = in.order.value(QLatin1String("medicationReference")).toObject();
        r.insert(QStringLiteral("medicationReference"), ref);
        const QString target = ref.value(QLatin1String("reference")).toString();
        if (target.startsWith(QLatin1Char('#'))) {
            for (const QJsonValue& c : in.order.value(QLatin1String("contained")).toArray()) {
                if (c.toObject().value(QLatin1String("id")).toString() == target.mid(1))
                    r.insert(QStringLiteral("contained"), QJsonArray{c});
            }
        }
    }
    r.insert(QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + in.patientId)}});
    if (in.order.contains(QLatin1String("encounter")))
        r.insert(QStringLiteral("context"), in.order.value(QLatin1String("encounter")));
    r.insert(QStringLiteral("effectiveDateTime"), fhirInstant(in.givenAt));

    QJsonArray performers{performer(in.performer, QStringLiteral("performer"))};
    if (in.witness)
        performers.append(performer(*in.witness, QStringLiteral("witness")));
    r.insert(QStringLiteral("performer"), performers);
    r.insert(QStringLiteral("request"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("MedicationRequest/") + orderId)}});

    QJsonObject dosage;
    if (!in.dose.isEmpty())
        dosage.insert(QStringLiteral("dose"), quantityJson(in.dose));
    if (!in.route.isEmpty()) {
        dosage.insert(QStringLiteral("route"), textConcept(in.route));
    } else {
        const QJsonArray instructions = in.order.value(QLatin1String("dosageInstruction")).toArray();
        if (!instructions.isEmpty() && instructions.first().toObject().contains(QLatin1String("route")))
            dosage.insert(QStringLiteral("route"), instructions.first().toObject().value(QLatin1String("route")));
    }
    if (!in.site.isEmpty())
        dosage.insert(QStringLiteral("site"), textConcept(in.site));
    if (!dosage.isEmpty())
        r.insert(QStringLiteral("dosage"), dosage);
    if (!in.note.isEmpty())
        r.insert(QStringLiteral("note"),
                 QJsonArray{QJsonObject{{QStringLiteral("text"), in.note},
                                        {QStringLiteral("time"), fhirInstant(in.givenAt)},
                                        {QStringLiteral("authorReference"), personReference(in.performer)}}});
    return r;
}

QJsonObject retractedResource(const QJsonObject& original, const QString& reason)
{
    QJsonObject r = original;
    const QString type = original.value(QLatin1String("resourceType")).toString();
    if (type == QLatin1String("Patient")) {
        r.insert(QStringLiteral("active"), false);
    } else if (type == QLatin1String("AllergyIntolerance")) {
        r.insert(QStringLiteral("verificationStatus"),
                 QJsonObject{{QStringLiteral("coding"),
                              QJsonArray{coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"),
                                                QStringLiteral("entered-in-error"), QStringLiteral("Entered in Error"))}}});
        r.remove(QStringLiteral("clinicalStatus")); // must be absent when entered-in-error
    } else {
        r.insert(QStringLiteral("status"), QStringLiteral("entered-in-error"));
    }
    if (!reason.isEmpty() && type == QLatin1String("DocumentReference")) {
        r.insert(QStringLiteral("description"), reason);
    } else if (!reason.isEmpty() && type != QLatin1String("Patient")) {
        QJsonArray notes = r.value(QLatin1String("note")).toArray();
        notes.append(QJsonObject{{QStringLiteral("text"), reason}});
        r.insert(QStringLiteral("note"), notes);
    }
    return r;
}

} // namespace lantern::record
