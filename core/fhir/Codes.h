#pragma once
// Code systems and the clinical classifications Lantern derives from codes:
// "no known allergy" vs "no information", implants, resuscitation decisions,
// vital signs, drug code systems. Kept in one place so the lists can be
// reviewed by a clinician without reading mapping code.

#include "core/model/Allergy.h"
#include "core/model/Clinical.h"
#include "core/model/Common.h"
#include "core/model/Medication.h"

#include <QString>

#include <optional>

namespace lantern::fhir::codes {

inline constexpr char16_t kSnomed[] = u"http://snomed.info/sct";
inline constexpr char16_t kLoinc[] = u"http://loinc.org";
inline constexpr char16_t kRxNorm[] = u"http://www.nlm.nih.gov/research/umls/rxnorm";
inline constexpr char16_t kAtc[] = u"http://www.whocc.no/atc";
inline constexpr char16_t kPzn[] = u"http://fhir.de/CodeSystem/ifa/pzn";
inline constexpr char16_t kAsk[] = u"http://fhir.de/CodeSystem/ask";
inline constexpr char16_t kNdc[] = u"http://hl7.org/fhir/sid/ndc";
inline constexpr char16_t kIpsAbsentUnknown[] = u"http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips";
inline constexpr char16_t kDataAbsentReason[] = u"http://terminology.hl7.org/CodeSystem/data-absent-reason";
inline constexpr char16_t kListEmptyReason[] = u"http://terminology.hl7.org/CodeSystem/list-empty-reason";
inline constexpr char16_t kConsentScope[] = u"http://terminology.hl7.org/CodeSystem/consentscope";
inline constexpr char16_t kConsentCategory[] = u"http://terminology.hl7.org/CodeSystem/consentcategorycodes";

// IPS / LOINC document section codes.
inline constexpr char16_t kSectionAllergies[] = u"48765-2";
inline constexpr char16_t kSectionMedications[] = u"10160-0";
inline constexpr char16_t kSectionProblems[] = u"11450-4";

model::DrugCodeSystem drugCodeSystem(const QString& system);

// A "no known allergy" code (SNOMED 716186003 NKA, 409137002 NKDA, 429625007
// NKFA, 716184000 NKLA, 428607008 environmental, IPS no-known-*): its scope.
std::optional<model::NoKnownScope> noKnownAllergyScope(const model::CodeableConcept& code);
// An "absent or unknown" code (IPS no-allergy-info, data-absent-reason).
bool isNoInformationCode(const model::CodeableConcept& code);

// Pacemaker, defibrillator, other implant — from SNOMED codes and, failing
// those, words in the type text or device name.
model::DeviceKind deviceKind(const model::CodeableConcept& type, const QString& deviceName);

// The resuscitation decision a code or text expresses (SNOMED 304253006
// "Not for resuscitation", consent category "dnr", LOINC LA33471-6 "No CPR", ...).
model::Resuscitation resuscitationDecision(const model::CodeableConcept& code);
// Observation codes that carry a code status (LOINC 100822-6, 75320-2, SNOMED 304251008).
bool isCodeStatusObservationCode(const model::CodeableConcept& code);
// Consent categories that mark an advance directive / resuscitation decision.
bool isAdvanceDirectiveCategory(const model::CodeableConcept& category);

// LOINC vital sign codes Lantern shows, by kind.
std::optional<model::VitalKind> vitalKind(const QString& loincCode);
inline constexpr char16_t kLoincSystolic[] = u"8480-6";
inline constexpr char16_t kLoincDiastolic[] = u"8462-4";

// True for the resource types of FHIR R4 (4.0.1).
bool isR4ResourceType(const QString& type);

} // namespace lantern::fhir::codes
