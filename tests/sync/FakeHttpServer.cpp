#include "FakeHttpServer.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <condition_variable>
#include <mutex>
#include <sstream>

namespace lantern::test {

struct FakeHttpServer::State
{
    std::mutex mutex;
    std::condition_variable stopped;
    bool stopping = false;
    Handler handler;
    QList<RecordedRequest> requests;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    bool https = false;
    quint16 port = 0;
};

namespace {

class RecordingHandler final : public Poco::Net::HTTPRequestHandler
{
public:
    explicit RecordingHandler(std::shared_ptr<FakeHttpServer::State> state) : m_state(std::move(state)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        RecordedRequest recorded;
        recorded.method = QByteArray::fromStdString(request.getMethod());
        recorded.target = QByteArray::fromStdString(request.getURI());
        for (const auto& [name, value] : request)
            recorded.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        recorded.body = QByteArray::fromStdString(body);

        Handler handler;
        {
            std::lock_guard lock(m_state->mutex);
            m_state->requests.append(recorded);
            handler = m_state->handler;
        }
        const FakeResponse answer = handler ? handler(recorded) : FakeResponse{404, {}, {}};
        if (answer.delay.count() > 0) {
            std::unique_lock lock(m_state->mutex);
            if (m_state->stopped.wait_for(lock, answer.delay, [this] { return m_state->stopping; }))
                return;
        }
        response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        for (const auto& [name, value] : answer.headers)
            response.set(name.toStdString(), value.toStdString());
        const QByteArray payload = answer.gzip ? gzipped(answer.body) : answer.body;
        if (answer.gzip)
            response.set("Content-Encoding", "gzip");
        response.setContentLength(payload.size());
        response.sendBuffer(payload.constData(), static_cast<std::size_t>(payload.size()));
    }

private:
    std::shared_ptr<FakeHttpServer::State> m_state;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit Factory(std::shared_ptr<FakeHttpServer::State> state) : m_state(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new RecordingHandler(m_state);
    }

private:
    std::shared_ptr<FakeHttpServer::State> m_state;
};

void startServer(const std::shared_ptr<FakeHttpServer::State>& state, Poco::Net::ServerSocket socket)
{
    auto* params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setMaxThreads(8);
    state->port = socket.address().port();
    state->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(state), socket, params);
    state->server->start();
}

} // namespace

QString RecordedRequest::path() const
{
    return QUrl::fromEncoded(target).path();
}

QString RecordedRequest::queryValue(const QString& name) const
{
    const QUrlQuery query(QUrl::fromEncoded(target));
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

FakeResponse FakeResponse::json(int status, const QByteArray& body)
{
    FakeResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/fhir+json"}};
    response.body = body;
    return response;
}

FakeHttpServer::FakeHttpServer(Handler handler) : m_state(std::make_shared<State>())
{
    m_state->handler = std::move(handler);
    startServer(m_state, Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)));
}

FakeHttpServer::FakeHttpServer(Handler handler, const QString& certificateFile, const QString& privateKeyFile)
    : m_state(std::make_shared<State>())
{
    Poco::Net::initializeSSL();
    m_state->handler = std::move(handler);
    m_state->https = true;
    Poco::Net::Context::Params params;
    params.certificateFile = certificateFile.toStdString();
    params.privateKeyFile = privateKeyFile.toStdString();
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED; // asks for, but does not need, a client certificate
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    startServer(m_state, Poco::Net::SecureServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context));
}

FakeHttpServer::~FakeHttpServer()
{
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
    }
    m_state->stopped.notify_all();
    m_state->server->stopAll(true);
    // Destroying the server closes the listening socket (stopping alone does
    // not), so later connections are refused as with a dead EHR; it also
    // breaks the server -> factory -> state -> server ownership cycle.
    m_state->server.reset();
}

quint16 FakeHttpServer::port() const
{
    return m_state->port;
}

QUrl FakeHttpServer::url(const QString& path) const
{
    QUrl url;
    url.setScheme(m_state->https ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_state->port);
    url.setPath(path);
    return url;
}

QList<RecordedRequest> FakeHttpServer::requests() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->requests;
}

void FakeHttpServer::setHandler(Handler handler)
{
    std::lock_guard lock(m_state->mutex);
    m_state->handler = std::move(handler);
}

FakeResponse withHeader(FakeResponse response, const QByteArray& name, const QByteArray& value)
{
    response.headers.append({name, value});
    return response;
}

sync::Sleeper RecordingSleeper::sleeper()
{
    return [this](std::chrono::milliseconds delay) {
        waits.append(delay);
        return true;
    };
}

QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray patientJson(const QString& id)
{
    return compactJson({{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), id}});
}

QByteArray searchBundle(const QStringList& patientIds, const QString& nextLink)
{
    QJsonArray entries;
    for (const QString& id : patientIds) {
        entries.append(QJsonObject{
            {QStringLiteral("resource"), QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), id}}}});
    }
    QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                       {QStringLiteral("type"), QStringLiteral("searchset")},
                       {QStringLiteral("entry"), entries}};
    if (!nextLink.isEmpty()) {
        bundle.insert(QStringLiteral("link"),
                      QJsonArray{QJsonObject{{QStringLiteral("relation"), QStringLiteral("next")}, {QStringLiteral("url"), nextLink}}});
    }
    return compactJson(bundle);
}

QByteArray operationOutcome(const QString& severity, const QString& code, const QString& diagnostics)
{
    const QJsonObject issue{{QStringLiteral("severity"), severity}, {QStringLiteral("code"), code}, {QStringLiteral("diagnostics"), diagnostics}};
    return compactJson({{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")}, {QStringLiteral("issue"), QJsonArray{issue}}});
}

quint16 unusedPort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    const quint16 port = socket.address().port();
    socket.close();
    return port;
}

QByteArray gzipped(const QByteArray& data)
{
    std::ostringstream out;
    Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
    deflater.write(data.constData(), data.size());
    deflater.close();
    return QByteArray::fromStdString(out.str());
}

} // namespace lantern::test
