// Each resource crosses the wire once (issue 11), counted on the simulator's
// wire (WireStats), not timed: after the initial load every resource body the
// simulator served was written exactly once (written + unchanged == served,
// unchanged == 0); a quiet cycle transfers no resource body; steady state asks
// the census and one walk of the server's history (history-system), or at most
// one request per mirrored type for the whole ward where the server has no
// history; a change crosses once. The server runs on a manual clock, so "quiet" is exact: no resource
// was stamped within the overlap of a cursor.

#include "MirrorTestSupport.h"
#include "TestSupport.h"

#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorWriter.h"
#include "sync/mirror/ScopeResolver.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

class TestMirrorOnce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void eachResourceCrossesOnce_data();
    void eachResourceCrossesOnce();
    void manyWardsOneCensusSearch();
    void encounterWardByLocation();

private:
    sim::WireCounts cycle(MirrorEngine& engine, MirrorCycleReport& report);
    void verifyVaultMatches();

    ManualClock m_serverClock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_vaultPath;
};

void TestMirrorOnce::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vaultPath = m_dir->filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
}

void TestMirrorOnce::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

// One cycle; what crossed the wire during it.
sim::WireCounts TestMirrorOnce::cycle(MirrorEngine& engine, MirrorCycleReport& report)
{
    m_server->simulator().wire().reset();
    auto result = engine.runCycle();
    if (!result.ok())
        qWarning("cycle failed: %s", qPrintable(result.error().message));
    report = result.ok() ? *result : MirrorCycleReport{};
    report.serverTime = result.ok() ? report.serverTime : QDateTime();
    return m_server->simulator().wire().snapshot();
}

void TestMirrorOnce::verifyVaultMatches()
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    QVERIFY(vault.ok());
    const QSet<QString> patients = test::patientsOnWards(m_server->simulator(), {QStringLiteral("ward-1")});
    const test::VersionMap expected = test::expectedFromSimulator(m_server->simulator(), patients);
    const test::VersionMap actual = test::actualFromVault(**vault);
    QVERIFY(!expected.isEmpty());
    QVERIFY2(expected == actual, qPrintable(test::describeDifference(expected, actual)));
}

void TestMirrorOnce::eachResourceCrossesOnce_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<bool>("typeHistory");
    QTest::newRow("history, inline codes") << QStringLiteral("inline") << true;
    // Orders and administrations reference Medications: each is read once by _id, never _include'd per page.
    QTest::newRow("history, referenced Medications") << QStringLiteral("mixed") << true;
    QTest::newRow("no _history (searches by _lastUpdated)") << QStringLiteral("inline") << false;
}

void TestMirrorOnce::eachResourceCrossesOnce()
{
    QFETCH(QString, shape);
    QFETCH(bool, typeHistory);
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = 6;
    options.generator.seed = 11;
    auto parsedShape = sim::parseMedicationShape(shape);
    QVERIFY(parsedShape.ok());
    options.generator.medicationShape = *parsedShape;
    options.typeHistory = typeHistory;
    m_server = std::make_unique<sim::SimServer>(options, m_serverClock);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    m_serverClock.advanceSecs(60); // the generated data is a minute old when the device first asks

    MirrorConfig config;
    config.baseUrl = QUrl(m_server->baseUrl());
    config.scope.wardLocationIds = {QStringLiteral("ward-1")};
    config.retryAttempts = 1;
    const QString path = m_vaultPath;
    MirrorEngine engine(config, [path] { return vault::Vault::open(path, test::fixedKey()); });

    // 1. The initial load: every body served is written once.
    MirrorCycleReport report;
    sim::WireCounts wire = cycle(engine, report);
    QVERIFY(report.serverTime.isValid());
    QVERIFY(report.patientsLoaded > 0);
    qInfo("initial load: %lld requests, %lld bytes, %lld resources served, %lld written, %lld unchanged",
          wire.requests, wire.responseBytes, wire.resourcesServedTotal(), report.written, report.unchanged);
    QCOMPARE(report.unchanged, qint64(0));
    QCOMPARE(report.written + report.unchanged + report.skipped, wire.resourcesServedTotal());
    verifyVaultMatches();

    // 2. A quiet cycle: no resource body crosses the wire; at most one request per mirrored type.
    const qint64 mirroredTypes = ScopeFilter::mirroredTypes().size();
    m_serverClock.advanceSecs(60);
    wire = cycle(engine, report);
    QVERIFY(report.serverTime.isValid());
    qInfo("quiet cycle: %lld requests, %lld bytes", wire.requests, wire.responseBytes);
    QCOMPARE(wire.resourcesServedTotal(), qint64(0));
    QCOMPARE(report.written, qint64(0));
    // Besides the ward's census (one search): with the server's history (the simulator lists
    // history-system) one walk of /_history for every type; without it at most one request per
    // mirrored type for the whole ward, Observation being two searches (vital signs, pregnancy status).
    const qint64 censusRequests = 1;
    if (typeHistory)
        QCOMPARE(wire.requests, censusRequests + 1);
    else
        QVERIFY2(wire.requests - censusRequests <= mirroredTypes + 1,
                 qPrintable(QStringLiteral("%1 requests for %2 mirrored types").arg(wire.requests).arg(mirroredTypes)));

    // 3. A change crosses once.
    const QSet<QString> patients = test::patientsOnWards(m_server->simulator(), {QStringLiteral("ward-1")});
    const QStringList orders =
        m_server->simulator().actions().ordersOf(QStringLiteral("Patient/") + *patients.constBegin());
    QVERIFY(!orders.isEmpty());
    m_serverClock.advanceSecs(5);
    QVERIFY(m_server->simulator().actions().changeDose(orders.first(), 4.5).ok());
    m_serverClock.advanceSecs(30);
    wire = cycle(engine, report);
    QVERIFY(report.serverTime.isValid());
    QCOMPARE(report.written, qint64(1));
    QCOMPARE(report.unchanged, qint64(0));
    QCOMPARE(wire.resourcesServedTotal(), qint64(1));
    verifyVaultMatches();

    // 4. And not again in the next cycle, though it lies within the overlap of none.
    m_serverClock.advanceSecs(60);
    wire = cycle(engine, report);
    QCOMPARE(wire.resourcesServedTotal(), qint64(0));
}

