#pragma once
// Patient, Encounter and Location: who the patient is and where they lie.

#include "core/common/Result.h"
#include "core/model/Encounter.h"
#include "core/model/Patient.h"

#include <QJsonObject>

namespace lantern::fhir {

Result<model::Patient> mapPatient(const QJsonObject& resource);
Result<model::Encounter> mapEncounter(const QJsonObject& resource);
Result<model::Location> mapLocation(const QJsonObject& resource);

} // namespace lantern::fhir
