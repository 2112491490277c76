#pragma once
// MedicationAdministration → model::MedicationAdministration (one MAR line).

#include "common/Result.h"
#include "fhir/MedicationMapping.h"
#include "model/Administration.h"

#include <QJsonObject>

namespace lantern::fhir {

Result<model::MedicationAdministration> mapMedicationAdministration(const QJsonObject& resource,
    const MedicationResolver& resolve = {});

} // namespace lantern::fhir
