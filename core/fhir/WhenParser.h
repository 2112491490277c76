#pragma once
// Reads a FHIR date, dateTime or instant ("2024", "2024-03", "2024-03-05",
// "2024-03-05T10:15", "2024-03-05T10:15:30.123+01:00") into a model::When.
// Every stored resource carries at least one (meta.lastUpdated), so this runs
// on the write path hundreds of thousands of times: a hand-written scan instead
// of a regular expression, and UTC arithmetic instead of QDateTime's zone
// conversions for an explicit offset. Accepts exactly what the FHIR pattern
// accepts; a time without a zone is read as the ward's local time.

#include "core/model/Common.h"

#include <QStringView>

#include <optional>

namespace lantern::fhir {

// nullopt when malformed or not a real calendar date / time of day.
std::optional<model::When> parseFhirWhen(QStringView text);

} // namespace lantern::fhir
