#pragma once
// What the EHR turned out to support, learnt once per engine (not per cycle).

#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace lantern::sync {

struct ServerSupport
{
    // <Type>/_history?_since=: unknown until asked; false for servers such as
    // Medplum's FHIR router, which answer 404 (the mirror then searches by
    // _lastUpdated and sweeps for deletions, see SearchDeltaPuller).
    std::optional<bool> typeHistory;

    // The _include values the CapabilityStatement lists (searchInclude, e.g.
    // "MedicationRequest:medication"); empty until read, or when the server
    // lists none (Medplum answers /metadata without a CapabilityStatement).
    // Without them, referenced Medications are read by _id afterwards.
    bool capabilitiesRead = false;
    QSet<QString> searchIncludes;

    // The searchInclude values of every resource of a CapabilityStatement.
    static QSet<QString> searchIncludesOf(const QJsonObject& capabilityStatement);
};

} // namespace lantern::sync
