// SMART Backend Services against a fake authorization server that checks the
// client assertion's signature with the registered public key and its claims;
// tokens cached, renewed after expiry (manual clock), refreshed once on 401.
// Also key generation, the 0600 key file and the JWK / JWKS export.

#include "FakeHttpServer.h"

#include "sync/auth/SmartBackendAuth.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/fhir/FhirClient.h"

#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <sstream>

#include <sys/stat.h>

using namespace lantern;
using namespace lantern::sync;
using lantern::test::FakeHttpServer;
using lantern::test::FakeResponse;
using lantern::test::RecordedRequest;

namespace {

const QString kClientId = QStringLiteral("lantern-ward-3");

// The authorization server and the FHIR server in one fake.
class FakeAuthorizationServer
{
public:
    FakeAuthorizationServer(const SigningKey& key, const ManualClock& clock)
        : m_publicPem(key.publicKeyPem().toStdString()), m_keyId(key.keyId()), m_algorithm(algorithmName(key.algorithm())), m_clock(clock),
          m_server([this](const RecordedRequest& request) { return handle(request); })
    {
    }

    QUrl base() const { return m_server.url(QStringLiteral("/fhir")); }
    QUrl tokenUrl() const { return m_server.url(QStringLiteral("/auth/token")); }
    int tokensIssued() const { return m_issued; }
    QStringList failures() const { return m_failures; }
    QList<RecordedRequest> requests() const { return m_server.requests(); }
    void rejectFhirTokensUpTo(int n) { m_rejectUpTo = n; }
    void expectScope(const QString& scope) { m_expectedScope = scope; }
    int lastSignatureBytes() const { return m_lastSignatureBytes; }

private:
    FakeResponse handle(const RecordedRequest& request)
    {
        const QString path = request.path();
        if (path == QLatin1String("/fhir/.well-known/smart-configuration")) {
            const QJsonObject configuration{{QStringLiteral("token_endpoint"), tokenUrl().toString()},
                                            {QStringLiteral("token_endpoint_auth_methods_supported"), QJsonArray{QStringLiteral("private_key_jwt")}},
                                            {QStringLiteral("token_endpoint_auth_signing_alg_values_supported"), QJsonArray{QStringLiteral("RS384"), QStringLiteral("ES384")}}};
            return FakeResponse::json(200, QJsonDocument(configuration).toJson());
        }
        if (path == QLatin1String("/auth/token"))
            return token(request);
        // FHIR: accept only the newest token, and not those we were told to reject.
        const QByteArray expected = "Bearer token-" + QByteArray::number(m_issued);
        if (request.header("Authorization") != expected || m_issued <= m_rejectUpTo)
            return FakeResponse::json(401, QByteArray());
        return FakeResponse::json(200, QByteArrayLiteral("{\"resourceType\":\"Patient\",\"id\":\"1\"}"));
    }

    FakeResponse refuse(const QString& why)
    {
        m_failures << why;
        return FakeResponse::json(401, QByteArrayLiteral("{\"error\":\"invalid_client\",\"error_description\":\"") + why.toLatin1() + "\"}");
    }

