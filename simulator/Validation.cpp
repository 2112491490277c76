#include "Validation.h"

#include "FhirJson.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

Error invalid(const QString& m)
{
    return Error(ErrorCode::InvalidInput, m);
}

Error unprocessable(const QString& m)
{
    return Error(ErrorCode::Unsupported, m);
}

// Every Reference.reference must be relative (Type/id), absolute, or a contained (#) one.
Status checkReferences(const QJsonValue& v, const QString& path)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == u"reference"_s && it.value().isString()) {
                const QString ref = it.value().toString();
                if (ref.startsWith(u"urn:uuid:"_s) || ref.startsWith(u"urn:oid:"_s))
                    return unprocessable(u"Unresolved reference at "_s + path
                        + u": urn: references are only allowed inside a transaction Bundle."_s);
                if (!ref.startsWith(u'#') && !fhir::splitReference(ref) && !ref.contains(u'?'))
                    return invalid(u"Malformed reference at "_s + path + u"; use Type/id."_s);
            } else if (it.key() != u"contained"_s) {
                LANTERN_TRY(checkReferences(it.value(), path + u'.' + it.key()));
            }
        }
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            LANTERN_TRY(checkReferences(a.at(i), path + u'[' + QString::number(i) + u']'));
    }
    return {};
}

bool hasAny(const QJsonObject& r, std::initializer_list<QString> keys)
{
    for (const QString& k : keys)
        if (r.contains(k))
            return true;
    return false;
}

Status requireStatus(const QJsonObject& r, const QString& type, const QStringList& allowed)
{
    const QString status = r.value(u"status"_s).toString();
    if (status.isEmpty())
        return unprocessable(type + u".status is required."_s);
    if (!allowed.contains(status))
        return unprocessable(type + u".status '"_s + status + u"' is not a valid code."_s);
    return {};
}

Status checkRequired(const QJsonObject& r, const QString& type)
{
    if (type == u"MedicationRequest"_s) {
        LANTERN_TRY(requireStatus(r, type,
            {u"active"_s, u"on-hold"_s, u"cancelled"_s, u"completed"_s, u"entered-in-error"_s, u"stopped"_s,
                u"draft"_s, u"unknown"_s}));
        if (!r.contains(u"intent"_s) || !r.contains(u"subject"_s)
            || !hasAny(r, {u"medicationCodeableConcept"_s, u"medicationReference"_s}))
            return unprocessable(u"MedicationRequest needs intent, subject and medication[x]."_s);
    } else if (type == u"MedicationAdministration"_s) {
        LANTERN_TRY(requireStatus(r, type,
            {u"in-progress"_s, u"not-done"_s, u"on-hold"_s, u"completed"_s, u"entered-in-error"_s, u"stopped"_s,
                u"unknown"_s}));
        if (!r.contains(u"subject"_s) || !hasAny(r, {u"medicationCodeableConcept"_s, u"medicationReference"_s})
            || !hasAny(r, {u"effectiveDateTime"_s, u"effectivePeriod"_s}))
            return unprocessable(u"MedicationAdministration needs subject, medication[x] and effective[x]."_s);
    } else if (type == u"Encounter"_s) {
        LANTERN_TRY(requireStatus(r, type,
            {u"planned"_s, u"arrived"_s, u"triaged"_s, u"in-progress"_s, u"onleave"_s, u"finished"_s,
                u"cancelled"_s, u"entered-in-error"_s, u"unknown"_s}));
        if (!r.contains(u"class"_s))
            return unprocessable(u"Encounter.class is required."_s);
    } else if (type == u"Observation"_s) {
        if (!r.contains(u"status"_s) || !r.contains(u"code"_s))
            return unprocessable(u"Observation needs status and code."_s);
    } else if (type == u"AllergyIntolerance"_s) {
        if (!r.contains(u"patient"_s))
            return unprocessable(u"AllergyIntolerance.patient is required."_s);
    } else if (type == u"Condition"_s) {
        if (!r.contains(u"subject"_s))
            return unprocessable(u"Condition.subject is required."_s);
    } else if (type == u"Flag"_s) {
        if (!r.contains(u"status"_s) || !r.contains(u"code"_s) || !r.contains(u"subject"_s))
            return unprocessable(u"Flag needs status, code and subject."_s);
    } else if (type == u"Consent"_s) {
        if (!r.contains(u"status"_s) || !r.contains(u"scope"_s) || !r.contains(u"category"_s))
            return unprocessable(u"Consent needs status, scope and category."_s);
    } else if (type == u"Patient"_s) {
        const QString birthDate = r.value(u"birthDate"_s).toString();
        if (!birthDate.isEmpty() && !fhir::parseTimeRange(birthDate))
            return unprocessable(u"Patient.birthDate is not a valid FHIR date."_s);
    }
    return {};
}

} // namespace

Result<QJsonObject> parseResourceBody(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(u"The body is not a JSON object ("_s + error.errorString() + u" at offset "_s
            + QString::number(error.offset) + u")."_s);
    return doc.object();
}

Status validateResource(const QJsonObject& r, const QString& expectedType)
{
    const QString type = r.value(u"resourceType"_s).toString();
    if (type.isEmpty())
        return invalid(u"The resource has no resourceType."_s);
    if (!fhir::isKnownResourceType(type))
        return invalid(u"'"_s + type + u"' is not a FHIR R4 resource type."_s);
    if (!expectedType.isEmpty() && type != expectedType)
        return invalid(u"The body is a "_s + type + u" but the URL names "_s + expectedType + u"."_s);
    if (r.contains(u"id"_s) && !fhir::isValidId(r.value(u"id"_s).toString()))
        return invalid(u"The resource id is not a valid FHIR id."_s);
    if (r.contains(u"meta"_s) && !r.value(u"meta"_s).isObject())
        return invalid(u"meta must be an object."_s);
    LANTERN_TRY(checkReferences(r, type));
    return checkRequired(r, type);
}

} // namespace lantern::sim
