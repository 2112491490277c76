// The one HttpTransport: Poco::Net sessions, pooled per origin. TLS contexts
// verify the peer certificate and host name (VERIFY_STRICT, which Poco also
// applies to loopback hosts) and there is no code path that relaxes that.

#include "sync/http/BodyReader.h"
#include "sync/http/HttpDate.h"
#include "sync/http/HttpTransport.h"
#include "sync/http/TransportErrors.h"
#include "sync/SyncLogging.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <QFileInfo>

#include <map>
#include <mutex>
#include <vector>

namespace lantern::sync {

namespace {

using SessionPtr = std::unique_ptr<Poco::Net::HTTPClientSession>;

Poco::Timespan toTimespan(std::chrono::milliseconds ms)
{
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

// Why the last handshake in this thread rejected the server's certificate.
thread_local std::string t_certificateProblem;

// Lantern's own verification callback replaces Poco's, which would consult
// process-wide handlers (SSLManager's InvalidCertificateHandler) that could
// accept a bad certificate. It keeps OpenSSL's verdict and only notes why.
int verifyPeer(int preverifyOk, X509_STORE_CTX* store)
{
    if (!preverifyOk && t_certificateProblem.empty())
        t_certificateProblem = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
    return preverifyOk;
}

Result<Poco::Net::Context::Ptr> makeClientContext(const TlsSettings& tls)
{
    static std::once_flag sslInit;
    std::call_once(sslInit, [] { Poco::Net::initializeSSL(); });

    if (!tls.caBundleFile.isEmpty() && !QFileInfo(tls.caBundleFile).isReadable()) {
        return Error(ErrorCode::Io, QStringLiteral("the CA bundle %1 does not exist or cannot be read; check the TLS settings")
                                        .arg(tls.caBundleFile));
    }
    try {
        Poco::Net::Context::Params params;
        params.caLocation = tls.caBundleFile.toStdString();
        params.loadDefaultCAs = tls.useSystemCaStore;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.verificationDepth = 9;
        params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES:@STRENGTH";
        Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        context->enableExtendedCertificateVerification(true); // the host name check
        SSL_CTX_set_verify(context->sslContext(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, &verifyPeer);
        return context;
    } catch (const Poco::Exception& e) {
        return Error(ErrorCode::Io, QStringLiteral("the TLS settings could not be applied (CA bundle %1): %2")
                                        .arg(tls.caBundleFile, QString::fromStdString(e.displayText())));
    }
}

struct Endpoint
{
    bool https = false;
    QString host;
    quint16 port = 0;

    QString key() const { return (https ? QStringLiteral("https://") : QStringLiteral("http://")) + display(); }
    QString display() const { return host + QLatin1Char(':') + QString::number(port); }
};

class PocoHttpTransport final : public HttpTransport
{
public:
    PocoHttpTransport(HttpOptions options, Poco::Net::Context::Ptr context)
        : m_options(std::move(options)), m_context(std::move(context))
    {
    }

    HttpResult send(const HttpRequest& request) override
    {
        QByteArray body;
        const BodySink sink = [&body](const char* data, qsizetype size) -> Status {
            body.append(data, size);
            return {};
        };
        HttpResult result = exchange(request, sink, m_options.maxBodyBytes);
        if (result.ok() && result.value().isSuccess())
            result.value().body = std::move(body);
        return result;
    }

    HttpResult send(const HttpRequest& request, const BodySink& sink) override
    {
        return exchange(request, sink, std::nullopt);
    }

private:
    static constexpr std::size_t kMaxIdlePerOrigin = 4;

    bool useProxyFor(const QString& host) const
    {
        return m_options.proxy && !m_options.proxy->host.isEmpty() &&
               !m_options.proxy->bypassHosts.contains(host, Qt::CaseInsensitive);
    }

    // A pooled connection when one is idle (`reused` tells), else a new one.
    // `fresh`: always a new one.
    SessionPtr acquire(const Endpoint& endpoint, bool& reused, bool fresh)
    {
        if (!fresh) {
            std::lock_guard lock(m_mutex);
            auto it = m_idle.find(endpoint.key());
            if (it != m_idle.end() && !it->second.empty()) {
                SessionPtr session = std::move(it->second.back());
                it->second.pop_back();
                reused = true;
                return session;
            }
        }
        reused = false;
        SessionPtr session;
        if (endpoint.https)
            session = std::make_unique<Poco::Net::HTTPSClientSession>(endpoint.host.toStdString(), endpoint.port, m_context);
        else
            session = std::make_unique<Poco::Net::HTTPClientSession>(endpoint.host.toStdString(), endpoint.port);
        session->setTimeout(toTimespan(m_options.connectTimeout), toTimespan(m_options.readTimeout),
                            toTimespan(m_options.readTimeout));
        session->setKeepAlive(true);
        if (useProxyFor(endpoint.host)) {
            Poco::Net::HTTPClientSession::ProxyConfig proxy;
            proxy.host = m_options.proxy->host.toStdString();
            proxy.port = m_options.proxy->port;
            proxy.username = m_options.proxy->username.toStdString();
            proxy.password = m_options.proxy->password.toStdString();
            session->setProxyConfig(proxy);
        }
        return session;
    }

    void release(const Endpoint& endpoint, SessionPtr session)
    {
        std::lock_guard lock(m_mutex);
        auto& idle = m_idle[endpoint.key()];
        if (idle.size() < kMaxIdlePerOrigin)
            idle.push_back(std::move(session));
    }

    HttpResult exchange(const HttpRequest& request, const BodySink& sink, std::optional<qint64> maxBytes);
    HttpResult exchangeOn(Poco::Net::HTTPClientSession& session, const HttpRequest& request, const BodySink& sink,
                          std::optional<qint64> maxBytes, ExchangeContext& context, bool& keepAlive);

    HttpOptions m_options;
    Poco::Net::Context::Ptr m_context;
    std::mutex m_mutex;
    std::map<QString, std::vector<SessionPtr>> m_idle;
};

Poco::Net::HTTPRequest toPocoRequest(const HttpRequest& request, const QByteArray& userAgent)
{
    QByteArray target = request.url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (request.url.hasQuery())
        target += '?' + request.url.query(QUrl::FullyEncoded).toLatin1();
    Poco::Net::HTTPRequest out(request.method.toStdString(), target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
    out.set("User-Agent", userAgent.toStdString());
    out.set("Accept-Encoding", "gzip, deflate");
    for (const auto& [name, value] : request.headers)
        out.set(name.toStdString(), value.toStdString());
    if (!request.authorization.isEmpty())
        out.set("Authorization", request.authorization.toStdString());
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH")
        out.setContentLength(request.body.size());
    return out;
}

HttpResponse fromPocoResponse(const Poco::Net::HTTPResponse& in)
{
    HttpResponse out;
    out.status = static_cast<int>(in.getStatus());
    out.reason = QByteArray::fromStdString(in.getReason());
    for (const auto& [name, value] : in)
        out.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
    out.serverDate = parseHttpDate(out.header("Date"));
    return out;
}

HttpResult logged(const HttpRequest& request, HttpResult failure)
{
    qCDebug(lcHttp) << describeRequest(request.method, request.url) << "failed:" << failure.error().message;
    return failure;
}

HttpResult PocoHttpTransport::exchange(const HttpRequest& request, const BodySink& sink, std::optional<qint64> maxBytes)
{
    const QUrl& url = request.url;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        return HttpResult(Error(ErrorCode::InvalidInput, QStringLiteral("\"%1\" is not an http or https URL")
                                                             .arg(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo))),
                          false);
    }
    Endpoint endpoint;
    endpoint.https = scheme == QLatin1String("https");
    endpoint.host = url.host();
    endpoint.port = static_cast<quint16>(url.port(endpoint.https ? 443 : 80));

    ExchangeContext context;
    context.endpoint = endpoint.display();
    context.connectTimeout = m_options.connectTimeout;
    context.readTimeout = m_options.readTimeout;
    if (useProxyFor(endpoint.host))
        context.proxyEndpoint = m_options.proxy->host + QLatin1Char(':') + QString::number(m_options.proxy->port);

    for (int round = 1;; ++round) {
        // A request that must not arrive twice never takes an idle pooled connection: if
        // the server closed that one meanwhile, the failure looks exactly like a server
        // that acted on the request and then lost the connection, and resending would
        // duplicate it. A new connection cannot be stale.
        bool reused = false;
        SessionPtr session = acquire(endpoint, reused, !request.repeatable);
        t_certificateProblem.clear();
        try {
            bool keepAlive = false;
            HttpResult result = exchangeOn(*session, request, sink, maxBytes, context, keepAlive);
            if (result.ok() && keepAlive)
                release(endpoint, std::move(session));
            return result;
        } catch (const Poco::Net::NetException&) {
            // A pooled connection the server closed while idle fails before
            // any answer arrives; that says nothing about the server, so the
            // request goes once more over a fresh connection.
            if (reused && request.repeatable && round == 1 && context.phase != ExchangePhase::Connecting &&
                !context.responseStarted)
                continue;
            context.certificateProblem = QString::fromStdString(t_certificateProblem);
            return logged(request, failureFromCurrentException(context));
        } catch (...) {
            context.certificateProblem = QString::fromStdString(t_certificateProblem);
            return logged(request, failureFromCurrentException(context));
        }
    }
}

HttpResult PocoHttpTransport::exchangeOn(Poco::Net::HTTPClientSession& session, const HttpRequest& request, const BodySink& sink,
                                         std::optional<qint64> maxBytes, ExchangeContext& context, bool& keepAlive)
{
    context.responseStarted = false;
    const auto startedAt = std::chrono::steady_clock::now();
    Poco::Net::HTTPRequest pocoRequest = toPocoRequest(request, m_options.userAgent);
    context.phase = session.connected() ? ExchangePhase::Sending : ExchangePhase::Connecting;
    std::ostream& out = session.sendRequest(pocoRequest);
    context.phase = ExchangePhase::Sending;
    out.exceptions(std::ios::badbit);
    if (!request.body.isEmpty())
        out.write(request.body.constData(), request.body.size());
    out.flush();

    context.phase = ExchangePhase::Reading;
    Poco::Net::HTTPResponse pocoResponse;
    std::istream& in = session.receiveResponse(pocoResponse);
    context.responseStarted = true;
    HttpResponse response = fromPocoResponse(pocoResponse);

    QByteArray errorBody;
    const BodySink buffer = [&errorBody](const char* data, qsizetype size) -> Status {
        errorBody.append(data, size);
        return {};
    };
    const bool streamToSink = response.isSuccess();
    BodyReadContext bodyContext{response.header("Content-Encoding"),
                                streamToSink ? maxBytes : std::optional(m_options.maxBodyBytes), context.endpoint};
    if (bodyContext.maxBytes) { // kept in memory: the whole answer has a deadline (HttpOptions::responseTimeout)
        bodyContext.deadline = startedAt + m_options.responseTimeout;
        bodyContext.responseTimeout = m_options.responseTimeout;
    }
    qint64 received = 0; // decoded bytes; the same as sent on the wire without Content-Encoding
    const BodySink& target = streamToSink ? sink : buffer;
    const BodySink counting = [&received, &target](const char* data, qsizetype size) -> Status {
        received += size;
        return target(data, size);
    };
    const Status read = readBody(in, bodyContext, counting);
    if (const Poco::Exception* failure = session.networkException())
        failure->rethrow();
    if (!read.ok()) {
        // The body was not consumed: the connection is not reused. Only a slow answer may
        // go better on a second try; a limit or an unknown encoding will not.
        const bool transient = read.error().code == ErrorCode::Network;
        return HttpResult(read.error(), transient);
    }
    // Poco ends a body at Content-Length or when the connection closes, whichever
    // comes first, without telling which: a cut answer would pass as a whole one
    // (a half page as "malformed JSON", a bulk file without its tail as complete).
    const Poco::Int64 announced = pocoResponse.getContentLength64();
    const bool bodyExpected = request.method != "HEAD" && response.status != 204 && response.status != 304;
    if (bodyExpected && announced != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH && received < announced &&
        response.header("Content-Encoding").trimmed().isEmpty()) {
        return HttpResult(Error(ErrorCode::Network, QStringLiteral("the connection to %1 closed after %2 of the %3 bytes "
                                                                   "the answer announced")
                                                        .arg(context.endpoint)
                                                        .arg(received)
                                                        .arg(announced)),
                          true);
    }
    if (!streamToSink)
        response.body = std::move(errorBody);
    keepAlive = pocoResponse.getKeepAlive();
    return response;
}

} // namespace

Result<std::shared_ptr<HttpTransport>> makeHttpTransport(const HttpOptions& options)
{
    auto context = makeClientContext(options.tls);
    if (!context.ok())
        return context.error();
    return std::shared_ptr<HttpTransport>(std::make_shared<PocoHttpTransport>(options, context.value()));
}

} // namespace lantern::sync