    FakeResponse token(const RecordedRequest& request)
    {
        const QUrlQuery form(QString::fromLatin1(request.body));
        if (form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded) != QLatin1String("client_credentials"))
            return refuse(QStringLiteral("grant_type"));
        if (form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded) != m_expectedScope)
            return refuse(QStringLiteral("scope"));
        if (form.queryItemValue(QStringLiteral("client_assertion_type"), QUrl::FullyDecoded) != QLatin1String("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
            return refuse(QStringLiteral("client_assertion_type"));
        const std::string jwt = form.queryItemValue(QStringLiteral("client_assertion"), QUrl::FullyDecoded).toStdString();

        Poco::JWT::Token verified;
        try {
            std::istringstream pem(m_publicPem);
            std::unique_ptr<Poco::JWT::Signer> signer;
            if (m_algorithm == QLatin1String("RS384"))
                signer = std::make_unique<Poco::JWT::Signer>(Poco::SharedPtr<Poco::Crypto::RSAKey>(new Poco::Crypto::RSAKey(&pem)));
            else
                signer = std::make_unique<Poco::JWT::Signer>(Poco::SharedPtr<Poco::Crypto::ECKey>(new Poco::Crypto::ECKey(&pem)));
            signer->setAlgorithms({m_algorithm.toStdString()});
            if (!signer->tryVerify(jwt, verified))
                return refuse(QStringLiteral("signature"));
        } catch (const Poco::Exception& e) {
            return refuse(QString::fromStdString(e.displayText()));
        }
        m_lastSignatureBytes = QByteArray::fromBase64(QByteArray::fromStdString(verified.signature()), QByteArray::Base64UrlEncoding).size();
        if (QString::fromStdString(verified.header().getValue<std::string>("kid")) != m_keyId)
            return refuse(QStringLiteral("kid"));
        if (verified.getIssuer() != kClientId.toStdString() || verified.getSubject() != kClientId.toStdString())
            return refuse(QStringLiteral("iss/sub"));
        if (verified.getAudience() != std::vector<std::string>{tokenUrl().toString().toStdString()})
            return refuse(QStringLiteral("aud"));
        const qint64 exp = verified.getExpiration().epochTime();
        const qint64 now = m_clock.now().toSecsSinceEpoch();
        if (exp <= now || exp > now + 300)
            return refuse(QStringLiteral("exp"));
        const QString jti = QString::fromStdString(verified.getId());
        if (jti.isEmpty() || m_seenJti.contains(jti))
            return refuse(QStringLiteral("jti"));
        m_seenJti.insert(jti);

        ++m_issued;
        const QJsonObject answer{{QStringLiteral("access_token"), QStringLiteral("token-%1").arg(m_issued)},
                                 {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                 {QStringLiteral("expires_in"), 600},
                                 {QStringLiteral("scope"), QStringLiteral("system/*.read")}};
        FakeResponse response = FakeResponse::json(200, QJsonDocument(answer).toJson());
        response.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
        return response;
    }

    std::string m_publicPem;
    QString m_keyId;
    QString m_algorithm;
    const ManualClock& m_clock;
    int m_issued = 0;
    int m_rejectUpTo = 0;
    QString m_expectedScope = QStringLiteral("system/*.read");
    int m_lastSignatureBytes = 0;
    QSet<QString> m_seenJti;
    QStringList m_failures;
    FakeHttpServer m_server; // last: stops before the members its handler uses
};

std::shared_ptr<HttpTransport> transport()
{
    auto made = makeHttpTransport({});
    if (!made.ok())
        qFatal("transport: %s", qPrintable(made.error().message));
    return made.value();
}

SigningKey generated(SigningAlgorithm algorithm)
{
    auto key = SigningKey::generate(algorithm, 2048);
    if (!key.ok())
        qFatal("key: %s", qPrintable(key.error().message));
    return std::move(key).value();
}

int fileMode(const QString& path)
{
    struct stat info{};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? static_cast<int>(info.st_mode & 0777) : -1;
}

int tokenRequests(const QList<RecordedRequest>& requests)
{
    return static_cast<int>(std::count_if(requests.begin(), requests.end(), [](const RecordedRequest& r) { return r.path() == QLatin1String("/auth/token"); }));
}

} // namespace

class TestSmartAuth : public QObject
{
    Q_OBJECT

private:
    void runFlow(SigningAlgorithm algorithm)
    {
        ManualClock clock;
        SigningKey key = generated(algorithm);
        FakeAuthorizationServer server(key, clock);
        SmartBackendConfig config;
        config.clientId = kClientId;
        config.fhirBaseUrl = server.base();
        auto auth = std::make_shared<SmartBackendAuth>(config, std::move(key), transport(), clock);
        FhirClientConfig fhirConfig;
        fhirConfig.baseUrl = server.base();
        FhirClient fhir(fhirConfig, transport(), auth, clock, [](std::chrono::milliseconds) { return true; });

        // Discovery, one token, reused for the second request.
        QVERIFY(fhir.read(QStringLiteral("Patient"), QStringLiteral("1")).ok());
        QVERIFY(fhir.read(QStringLiteral("Patient"), QStringLiteral("1")).ok());
        QVERIFY2(server.failures().isEmpty(), qPrintable(server.failures().join(QLatin1Char(','))));
        QCOMPARE(server.tokensIssued(), 1);
        QCOMPARE(server.requests().constLast().header("Authorization"), QByteArray("Bearer token-1"));
        if (algorithm == SigningAlgorithm::ES384)
            QCOMPARE(server.lastSignatureBytes(), 96); // R and S, 48 bytes each

        // Shortly before the 600 s expiry the token is renewed.
        clock.advanceSecs(500);
        QVERIFY(fhir.read(QStringLiteral("Patient"), QStringLiteral("1")).ok());
        QCOMPARE(server.tokensIssued(), 1);
        clock.advanceSecs(60);
        QVERIFY(fhir.read(QStringLiteral("Patient"), QStringLiteral("1")).ok());
        QCOMPARE(server.tokensIssued(), 2);
        QCOMPARE(server.requests().constLast().header("Authorization"), QByteArray("Bearer token-2"));
        QVERIFY2(server.failures().isEmpty(), qPrintable(server.failures().join(QLatin1Char(','))));
    }

private Q_SLOTS:
    void rs384AssertionTokenCachedAndRenewed() { runFlow(SigningAlgorithm::RS384); }
    void es384AssertionTokenCachedAndRenewed() { runFlow(SigningAlgorithm::ES384); }

