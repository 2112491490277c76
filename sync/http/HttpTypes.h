#pragma once
// Plain values exchanged with an HttpTransport. Only Qt types here: callers
// (the FHIR client, the UI through sync's interfaces) never see Poco.

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QUrl>

#include <functional>
#include <optional>
#include <variant>

namespace lantern::sync {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// Case-insensitive lookup of the first header with that name; empty if absent.
QByteArray findHeader(const HttpHeaders& headers, const QByteArray& name);

struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers; // Host, User-Agent, Accept-Encoding, Content-Length are set by the transport
    QByteArray body;
    // Value of the Authorization header. A secret: never logged, wiped by the
    // code that filled it once the exchange is over.
    QByteArray authorization;
    // False for a request the server must not receive twice (a plain POST create):
    // the transport then never resends it, not even after a pooled connection
    // failed, because a lost answer does not mean the server did not act on it.
    bool repeatable = true;

    void setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& name) const { return findHeader(headers, name); }
};

struct HttpResponse
{
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body; // gzip/deflate already undone; empty when the body went to a sink
    std::optional<QDateTime> serverDate; // the Date header in UTC: the server's clock, not ours

    QByteArray header(const QByteArray& name) const { return findHeader(headers, name); }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

// One exchange: a response (whatever its status) or a transport failure. A
// failure says whether trying again may help (refused, reset, timed out) or
// not (certificate rejected, body over the size limit, malformed URL).
class [[nodiscard]] HttpResult
{
public:
    HttpResult(HttpResponse response) : m_data(std::in_place_index<0>, std::move(response)) {}
    HttpResult(Error error, bool transient) : m_data(std::in_place_index<1>, std::move(error)), m_transient(transient) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    HttpResponse& value() & { return std::get<0>(m_data); }
    const HttpResponse& value() const& { return std::get<0>(m_data); }
    HttpResponse&& value() && { return std::get<0>(std::move(m_data)); }
    const Error& error() const { return std::get<1>(m_data); }
    bool transient() const { return m_transient; }

private:
    std::variant<HttpResponse, Error> m_data;
    bool m_transient = false;
};

// Receives the body of a 2xx response chunk by chunk (bulk NDJSON files can be
// gigabytes). Returning an Error stops the download and becomes the result.
using BodySink = std::function<Status(const char* data, qsizetype size)>;

// "https://ehr.example:443" style origin: scheme, host and effective port.
QString originOf(const QUrl& url);
bool sameOrigin(const QUrl& a, const QUrl& b);
// True for 127.0.0.0/8, ::1 and "localhost": the only hosts where credentials
// may travel over plain http (the simulator, tests).
bool isLoopbackHost(const QString& host);
// "GET /fhir/Patient" — method and path without the query, which can carry
// identifiers and must not end up in messages or logs.
QString describeRequest(const QByteArray& method, const QUrl& url);

} // namespace lantern::sync
