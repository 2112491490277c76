#include "sync/auth/SmartBackendAuth.h"

#include "sync/SyncLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>

namespace lantern::sync {

namespace {

Status requireSafeEndpoint(const QUrl& url)
{
    if (url.scheme() == QLatin1String("https") || (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host())))
        return {};
    return Error(ErrorCode::InvalidInput, QStringLiteral("the token endpoint %1 is not an https URL; Lantern sends its credentials only over TLS")
                                              .arg(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
}

QJsonObject jsonObject(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isObject() ? document.object() : QJsonObject();
}

bool listsOrAbsent(const QJsonObject& object, const QString& key, const QString& wanted)
{
    const QJsonValue value = object.value(key);
    return !value.isArray() || value.toArray().contains(wanted);
}

} // namespace

SmartBackendAuth::SmartBackendAuth(SmartBackendConfig config, SigningKey key, std::shared_ptr<HttpTransport> transport,
                                   const Clock& clock)
    : m_config(std::move(config)), m_key(std::move(key)), m_transport(std::move(transport)), m_clock(clock)
{
    m_config.assertionLifetime = std::clamp(m_config.assertionLifetime, std::chrono::seconds(30), std::chrono::seconds(300));
}

Result<SecureBuffer> SmartBackendAuth::authorization()
{
    std::lock_guard lock(m_mutex);
    if (m_token.isEmpty() || m_clock.now() >= m_renewAt) {
        m_token.clear();
        QUrl tokenUrl = m_config.tokenUrl.isEmpty() ? m_discoveredTokenUrl : m_config.tokenUrl;
        if (tokenUrl.isEmpty()) {
            auto discovered = discoverTokenEndpoint();
            if (!discovered.ok())
                return discovered.error();
            tokenUrl = m_discoveredTokenUrl = discovered.value();
        }
        LANTERN_TRY(fetchToken(tokenUrl));
    }
    return bearerHeader(m_token);
}

bool SmartBackendAuth::credentialRejected()
{
    std::lock_guard lock(m_mutex);
    qCInfo(lcAuth) << "the EHR rejected the access token; a new one will be requested";
    m_token.clear();
    return true;
}

Result<QUrl> SmartBackendAuth::tokenEndpoint()
{
    std::lock_guard lock(m_mutex);
    if (!m_config.tokenUrl.isEmpty())
        return m_config.tokenUrl;
    if (m_discoveredTokenUrl.isEmpty()) {
        auto discovered = discoverTokenEndpoint();
        if (!discovered.ok())
            return discovered.error();
        m_discoveredTokenUrl = discovered.value();
    }
    return m_discoveredTokenUrl;
}

Result<QUrl> SmartBackendAuth::discoverTokenEndpoint() const
{
    QUrl url = m_config.fhirBaseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/.well-known/smart-configuration"));
    HttpRequest request;
    request.url = url;
    request.setHeader("Accept", "application/json");
    const QString what = QStringLiteral("SMART discovery at %1").arg(originOf(url));

    HttpResult result = m_transport->send(request);
    if (!result.ok())
        return Error(result.error().code, what + QStringLiteral(": ") + result.error().message);
    if (!result.value().isSuccess()) {
        return Error(ErrorCode::Server, QStringLiteral("%1: HTTP %2; configure the token endpoint explicitly if the EHR does not publish it")
                                            .arg(what)
                                            .arg(result.value().status));
    }
    const QJsonObject configuration = jsonObject(result.value().body);
    const QUrl tokenUrl(configuration.value(QLatin1String("token_endpoint")).toString());
    if (!tokenUrl.isValid() || tokenUrl.host().isEmpty())
        return Error(ErrorCode::InvalidInput, what + QStringLiteral(": no token_endpoint in the answer"));
    if (!listsOrAbsent(configuration, QStringLiteral("token_endpoint_auth_methods_supported"), QStringLiteral("private_key_jwt")))
        return Error(ErrorCode::Unsupported, what + QStringLiteral(": the server does not accept private_key_jwt client authentication"));
    if (!listsOrAbsent(configuration, QStringLiteral("token_endpoint_auth_signing_alg_values_supported"), algorithmName(m_key.algorithm()))) {
        return Error(ErrorCode::Unsupported, what + QStringLiteral(": the server does not accept %1 signatures; generate a key of another type")
                                                        .arg(algorithmName(m_key.algorithm())));
    }
    LANTERN_TRY(requireSafeEndpoint(tokenUrl));
    return tokenUrl;
}

Result<QByteArray> SmartBackendAuth::clientAssertion(const QUrl& tokenUrl) const
{
    JwtClaims claims;
    claims.issuer = m_config.clientId;
    claims.subject = m_config.clientId;
    claims.audience = tokenUrl.toString(QUrl::FullyEncoded);
    claims.issuedAt = m_clock.now();
    claims.expiresAt = claims.issuedAt.addSecs(m_config.assertionLifetime.count());
    claims.jwtId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return m_key.signJwt(claims);
}

Status SmartBackendAuth::fetchToken(const QUrl& tokenUrl)
{
    LANTERN_TRY(requireSafeEndpoint(tokenUrl));
    auto assertion = clientAssertion(tokenUrl);
    if (!assertion.ok())
        return assertion.error();

    HttpRequest request;
    request.method = "POST";
    request.url = tokenUrl;
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Accept", "application/json");
    request.body = "grant_type=client_credentials&scope=" + QUrl::toPercentEncoding(m_config.scope) +
                   "&client_assertion_type=" + QUrl::toPercentEncoding(QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")) +
                   "&client_assertion=" + QUrl::toPercentEncoding(QString::fromLatin1(assertion.value()));
    const QString what = QStringLiteral("token endpoint %1").arg(originOf(tokenUrl));
    const QDateTime requestedAt = m_clock.now();

    HttpResult result = m_transport->send(request);
    wipe(request.body);
    if (!result.ok())
        return Error(result.error().code, what + QStringLiteral(": ") + result.error().message);
    HttpResponse& response = result.value();
    QJsonObject answer = jsonObject(response.body);
    wipe(response.body);

    if (!response.isSuccess()) {
        QString reason = answer.value(QLatin1String("error")).toString();
        const QString description = answer.value(QLatin1String("error_description")).toString();
        if (!description.isEmpty())
            reason += QStringLiteral(" (") + description.left(300) + QLatin1Char(')');
        const bool refused = response.status == 400 || response.status == 401 || response.status == 403;
        return Error(refused ? ErrorCode::Denied : ErrorCode::Server,
                     QStringLiteral("%1 refused client %2: HTTP %3 %4%5")
                         .arg(what, m_config.clientId)
                         .arg(response.status)
                         .arg(reason.isEmpty() ? QString::fromLatin1(response.reason) : reason,
                              refused ? QStringLiteral("; check that the client id and public key are registered at the EHR") : QString()));
    }
    if (answer.value(QLatin1String("token_type")).toString().compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0)
        return Error(ErrorCode::Unsupported, what + QStringLiteral(": the token is not a bearer token"));
    const QJsonValue expiresValue = answer.value(QLatin1String("expires_in"));
    const qint64 expiresIn = expiresValue.isDouble() ? static_cast<qint64>(expiresValue.toDouble()) : 300;
    QByteArray token = answer.value(QLatin1String("access_token")).toString().toLatin1();
    answer = QJsonObject();
    if (token.isEmpty())
        return Error(ErrorCode::InvalidInput, what + QStringLiteral(": the answer holds no access_token"));
    m_token = SecureBuffer::takeFrom(token);

    // Renew ahead of expiry so a request never leaves with a token that dies
    // in flight; very short lifetimes are renewed at half-time instead.
    const qint64 margin = expiresIn > 2 * m_config.renewBefore.count() ? m_config.renewBefore.count() : expiresIn / 2;
    m_renewAt = requestedAt.addSecs(std::max<qint64>(0, expiresIn - margin));
    qCInfo(lcAuth) << "obtained an access token from" << what << "valid for" << expiresIn << "s";
    return {};
}

} // namespace lantern::sync
