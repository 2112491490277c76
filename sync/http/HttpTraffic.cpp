#include "sync/http/HttpTraffic.h"

namespace lantern::sync {

TransportFailureKind classifyTransportFailure(const Error& error)
{
    if (error.message.contains(QLatin1String("timed out")))
        return TransportFailureKind::Timeout;
    if (error.message.contains(QLatin1String("TLS")) || error.message.contains(QLatin1String("certificate")))
        return TransportFailureKind::Tls;
    return TransportFailureKind::Network;
}

CountingHttpTransport::CountingHttpTransport(std::shared_ptr<HttpTransport> inner,
                                             std::shared_ptr<HttpTrafficCounters> counters)
    : m_inner(std::move(inner)), m_counters(std::move(counters))
{
}

HttpResult CountingHttpTransport::send(const HttpRequest& request)
{
    HttpResult result = m_inner->send(request);
    count(request, result, 0);
    return result;
}

HttpResult CountingHttpTransport::send(const HttpRequest& request, const BodySink& sink)
{
    // A streamed 2xx body never lands in the response: count it on its way to the sink.
    qint64 streamed = 0;
    const BodySink counting = [&streamed, &sink](const char* data, qsizetype size) {
        streamed += size;
        return sink(data, size);
    };
    HttpResult result = m_inner->send(request, counting);
    count(request, result, streamed);
    return result;
}

void CountingHttpTransport::count(const HttpRequest& request, const HttpResult& result, qint64 streamed)
{
    HttpTrafficCounters& c = *m_counters;
    ++c.requests;
    c.bytesSent += request.body.size();
    if (result.ok()) {
        c.bytesReceived += result.value().body.size() + streamed;
        // A redirect fails the request as an error status does: Lantern follows none
        // (RequestExecutor), and the engine reads the failing status from here.
        const int status = result.value().status;
        if (status >= 400 || (status >= 300 && status != 304)) {
            c.lastErrorStatus = result.value().status;
            c.lastFailure = HttpTrafficCounters::HttpFailure;
            ++c.httpErrors;
        }
        return;
    }
    if (result.error().code != ErrorCode::Network)
        return; // a refused URL or an oversized body: not the network's doing ("other", counted by the engine)
    switch (classifyTransportFailure(result.error())) {
    case TransportFailureKind::Timeout:
        c.lastFailure = HttpTrafficCounters::TimeoutFailure;
        ++c.timeouts;
        break;
    case TransportFailureKind::Tls:
        c.lastFailure = HttpTrafficCounters::TlsFailure;
        ++c.tlsErrors;
        break;
    case TransportFailureKind::Network:
        c.lastFailure = HttpTrafficCounters::NetworkFailure;
        ++c.networkErrors;
        break;
    }
}

} // namespace lantern::sync
