#pragma once
// Sends HTTP requests. The one implementation (makeHttpTransport) speaks
// Poco::Net over plain TCP or TLS with the certificate and host name always
// verified; the interface exists so the FHIR client and the token client share
// one connection pool and the tests can wrap it.

#include "sync/http/HttpOptions.h"
#include "sync/http/HttpTypes.h"

#include <memory>

namespace lantern::sync {

class HttpTransport
{
public:
    virtual ~HttpTransport() = default;

    // The whole body is read into the response (up to maxBodyBytes).
    virtual HttpResult send(const HttpRequest& request) = 0;
    // A 2xx body goes to `sink` as it arrives; any other status is buffered
    // into the response as usual so its OperationOutcome can be read.
    virtual HttpResult send(const HttpRequest& request, const BodySink& sink) = 0;
};

// Fails (ErrorCode::Io) when the configured CA bundle cannot be loaded.
// Thread-safe: connections are pooled per origin and never shared by two
// requests at once.
Result<std::shared_ptr<HttpTransport>> makeHttpTransport(const HttpOptions& options);

} // namespace lantern::sync
