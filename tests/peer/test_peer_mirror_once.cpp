// Each resource crosses the wire once (issue 11), against a FHIR server written
// by others: Medplum's FHIR router (no _history, no next links), seeded with
// the foreign Synthea, IPS and KBV bundles. Counted on the server's wire
// (server.mjs /$stats), not timed: every resource body the initial load
// brought was written or found unchanged (none thrown away unseen); a quiet
// cycle transfers no resource body and asks one search per mirrored type per
// URL-sized batch of patients.

#include "PeerServer.h"
#include "TestSupport.h"

#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorWriter.h"
#include "sync/mirror/PatientPuller.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lantern;
using namespace lantern::sync;

class TestPeerMirrorOnce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void eachResourceCrossesOnce();

private:
    QJsonObject stats(const QByteArray& method = "GET") const;

    test::PeerServer m_server;
    QTemporaryDir m_dir;
    QStringList m_patients;
};

QJsonObject TestPeerMirrorOnce::stats(const QByteArray& method) const
{
    auto response = m_server.request(method, QStringLiteral("$stats"));
    return response.ok() ? response->json : QJsonObject();
}

void TestPeerMirrorOnce::initTestCase()
{
    if (!QFileInfo::exists(test::fhirDataDir() + QStringLiteral("/synthea")))
        QFAIL(qPrintable(test::fhirDataMissingMessage()));
    Status started = m_server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    for (const QString& folder : {QStringLiteral("synthea"), QStringLiteral("ips"), QStringLiteral("kbv")}) {
        auto seeded = m_server.seedFolder(test::fhirDataDir() + QLatin1Char('/') + folder);
        QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));
    }
    auto patients = m_server.request("GET", QStringLiteral("Patient?_count=100000&_elements=id"));
    QVERIFY(patients.ok() && patients->status == 200);
    const QJsonArray entries = patients->json.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& e : entries)
        m_patients << e.toObject().value(QLatin1String("resource")).toObject().value(QLatin1String("id")).toString();
    QVERIFY(m_patients.size() >= 16);
    QVERIFY(m_dir.isValid());
    // The seeded resources must lie outside every cursor's overlap (2 s, plus 1 s for an HTTP
    // Date header's whole seconds), as on an EHR whose data is older than the device's first
    // cycle; otherwise a quiet cycle rightly reads them again.
    QThread::msleep(4000);
}

void TestPeerMirrorOnce::cleanupTestCase()
{
    m_server.stop();
}

void TestPeerMirrorOnce::eachResourceCrossesOnce()
{
    const QString path = m_dir.filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(path, test::fixedKey()).ok());
    MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    config.scope.patientIds = m_patients;
    config.administrationHistoryDays = 365 * 100;
    config.retryAttempts = 2;
    config.retryMaxDelayMs = 200;
    MirrorEngine engine(config, [path] { return vault::Vault::open(path, test::fixedKey()); });

    stats("DELETE");
    auto initial = engine.runCycle();
    QVERIFY2(initial.ok(), initial.ok() ? "" : qPrintable(initial.error().message));
    QJsonObject wire = stats();
    const qint64 served = qint64(wire.value(QLatin1String("resourcesServedTotal")).toDouble());
    qInfo("initial load: %lld requests, %lld bytes, %lld served, %lld written, %lld unchanged",
          qint64(wire.value(QLatin1String("requests")).toDouble()),
          qint64(wire.value(QLatin1String("responseBytes")).toDouble()), served, initial->written, initial->unchanged);
    QVERIFY(initial->written > 0);
    // Every body that crossed was used: written, or (a page Medplum's missing next links
    // make the pager read again, SearchPager) found unchanged; the initial load and the
    // first incremental pull do not overlap.
    QCOMPARE(initial->written + initial->unchanged + initial->skipped, served);
    QVERIFY2(initial->unchanged * 20 <= initial->written,
             qPrintable(QStringLiteral("%1 of %2 resources came twice").arg(initial->unchanged).arg(initial->written)));

    stats("DELETE");
    auto quiet = engine.runCycle();
    QVERIFY2(quiet.ok(), quiet.ok() ? "" : qPrintable(quiet.error().message));
    wire = stats();
    const qint64 requests = qint64(wire.value(QLatin1String("requests")).toDouble());
    qInfo("quiet cycle: %lld requests, %lld bytes", requests, qint64(wire.value(QLatin1String("responseBytes")).toDouble()));
    QCOMPARE(qint64(wire.value(QLatin1String("resourcesServedTotal")).toDouble()), qint64(0));
    QCOMPARE(quiet->written, qint64(0));
    // The server's time (one request for a patient-list scope), then per URL-sized batch of
    // patients one search per mirrored type (Observation: two) and the held Medications by _id.
    const qint64 batches = PatientPuller::batchesOf(m_patients).size();
    const qint64 perBatch = ScopeFilter::mirroredTypes().size() + 1;
    QVERIFY2(requests <= 1 + batches * perBatch,
             qPrintable(QStringLiteral("%1 requests for %2 batches of patients").arg(requests).arg(batches)));
}

QTEST_GUILESS_MAIN(TestPeerMirrorOnce)
#include "test_peer_mirror_once.moc"