    void refreshesTokenOnceOn401()
    {
        ManualClock clock;
        SigningKey key = generated(SigningAlgorithm::RS384);
        FakeAuthorizationServer server(key, clock);
        SmartBackendConfig config;
        config.clientId = kClientId;
        config.fhirBaseUrl = server.base();
        config.tokenUrl = server.tokenUrl(); // configured: no discovery
        auto auth = std::make_shared<SmartBackendAuth>(config, std::move(key), transport(), clock);
        FhirClientConfig fhirConfig;
        fhirConfig.baseUrl = server.base();
        FhirClient fhir(fhirConfig, transport(), auth, clock, [](std::chrono::milliseconds) { return true; });

        server.rejectFhirTokensUpTo(1); // the first token was revoked
        auto read = fhir.read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY2(read.ok(), qPrintable(test::failureText(read)));
        QCOMPARE(server.tokensIssued(), 2);
        for (const RecordedRequest& request : server.requests())
            QVERIFY(!request.path().contains(QLatin1String(".well-known")));

        server.rejectFhirTokensUpTo(1000); // every token refused: one refresh, then the 401 stands
        auto refused = fhir.read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.httpStatus(), 401);
        QCOMPARE(server.tokensIssued(), 3);
    }

    // The uploader asks for the write scopes of what it files; the mirror
    // asks for reading only (an EHR that granted the uploader only
    // system/*.read would refuse every downtime entry).
    void reconciliationAsksForWriteScopesMirrorForRead()
    {
        ManualClock clock;
        SigningKey key = generated(SigningAlgorithm::ES384);
        FakeAuthorizationServer server(key, clock);
        QTemporaryDir dir;
        const QString keyFile = dir.filePath(QStringLiteral("smart.pem"));
        QVERIFY(key.savePrivateKeyFile(keyFile).ok());
        MirrorConfig config;
        config.baseUrl = server.base();
        config.authMode = QStringLiteral("smart");
        config.smartClientId = kClientId;
        config.smartKeyFile = keyFile;
        const auto noSleep = [](std::chrono::milliseconds) { return true; };

        const QString reconcileScope = smartScopeFor(EhrAccess::Reconcile);
        for (const char* type : {"MedicationAdministration", "AllergyIntolerance", "DocumentReference"})
            QVERIFY(reconcileScope.split(QLatin1Char(' ')).contains(QStringLiteral("system/%1.write").arg(QLatin1String(type))));
        server.expectScope(reconcileScope);
        auto uploader = makeMirrorClient(config, clock, noSleep, EhrAccess::Reconcile);
        QVERIFY2(uploader.ok(), qPrintable(test::failureText(uploader)));
        QVERIFY2(uploader->client->read(QStringLiteral("Patient"), QStringLiteral("1")).ok(),
                 qPrintable(server.failures().join(QLatin1Char(','))));

        server.expectScope(QStringLiteral("system/*.read"));
        auto mirror = makeMirrorClient(config, clock, noSleep);
        QVERIFY(mirror.ok());
        QVERIFY2(mirror->client->read(QStringLiteral("Patient"), QStringLiteral("1")).ok(),
                 qPrintable(server.failures().join(QLatin1Char(','))));
        QVERIFY(!smartScopeFor(EhrAccess::Read).contains(QLatin1String("write")));
        QCOMPARE(server.tokensIssued(), 2);
    }

