// Reconciliation in fewer round trips (issue 11), against the in-process
// simulator over real HTTP into real vaults: entries go up in transaction
// Bundles with ifNoneExist where the CapabilityStatement offers them, the
// duplicate check searches once per patient and time window, and still every
// entry is in the EHR exactly once or queued with its reason: also when
// `lanternctl reconcile run` is killed while its Bundle is in flight (the
// simulator holds it, the client dies, then the server applies it), and on a
// server without transactions (one conditional create each). Request counts
// are asserted, never times.

#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"
#include "TestConfig.h"

#include "ChildProcess.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/reconcile/BundleUploader.h"
#include "sync/reconcile/EntryResource.h"

#include <QJsonArray>
#include <QSet>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace lantern;
using namespace lantern::test;

namespace {

int administrationsIn(const Expectations& expected)
{
    return int(std::count_if(expected.begin(), expected.end(), [](const Expected& e) {
        return e.state == record::EntryState::Uploaded && e.type == QLatin1String("MedicationAdministration");
    }));
}

int patientsIn(const Expectations& expected)
{
    QSet<QString> patients;
    for (const Expected& e : expected)
        patients.insert(e.patientId);
    return int(patients.size());
}

} // namespace

class TestReconcileTransactions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundleCarriesConditionalCreates();
    void bundlesFileEveryEntryOnceInFewerRequests();
    void serverWithoutTransactionsFilesOneByOne();
    void killedMidBundleFilesEveryEntryOnce();
    void plainPostIsNeverSentTwice();
};

void TestReconcileTransactions::bundleCarriesConditionalCreates()
{
    const QString uuid = QStringLiteral("0b7a4c2e-1f3d-4e5a-9b6c-7d8e9f0a1b2c");
    const QJsonObject resource{{QStringLiteral("resourceType"), QStringLiteral("DocumentReference")},
                               {QStringLiteral("id"), QStringLiteral("local-1")},
                               {QStringLiteral("status"), QStringLiteral("current")}};
    const QJsonObject bundle = sync::BundleUploader::buildBundle({{uuid, resource}});
    QCOMPARE(bundle.value(QLatin1String("type")).toString(), QStringLiteral("transaction"));
    const QJsonObject entry = bundle.value(QLatin1String("entry")).toArray().first().toObject();
    const QJsonObject request = entry.value(QLatin1String("request")).toObject();
    QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(request.value(QLatin1String("url")).toString(), QStringLiteral("DocumentReference"));
    QCOMPARE(request.value(QLatin1String("ifNoneExist")).toString(),
             QStringLiteral("identifier=urn:ietf:rfc:3986%7Curn:uuid:") + uuid);
    // The server assigns the id; the identifier is the key.
    QVERIFY(!entry.value(QLatin1String("resource")).toObject().contains(QLatin1String("id")));
    QVERIFY(entry.value(QLatin1String("resource")).toObject().value(QLatin1String("identifier")).toArray().size() == 1);
    // fullUrl: stable for the entry, not the entry's identifier itself.
    const QString fullUrl = entry.value(QLatin1String("fullUrl")).toString();
    QVERIFY(fullUrl.startsWith(QLatin1String("urn:uuid:")));
    QVERIFY(!fullUrl.endsWith(uuid));
    QCOMPARE(sync::BundleUploader::fullUrlOf(uuid), fullUrl);
}

void TestReconcileTransactions::bundlesFileEveryEntryOnceInFewerRequests()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(6, 41));
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({150, true, true}));
    fixture.server().clearFault();
    QVERIFY(scenario.conflictsExpected() > 0);

    sim::TransactionGate& gate = fixture.sim().fhirApi().transactionGate();
    gate.resetCounts();
    const sync::ReconcileReport report = fixture.reconcile(device);
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    QCOMPARE(report.pendingLeft, 0);
    const QString problems = verifyDevice(fixture, device, 0, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCOMPARE(fixture.lanternAdministrations(), administrationsIn(scenario.expected()));

    const sim::RequestCounts counts = gate.counts();
    const int patients = patientsIn(scenario.expected());
    QVERIFY2(report.transactions >= 1, describe(report).constData());
    QCOMPARE(counts.transactions, report.transactions);
    // One Bundle per patient here (fewer than 100 entries each).
    QVERIFY2(report.transactions <= patients, describe(report).constData());
    // Duplicate searches: per patient and time window, not per administration.
    const int administrationSearches = counts.byKind.value(QStringLiteral("GET MedicationAdministration"));
    qInfo("%d requests for %d entries of %d patients: %d Bundles with %d entries, %d administration searches",
          counts.total, int(scenario.expected().size()), patients, counts.transactions, counts.bundleEntries,
          administrationSearches);
    QVERIFY2(administrationSearches < administrationsIn(scenario.expected()) / 4, qPrintable(QString::number(administrationSearches)));
    QVERIFY2(counts.total < int(scenario.expected().size()) / 2, qPrintable(QString::number(counts.total)));

    // A second run files nothing and sends no Bundle.
    gate.resetCounts();
    const sync::ReconcileReport again = fixture.reconcile(device);
    QVERIFY2(again.end == sync::RunEnd::Done, describe(again).constData());
    QCOMPARE(again.uploaded, 0);
    QCOMPARE(again.transactions, 0);
    QCOMPARE(gate.counts().transactions, 0);
}

