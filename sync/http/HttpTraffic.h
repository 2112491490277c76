#pragma once
// Counts what one process sends to and receives from the EHR, for the mirror
// service's metrics (docs/it/monitoring.md). CountingHttpTransport wraps the
// real transport, so counting never changes what is sent or how failures are
// reported. Counters only: no URLs, no bodies, nothing about patients.

#include "sync/http/HttpTransport.h"

#include <atomic>
#include <memory>

namespace lantern::sync {

// How a failed exchange failed, for the "errors by kind" metric.
enum class TransportFailureKind { Timeout, Tls, Network };

// Decided from the Error that sync/http itself produced (TransportErrors.cpp
// words its messages; both live here, so the wording is one place's business).
TransportFailureKind classifyTransportFailure(const Error& error);

struct HttpTrafficCounters
{
    std::atomic<qint64> requests{0};      // exchanges attempted (each retry counts)
    std::atomic<qint64> bytesSent{0};     // request bodies
    std::atomic<qint64> bytesReceived{0}; // response bodies, after gzip is undone
    std::atomic<qint64> httpErrors{0};    // answers with status >= 400, and redirects (never followed)
    std::atomic<qint64> timeouts{0};
    std::atomic<qint64> tlsErrors{0};
    std::atomic<qint64> networkErrors{0};
    // The latest failure, for "why is this cycle retrying": the status of the
    // last error answer (0: none yet), and which counter above moved last.
    std::atomic<int> lastErrorStatus{0};
    std::atomic<int> lastFailure{0}; // LastFailure
    enum LastFailure { NoFailure = 0, HttpFailure, TimeoutFailure, TlsFailure, NetworkFailure };
    // Every failure counted so far, whatever its kind.
    qint64 failures() const { return httpErrors + timeouts + tlsErrors + networkErrors; }
};

class CountingHttpTransport final : public HttpTransport
{
public:
    CountingHttpTransport(std::shared_ptr<HttpTransport> inner, std::shared_ptr<HttpTrafficCounters> counters);

    HttpResult send(const HttpRequest& request) override;
    HttpResult send(const HttpRequest& request, const BodySink& sink) override;

private:
    void count(const HttpRequest& request, const HttpResult& result, qint64 streamed);

    std::shared_ptr<HttpTransport> m_inner;
    std::shared_ptr<HttpTrafficCounters> m_counters;
};

} // namespace lantern::sync
