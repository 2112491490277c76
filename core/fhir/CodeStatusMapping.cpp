#include "core/fhir/CodeStatusMapping.h"

#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"

#include <QJsonArray>

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

// Tolerant reading for the is...() checks: wrong shapes give empty concepts.
model::CodeableConcept looseConcept(const QJsonValue& v)
{
    model::CodeableConcept cc;
    const QJsonObject o = v.toObject();
    cc.text = o.value("text"_L1).toString();
    for (const QJsonValue& c : o.value("coding"_L1).toArray()) {
        const QJsonObject co = c.toObject();
        cc.codings << model::Coding{co.value("system"_L1).toString(), co.value("code"_L1).toString(),
            co.value("display"_L1).toString()};
    }
    return cc;
}

bool isAdrScope(const model::CodeableConcept& scope)
{
    return scope.hasCode(QString::fromUtf16(codes::kConsentScope), u"adr"_s);
}

} // namespace

bool isCodeStatusConsent(const QJsonObject& resource)
{
    if (resource.value("resourceType"_L1).toString() != u"Consent"_s)
        return false;
    if (isAdrScope(looseConcept(resource.value("scope"_L1))))
        return true;
    for (const QJsonValue& c : resource.value("category"_L1).toArray()) {
        if (codes::isAdvanceDirectiveCategory(looseConcept(c)))
            return true;
    }
    for (const QJsonValue& c : resource.value("provision"_L1).toObject().value("code"_L1).toArray()) {
        if (codes::resuscitationDecision(looseConcept(c)) != model::Resuscitation::Unknown)
            return true;
    }
    return false;
}

bool isCodeStatusObservation(const QJsonObject& resource)
{
    return resource.value("resourceType"_L1).toString() == u"Observation"_s
        && codes::isCodeStatusObservationCode(looseConcept(resource.value("code"_L1)));
}

Result<model::CodeStatus> mapConsentCodeStatus(const QJsonObject& resource)
{
    Reader r(resource, "Consent"_L1);
    model::CodeStatus s;
    s.source = model::CodeStatus::Source::Consent;
    s.meta = r.meta();
    s.status = r.requiredString(resource, "status"_L1);
    const model::CodeableConcept scope = r.codeable(resource, "scope"_L1);
    const QList<model::CodeableConcept> categories = r.codeables(resource, "category"_L1);
    s.patient = r.reference(resource, "patient"_L1);
    s.date = r.dateTime(resource, "dateTime"_L1);

    const QJsonObject attachment = r.object(resource, "sourceAttachment"_L1);
    const QString title = r.string(attachment, "title"_L1, u"sourceAttachment"_s);
    const QString url = r.string(attachment, "url"_L1, u"sourceAttachment"_s);
    const model::Reference sourceRef = r.reference(resource, "sourceReference"_L1);
    s.directiveLocation = !title.isEmpty() ? title
        : !url.isEmpty()                   ? url
        : !sourceRef.display.isEmpty()     ? sourceRef.display
                                           : sourceRef.reference;

    const QJsonObject provision = r.object(resource, "provision"_L1);
    const QList<model::CodeableConcept> provisionCodes = r.codeables(provision, "code"_L1, u"provision"_s);
    if (!r.ok())
        return r.error();

    // The most specific statement wins: provision codes, then categories.
    QList<model::CodeableConcept> candidates = provisionCodes;
    candidates += categories;
    for (const model::CodeableConcept& c : candidates) {
        const model::Resuscitation d = codes::resuscitationDecision(c);
        if (d != model::Resuscitation::Unknown) {
            s.decision = d;
            s.code = c;
            break;
        }
    }
    bool directive = isAdrScope(scope) || s.decision != model::Resuscitation::Unknown;
    for (const model::CodeableConcept& c : categories) {
        if (codes::isAdvanceDirectiveCategory(c)) {
            directive = true;
            if (s.code.isEmpty())
                s.code = c;
        }
    }
    if (!directive)
        return Error(ErrorCode::InvalidInput, r.label() + u": scope and category are not an advance directive or code status"_s);
    s.text = s.code.displayText();
    return s;
}

Result<model::CodeStatus> mapObservationCodeStatus(const QJsonObject& resource)
{
    Reader r(resource, "Observation"_L1);
    model::CodeStatus s;
    s.source = model::CodeStatus::Source::Observation;
    s.meta = r.meta();
    s.status = r.requiredString(resource, "status"_L1);
    const model::CodeableConcept code = r.codeable(resource, "code"_L1);
    s.patient = r.reference(resource, "subject"_L1);
    s.date = r.dateTime(resource, "effectiveDateTime"_L1);
    if (s.date.isNull())
        s.date = r.period(resource, "effectivePeriod"_L1).start;
    if (s.date.isNull())
        s.date = r.dateTime(resource, "issued"_L1);
    const model::CodeableConcept value = r.codeable(resource, "valueCodeableConcept"_L1);
    const QString valueText = r.string(resource, "valueString"_L1);
    const QList<QJsonObject> derivedFrom = r.objects(resource, "derivedFrom"_L1);
    if (!derivedFrom.isEmpty()) {
        const QString reference = r.string(derivedFrom.first(), "reference"_L1, u"derivedFrom[0]"_s);
        const QString display = r.string(derivedFrom.first(), "display"_L1, u"derivedFrom[0]"_s);
        s.directiveLocation = display.isEmpty() ? reference : display;
    }
    if (!r.ok())
        return r.error();
    if (!codes::isCodeStatusObservationCode(code))
        return Error(ErrorCode::InvalidInput, r.label() + u": code is not a code-status code"_s);
    s.code = value;
    if (s.code.isEmpty())
        s.code.text = valueText;
    s.decision = codes::resuscitationDecision(s.code);
    s.text = s.code.displayText();
    return s;
}

} // namespace lantern::fhir
