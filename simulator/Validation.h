#pragma once
// Checks a resource before the store accepts it. Structural problems
// (not JSON, wrong type, bad id, malformed reference) are InvalidInput (HTTP 400);
// resources that parse but break FHIR's rules for the elements Lantern relies
// on (a MedicationRequest without status or subject) are Unsupported (HTTP 422).

#include "core/common/Result.h"

#include <QJsonObject>

namespace lantern::sim {

Result<QJsonObject> parseResourceBody(const QByteArray& body);
// `expectedType` empty: any known type.
Status validateResource(const QJsonObject& resource, const QString& expectedType);

} // namespace lantern::sim
