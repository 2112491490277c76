#include "HttpFrontend.h"

#include "ApiTypes.h"
#include "SimLogging.h"
#include "Simulator.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>
#include <istream>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

constexpr qint64 kMaxBody = 256LL * 1024 * 1024;
constexpr int kMaxHoldMs = 10 * 60 * 1000;

void send(Poco::Net::HTTPServerResponse& out, const ApiResponse& r)
{
    out.setStatusAndReason(Poco::Net::HTTPResponse::HTTPStatus(r.status));
    for (const auto& [name, value] : r.headers)
        out.set(name.toStdString(), value.toStdString());
    if (!r.contentType.isEmpty())
        out.setContentType(r.contentType.contains("json") ? QByteArray(r.contentType + "; charset=utf-8").toStdString()
                                                          : r.contentType.toStdString());
    out.setContentLength(r.body.size());
    std::ostream& stream = out.send();
    if (!r.body.isEmpty())
        stream.write(r.body.constData(), r.body.size());
    stream.flush();
}

class Handler final : public Poco::Net::HTTPRequestHandler
{
public:
    Handler(Simulator& sim, bool adminOnly) : m_sim(sim), m_adminOnly(adminOnly) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override
    {
        // Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK can hold every answer back by tens of milliseconds.
        try {
            static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket().setNoDelay(true);
        } catch (const Poco::Exception&) {
        }
        ApiRequest req;
        req.method = QByteArray::fromStdString(in.getMethod());
        for (const auto& [name, value] : in)
            req.headers.insert(QByteArray::fromStdString(name).toLower(), QByteArray::fromStdString(value));
        std::istream& body = in.stream();
        char buffer[65536];
        while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
            req.body.append(buffer, body.gcount());
            if (req.body.size() > kMaxBody) {
                out.setKeepAlive(false);
                send(out, ApiResponse::outcome(413, u"too-costly"_s, u"The request body is too large."_s));
                return;
            }
        }
        QString path;
        splitTarget(QString::fromStdString(in.getURI()), path, req.query);
        const QString host = in.getHost().empty() ? u"127.0.0.1"_s : QString::fromStdString(in.getHost());
        req.base = u"http://"_s + host + u"/fhir"_s;
        qCDebug(lcSim) << req.method << path; // ids only; query values may identify a patient

        const qsizetype sim = path.indexOf(u"/$sim"_s);
        if (sim == 0 || (sim == 5 && path.startsWith(u"/fhir/"_s))) {
            req.path = path.mid(sim + 5);
            if (req.path.startsWith(u'/'))
                req.path = req.path.mid(1);
            send(out, m_sim.adminApi().handle(req));
            return;
        }
        if (m_adminOnly) {
            send(out, ApiResponse::outcome(404, u"not-found"_s, u"This listener serves /$sim only."_s));
            return;
        }
        qint64 requestBytes = qint64(in.getMethod().size() + in.getURI().size()) + req.body.size();
        for (const auto& [name, value] : in)
            requestBytes += qint64(name.size() + value.size() + 4);
        const FaultMode fault = m_sim.faults().decide();
        if (preResponseFault(fault, req.method, out)) {
            m_sim.wire().record(requestBytes, 0, {});
            return;
        }
        ApiResponse r;
        if (path == u"/fhir"_s || path.startsWith(u"/fhir/"_s)) {
            req.path = path.mid(6);
            r = m_sim.fhirApi().handle(req);
        } else {
            r = ApiResponse::outcome(404, u"not-found"_s, u"The FHIR base is /fhir."_s);
        }
        m_sim.wire().record(requestBytes, r.body.size(), r.served);
        if (fault == FaultMode::Drop && req.method != "GET" && req.method != "HEAD") {
            // The work is done (a create is stored) but the answer is lost with the
            // connection: only a conditional, repeatable request survives this.
            // Returning unanswered with keep-alive off closes the connection (as for refuse).
            out.setKeepAlive(false);
            return;
        }
        if (fault == FaultMode::Truncated) {
            // Promise the whole body, send half, close: the client must notice the short read.
            out.setKeepAlive(false);
            out.setStatusAndReason(Poco::Net::HTTPResponse::HTTPStatus(r.status));
            out.setContentType(r.contentType.toStdString());
            out.setContentLength(std::max<qsizetype>(r.body.size(), 64));
            std::ostream& stream = out.send();
            stream.write(r.body.constData(), r.body.size() / 2);
            stream.flush();
            return;
        }
        if (fault == FaultMode::Trickle) {
            trickle(in, out, r);
            return;
        }
        if (fault == FaultMode::Malformed) {
            r.body = r.body.left(r.body.size() / 2) + QByteArrayLiteral("\",,}{ <!-- lantern-ehr-sim: malformed -->");
            if (r.contentType.isEmpty())
                r.contentType = QByteArrayLiteral("application/fhir+json");
        }
        send(out, r);
    }

