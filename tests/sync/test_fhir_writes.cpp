// FhirClient writes against a real HTTP server on loopback: which requests
// may be repeated, conditional headers, credentials and the proxy.

#include "FakeHttpServer.h"

#include "sync/fhir/FhirClient.h"
#include "sync/http/HttpDate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;
using namespace std::chrono_literals;

using namespace lantern::test;

class TestFhirWrites : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    RecordingSleeper m_sleeper;

    std::unique_ptr<FhirClient> client(const QUrl& base, HttpOptions options = {}, RetryPolicy retry = {},
                                       std::shared_ptr<AuthProvider> auth = {})
    {
        auto transport = makeHttpTransport(options);
        if (!transport.ok())
            qFatal("transport: %s", qPrintable(transport.error().message));
        FhirClientConfig config;
        config.baseUrl = base;
        config.retry = retry;
        return std::make_unique<FhirClient>(config, transport.value(), auth, m_clock, m_sleeper.sleeper());
    }

private Q_SLOTS:
    void init() { m_sleeper.waits.clear(); }

    void plainCreateIsSentOnce()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(503, QByteArray()); });
        const QJsonObject resource{{QStringLiteral("resourceType"), QStringLiteral("Observation")}, {QStringLiteral("status"), QStringLiteral("final")}};
        auto result = client(server.url(QStringLiteral("/fhir")))->create(resource);
        QVERIFY(!result.ok());
        QCOMPARE(result.httpStatus(), 503);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(m_sleeper.waits.isEmpty());
    }

    void conditionalCreateIsRetriedAndSendsIfNoneExist()
    {
        int calls = 0;
        FakeHttpServer server([&calls](const RecordedRequest&) {
            if (++calls == 1)
                return FakeResponse::json(503, QByteArray());
            return withHeader(withHeader(FakeResponse::json(201, QByteArray()), "Location", "http://127.0.0.1/fhir/MedicationAdministration/ma-1/_history/1"),
                              "ETag", "W/\"1\"");
        });
        const QJsonObject resource{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")}, {QStringLiteral("status"), QStringLiteral("completed")}};
        auto result = client(server.url(QStringLiteral("/fhir")))->create(resource, {{QStringLiteral("identifier"), QStringLiteral("urn:lantern|abc-123")}});
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        QCOMPARE(result->info.status, 201);
        QCOMPARE(result->versionId(), QStringLiteral("1"));
        QVERIFY(result->info.location.contains(QLatin1String("ma-1")));
        const auto requests = server.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).method, QByteArray("POST"));
        QCOMPARE(requests.at(1).path(), QStringLiteral("/fhir/MedicationAdministration"));
        QCOMPARE(requests.at(1).header("If-None-Exist"), QByteArray("identifier=urn:lantern%7Cabc-123"));
        QCOMPARE(requests.at(1).header("Content-Type"), QByteArray("application/fhir+json"));
        QCOMPARE(QJsonDocument::fromJson(requests.at(1).body).object(), resource);
    }

    void updateSendsIfMatchAndReportsConflicts()
    {
        FakeHttpServer server([](const RecordedRequest& request) {
            if (request.header("If-Match") != "W/\"3\"")
                return FakeResponse::json(400, QByteArray());
            return FakeResponse::json(412, operationOutcome(QStringLiteral("error"), QStringLiteral("conflict"), QStringLiteral("version 4 is current")));
        });
        const QJsonObject resource{{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), QStringLiteral("p1")}};
        auto result = client(server.url(QStringLiteral("/fhir")))->update(resource, QStringLiteral("3"));
        QVERIFY(!result.ok());
        QCOMPARE(result.httpStatus(), 412);
        QCOMPARE(server.requests().constFirst().method, QByteArray("PUT"));
        QCOMPARE(server.requests().constFirst().path(), QStringLiteral("/fhir/Patient/p1"));
    }

    void transactionIsPostedToBaseOnce()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(502, QByteArray()); });
        const QJsonObject transaction{{QStringLiteral("resourceType"), QStringLiteral("Bundle")}, {QStringLiteral("type"), QStringLiteral("transaction")}};
        auto result = client(server.url(QStringLiteral("/fhir")))->transaction(transaction);
        QVERIFY(!result.ok());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().path(), QStringLiteral("/fhir"));
    }

    void neverSendsCredentialsOverPlainHttpToRemoteHosts()
    {
        QByteArray token("secret-token");
        auto auth = std::make_shared<StaticBearerToken>(SecureBuffer::takeFrom(token));
        auto result = client(QUrl(QStringLiteral("http://ehr.example.invalid/fhir")), {}, {}, auth)->read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Denied);
        QVERIFY(m_sleeper.waits.isEmpty());
    }

    void sendsBearerTokenOnLoopback()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(200, patientJson(QStringLiteral("1"))); });
        QByteArray token("loopback-token");
        auto auth = std::make_shared<StaticBearerToken>(SecureBuffer::takeFrom(token));
        QVERIFY(client(server.url(QStringLiteral("/fhir")), {}, {}, auth)->read(QStringLiteral("Patient"), QStringLiteral("1")).ok());
        QCOMPARE(server.requests().constFirst().header("Authorization"), QByteArray("Bearer loopback-token"));
    }

    void sendsThroughProxyWithCredentials()
    {
        FakeHttpServer proxy([](const RecordedRequest&) { return FakeResponse::json(200, patientJson(QStringLiteral("via-proxy"))); });
        HttpOptions options;
        options.proxy = ProxySettings{QStringLiteral("127.0.0.1"), proxy.port(), QStringLiteral("ward"), QStringLiteral("s3cret"), {}};
        auto result = client(QUrl(QStringLiteral("http://ehr.example.invalid/fhir")), options)->read(QStringLiteral("Patient"), QStringLiteral("via-proxy"));
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        const RecordedRequest request = proxy.requests().constFirst();
        QCOMPARE(request.target, QByteArray("http://ehr.example.invalid:80/fhir/Patient/via-proxy")); // absolute form, via the proxy
        QCOMPARE(request.header("Proxy-Authorization"), QByteArray("Basic ") + QByteArray("ward:s3cret").toBase64());
    }

    void bypassesProxyForListedHosts()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(200, patientJson(QStringLiteral("direct"))); });
        HttpOptions options;
        options.proxy = ProxySettings{QStringLiteral("127.0.0.1"), test::unusedPort(), {}, {}, {QStringLiteral("127.0.0.1")}};
        auto result = client(server.url(QStringLiteral("/fhir")), options)->read(QStringLiteral("Patient"), QStringLiteral("direct"));
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        QCOMPARE(server.requests().constFirst().target, QByteArray("/fhir/Patient/direct"));
    }

    void refusedProxyIsNamed()
    {
        const quint16 port = test::unusedPort();
        HttpOptions options;
        options.proxy = ProxySettings{QStringLiteral("127.0.0.1"), port, {}, {}, {}};
        RetryPolicy retry;
        retry.maxAttempts = 1;
        auto result = client(QUrl(QStringLiteral("http://ehr.example.invalid/fhir")), options, retry)->read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("connection refused by proxy 127.0.0.1:%1 (for ehr.example.invalid:80)").arg(port)),
                 qPrintable(result.error().message));
    }
};

QTEST_GUILESS_MAIN(TestFhirWrites)
#include "test_fhir_writes.moc"
