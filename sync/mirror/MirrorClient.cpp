#include "sync/mirror/MirrorClient.h"

#include "sync/auth/SmartBackendAuth.h"
#include "sync/mirror/EhrUrlPolicy.h"

#include <algorithm>

namespace lantern::sync {
namespace {

Result<ProxySettings> parseProxy(const QString& text)
{
    QUrl url = QUrl::fromUserInput(text);
    if (!url.isValid() || url.host().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("mirror.proxy \"%1\" is not host:port or a URL").arg(text));
    ProxySettings proxy;
    proxy.host = url.host();
    proxy.port = quint16(url.port(3128));
    proxy.username = url.userName();
    proxy.password = url.password();
    return proxy;
}

} // namespace

Result<MirrorClient> makeMirrorClient(const MirrorConfig& config, const Clock& clock, Sleeper sleeper, EhrAccess access,
                                      std::shared_ptr<HttpTrafficCounters> traffic)
{
    if (!config.baseUrl.isValid() || config.baseUrl.scheme().isEmpty() || config.baseUrl.host().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no valid EHR base URL is configured; set mirror.base_url"));
    LANTERN_TRY(checkEhrBaseUrl(config.baseUrl)); // a setting stored before the policy is refused here too
    HttpOptions options;
    options.connectTimeout = std::chrono::milliseconds(config.connectTimeoutMs);
    options.readTimeout = std::chrono::milliseconds(config.readTimeoutMs);
    options.responseTimeout = std::chrono::milliseconds(std::max(config.responseTimeoutMs, config.readTimeoutMs));
    options.tls.caBundleFile = config.caBundleFile;
    if (!config.proxyUrl.isEmpty()) {
        auto proxy = parseProxy(config.proxyUrl);
        if (!proxy.ok())
            return proxy.error();
        options.proxy = *proxy;
    }
    auto transport = makeHttpTransport(options);
    if (!transport.ok())
        return transport.error();

    MirrorClient out;
    out.transport = *transport;
    if (traffic)
        out.transport = std::make_shared<CountingHttpTransport>(out.transport, std::move(traffic));
    if (config.authMode == QLatin1String("none")) {
        out.auth = std::make_shared<NoAuth>();
    } else if (config.authMode == QLatin1String("bearer")) {
        if (config.bearerToken.isEmpty())
            return Error(ErrorCode::InvalidInput, QStringLiteral("mirror.auth is bearer but mirror.bearer_token is empty"));
        QByteArray token = config.bearerToken.toUtf8();
        out.auth = std::make_shared<StaticBearerToken>(SecureBuffer::takeFrom(token));
    } else if (config.authMode == QLatin1String("smart")) {
        auto key = SigningKey::loadPrivateKeyFile(config.smartKeyFile);
        if (!key.ok())
            return key.error().prefixed(QStringLiteral("mirror.smart_key_file"));
        SmartBackendConfig smart;
        smart.clientId = config.smartClientId;
        smart.fhirBaseUrl = config.baseUrl;
        smart.scope = smartScopeFor(access);
        out.auth = std::make_shared<SmartBackendAuth>(smart, std::move(*key), out.transport, clock);
    } else {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("mirror.auth must be none, bearer or smart, not \"%1\"").arg(config.authMode));
    }
    FhirClientConfig clientConfig;
    clientConfig.baseUrl = config.baseUrl;
    clientConfig.retry.maxAttempts = std::max(1, config.retryAttempts);
    clientConfig.retry.maxDelay = std::chrono::milliseconds(config.retryMaxDelayMs);
    out.client = std::make_unique<FhirClient>(clientConfig, out.transport, out.auth, clock, std::move(sleeper));
    return out;
}

} // namespace lantern::sync