    void tokenEndpointRefusalIsDenied()
    {
        ManualClock clock;
        FakeAuthorizationServer server(generated(SigningAlgorithm::RS384), clock); // registered: another key
        SmartBackendConfig config;
        config.clientId = kClientId;
        config.fhirBaseUrl = server.base();
        SmartBackendAuth auth(config, generated(SigningAlgorithm::RS384), transport(), clock);
        auto header = auth.authorization();
        QVERIFY(!header.ok());
        QCOMPARE(header.error().code, ErrorCode::Denied);
        QVERIFY2(header.error().message.contains(QLatin1String("invalid_client")), qPrintable(test::failureText(header)));
        QCOMPARE(tokenRequests(server.requests()), 1);
    }

    void jwkExport()
    {
        const SigningKey rsa = generated(SigningAlgorithm::RS384);
        const QJsonObject jwk = rsa.publicJwk();
        QCOMPARE(jwk.value(QLatin1String("kty")).toString(), QStringLiteral("RSA"));
        QCOMPARE(jwk.value(QLatin1String("e")).toString(), QStringLiteral("AQAB"));
        QCOMPARE(jwk.value(QLatin1String("alg")).toString(), QStringLiteral("RS384"));
        QCOMPARE(jwk.value(QLatin1String("use")).toString(), QStringLiteral("sig"));
        QCOMPARE(jwk.value(QLatin1String("kid")).toString(), rsa.keyId());
        QVERIFY(!jwk.contains(QLatin1String("d")));
        std::istringstream pem(rsa.publicKeyPem().toStdString());
        const Poco::Crypto::RSAKey publicKey(&pem);
        const auto modulus = publicKey.modulus();
        QCOMPARE(QByteArray::fromBase64(jwk.value(QLatin1String("n")).toString().toLatin1(), QByteArray::Base64UrlEncoding),
                 QByteArray(reinterpret_cast<const char*>(modulus.data()), static_cast<qsizetype>(modulus.size())));
        QCOMPARE(rsa.publicJwks().value(QLatin1String("keys")).toArray().first().toObject(), jwk);

        const SigningKey ec = generated(SigningAlgorithm::ES384);
        const QJsonObject ecJwk = ec.publicJwk();
        QCOMPARE(ecJwk.value(QLatin1String("kty")).toString(), QStringLiteral("EC"));
        QCOMPARE(ecJwk.value(QLatin1String("crv")).toString(), QStringLiteral("P-384"));
        QCOMPARE(ecJwk.value(QLatin1String("alg")).toString(), QStringLiteral("ES384"));
        QCOMPARE(QByteArray::fromBase64(ecJwk.value(QLatin1String("x")).toString().toLatin1(), QByteArray::Base64UrlEncoding).size(), 48);
        QCOMPARE(QByteArray::fromBase64(ecJwk.value(QLatin1String("y")).toString().toLatin1(), QByteArray::Base64UrlEncoding).size(), 48);
        QVERIFY(ec.keyId() != rsa.keyId());
    }

    void privateKeyFileIsOwnerOnlyAndReloads()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("lantern-client.pem"));
        for (SigningAlgorithm algorithm : {SigningAlgorithm::RS384, SigningAlgorithm::ES384}) {
            const SigningKey key = generated(algorithm);
            QFile::remove(file);
            QVERIFY(key.savePrivateKeyFile(file).ok());
            QCOMPARE(fileMode(file), 0600);
            QCOMPARE(key.savePrivateKeyFile(file).error().code, ErrorCode::Conflict);

            auto loaded = SigningKey::loadPrivateKeyFile(file);
            QVERIFY2(loaded.ok(), qPrintable(test::failureText(loaded)));
            QCOMPARE(loaded->algorithm(), algorithm);
            QCOMPARE(loaded->keyId(), key.keyId());
            QCOMPARE(loaded->publicJwk(), key.publicJwk());

            QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
            auto exposed = SigningKey::loadPrivateKeyFile(file);
            QVERIFY(!exposed.ok());
            QCOMPARE(exposed.error().code, ErrorCode::Denied);
        }
    }
};

QTEST_GUILESS_MAIN(TestSmartAuth)
#include "test_smart_auth.moc"
