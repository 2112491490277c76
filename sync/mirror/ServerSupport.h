#pragma once
// What the EHR turned out to support, learnt once per engine (not per cycle).

#include <optional>

namespace lantern::sync {

struct ServerSupport
{
    // <Type>/_history?_since=: unknown until asked; false for servers such as
    // Medplum's FHIR router, which answer 404 (the mirror then searches by
    // _lastUpdated and sweeps for deletions, see SearchDeltaPuller).
    std::optional<bool> typeHistory;
};

} // namespace lantern::sync
