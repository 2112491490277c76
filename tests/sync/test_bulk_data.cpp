// Bulk Data export against a fake server: kick-off, polling with
// Retry-After, NDJSON streamed resource by resource, token only where due.

#include "FakeHttpServer.h"

#include "sync/fhir/BulkDataClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;
using namespace std::chrono_literals;
using lantern::test::FakeHttpServer;
using lantern::test::FakeResponse;
using lantern::test::RecordedRequest;

class TestBulkData : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    QList<std::chrono::milliseconds> m_waits;

    std::unique_ptr<FhirClient> client(const QUrl& base, std::shared_ptr<AuthProvider> auth = {})
    {
        auto transport = makeHttpTransport({});
        if (!transport.ok())
            qFatal("transport: %s", qPrintable(transport.error().message));
        FhirClientConfig config;
        config.baseUrl = base;
        return std::make_unique<FhirClient>(config, transport.value(), auth, m_clock, [this](std::chrono::milliseconds delay) {
            m_waits.append(delay);
            return true;
        });
    }

    static std::shared_ptr<AuthProvider> token()
    {
        QByteArray value("bulk-token");
        return std::make_shared<StaticBearerToken>(SecureBuffer::takeFrom(value));
    }

private Q_SLOTS:
    void init() { m_waits.clear(); }

    void exportsAndStreamsNdjson()
    {
        QUrl base;
        int polls = 0;
        FakeHttpServer server([&](const RecordedRequest& request) {
            const QString path = request.path();
            if (path == QLatin1String("/fhir/Group/ward-3/$export")) {
                FakeResponse accepted = FakeResponse::json(202, QByteArray());
                accepted.headers.append({"Content-Location", (base.toString() + QStringLiteral("/bulkstatus/42")).toLatin1()});
                return accepted;
            }
            if (path == QLatin1String("/fhir/bulkstatus/42")) {
                if (++polls == 1) {
                    FakeResponse running = FakeResponse::json(202, QByteArray());
                    running.headers = {{"X-Progress", "50%"}, {"Retry-After", "3"}};
                    return running;
                }
                const QJsonObject manifest{
                    {QStringLiteral("transactionTime"), QStringLiteral("2026-03-01T07:59:00.000Z")},
                    {QStringLiteral("requiresAccessToken"), true},
                    {QStringLiteral("output"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Patient")},
                                                                      {QStringLiteral("url"), QString(base.toString() + QStringLiteral("/files/patients.ndjson"))},
                                                                      {QStringLiteral("count"), 3}}}},
                    {QStringLiteral("error"), QJsonArray()}};
                FakeResponse done = FakeResponse::json(200, QJsonDocument(manifest).toJson());
                return done;
            }
            if (path == QLatin1String("/fhir/files/patients.ndjson")) {
                FakeResponse file;
                file.headers = {{"Content-Type", "application/fhir+ndjson"}};
                file.body = "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n"
                            "{\"resourceType\":\"Patient\",\"id\":\"b\"}\r\n"
                            "\n"
                            "{\"resourceType\":\"Patient\",\"id\":\"c\"}";
                file.gzip = true;
                return file;
            }
            return FakeResponse::json(404, QByteArray());
        });
        base = server.url(QStringLiteral("/fhir"));
        auto fhir = client(base, token());
        BulkDataClient bulk(*fhir);

        BulkExportRequest request;
        request.operation = QStringLiteral("Group/ward-3/$export");
        request.types = QStringList{QStringLiteral("Patient"), QStringLiteral("MedicationRequest")};
        request.since = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC);
        auto statusUrl = bulk.kickOff(request);
        QVERIFY2(statusUrl.ok(), qPrintable(test::failureText(statusUrl)));
        const RecordedRequest kickOff = server.requests().constFirst();
        QCOMPARE(kickOff.header("Prefer"), QByteArray("respond-async"));
        QCOMPARE(kickOff.queryValue(QStringLiteral("_type")), QStringLiteral("Patient,MedicationRequest"));
        QCOMPARE(kickOff.queryValue(QStringLiteral("_since")), QStringLiteral("2026-02-01T00:00:00.000Z"));

        auto status = bulk.waitUntilComplete(statusUrl.value(), 10s, 10);
        QVERIFY2(status.ok(), qPrintable(test::failureText(status)));
        QVERIFY(status->complete);
        QCOMPARE(m_waits, (QList<std::chrono::milliseconds>{3000ms}));
        QCOMPARE(*status->transactionTime, QDateTime(QDate(2026, 3, 1), QTime(7, 59), Qt::UTC));
        QCOMPARE(status->output.size(), 1);

        QStringList ids;
        auto count = bulk.download(status->output.constFirst(), status->requiresAccessToken, [&ids](const QJsonObject& resource) {
            ids << resource.value(QLatin1String("id")).toString();
            return Status();
        });
        QVERIFY2(count.ok(), qPrintable(test::failureText(count)));
        QCOMPARE(count.value(), 3);
        QCOMPARE(ids, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(server.requests().constLast().header("Authorization"), QByteArray("Bearer bulk-token"));
    }

    void downloadWithoutTokenSendsNone()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            FakeResponse file;
            file.body = "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n";
            return file;
        });
        auto fhir = client(server.url(QStringLiteral("/fhir")), token());
        BulkDataClient bulk(*fhir);
        auto count = bulk.download({QStringLiteral("Patient"), server.url(QStringLiteral("/fhir/f.ndjson")), std::nullopt}, false,
                                   [](const QJsonObject&) { return Status(); });
        QVERIFY2(count.ok(), qPrintable(test::failureText(count)));
        QVERIFY(server.requests().constFirst().header("Authorization").isEmpty());
    }

    void refusesToSendTokenToAnotherServer()
    {
        FakeHttpServer server([](const RecordedRequest&) { return FakeResponse::json(200, QByteArray()); });
        auto fhir = client(server.url(QStringLiteral("/fhir")), token());
        BulkDataClient bulk(*fhir);
        auto count = bulk.download({QStringLiteral("Patient"), QUrl(QStringLiteral("https://files.example/x.ndjson")), std::nullopt}, true,
                                   [](const QJsonObject&) { return Status(); });
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, ErrorCode::Denied);
        QVERIFY(server.requests().isEmpty());
    }

    void reportsBrokenNdjsonLine()
    {
        FakeHttpServer server([](const RecordedRequest&) {
            FakeResponse file;
            file.body = "{\"resourceType\":\"Patient\",\"id\":\"a\"}\nnot json\n";
            return file;
        });
        auto fhir = client(server.url(QStringLiteral("/fhir")));
        BulkDataClient bulk(*fhir);
        auto count = bulk.download({QStringLiteral("Patient"), server.url(QStringLiteral("/fhir/f.ndjson")), std::nullopt}, false,
                                   [](const QJsonObject&) { return Status(); });
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, ErrorCode::InvalidInput);
        QVERIFY2(count.error().message.contains(QLatin1String("line 2")), qPrintable(test::failureText(count)));
    }
};

QTEST_GUILESS_MAIN(TestBulkData)
#include "test_bulk_data.moc"
