#pragma once
// Condition, Flag, Device and DeviceUseStatement: diagnoses, alerts and
// implants for the emergency sheet.

#include "core/common/Result.h"
#include "core/fhir/MedicationMapping.h"
#include "core/model/Clinical.h"

#include <QJsonObject>

namespace lantern::fhir {

Result<model::Condition> mapCondition(const QJsonObject& resource);
Result<model::Flag> mapFlag(const QJsonObject& resource);
Result<model::Device> mapDevice(const QJsonObject& resource);
// The statement's device is looked up through `lookup`; when it cannot be
// found, the device is described by the reference's display text.
Result<model::Device> mapDeviceUseStatement(const QJsonObject& resource, const ResourceLookup& lookup = {});

} // namespace lantern::fhir
