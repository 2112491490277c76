#include "core/fhir/PatientMapping.h"

#include "core/fhir/Reader.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

model::HumanName readName(Reader& r, const QJsonObject& name, const QString& path)
{
    model::HumanName n;
    n.use = r.string(name, "use"_L1, path);
    n.text = r.string(name, "text"_L1, path);
    n.family = r.string(name, "family"_L1, path);
    n.given = r.strings(name, "given"_L1, path);
    n.prefix = r.strings(name, "prefix"_L1, path);
    return n;
}

QString firstPhone(Reader& r, const QJsonObject& obj, const QString& path)
{
    const QList<QJsonObject> telecom = r.objects(obj, "telecom"_L1, path);
    for (qsizetype i = 0; i < telecom.size(); ++i) {
        const QString at = Reader::at(path, "telecom"_L1, i);
        const QString system = r.string(telecom.at(i), "system"_L1, at);
        const QString value = r.string(telecom.at(i), "value"_L1, at);
        if (system == u"phone"_s && !value.isEmpty())
            return value;
    }
    return {};
}

// "Patient/<id>", "https://ehr/fhir/R4/Patient/<id>/_history/2" -> "<id>"; empty for anything else.
QString patientIdOf(const QString& reference)
{
    const qsizetype at = reference.lastIndexOf("Patient/"_L1);
    if (at < 0)
        return {};
    return reference.mid(at + 8).section(u'/', 0, 0);
}

// The first link of type "replaced-by" (FHIR: this record must no longer be used).
std::optional<model::PatientMerge> replacedBy(Reader& r, const QJsonObject& resource)
{
    const QList<QJsonObject> links = r.objects(resource, "link"_L1);
    for (qsizetype i = 0; i < links.size(); ++i) {
        const QString at = Reader::at(QString(), "link"_L1, i);
        if (r.string(links.at(i), "type"_L1, at) != "replaced-by"_L1)
            continue;
        const QJsonObject other = r.object(links.at(i), "other"_L1, at);
        const QString otherAt = Reader::at(at, "other"_L1);
        model::PatientMerge merge;
        merge.survivorId = patientIdOf(r.string(other, "reference"_L1, otherAt));
        const QJsonObject identifier = r.object(other, "identifier"_L1, otherAt);
        merge.survivorIdentifier = r.string(identifier, "value"_L1, Reader::at(otherAt, "identifier"_L1));
        return merge;
    }
    return std::nullopt;
}

} // namespace

Result<model::Patient> mapPatient(const QJsonObject& resource)
{
    Reader r(resource, "Patient"_L1);
    model::Patient p;
    p.meta = r.meta();

    const QList<QJsonObject> identifiers = r.objects(resource, "identifier"_L1);
    for (qsizetype i = 0; i < identifiers.size(); ++i) {
        const QString at = Reader::at(QString(), "identifier"_L1, i);
        model::Identifier id;
        id.system = r.string(identifiers.at(i), "system"_L1, at);
        id.value = r.string(identifiers.at(i), "value"_L1, at);
        id.use = r.string(identifiers.at(i), "use"_L1, at);
        const model::CodeableConcept type = r.codeable(identifiers.at(i), "type"_L1, at);
        if (!type.codings.isEmpty()) {
            id.typeCode = type.codings.first().code;
            id.typeSystem = type.codings.first().system;
        }
        id.typeText = type.text;
        p.identifiers << id;
    }

    const QList<QJsonObject> names = r.objects(resource, "name"_L1);
    for (qsizetype i = 0; i < names.size(); ++i)
        p.names << readName(r, names.at(i), Reader::at(QString(), "name"_L1, i));

    p.sex = r.string(resource, "gender"_L1);
    p.birthDate = r.dateTime(resource, "birthDate"_L1);
    const std::optional<bool> deceased = r.boolean(resource, "deceasedBoolean"_L1);
    const model::When deceasedAt = r.dateTime(resource, "deceasedDateTime"_L1);
    p.deceased = deceased.value_or(false) || !deceasedAt.isNull();
    p.active = r.boolean(resource, "active"_L1);
    p.replacedBy = replacedBy(r, resource);

    const QList<QJsonObject> contacts = r.objects(resource, "contact"_L1);
    for (qsizetype i = 0; i < contacts.size(); ++i) {
        const QString at = Reader::at(QString(), "contact"_L1, i);
        model::PatientContact c;
        const QJsonObject name = r.object(contacts.at(i), "name"_L1, at);
        if (!name.isEmpty())
            c.name = readName(r, name, Reader::at(at, "name"_L1)).formatted();
        if (c.name.isEmpty())
            c.name = r.reference(contacts.at(i), "organization"_L1, at).display;
        for (const model::CodeableConcept& rel : r.codeables(contacts.at(i), "relationship"_L1, at))
            c.relationships << rel.displayText();
        c.phone = firstPhone(r, contacts.at(i), at);
        p.contacts << c;
    }
    if (!r.ok())
        return r.error();
    return p;
}

Result<model::Encounter> mapEncounter(const QJsonObject& resource)
{
    Reader r(resource, "Encounter"_L1);
    model::Encounter e;
    e.meta = r.meta();
    e.status = r.requiredString(resource, "status"_L1);
    const model::Coding cls = r.coding(resource, "class"_L1);
    e.classCode = cls.code;
    e.classDisplay = cls.display;
    const QList<model::CodeableConcept> types = r.codeables(resource, "type"_L1);
    if (!types.isEmpty())
        e.type = types.first();
    e.patient = r.reference(resource, "subject"_L1);
    e.period = r.period(resource, "period"_L1);
    e.serviceProvider = r.reference(resource, "serviceProvider"_L1);

    const QList<QJsonObject> locations = r.objects(resource, "location"_L1);
    for (qsizetype i = 0; i < locations.size(); ++i) {
        const QString at = Reader::at(QString(), "location"_L1, i);
        model::EncounterLocation l;
        l.location = r.reference(locations.at(i), "location"_L1, at);
        l.status = r.string(locations.at(i), "status"_L1, at);
        const model::CodeableConcept type = r.codeable(locations.at(i), "physicalType"_L1, at);
        l.physicalType = type.codings.isEmpty() ? QString() : type.codings.first().code;
        l.period = r.period(locations.at(i), "period"_L1, at);
        e.locations << l;
    }
    if (!r.ok())
        return r.error();
    return e;
}

Result<model::Location> mapLocation(const QJsonObject& resource)
{
    Reader r(resource, "Location"_L1);
    model::Location l;
    l.meta = r.meta();
    l.name = r.string(resource, "name"_L1);
    const QList<QJsonObject> identifiers = r.objects(resource, "identifier"_L1);
    if (!identifiers.isEmpty())
        l.identifier = r.string(identifiers.first(), "value"_L1, u"identifier[0]"_s);
    l.status = r.string(resource, "status"_L1);
    l.operationalStatus = r.coding(resource, "operationalStatus"_L1).code;
    const model::CodeableConcept type = r.codeable(resource, "physicalType"_L1);
    l.physicalType = type.codings.isEmpty() ? QString() : type.codings.first().code;
    l.physicalTypeText = type.displayText();
    l.partOf = r.reference(resource, "partOf"_L1);
    if (!r.ok())
        return r.error();
    return l;
}

} // namespace lantern::fhir
