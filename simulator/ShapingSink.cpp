#include "ShapingSink.h"

#include "FhirJson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace lantern::sim {

Result<MedicationShape> parseMedicationShape(const QString& name)
{
    if (name == u"inline"_s)
        return MedicationShape::Inline;
    if (name == u"reference"_s)
        return MedicationShape::Reference;
    if (name == u"statement"_s)
        return MedicationShape::Statement;
    if (name == u"mixed"_s)
        return MedicationShape::Mixed;
    return Error(ErrorCode::InvalidInput,
        u"--medication-shape must be inline, reference, statement or mixed (not '"_s + name.left(40) + u"')."_s);
}

QString medicationShapeName(MedicationShape shape)
{
    switch (shape) {
    case MedicationShape::Inline:
        return u"inline"_s;
    case MedicationShape::Reference:
        return u"reference"_s;
    case MedicationShape::Statement:
        return u"statement"_s;
    case MedicationShape::Mixed:
        return u"mixed"_s;
    }
    return u"inline"_s;
}

namespace gen {

using namespace fhir;

void ShapingSink::referenceMedication(QJsonObject& resource)
{
    const QJsonObject ordered = resource.value(u"medicationCodeableConcept"_s).toObject();
    const QJsonObject medication{{u"resourceType"_s, u"Medication"_s}, {u"status"_s, u"active"_s},
        {u"code"_s, ordered}};
    const QString ref = m_inner.add(medication);
    // Every second reference without display: the name must come from the Medication itself.
    const bool withDisplay = (m_references++ % 2) == 0;
    resource.remove(u"medicationCodeableConcept"_s);
    resource.insert(u"medicationReference"_s,
        withDisplay ? reference(ref, ordered.value(u"text"_s).toString()) : reference(ref));
}

QString ShapingSink::add(QJsonObject resource)
{
    const QString type = resource.value(u"resourceType"_s).toString();
    if (type == u"Device"_s) {
        resource.remove(u"patient"_s); // found only through its DeviceUseStatement
        const QString ref = m_inner.add(resource);
        m_devices.append(ref);
        return ref;
    }
    const bool inlineMedication = resource.contains(u"medicationCodeableConcept"_s);
    if (!referencesMedications(m_shape) || !inlineMedication)
        return m_inner.add(resource);
    if (type == u"MedicationAdministration"_s) {
        // The dose given names the Medication its order names.
        const QString request = resource.value(u"request"_s).toObject().value(u"reference"_s).toString();
        const auto known = m_orderMedication.constFind(request);
        if (known != m_orderMedication.constEnd()) {
            resource.remove(u"medicationCodeableConcept"_s);
            resource.insert(u"medicationReference"_s, *known);
            return m_inner.add(resource);
        }
    }
    referenceMedication(resource);
    const QString ref = m_inner.add(resource);
    if (type == u"MedicationRequest"_s)
        m_orderMedication.insert(ref, resource.value(u"medicationReference"_s).toObject());
    return ref;
}

void writeHomeMedication(Chart& c, Rng& rng)
{
    static const QStringList homeDrugs{u"ramipril"_s, u"amlodipine"_s, u"atorvastatin"_s, u"levothyroxine"_s,
        u"pantoprazole"_s, u"bisoprolol"_s, u"aspirin"_s, u"metformin"_s, u"ibuprofen"_s};
    QStringList keys;
    const int count = rng.between(1, 3);
    for (int i = 0; i < count; ++i) {
        const QString key = rng.pick(homeDrugs);
        if (!keys.contains(key))
            keys.append(key);
    }
    for (const QString& key : std::as_const(keys)) {
        const catalog::Drug* drug = catalog::drug(key);
        if (!drug || c.allergyClasses.contains(drug->allergyClass))
            continue;
        const catalog::Schedule* schedule = catalog::schedule(drug->schedules.first());
        const qint64 since = c.admitMs - qint64(rng.between(60, 2000)) * 86400000;
        QJsonObject statement{{u"resourceType"_s, u"MedicationStatement"_s}, {u"status"_s, u"active"_s},
            {u"category"_s, codeable(coding(u"http://terminology.hl7.org/CodeSystem/medication-statement-category"_s,
                                u"community"_s, u"Community"_s))},
            {u"medicationCodeableConcept"_s, codeable(coding(sys::atc(), drug->atc, drug->atcDisplay), drug->text)},
            {u"subject"_s, reference(c.patientRef)},
            {u"effectivePeriod"_s, QJsonObject{{u"start"_s, localTime(since, c.tz)}}},
            {u"dateAsserted"_s, localTime(c.admitMs, c.tz)},
            {u"informationSource"_s, QJsonObject{{u"display"_s, u"Patient (Aufnahmegespräch)"_s}}},
            {u"dosage"_s, QJsonArray{dosageInstruction(*drug, *schedule, drug->dose, since, std::nullopt, c.tz)}}};
        createResource(*c.sink, statement);
    }
}

void writeDeviceUseStatements(Chart& c, const QStringList& devices)
{
    for (const QString& device : devices) {
        createResource(*c.sink,
            QJsonObject{{u"resourceType"_s, u"DeviceUseStatement"_s}, {u"status"_s, u"active"_s},
                {u"subject"_s, reference(c.patientRef)}, {u"device"_s, reference(device)},
                {u"recordedOn"_s, localTime(c.admitMs, c.tz)}});
    }
}

} // namespace gen
} // namespace lantern::sim