// A hospital-wide device asks for the census of all its wards in one search
// per cycle, and still knows which ward each patient lies on.
void TestMirrorOnce::manyWardsOneCensusSearch()
{
    sim::SimulatorOptions options;
    options.generator.wards = 5;
    options.generator.patientsPerWard = 3;
    options.generator.seed = 23;
    m_server = std::make_unique<sim::SimServer>(options, m_serverClock);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    m_serverClock.advanceSecs(60);

    const QStringList wards = {QStringLiteral("ward-3"), QStringLiteral("ward-1"), QStringLiteral("ward-5"),
                               QStringLiteral("ward-2"), QStringLiteral("ward-4")};
    MirrorConfig config;
    config.baseUrl = QUrl(m_server->baseUrl());
    config.scope.wardLocationIds = wards;
    config.retryAttempts = 1;
    const QString path = m_vaultPath;
    MirrorEngine engine(config, [path] { return vault::Vault::open(path, test::fixedKey()); });
    MirrorCycleReport report;
    cycle(engine, report);
    QVERIFY(report.serverTime.isValid());

    // Each patient on the ward the EHR has them on.
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    QVERIFY(vault.ok());
    auto members = vault::MirrorRepository((*vault)->db()).scope();
    QVERIFY(members.ok());
    qint64 placed = 0;
    for (const QString& ward : wards) {
        const QSet<QString> onWard = test::patientsOnWards(m_server->simulator(), {ward});
        QVERIFY(!onWard.isEmpty());
        for (const vault::ScopeMember& m : std::as_const(*members))
            if (m.ward == ward) {
                QVERIFY2(onWard.contains(m.patientId), qPrintable(m.patientId + QStringLiteral(" not on ") + ward));
                ++placed;
            }
    }
    QCOMPARE(placed, qint64(members->size()));
    QCOMPARE(placed, qint64(test::patientsOnWards(m_server->simulator(), wards).size()));

    // A quiet cycle: one census search for five wards, then one walk of the server's history for every type.
    m_serverClock.advanceSecs(60);
    const sim::WireCounts wire = cycle(engine, report);
    QVERIFY(report.serverTime.isValid());
    QCOMPARE(wire.requests, qint64(2));
    QCOMPARE(wire.resourcesServedTotal(), qint64(0));
}

// Which configured ward an Encounter lies on, from its location list.
void TestMirrorOnce::encounterWardByLocation()
{
    auto encounter = [](const QStringList& references) {
        QJsonArray locations;
        for (const QString& r : references)
            locations.append(QJsonObject{{QStringLiteral("location"), QJsonObject{{QStringLiteral("reference"), r}}}});
        return QJsonObject{{QStringLiteral("location"), locations}};
    };
    const QStringList wards = {QStringLiteral("icu"), QStringLiteral("w2")};
    QCOMPARE(ScopeResolver::wardOfEncounter(encounter({QStringLiteral("Location/w2")}), wards), QStringLiteral("w2"));
    // A bed and the ward: the ward.
    QCOMPARE(ScopeResolver::wardOfEncounter(encounter({QStringLiteral("Location/bed-7"), QStringLiteral("Location/w2")}), wards),
             QStringLiteral("w2"));
    // Absolute references and versioned ones.
    QCOMPARE(ScopeResolver::wardOfEncounter(encounter({QStringLiteral("https://ehr.example/fhir/Location/icu/_history/3")}), wards),
             QStringLiteral("icu"));
    // Transferred between two of the device's wards: the first configured, as the per-ward searches did.
    QCOMPARE(ScopeResolver::wardOfEncounter(encounter({QStringLiteral("Location/w2"), QStringLiteral("Location/icu")}), wards),
             QStringLiteral("icu"));
    // Only a bed, or nothing: not placed (the resolver then asks ward by ward).
    QVERIFY(ScopeResolver::wardOfEncounter(encounter({QStringLiteral("Location/bed-7")}), wards).isEmpty());
    QVERIFY(ScopeResolver::wardOfEncounter(QJsonObject(), wards).isEmpty());
}

QTEST_GUILESS_MAIN(TestMirrorOnce)
#include "test_mirror_once.moc"
