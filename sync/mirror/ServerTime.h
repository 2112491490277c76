#pragma once
// The server's notion of "now" for a response: Bundle.meta.lastUpdated (the
// instant the server ran the search, in the same clock as the resources'
// lastUpdated), else the HTTP Date header. Cursors are only ever taken from
// here, never from the device clock.

#include "core/common/Result.h"
#include "sync/fhir/FhirTypes.h"

#include <QDateTime>

namespace lantern::sync {

Result<QDateTime> serverTimeOf(const BundlePage& page);
Result<QDateTime> serverTimeOf(const ResponseInfo& info);
// Parses a FHIR instant (with or without milliseconds, any offset) to UTC; null when invalid.
QDateTime parseFhirInstant(const QString& text);

} // namespace lantern::sync
