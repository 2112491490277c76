#include "sync/http/MetricsServer.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace lantern::sync {
namespace {

constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

class MetricsHandler final : public Poco::Net::HTTPRequestHandler
{
public:
    explicit MetricsHandler(const MetricsServer::BodyProvider& body) : m_body(body) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        using Poco::Net::HTTPResponse;
        response.setKeepAlive(false);
        const std::string path = request.getURI().substr(0, request.getURI().find('?'));
        if (request.getMethod() != "GET" && request.getMethod() != "HEAD") {
            response.setStatusAndReason(HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
            response.set("Allow", "GET, HEAD");
            response.setContentLength(0);
            response.send();
            return;
        }
        if (path != "/metrics") {
            response.setStatusAndReason(HTTPResponse::HTTP_NOT_FOUND);
            response.setContentType("text/plain");
            response.send() << "GET /metrics\n";
            return;
        }
        const QByteArray text = m_body();
        response.setContentType(kContentType);
        response.set("Cache-Control", "no-store");
        response.setContentLength(text.size());
        std::ostream& out = response.send();
        if (request.getMethod() == "GET")
            out.write(text.constData(), text.size());
    }

private:
    const MetricsServer::BodyProvider& m_body;
};

class MetricsFactory final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit MetricsFactory(const MetricsServer::BodyProvider& body) : m_body(body) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new MetricsHandler(m_body);
    }

private:
    const MetricsServer::BodyProvider& m_body;
};

} // namespace

class MetricsServer::Private
{
public:
    BodyProvider body;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    QString address;
    quint16 port = 0;
};

MetricsServer::MetricsServer(BodyProvider body) : d(std::make_unique<Private>())
{
    d->body = std::move(body);
}

MetricsServer::~MetricsServer()
{
    stop();
}

Status MetricsServer::start(quint16 port)
{
    stop();
    try {
        // Explicitly the IPv4 loopback address, never the wildcard.
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", port), 16);
        auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
        params->setMaxThreads(2); // a scraper or two, never a crowd
        params->setMaxQueued(16);
        params->setKeepAlive(false);
        params->setTimeout(Poco::Timespan(5, 0));
        d->server = std::make_unique<Poco::Net::HTTPServer>(new MetricsFactory(d->body), socket, params);
        d->server->start();
        const Poco::Net::SocketAddress bound = socket.address();
        d->address = QString::fromStdString(bound.host().toString());
        d->port = bound.port();
        return {};
    } catch (const Poco::Exception& e) {
        d->server.reset();
        return Error(ErrorCode::Network, QStringLiteral("metrics on 127.0.0.1:%1 could not start: %2")
                                             .arg(port)
                                             .arg(QString::fromStdString(e.displayText())));
    }
}

void MetricsServer::stop()
{
    if (!d->server)
        return;
    // stopAll(true): also ends connections in progress, so the port is closed on return.
    d->server->stopAll(true);
    d->server.reset();
    d->address.clear();
    d->port = 0;
}

bool MetricsServer::isRunning() const
{
    return d->server != nullptr;
}

QString MetricsServer::boundAddress() const
{
    return d->address;
}

quint16 MetricsServer::boundPort() const
{
    return d->port;
}

} // namespace lantern::sync
