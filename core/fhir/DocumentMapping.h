#pragma once
// Composition (the head of an IPS document): the sections that say why they
// are empty. "Allergies: unavailable" means no information; "nilknown"
// means none known. Both differ from a section that was simply left out.

#include "core/common/Result.h"
#include "core/model/PatientChart.h"

#include <QJsonObject>
#include <QList>

namespace lantern::fhir {

Result<QList<model::EmptySection>> mapCompositionEmptySections(const QJsonObject& resource);

} // namespace lantern::fhir
