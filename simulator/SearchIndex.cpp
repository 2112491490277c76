#include "SearchIndex.h"

#include "FhirJson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

void addCodings(IndexFields& f, Param p, const QJsonValue& conceptOrArray)
{
    auto addOne = [&](const QJsonObject& cc) {
        const QJsonArray codings = cc.value(u"coding"_s).toArray();
        for (const QJsonValue& c : codings) {
            const QJsonObject o = c.toObject();
            const QString code = o.value(u"code"_s).toString();
            if (!code.isEmpty())
                f.entries.append({p, o.value(u"system"_s).toString() + u'|' + code});
        }
    };
    if (conceptOrArray.isArray()) {
        const QJsonArray a = conceptOrArray.toArray();
        for (const QJsonValue& v : a)
            addOne(v.toObject());
    } else if (conceptOrArray.isObject()) {
        addOne(conceptOrArray.toObject());
    }
}

void addReference(IndexFields& f, Param p, const QJsonValue& ref)
{
    const QString r = ref.toObject().value(u"reference"_s).toString();
    if (!r.isEmpty())
        f.entries.append({p, r});
}

QString patientOf(const QJsonObject& r)
{
    for (const auto& key : {u"subject"_s, u"patient"_s, u"beneficiary"_s}) {
        const QString ref = r.value(key).toObject().value(u"reference"_s).toString();
        if (ref.startsWith(u"Patient/"_s))
            return ref;
    }
    return {};
}

void addDate(IndexFields& f, DateParam p, const QString& start, const QString& end = {})
{
    const auto from = fhir::parseTimeRange(start);
    if (!from)
        return;
    const auto to = end.isEmpty() ? from : fhir::parseTimeRange(end);
    f.dates.append({p, from->lo, to ? to->hi : from->hi});
}

bool isMedicationType(const QString& type)
{
    return type == u"MedicationRequest"_s || type == u"MedicationAdministration"_s
        || type == u"MedicationStatement"_s || type == u"MedicationDispense"_s;
}

} // namespace

IndexFields extractIndex(const QString& type, const QJsonObject& r)
{
    IndexFields f;
    f.patient = patientOf(r);
    const QString status = r.value(u"status"_s).toString();
    if (!status.isEmpty())
        f.entries.append({Param::Status, u'|' + status});

    const QJsonValue ids = r.value(u"identifier"_s);
    const QJsonArray idArray = ids.isArray() ? ids.toArray() : QJsonArray{ids};
    for (const QJsonValue& v : idArray) {
        const QJsonObject o = v.toObject();
        const QString value = o.value(u"value"_s).toString();
        if (!value.isEmpty())
            f.entries.append({Param::Identifier, o.value(u"system"_s).toString() + u'|' + value});
    }

    addCodings(f, Param::Code, isMedicationType(type) ? r.value(u"medicationCodeableConcept"_s) : r.value(u"code"_s));
    addCodings(f, Param::Category, r.value(u"category"_s));
    addCodings(f, Param::ClinicalStatus, r.value(u"clinicalStatus"_s));
    addCodings(f, Param::Type, r.value(u"type"_s));
    addCodings(f, Param::PhysicalType, r.value(u"physicalType"_s));

    if (type == u"Encounter"_s) {
        const QJsonArray locations = r.value(u"location"_s).toArray();
        for (const QJsonValue& l : locations)
            addReference(f, Param::Location, l.toObject().value(u"location"_s));
    }
    addReference(f, Param::PartOf, r.value(u"partOf"_s));
    addReference(f, Param::Encounter, r.value(u"encounter"_s));
    addReference(f, Param::Encounter, r.value(u"context"_s));
    addReference(f, Param::Request, r.value(u"request"_s));
    if (isMedicationType(type))
        addReference(f, Param::Medication, r.value(u"medicationReference"_s));
    if (type == u"DeviceUseStatement"_s)
        addReference(f, Param::Device, r.value(u"device"_s));
    if (type == u"MedicationAdministration"_s) {
        const QJsonObject period = r.value(u"effectivePeriod"_s).toObject();
        if (r.contains(u"effectiveDateTime"_s))
            addDate(f, DateParam::EffectiveTime, r.value(u"effectiveDateTime"_s).toString());
        else if (!period.isEmpty())
            addDate(f, DateParam::EffectiveTime, period.value(u"start"_s).toString(), period.value(u"end"_s).toString());
    }
    if (type == u"DocumentReference"_s)
        addDate(f, DateParam::Date, r.value(u"date"_s).toString());
    if (type == u"Group"_s) {
        const QJsonArray members = r.value(u"member"_s).toArray();
        for (const QJsonValue& m : members)
            addReference(f, Param::Member, m.toObject().value(u"entity"_s));
    }
    return f;
}

