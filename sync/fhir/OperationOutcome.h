#pragma once
// Reads what a FHIR server explains in an OperationOutcome so a person sees
// "error (not-found): Resource Patient/17 is not known" instead of "HTTP 404".

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace lantern::sync {

// "severity (code): diagnostics or details.text" per issue, joined by "; ".
// Empty when the object is not an OperationOutcome or has no issues.
QString summarizeOperationOutcome(const QJsonObject& outcome);
QString summarizeOperationOutcome(const QByteArray& body);

} // namespace lantern::sync
