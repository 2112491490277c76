#pragma once
// Code status and advance directives, from a Consent (scope "adr", category
// "dnr"/"acd"/LOINC advance directive, or a resuscitation code in provision)
// or from an Observation with a code-status code (LOINC 100822-6, 75320-2,
// SNOMED 304251008 "Resuscitation status").

#include "core/common/Result.h"
#include "core/model/Clinical.h"

#include <QJsonObject>

namespace lantern::fhir {

// Cheap checks whether a resource carries a code status at all (privacy
// consents and ordinary observations do not). Never fail: malformed input is "no".
bool isCodeStatusConsent(const QJsonObject& resource);
bool isCodeStatusObservation(const QJsonObject& resource);

Result<model::CodeStatus> mapConsentCodeStatus(const QJsonObject& resource);
Result<model::CodeStatus> mapObservationCodeStatus(const QJsonObject& resource);

} // namespace lantern::fhir
