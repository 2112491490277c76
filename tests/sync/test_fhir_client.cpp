// FhirClient against a real HTTP server on loopback: paging, retries with
// Retry-After and back-off, OperationOutcome messages, gzip, timeouts,
// refused connections, conditional writes, server time.

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

class TestFhirClient : public QObject
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

    void pagesThroughNextLinks()
    {
        QUrl base;
        FakeHttpServer server([&base](const RecordedRequest& request) {
            const QString page = request.queryValue(QStringLiteral("page"));
            if (page.isEmpty())
                return FakeResponse::json(200, searchBundle({QStringLiteral("p1"), QStringLiteral("p2")}, base.toString() + QStringLiteral("/Patient?page=2&_count=2")));
            if (page == QLatin1String("2"))
                return FakeResponse::json(200, searchBundle({QStringLiteral("p3"), QStringLiteral("p4")}, base.toString() + QStringLiteral("/Patient?page=3&_count=2")));
            return FakeResponse::json(200, searchBundle({QStringLiteral("p5")}, QString()));
        });
        base = server.url(QStringLiteral("/fhir"));
        auto fhir = client(base);

        QStringList seen;
        int calls = 0;
        auto summary = fhir->searchAll(QStringLiteral("Patient"), {{QStringLiteral("_count"), QStringLiteral("2")}}, [&](const BundlePage& page) {
            ++calls;
            for (const QJsonObject& resource : page.resources())
                seen << resource.value(QLatin1String("id")).toString();
            return Status();
        });
        QVERIFY2(summary.ok(), qPrintable(test::failureText(summary)));
        QCOMPARE(summary->pages, 3);
        QCOMPARE(summary->resources, 5);
        QCOMPARE(calls, 3);
        QCOMPARE(seen, (QStringList{QStringLiteral("p1"), QStringLiteral("p2"), QStringLiteral("p3"), QStringLiteral("p4"), QStringLiteral("p5")}));
        const auto requests = server.requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests.first().path(), QStringLiteral("/fhir/Patient"));
        QCOMPARE(requests.first().header("Accept"), QByteArray("application/fhir+json"));
        QVERIFY(requests.first().header("Accept-Encoding").contains("gzip"));
    }

    void callbackErrorStopsPaging()
    {
        QUrl base;
        FakeHttpServer server([&base](const RecordedRequest&) {
            return FakeResponse::json(200, searchBundle({QStringLiteral("p1")}, base.toString() + QStringLiteral("/Patient?page=2")));
        });
        base = server.url(QStringLiteral("/fhir"));
        auto result = client(base)->searchAll(QStringLiteral("Patient"), {}, [](const BundlePage&) {
            return Status(Error(ErrorCode::Database, QStringLiteral("disk full")));
        });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Database);
        QCOMPARE(server.requests().size(), 1);
    }

    void refusesNextLinkToAnotherOrigin()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            return FakeResponse::json(200, searchBundle({QStringLiteral("p1")}, QStringLiteral("https://elsewhere.example/fhir/Patient?page=2")));
        });
        auto result = client(server.url(QStringLiteral("/fhir")))->searchAll(QStringLiteral("Patient"), {}, [](const BundlePage&) { return Status(); });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidInput);
        QVERIFY2(result.error().message.contains(QLatin1String("elsewhere.example")), qPrintable(test::failureText(result)));
        QCOMPARE(server.requests().size(), 1);
    }

    void encodesSearchParameters()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(200, searchBundle({}, QString())); });
        auto result = client(server.url(QStringLiteral("/fhir")))
                          ->search(QStringLiteral("Observation"), {{QStringLiteral("date"), QStringLiteral("ge2026-03-01T00:00:00+01:00")},
                                                                   {QStringLiteral("code"), QStringLiteral("http://loinc.org|8867-4")},
                                                                   {QStringLiteral("_type"), QStringLiteral("a b&c")}});
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        const RecordedRequest request = server.requests().constFirst();
        QVERIFY2(request.target.contains("%2B01:00"), request.target.constData());
        QCOMPARE(request.queryValue(QStringLiteral("date")), QStringLiteral("ge2026-03-01T00:00:00+01:00"));
        QCOMPARE(request.queryValue(QStringLiteral("code")), QStringLiteral("http://loinc.org|8867-4"));
        QCOMPARE(request.queryValue(QStringLiteral("_type")), QStringLiteral("a b&c"));
    }

    void honoursRetryAfterSecondsOn429()
    {
        int calls = 0;
        FakeHttpServer server([&calls](const RecordedRequest&) {
            if (++calls == 1)
                return withHeader(FakeResponse::json(429, operationOutcome(QStringLiteral("error"), QStringLiteral("throttled"), QStringLiteral("slow down"))), "Retry-After", "2");
            return FakeResponse::json(200, patientJson(QStringLiteral("17")));
        });
        auto result = client(server.url(QStringLiteral("/fhir")))->read(QStringLiteral("Patient"), QStringLiteral("17"));
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        QCOMPARE(result->json.value(QLatin1String("id")).toString(), QStringLiteral("17"));
        QCOMPARE(m_sleeper.waits, (QList<std::chrono::milliseconds>{2000ms}));
        QCOMPARE(server.requests().size(), 2);
    }

    void honoursRetryAfterHttpDateAgainstServerClock()
    {
        // The server's clock is an hour ahead of ours: the wait is measured on its clock.
        const QDateTime serverNow = m_clock.now().addSecs(3600);
        int calls = 0;
        FakeHttpServer server([&](const RecordedRequest&) {
            if (++calls == 1) {
                FakeResponse busy = FakeResponse::json(503, QByteArray());
                busy.headers.append({"Date", formatHttpDate(serverNow)});
                busy.headers.append({"Retry-After", formatHttpDate(serverNow.addSecs(5))});
                return busy;
            }
            return FakeResponse::json(200, patientJson(QStringLiteral("17")));
        });
        auto result = client(server.url(QStringLiteral("/fhir")))->read(QStringLiteral("Patient"), QStringLiteral("17"));
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        QCOMPARE(m_sleeper.waits, (QList<std::chrono::milliseconds>{5000ms}));
    }

    void givesUpAfterRepeated503()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            return withHeader(FakeResponse::json(503, operationOutcome(QStringLiteral("fatal"), QStringLiteral("transient"), QStringLiteral("maintenance"))), "Retry-After", "1");
        });
        RetryPolicy retry;
        retry.maxAttempts = 3;
        auto result = client(server.url(QStringLiteral("/fhir")), {}, retry)->read(QStringLiteral("Patient"), QStringLiteral("17"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Server);
        QCOMPARE(result.httpStatus(), 503);
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(m_sleeper.waits, (QList<std::chrono::milliseconds>{1000ms, 1000ms}));
        const QString message = result.error().message;
        QVERIFY2(message.contains(QLatin1String("HTTP 503")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("fatal (transient): maintenance")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("gave up after 3 attempts")), qPrintable(message));
    }

    void backsOffWithJitterOn500WithinBounds()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(500, QByteArray()); });
        RetryPolicy retry;
        retry.maxAttempts = 5;
        retry.baseDelay = 100ms;
        retry.maxDelay = 250ms;
        auto result = client(server.url(QStringLiteral("/fhir")), {}, retry)->read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!result.ok());
        QCOMPARE(m_sleeper.waits.size(), 4);
        const QList<std::chrono::milliseconds> ceilings{100ms, 200ms, 250ms, 250ms};
        for (int i = 0; i < m_sleeper.waits.size(); ++i)
            QVERIFY(m_sleeper.waits.at(i) >= 0ms && m_sleeper.waits.at(i) <= ceilings.at(i));
    }

    void retryAfterBeyondMaximumFailsAtOnce()
    {
        FakeHttpServer server([](const RecordedRequest&) { return withHeader(FakeResponse::json(429, QByteArray()), "Retry-After", "3600"); });
        auto result = client(server.url(QStringLiteral("/fhir")))->read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!result.ok());
        QCOMPARE(result.httpStatus(), 429);
        QVERIFY(m_sleeper.waits.isEmpty());
        QVERIFY2(result.error().message.contains(QLatin1String("asked to wait 3600 s")), qPrintable(test::failureText(result)));
    }

    void surfacesOperationOutcomeWithoutRetrying4xx()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            return FakeResponse::json(404, operationOutcome(QStringLiteral("error"), QStringLiteral("not-found"), QStringLiteral("Resource Patient/404 is not known")));
        });
        auto result = client(server.url(QStringLiteral("/fhir")))->read(QStringLiteral("Patient"), QStringLiteral("404"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Server);
        QCOMPARE(result.httpStatus(), 404);
        QVERIFY2(result.error().message.contains(QLatin1String("HTTP 404 Not Found: error (not-found): Resource Patient/404 is not known")),
                 qPrintable(test::failureText(result)));
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(m_sleeper.waits.isEmpty());
    }

    void decodesGzip()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            FakeResponse response = FakeResponse::json(200, patientJson(QStringLiteral("gz")));
            response.gzip = true;
            return response;
        });
        auto result = client(server.url(QStringLiteral("/fhir")))->read(QStringLiteral("Patient"), QStringLiteral("gz"));
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        QCOMPARE(result->json.value(QLatin1String("id")).toString(), QStringLiteral("gz"));
    }

    void capsBodySizeAfterDecompression()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            FakeResponse response = FakeResponse::json(200, QByteArray(1024 * 1024, ' ') + patientJson(QStringLiteral("big")));
            response.gzip = true; // a few KiB on the wire
            return response;
        });
        HttpOptions options;
        options.maxBodyBytes = 64 * 1024;
        auto result = client(server.url(QStringLiteral("/fhir")), options)->read(QStringLiteral("Patient"), QStringLiteral("big"));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QLatin1String("larger than the limit")), qPrintable(test::failureText(result)));
        QCOMPARE(server.requests().size(), 1); // not worth retrying
    }

    void timesOutWithNetworkError()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            FakeResponse slow = FakeResponse::json(200, patientJson(QStringLiteral("1")));
            slow.delay = 30s; // cut short when the server stops
            return slow;
        });
        HttpOptions options;
        options.readTimeout = 200ms;
        RetryPolicy retry;
        retry.maxAttempts = 2;
        auto result = client(server.url(QStringLiteral("/fhir")), options, retry)->read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Network);
        QCOMPARE(result.httpStatus(), 0);
        const QString expected = QStringLiteral("timed out after 0.2 s reading from 127.0.0.1:%1").arg(server.port());
        QVERIFY2(result.error().message.contains(expected), qPrintable(test::failureText(result)));
        QCOMPARE(m_sleeper.waits.size(), 1); // transient: retried once, then given up
    }

    void reportsConnectionRefused()
    {
        const quint16 port = test::unusedPort();
        QUrl base(QStringLiteral("http://127.0.0.1/fhir"));
        base.setPort(port);
        RetryPolicy retry;
        retry.maxAttempts = 3;
        auto result = client(base, {}, retry)->read(QStringLiteral("Patient"), QStringLiteral("1"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(result.error().message.contains(QStringLiteral("connection refused by 127.0.0.1:%1").arg(port)), qPrintable(test::failureText(result)));
        QCOMPARE(m_sleeper.waits.size(), 2);
    }

    void returnsServerDateAndVersion()
    {
        FakeHttpServer server([](const RecordedRequest& request) {
            QByteArray body = patientJson(QStringLiteral("p1"));
            if (request.path().endsWith(QLatin1String("/_history/7")))
                body = compactJson({{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), QStringLiteral("p1")},
                             {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("7")}}}});
            return withHeader(FakeResponse::json(200, body), "Date", "Sun, 01 Mar 2026 09:15:30 GMT");
        });
        auto result = client(server.url(QStringLiteral("/fhir")))->vread(QStringLiteral("Patient"), QStringLiteral("p1"), QStringLiteral("7"));
        QVERIFY2(result.ok(), qPrintable(test::failureText(result)));
        QCOMPARE(result->versionId(), QStringLiteral("7"));
        QVERIFY(result->info.serverDate.has_value());
        QCOMPARE(*result->info.serverDate, QDateTime(QDate(2026, 3, 1), QTime(9, 15, 30), Qt::UTC));
        QCOMPARE(result->info.serverDate->timeSpec(), Qt::UTC);
    }

    void historyAsksSinceInstant()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(200, searchBundle({QStringLiteral("p1")}, QString())); });
        auto page = client(server.url(QStringLiteral("/fhir/")))
                        ->history(QStringLiteral("MedicationRequest"), QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
        QVERIFY2(page.ok(), qPrintable(test::failureText(page)));
        const RecordedRequest request = server.requests().constFirst();
        QCOMPARE(request.path(), QStringLiteral("/fhir/MedicationRequest/_history"));
        QCOMPARE(request.queryValue(QStringLiteral("_since")), QStringLiteral("2026-03-01T08:00:00.000Z"));
    }

    void capabilitiesAndPing()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            return FakeResponse::json(200, compactJson({{QStringLiteral("resourceType"), QStringLiteral("CapabilityStatement")}, {QStringLiteral("fhirVersion"), QStringLiteral("4.0.1")}}));
        });
        auto fhir = client(server.url(QStringLiteral("/fhir")));
        auto capabilities = fhir->capabilities();
        QVERIFY2(capabilities.ok(), qPrintable(test::failureText(capabilities)));
        QCOMPARE(capabilities->json.value(QLatin1String("fhirVersion")).toString(), QStringLiteral("4.0.1"));
        QVERIFY(fhir->ping().ok());
        QCOMPARE(server.requests().constLast().path(), QStringLiteral("/fhir/metadata"));
    }

    void pingDoesNotRetry()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(503, QByteArray()); });
        auto result = client(server.url(QStringLiteral("/fhir")))->ping();
        QVERIFY(!result.ok());
        QCOMPARE(server.requests().size(), 1);
    }

    void rejectsWrongResourceTypeAndBadIds()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(200, patientJson(QStringLiteral("1"))); });
        auto fhir = client(server.url(QStringLiteral("/fhir")));
        auto wrongType = fhir->read(QStringLiteral("Observation"), QStringLiteral("1"));
        QVERIFY(!wrongType.ok());
        QCOMPARE(wrongType.error().code, ErrorCode::InvalidInput);
        auto badId = fhir->read(QStringLiteral("Patient"), QStringLiteral("../metadata"));
        QVERIFY(!badId.ok());
        QCOMPARE(badId.error().code, ErrorCode::InvalidInput);
        QCOMPARE(server.requests().size(), 1);
    }

};

QTEST_GUILESS_MAIN(TestFhirClient)
#include "test_fhir_client.moc"
