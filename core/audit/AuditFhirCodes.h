#pragma once
// How Lantern's audit actions and outcomes map to FHIR R4 AuditEvent codes.
// Internal to the FHIR export and its verifier.

#include <QString>

#include <optional>

namespace lantern::audit {

inline constexpr char kDicomSystem[] = "http://dicom.nema.org/resources/ontology/DCM";

struct FhirAuditCodes
{
    QString typeCode;       // DCM, e.g. 110114
    QString typeDisplay;    // e.g. "User Authentication"
    QString subtypeCode;    // DCM, may be empty
    QString subtypeDisplay;
    QString fhirAction;     // C R U D E
};

// Unknown actions (from a newer Lantern) map to Application Activity / E.
FhirAuditCodes fhirAuditCodesFor(const QString& action);

// success -> "0", denied -> "4" (minor failure: refused, like HTTP 4xx),
// failure -> "8" (serious failure: the operation broke, like HTTP 5xx).
QString fhirOutcomeCode(const QString& outcome);
std::optional<QString> outcomeFromFhirCode(const QString& code);

} // namespace lantern::audit
