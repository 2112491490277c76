#pragma once
// AllergyIntolerance → model::Allergy, with the classification that keeps
// "no known allergies" apart from "no information":
//   - verificationStatus refuted or entered-in-error   → NoInformation
//   - an absent/unknown code (IPS no-allergy-info, data-absent-reason) → NoInformation
//   - a no-known-allergy code (NKA 716186003, NKDA 409137002, NKFA 429625007,
//     NKLA 716184000, 428607008, IPS no-known-*)     → NoKnownAllergies,
//     unless its clinicalStatus is inactive/resolved  → NoInformation
//   - anything else (also a record without a code)    → Recorded
// An unspecified allergy is shown as an allergy: hiding it is the worse error.

#include "core/common/Result.h"
#include "core/model/Allergy.h"

#include <QJsonObject>
#include <QList>

namespace lantern::fhir {

Result<model::Allergy> mapAllergyIntolerance(const QJsonObject& resource);

model::AllergyClass classifyAllergy(const model::CodeableConcept& code, const QString& clinicalStatus,
    const QString& verificationStatus, model::NoKnownScope* scope = nullptr);

// The patient-level summary over all allergy records (see model::AllergyStatus).
model::AllergyStatus summarizeAllergies(const QList<model::Allergy>& allergies);

} // namespace lantern::fhir