private:
    // The whole answer, its body in pieces of 16 bytes with delayMs between them: every
    // read of the client's finishes quickly, the answer as a whole does not. Once the
    // fault ends (or the server stops) the rest goes at once. The pieces go straight to
    // the socket with MSG_NOSIGNAL: a client that gave up must not SIGPIPE the host.
    void trickle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out, const ApiResponse& r)
    {
        constexpr qsizetype kPiece = 16;
        out.setKeepAlive(false);
        out.setStatusAndReason(Poco::Net::HTTPResponse::HTTPStatus(r.status));
        for (const auto& [name, value] : r.headers)
            out.set(name.toStdString(), value.toStdString());
        if (!r.contentType.isEmpty())
            out.setContentType(r.contentType.toStdString());
        out.setContentLength(r.body.size());
        out.send().flush(); // the status line and headers, at once
        const int delayMs = m_sim.faults().active().delayMs;
        Poco::Net::StreamSocket& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket();
        bool trickling = true;
        try {
            for (qsizetype at = 0; at < r.body.size();) {
                const qsizetype piece = trickling ? std::min(kPiece, r.body.size() - at) : r.body.size() - at;
                const int sent = socket.sendBytes(r.body.constData() + at, int(piece), MSG_NOSIGNAL);
                if (sent <= 0)
                    return;
                at += sent;
                if (trickling && at < r.body.size())
                    trickling = m_sim.faults().sleepFor(delayMs);
            }
        } catch (const Poco::Exception&) {
            // The client closed the connection: what it does then is the test's question.
        }
    }

    // Faults answered before the API runs; true if the request is done.
    bool preResponseFault(FaultMode fault, const QByteArray& method, Poco::Net::HTTPServerResponse& out)
    {
        const FaultSpec spec = m_sim.faults().active();
        switch (fault) {
        case FaultMode::Http500:
            send(out, ApiResponse::outcome(500, u"exception"_s, u"Internal server error (simulated)."_s));
            return true;
        case FaultMode::Html:
            // What a portal or an expired single sign-on session puts in front of an API.
            send(out, ApiResponse::raw(200,
                          QByteArrayLiteral("<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
                                            "<form method=\"post\" action=\"/login\"><input name=\"user\"></form>"
                                            "</body></html>"),
                          QByteArrayLiteral("text/html")));
            return true;
        case FaultMode::Http412:
            if (method == "GET" || method == "HEAD")
                return false;
            send(out, ApiResponse::outcome(412, u"conflict"_s,
                          u"Precondition failed (simulated): the condition matched more than one resource."_s));
            return true;
        case FaultMode::Refuse:
            // The listener is (being) closed; a request on an older connection just loses it.
            out.setKeepAlive(false);
            return true;
        case FaultMode::Timeout:
            out.setKeepAlive(false);
            m_sim.faults().holdWhileTimeout(kMaxHoldMs);
            return true; // never answered: the connection closes without a response
        case FaultMode::Down:
            send(out, ApiResponse::outcome(503, u"transient"_s,
                          u"The EHR is unavailable (simulated downtime). Work from the local snapshot."_s));
            return true;
        case FaultMode::Http503: {
            ApiResponse r = ApiResponse::raw(503,
                QByteArrayLiteral("<html><head><title>503 Service Unavailable</title></head><body>"
                                  "<h1>Service Unavailable</h1><p>No backend server is available to handle this "
                                  "request.</p></body></html>"),
                QByteArrayLiteral("text/html"));
            r.setHeader("Retry-After", QByteArray::number(spec.retryAfterSeconds));
            send(out, r);
            return true;
        }
        case FaultMode::Http429: {
            ApiResponse r = ApiResponse::outcome(429, u"throttled"_s, u"Too many requests; retry later."_s);
            r.setHeader("Retry-After", QByteArray::number(spec.retryAfterSeconds));
            send(out, r);
            return true;
        }
        case FaultMode::Slow:
            m_sim.faults().sleepFor(spec.delayMs);
            return false;
        default:
            return false;
        }
    }

    Simulator& m_sim;
    bool m_adminOnly;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    Factory(Simulator& sim, bool adminOnly) : m_sim(sim), m_adminOnly(adminOnly) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Handler(m_sim, m_adminOnly);
    }

private:
    Simulator& m_sim;
    bool m_adminOnly;
};

} // namespace

Poco::Net::HTTPRequestHandlerFactory::Ptr makeHandlerFactory(Simulator& simulator, bool adminOnly)
{
    return Poco::Net::HTTPRequestHandlerFactory::Ptr(new Factory(simulator, adminOnly));
}

} // namespace lantern::sim
