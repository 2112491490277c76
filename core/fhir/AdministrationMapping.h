#pragma once
// MedicationAdministration → model::MedicationAdministration (one MAR line).

#include "core/common/Result.h"
#include "core/fhir/MedicationMapping.h"
#include "core/model/Administration.h"

#include <QJsonObject>

namespace lantern::fhir {

Result<model::MedicationAdministration> mapMedicationAdministration(const QJsonObject& resource,
    const MedicationResolver& resolve = {});

} // namespace lantern::fhir
