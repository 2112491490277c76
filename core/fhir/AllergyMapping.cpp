#include "core/fhir/AllergyMapping.h"

#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

// The status code of a CodeableConcept-typed status element (first coding).
QString statusCode(const model::CodeableConcept& cc)
{
    return cc.codings.isEmpty() ? QString() : cc.codings.first().code;
}

} // namespace

model::AllergyClass classifyAllergy(const model::CodeableConcept& code, const QString& clinicalStatus,
    const QString& verificationStatus, model::NoKnownScope* scope)
{
    if (scope)
        *scope = model::NoKnownScope::NotApplicable;
    if (verificationStatus == u"refuted"_s || verificationStatus == u"entered-in-error"_s)
        return model::AllergyClass::NoInformation;
    if (codes::isNoInformationCode(code))
        return model::AllergyClass::NoInformation;
    if (const std::optional<model::NoKnownScope> s = codes::noKnownAllergyScope(code)) {
        if (clinicalStatus == u"inactive"_s || clinicalStatus == u"resolved"_s)
            return model::AllergyClass::NoInformation; // the "none" no longer holds
        if (scope)
            *scope = *s;
        return model::AllergyClass::NoKnownAllergies;
    }
    return model::AllergyClass::Recorded;
}

model::AllergyStatus summarizeAllergies(const QList<model::Allergy>& allergies)
{
    bool noKnown = false;
    for (const model::Allergy& a : allergies) {
        if (a.classification == model::AllergyClass::Recorded)
            return model::AllergyStatus::HasAllergies;
        if (a.classification == model::AllergyClass::NoKnownAllergies)
            noKnown = true;
    }
    return noKnown ? model::AllergyStatus::NoKnownAllergies : model::AllergyStatus::NoInformation;
}

Result<model::Allergy> mapAllergyIntolerance(const QJsonObject& resource)
{
    Reader r(resource, "AllergyIntolerance"_L1);
    model::Allergy a;
    a.meta = r.meta();
    a.substance = r.codeable(resource, "code"_L1);
    a.clinicalStatus = statusCode(r.codeable(resource, "clinicalStatus"_L1));
    a.verificationStatus = statusCode(r.codeable(resource, "verificationStatus"_L1));
    a.type = r.string(resource, "type"_L1);
    a.categories = r.strings(resource, "category"_L1);
    a.criticality = r.string(resource, "criticality"_L1);
    a.patient = r.reference(resource, "patient"_L1);
    a.onset = r.dateTime(resource, "onsetDateTime"_L1);
    if (a.onset.isNull())
        a.onset = r.period(resource, "onsetPeriod"_L1).start;
    a.recordedDate = r.dateTime(resource, "recordedDate"_L1);
    a.notes = r.notes(resource);

    const QList<QJsonObject> reactions = r.objects(resource, "reaction"_L1);
    for (qsizetype i = 0; i < reactions.size(); ++i) {
        const QString at = Reader::at(QString(), "reaction"_L1, i);
        model::AllergyReaction reaction;
        reaction.substance = r.codeable(reactions.at(i), "substance"_L1, at);
        reaction.manifestations = r.codeables(reactions.at(i), "manifestation"_L1, at);
        reaction.severity = r.string(reactions.at(i), "severity"_L1, at);
        reaction.description = r.string(reactions.at(i), "description"_L1, at);
        a.reactions << reaction;
    }
    if (!r.ok())
        return r.error();
    a.classification = classifyAllergy(a.substance, a.clinicalStatus, a.verificationStatus, &a.noKnownScope);
    return a;
}

} // namespace lantern::fhir
