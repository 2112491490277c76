#pragma once
// What the EHR turned out to support, learnt once per engine run (not per
// cycle): the CapabilityStatement is read once, and what it leaves open is
// asked once. Every request a device does not need is multiplied by the
// devices of a hospital group, so nothing here is asked again while the
// engine runs.

#include <QJsonObject>

#include <optional>

namespace lantern::sync {

class FhirClient;

struct ServerSupport
{
    // <Type>/_history?_since=: from the CapabilityStatement (interaction
    // history-type on Patient) or, when it says nothing, asked once; false for
    // servers such as Medplum's FHIR router, which answer 404 (the mirror then
    // searches by _lastUpdated and sweeps for deletions, see SearchDeltaPuller).
    std::optional<bool> typeHistory;
    // /_history?_since= of the whole server: the CapabilityStatement lists the
    // interaction history-system. With it (and type history) one request per
    // cycle brings every mirrored type's changes (HistoryPuller::pullAll).
    // Never guessed: a server that does not say so is asked type by type.
    bool systemHistory = false;
    // Group/$export is listed (the initial load of a Group scope may use Bulk Data).
    bool groupExport = false;
    // The server answered /metadata (with a CapabilityStatement or not: Medplum
    // answers without one). A transport failure leaves it false: asked again next cycle.
    bool capabilitiesRead = false;

    // Reads the CapabilityStatement unless it was read already in this run.
    void readCapabilities(const FhirClient& client);
    // What a CapabilityStatement says (nothing when `cs` is not one).
    void learnFrom(const QJsonObject& cs);
};

} // namespace lantern::sync