bool isReferenceParam(Param p)
{
    return p == Param::Location || p == Param::PartOf || p == Param::Encounter || p == Param::Request
        || p == Param::Member || p == Param::Medication || p == Param::Device;
}

namespace {

struct ParamName
{
    const char* name;
    Param param;
    const char* onlyType; // nullptr: every type
};

const ParamName kParams[] = {
    {"status", Param::Status, nullptr},
    {"identifier", Param::Identifier, nullptr},
    {"code", Param::Code, nullptr},
    {"category", Param::Category, nullptr},
    {"clinical-status", Param::ClinicalStatus, nullptr},
    {"type", Param::Type, nullptr},
    {"physical-type", Param::PhysicalType, "Location"},
    {"location", Param::Location, "Encounter"},
    {"partof", Param::PartOf, "Location"},
    {"encounter", Param::Encounter, nullptr},
    {"context", Param::Encounter, "MedicationAdministration"},
    {"request", Param::Request, "MedicationAdministration"},
    {"member", Param::Member, "Group"},
    {"medication", Param::Medication, "MedicationRequest"},
    {"medication", Param::Medication, "MedicationStatement"},
    {"medication", Param::Medication, "MedicationAdministration"},
    {"device", Param::Device, "DeviceUseStatement"},
};

} // namespace

std::optional<Param> paramByName(const QString& type, const QString& name)
{
    for (const ParamName& p : kParams) {
        if (name == QLatin1String(p.name) && (!p.onlyType || type == QLatin1String(p.onlyType)))
            return p.param;
    }
    return std::nullopt;
}

std::optional<DateParam> dateParamByName(const QString& type, const QString& name)
{
    if (type == u"MedicationAdministration"_s && name == u"effective-time"_s)
        return DateParam::EffectiveTime;
    if (type == u"DocumentReference"_s && name == u"date"_s)
        return DateParam::Date;
    return std::nullopt;
}

QStringList supportedParams(const QString& type)
{
    QStringList out{u"_id"_s, u"_lastUpdated"_s, u"_count"_s, u"_summary"_s, u"_total"_s};
    if (hasPatientLink(type))
        out << u"patient"_s << u"subject"_s;
    if (type == u"MedicationAdministration"_s)
        out << u"effective-time"_s;
    if (type == u"DocumentReference"_s)
        out << u"date"_s;
    for (const ParamName& p : kParams) {
        if (!p.onlyType || type == QLatin1String(p.onlyType))
            out << QString::fromLatin1(p.name);
    }
    return out;
}

bool hasPatientLink(const QString& type)
{
    static const QStringList types{u"AllergyIntolerance"_s, u"CarePlan"_s, u"CareTeam"_s, u"Claim"_s,
        u"Condition"_s, u"Consent"_s, u"Coverage"_s, u"Device"_s, u"DiagnosticReport"_s, u"DocumentReference"_s,
        u"Encounter"_s, u"ExplanationOfBenefit"_s, u"Flag"_s, u"Goal"_s, u"ImagingStudy"_s, u"Immunization"_s,
        u"MedicationAdministration"_s, u"MedicationDispense"_s, u"MedicationRequest"_s,
        u"MedicationStatement"_s, u"Observation"_s, u"Procedure"_s, u"RelatedPerson"_s, u"ServiceRequest"_s,
        u"DeviceUseStatement"_s};
    return types.contains(type);
}

QStringList supportedIncludes(const QString& type)
{
    if (isMedicationType(type) && type != u"MedicationDispense"_s)
        return {type + u":medication"_s};
    if (type == u"DeviceUseStatement"_s)
        return {u"DeviceUseStatement:device"_s};
    return {};
}

std::optional<Param> includeParam(const QString& include)
{
    const QString type = include.section(u':', 0, 0);
    if (!supportedIncludes(type).contains(include))
        return std::nullopt;
    return type == u"DeviceUseStatement"_s ? Param::Device : Param::Medication;
}

bool tokenMatches(const QString& indexed, const QString& searched)
{
    if (searched.contains(u'|'))
        return indexed == searched;
    const qsizetype bar = indexed.indexOf(u'|');
    return QStringView(indexed).mid(bar + 1) == searched;
}

} // namespace lantern::sim
