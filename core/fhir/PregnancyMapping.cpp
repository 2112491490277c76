#include "core/fhir/PregnancyMapping.h"

#include "core/fhir/Reader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace lantern::fhir {
namespace {

const QString kLoinc = u"http://loinc.org"_s;
const QString kPregnancyStatus = u"82810-3"_s;
const QString kEstimatedDelivery = u"11778-8"_s;

bool hasLoinc(const QJsonValue& codeable, const QString& code)
{
    for (const QJsonValue& c : codeable.toObject().value("coding"_L1).toArray()) {
        const QJsonObject co = c.toObject();
        if (co.value("system"_L1).toString() == kLoinc && co.value("code"_L1).toString() == code)
            return true;
    }
    return false;
}

model::PregnancyState stateOf(const model::CodeableConcept& value)
{
    // LOINC answer list LL4129-4; SNOMED CT 77386006 pregnant, 60001007 not pregnant.
    if (value.hasCode(kLoinc, u"LA15173-0"_s) || value.hasCode(u"http://snomed.info/sct"_s, u"77386006"_s))
        return model::PregnancyState::Pregnant;
    if (value.hasCode(kLoinc, u"LA26683-5"_s) || value.hasCode(u"http://snomed.info/sct"_s, u"60001007"_s))
        return model::PregnancyState::NotPregnant;
    return model::PregnancyState::Unknown;
}

} // namespace

bool isPregnancyStatusObservation(const QJsonObject& resource)
{
    return resource.value("resourceType"_L1).toString() == u"Observation"_s
        && hasLoinc(resource.value("code"_L1), kPregnancyStatus);
}

Result<model::PregnancyStatus> mapPregnancyStatus(const QJsonObject& resource)
{
    Reader r(resource, "Observation"_L1);
    model::PregnancyStatus p;
    p.meta = r.meta();
    p.status = r.requiredString(resource, "status"_L1);
    p.patient = r.reference(resource, "subject"_L1);
    p.effective = r.dateTime(resource, "effectiveDateTime"_L1);
    if (p.effective.isNull())
        p.effective = r.period(resource, "effectivePeriod"_L1).start;
    if (p.effective.isNull())
        p.effective = r.dateTime(resource, "issued"_L1);
    p.value = r.codeable(resource, "valueCodeableConcept"_L1);
    // The estimated delivery date as a component (some EHRs send it so).
    for (const QJsonValue& c : resource.value("component"_L1).toArray()) {
        const QJsonObject component = c.toObject();
        if (hasLoinc(component.value("code"_L1), kEstimatedDelivery))
            p.estimatedDelivery = QDate::fromString(component.value("valueDateTime"_L1).toString().left(10), Qt::ISODate);
    }
    if (!r.ok())
        return r.error();
    if (!hasLoinc(resource.value("code"_L1), kPregnancyStatus))
        return Error(ErrorCode::InvalidInput, r.label() + u": code is not LOINC 82810-3 pregnancy status"_s);
    p.state = stateOf(p.value);
    return p;
}

} // namespace lantern::fhir