void TestReconcileTransactions::serverWithoutTransactionsFilesOneByOne()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(4, 43));
    fixture.sim().fhirApi().setTransactions(false);
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({60, true, true}));
    fixture.server().clearFault();

    sim::TransactionGate& gate = fixture.sim().fhirApi().transactionGate();
    gate.resetCounts();
    const sync::ReconcileReport report = fixture.reconcile(device);
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    QCOMPARE(report.transactions, 0);
    QCOMPARE(gate.counts().transactions, 0);
    const QString problems = verifyDevice(fixture, device, 0, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCOMPARE(fixture.lanternAdministrations(), administrationsIn(scenario.expected()));
}

void TestReconcileTransactions::killedMidBundleFilesEveryEntryOnce()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(4, 47));
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({80, false, false}));
    fixture.server().clearFault();

    auto run = [&](QProcess& ctl) {
        ctl.setProcessChannelMode(QProcess::MergedChannels);
        test::endWithThisProcess(ctl);
        ctl.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                  {QStringLiteral("--device"), QStringLiteral("--vault"), device.dir, QStringLiteral("reconcile"),
                   QStringLiteral("run")});
        return ctl.waitForStarted();
    };
    // The first Bundle reaches the server and waits there; the client dies meanwhile.
    sim::TransactionGate& gate = fixture.sim().fhirApi().transactionGate();
    gate.hold();
    QProcess killed;
    QVERIFY(run(killed));
    QVERIFY2(gate.waitUntilHeld(1, 120000), "no Bundle arrived");
    killed.kill(); // SIGKILL, with the Bundle in flight
    QVERIFY(killed.waitForFinished(10000));
    // Now the server carries it out: the entries are in the EHR, the outbox does not know.
    gate.release();
    QTRY_VERIFY2_WITH_TIMEOUT(fixture.lanternAdministrations() > 0, "the held Bundle was not applied", 10000);
    {
        auto vault = fixture.open(device);
        QVERIFY(vault->checkIntegrity().ok());
    }

    QProcess resumed;
    QVERIFY(run(resumed));
    QVERIFY(resumed.waitForFinished(120000));
    const QByteArray output = resumed.readAll();
    QVERIFY2(resumed.exitStatus() == QProcess::NormalExit && resumed.exitCode() == 0, output.constData());
    // The Bundle sent again found what the dead run had filed (200, not 201).
    QVERIFY2(!output.contains("(0 were already in the EHR)"), output.constData());
    const QString problems = verifyDevice(fixture, device, 0, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCOMPARE(fixture.lanternAdministrations(), administrationsIn(scenario.expected()));
}

void TestReconcileTransactions::plainPostIsNeverSentTwice()
{
    // A request on a pooled keep-alive connection that fails before any answer may
    // have been carried out: a plain POST must not be resent (a conditional one may).
    ReconcileFixture fixture;
    QVERIFY(fixture.start(1, 53));
    sync::MirrorConfig config;
    config.baseUrl = QUrl(fixture.baseUrl());
    config.retryAttempts = 3;
    config.retryMaxDelayMs = 50;
    auto client = sync::makeMirrorClient(config, SystemClock::instance(), {});
    QVERIFY(client.ok());
    QVERIFY(client->client->capabilities().ok()); // leaves an idle connection in the pool

    // Every write is carried out, then its connection closes unanswered.
    fixture.server().setFault({sim::FaultMode::Drop});
    const QString uuid = QStringLiteral("5e1c0d7a-2b3f-4a6e-8c9d-0f1e2a3b4c5d");
    const QJsonObject patient = sync::withEntryIdentifier(
        QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("gender"), QStringLiteral("unknown")}},
        uuid);
    auto plain = client->client->create(patient);
    QVERIFY(!plain.ok());
    fixture.server().clearFault();
    QCOMPARE(fixture.identifierHits(QStringLiteral("Patient"), uuid), 1);

    // A conditional create is repeated and finds the one it made.
    QVERIFY(client->client->capabilities().ok());
    fixture.server().setFault({sim::FaultMode::Drop});
    const QString second = QStringLiteral("6f2d1e8b-3c4a-4b7f-9d0e-1a2b3c4d5e6f");
    auto conditional = client->client->create(sync::withEntryIdentifier(patient, second), sync::entryIdentifierQuery(second));
    QVERIFY(!conditional.ok()); // every attempt's answer is lost
    fixture.server().clearFault();
    QCOMPARE(fixture.identifierHits(QStringLiteral("Patient"), second), 1);
}

QTEST_GUILESS_MAIN(TestReconcileTransactions)
#include "test_reconcile_transactions.moc"
