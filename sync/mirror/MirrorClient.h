#pragma once
// Builds the FHIR client a MirrorConfig describes: transport (timeouts, CA
// bundle, proxy), authentication (none, a static bearer token, SMART Backend
// Services) and retry policy.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "sync/auth/SmartScopes.h"
#include "sync/fhir/FhirClient.h"
#include "sync/http/HttpTraffic.h"
#include "sync/mirror/MirrorEngine.h"

#include <memory>

namespace lantern::sync {

struct MirrorClient
{
    std::shared_ptr<HttpTransport> transport;
    std::shared_ptr<AuthProvider> auth;
    std::unique_ptr<FhirClient> client;
};

// `access` decides the SMART scopes: the uploader needs write scopes the mirror must not hold.
// `traffic`, when given, counts every exchange (token requests too) for the service's metrics.
Result<MirrorClient> makeMirrorClient(const MirrorConfig& config, const Clock& clock, Sleeper sleeper,
                                      EhrAccess access = EhrAccess::Read,
                                      std::shared_ptr<HttpTrafficCounters> traffic = {});

} // namespace lantern::sync
