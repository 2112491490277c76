#pragma once
// MedicationRequest → MedicationOrder (source Request); MedicationStatement
// → MedicationOrder (source Statement, the IPS "known medication"); and the
// pieces MedicationAdministration shares: medication[x] and Dosage.
//
// medication[x] is read from medicationCodeableConcept, from a contained
// Medication ("#id"), or from a Medication found elsewhere through the
// resolver (e.g. in the same Bundle or the vault). A reference the resolver
// cannot follow is not an error: the order keeps the reference's display
// text and is marked unresolved.

#include "core/common/Result.h"
#include "core/fhir/Reader.h"
#include "core/model/Medication.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace lantern::fhir {

// Finds a resource by reference as written in the resource ("Medication/x",
// "urn:uuid:...", an absolute URL). Returns nullopt when unknown.
using ResourceLookup = std::function<std::optional<QJsonObject>(const QString& reference)>;
using MedicationResolver = ResourceLookup;

Result<model::MedicationOrder> mapMedicationRequest(const QJsonObject& resource, const MedicationResolver& resolve = {});
Result<model::MedicationOrder> mapMedicationStatement(const QJsonObject& resource, const MedicationResolver& resolve = {});
// A standalone Medication resource.
Result<model::MedicationInfo> mapMedication(const QJsonObject& resource);

// Building blocks for the mappings of resources that name a medication or carry a Dosage.
model::MedicationInfo readMedicationElement(Reader& r, const MedicationResolver& resolve);
model::Dosage readDosage(Reader& r, const QJsonObject& dosage, const QString& path);

} // namespace lantern::fhir
