#pragma once
// Vital-sign Observations (heart rate, blood pressure, temperature, SpO2,
// respiratory rate, weight, height) by LOINC code.

#include "core/common/Result.h"
#include "core/model/Clinical.h"

#include <QJsonObject>

namespace lantern::fhir {

// True for an Observation whose code has a LOINC vital-sign code Lantern shows. Never fails.
bool isVitalSignObservation(const QJsonObject& resource);
// A vital sign without a value (dataAbsentReason) maps with an empty value.
Result<model::VitalSign> mapVitalSign(const QJsonObject& resource);

} // namespace lantern::fhir
