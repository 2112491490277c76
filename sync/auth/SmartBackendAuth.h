#pragma once
// SMART Backend Services (OAuth 2 client credentials, private_key_jwt): the
// device proves itself with a JWT signed by its own key and receives a
// short-lived bearer token, cached until shortly before it expires.

#include "sync/auth/AuthProvider.h"
#include "sync/auth/SigningKey.h"
#include "core/common/Clock.h"
#include "sync/http/HttpTransport.h"

#include <QUrl>

#include <chrono>
#include <memory>
#include <mutex>

namespace lantern::sync {

struct SmartBackendConfig
{
    QString clientId;    // as registered at the EHR
    QUrl fhirBaseUrl;    // for discovery: <base>/.well-known/smart-configuration
    QUrl tokenUrl;       // configured token endpoint; empty: discovered
    QString scope = QStringLiteral("system/*.read"); // see SmartScopes.h
    std::chrono::seconds assertionLifetime{300}; // SMART allows at most five minutes
    std::chrono::seconds renewBefore{60};        // fetch a new token this long before expiry
};

class SmartBackendAuth final : public AuthProvider
{
public:
    SmartBackendAuth(SmartBackendConfig config, SigningKey key, std::shared_ptr<HttpTransport> transport,
                     const Clock& clock = SystemClock::instance());

    Result<SecureBuffer> authorization() override;
    bool credentialRejected() override;

    // The configured token URL, else the one the server advertises (cached).
    Result<QUrl> tokenEndpoint();
    const SigningKey& key() const { return m_key; }

private:
    Result<QUrl> discoverTokenEndpoint() const;
    Status fetchToken(const QUrl& tokenUrl);
    Result<QByteArray> clientAssertion(const QUrl& tokenUrl) const;

    SmartBackendConfig m_config;
    SigningKey m_key;
    std::shared_ptr<HttpTransport> m_transport;
    const Clock& m_clock;

    std::mutex m_mutex; // one token fetch at a time; guards everything below
    QUrl m_discoveredTokenUrl;
    SecureBuffer m_token;
    QDateTime m_renewAt;
};

} // namespace lantern::sync
