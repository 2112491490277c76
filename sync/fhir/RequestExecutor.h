#pragma once
// Sends one logical request to the EHR: adds the Authorization header, tries
// again per RetryPolicy (Retry-After, back-off with jitter), refreshes the
// credential once on 401, and turns an error response into an Error carrying
// the OperationOutcome's text and the HTTP status.

#include "sync/auth/AuthProvider.h"
#include "core/common/Clock.h"
#include "sync/fhir/FhirResult.h"
#include "sync/fhir/RetryPolicy.h"
#include "sync/http/HttpTransport.h"

#include <memory>

namespace lantern::sync {

struct RequestTraits
{
    // GET, PUT, DELETE and a POST with If-None-Exist may be repeated safely;
    // a plain POST (create, transaction) is sent exactly once.
    bool idempotent = true;
    bool retry = true;        // false: a single attempt (heartbeats must answer quickly)
    bool authenticate = true; // false: no Authorization header (foreign bulk file servers)
};

class RequestExecutor
{
public:
    RequestExecutor(std::shared_ptr<HttpTransport> transport, std::shared_ptr<AuthProvider> auth, RetryPolicy policy,
                    const Clock& clock, Sleeper sleeper);

    // Succeeds with any 2xx or 304 response; everything else is an Error
    // (ErrorCode::Server with the status for HTTP errors, ErrorCode::Network
    // for transport failures).
    FhirResult<HttpResponse> execute(const HttpRequest& request, RequestTraits traits) const;
    // Same, but a 2xx body goes to `sink`. A failed download is retried only
    // while nothing has reached the sink, so the sink never sees bytes twice.
    FhirResult<HttpResponse> execute(const HttpRequest& request, RequestTraits traits, const BodySink& sink) const;

    const RetryPolicy& policy() const { return m_policy; }
    const Clock& clock() const { return m_clock; }
    bool sleep(std::chrono::milliseconds delay) const { return m_sleeper(delay); }

private:
    FhirResult<HttpResponse> run(const HttpRequest& request, RequestTraits traits, const BodySink* sink) const;

    std::shared_ptr<HttpTransport> m_transport;
    std::shared_ptr<AuthProvider> m_auth;
    RetryPolicy m_policy;
    const Clock& m_clock;
    Sleeper m_sleeper;
};

// Error for a non-success response: "GET ehr/fhir/Patient/1: HTTP 404 Not Found: error (not-found): …".
Error httpStatusError(const HttpRequest& request, const HttpResponse& response);

} // namespace lantern::sync
