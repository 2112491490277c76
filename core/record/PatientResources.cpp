// Reported allergies, downtime admissions and the local Encounter that puts
// an admitted patient on the census.
#include "core/record/EntryResources.h"

#include <QJsonArray>

namespace lantern::record {
namespace {

QJsonObject codedConcept(const QString& system, const QString& code, const QString& display)
{
    return QJsonObject{{QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), system},
                                                                         {QStringLiteral("code"), code},
                                                                         {QStringLiteral("display"), display}}}}};
}

QJsonObject localTag()
{
    return QJsonObject{{QStringLiteral("tag"), QJsonArray{QJsonObject{{QStringLiteral("system"), QLatin1String(kLocalTagSystem)},
                                                                      {QStringLiteral("code"), QLatin1String(kLocalTagCode)}}}}};
}

} // namespace

QJsonObject buildReportedAllergy(const AllergyResourceInput& in)
{
    QJsonObject r{
        {QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
        {QStringLiteral("identifier"), QJsonArray{entryIdentifier(in.uuid)}},
        {QStringLiteral("clinicalStatus"),
         codedConcept(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"),
                      QStringLiteral("active"), QStringLiteral("Active"))},
        {QStringLiteral("verificationStatus"),
         codedConcept(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"),
                      QStringLiteral("unconfirmed"), QStringLiteral("Unconfirmed"))},
        {QStringLiteral("code"), QJsonObject{{QStringLiteral("text"), in.substance}}},
        {QStringLiteral("patient"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + in.patientId)}}},
        {QStringLiteral("recordedDate"), fhirInstant(in.recordedAt)},
        {QStringLiteral("recorder"), personReference(in.recorder)},
        // Reported at the bedside: by the patient unless a person says otherwise.
        {QStringLiteral("asserter"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + in.patientId)}}},
    };
    if (!in.criticality.isEmpty())
        r.insert(QStringLiteral("criticality"), in.criticality);
    if (!in.reaction.isEmpty())
        r.insert(QStringLiteral("reaction"),
                 QJsonArray{QJsonObject{{QStringLiteral("manifestation"),
                                         QJsonArray{QJsonObject{{QStringLiteral("text"), in.reaction}}}}}});
    return r;
}

QJsonObject buildDowntimePatient(const AdmissionResourceInput& in)
{
    QJsonObject identifier{
        {QStringLiteral("use"), QStringLiteral("temp")},
        {QStringLiteral("type"), codedConcept(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"),
                                              QStringLiteral("MR"), QStringLiteral("Medical record number"))},
        {QStringLiteral("system"), in.identifierSystem},
        {QStringLiteral("value"), in.identifierValue}};
    QJsonObject name{{QStringLiteral("use"), QStringLiteral("official")}};
    if (!in.person.family.isEmpty())
        name.insert(QStringLiteral("family"), in.person.family);
    if (!in.person.given.isEmpty())
        name.insert(QStringLiteral("given"), QJsonArray{in.person.given});
    QJsonObject r{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("identifier"), QJsonArray{entryIdentifier(in.uuid), identifier}},
        {QStringLiteral("active"), true},
        {QStringLiteral("name"), QJsonArray{name}},
        {QStringLiteral("gender"), in.person.sex.isEmpty() ? QStringLiteral("unknown") : in.person.sex},
    };
    if (in.person.birthDate.isValid())
        r.insert(QStringLiteral("birthDate"), in.person.birthDate.toString(Qt::ISODate));
    return r;
}

QJsonObject localPatientCopy(const QJsonObject& patient, const QString& localPatientId)
{
    QJsonObject r = patient;
    r.insert(QStringLiteral("id"), localPatientId);
    r.insert(QStringLiteral("meta"), localTag());
    return r;
}

QJsonObject buildLocalEncounter(const QString& encounterId, const QString& localPatientId, const QString& wardId,
                                const QString& bedLocationId, const QString& bedText, const QDateTime& start)
{
    QJsonObject location{{QStringLiteral("status"), QStringLiteral("active")}};
    if (!bedLocationId.isEmpty()) {
        location.insert(QStringLiteral("location"),
                        QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Location/") + bedLocationId)}});
    } else {
        QJsonObject ref{{QStringLiteral("reference"), QString(QStringLiteral("Location/") + wardId)}};
        if (!bedText.isEmpty()) {
            ref.insert(QStringLiteral("display"), bedText);
            location.insert(QStringLiteral("physicalType"),
                            codedConcept(QStringLiteral("http://terminology.hl7.org/CodeSystem/location-physical-type"),
                                         QStringLiteral("bd"), QStringLiteral("Bed")));
        }
        location.insert(QStringLiteral("location"), ref);
    }
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Encounter")},
        {QStringLiteral("id"), encounterId},
        {QStringLiteral("meta"), localTag()},
        {QStringLiteral("status"), QStringLiteral("in-progress")},
        {QStringLiteral("class"), QJsonObject{{QStringLiteral("system"), QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode")},
                                              {QStringLiteral("code"), QStringLiteral("IMP")},
                                              {QStringLiteral("display"), QStringLiteral("inpatient encounter")}}},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + localPatientId)}}},
        {QStringLiteral("period"), QJsonObject{{QStringLiteral("start"), fhirInstant(start)}}},
        {QStringLiteral("location"), QJsonArray{location}},
    };
}

} // namespace lantern::record
