#pragma once
// Pregnancy status Observations (LOINC 82810-3), see model/Pregnancy.h.

#include "core/common/Result.h"
#include "core/model/Pregnancy.h"

#include <QJsonObject>

namespace lantern::fhir {

// Cheap check; never fails (malformed input is "no").
bool isPregnancyStatusObservation(const QJsonObject& resource);
Result<model::PregnancyStatus> mapPregnancyStatus(const QJsonObject& resource);

} // namespace lantern::fhir
