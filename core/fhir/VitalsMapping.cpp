#include "core/fhir/VitalsMapping.h"

#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"

#include <QJsonArray>

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

QString loincVitalCode(const model::CodeableConcept& code)
{
    for (const model::Coding& c : code.codings) {
        if (c.system == QStringView(codes::kLoinc) && codes::vitalKind(c.code))
            return c.code;
    }
    return {};
}

} // namespace

bool isVitalSignObservation(const QJsonObject& resource)
{
    if (resource.value("resourceType"_L1).toString() != u"Observation"_s)
        return false;
    for (const QJsonValue& c : resource.value("code"_L1).toObject().value("coding"_L1).toArray()) {
        const QJsonObject co = c.toObject();
        if (co.value("system"_L1).toString() == QStringView(codes::kLoinc) && codes::vitalKind(co.value("code"_L1).toString()))
            return true;
    }
    return false;
}

Result<model::VitalSign> mapVitalSign(const QJsonObject& resource)
{
    Reader r(resource, "Observation"_L1);
    model::VitalSign v;
    v.meta = r.meta();
    v.status = r.requiredString(resource, "status"_L1);
    const model::CodeableConcept code = r.codeable(resource, "code"_L1);
    v.effective = r.dateTime(resource, "effectiveDateTime"_L1);
    if (v.effective.isNull())
        v.effective = r.period(resource, "effectivePeriod"_L1).start;
    if (v.effective.isNull())
        v.effective = r.dateTime(resource, "issued"_L1);
    v.value = r.quantity(resource, "valueQuantity"_L1);

    const QList<QJsonObject> components = r.objects(resource, "component"_L1);
    for (qsizetype i = 0; i < components.size(); ++i) {
        const QString at = Reader::at(QString(), "component"_L1, i);
        const model::CodeableConcept cc = r.codeable(components.at(i), "code"_L1, at);
        const model::Quantity q = r.quantity(components.at(i), "valueQuantity"_L1, at);
        if (cc.hasCode(QString::fromUtf16(codes::kLoinc), QString::fromUtf16(codes::kLoincSystolic)))
            v.value = q;
        else if (cc.hasCode(QString::fromUtf16(codes::kLoinc), QString::fromUtf16(codes::kLoincDiastolic)))
            v.diastolic = q;
    }
    if (!r.ok())
        return r.error();
    v.loincCode = loincVitalCode(code);
    if (v.loincCode.isEmpty())
        return Error(ErrorCode::InvalidInput, r.label() + u": code has no LOINC vital-sign code"_s);
    v.kind = *codes::vitalKind(v.loincCode);
    v.display = code.displayText();
    return v;
}

} // namespace lantern::fhir
