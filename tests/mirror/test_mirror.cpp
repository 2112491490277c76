// The mirror engine against the real simulator over real HTTP, into a real
// vault: initial load, incremental catch-up, deletions, purge after the grace
// period, a skewed client clock, EHR faults, malformed resources, the lock.

#include "MirrorTestSupport.h"
#include "TestSupport.h"

#include "core/audit/AuditLog.h"
#include "sync/health/EhrHealthMonitor.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lantern;
using namespace lantern::sync;
using lantern::test::VersionMap;

namespace {

const QStringList kWards = {QStringLiteral("ward-1"), QStringLiteral("ward-2")};

} // namespace

class TestMirror : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void initialMirrorMatchesSimulator();
    void incrementalCatchesUp();
    void deletionsAndEnteredInErrorPropagate();
    void dischargedPatientPurgedAfterGrace();
    void skewedClientClockChangesNothing();
    void faultsDegradeThenDowntimeWithoutLoss_data();
    void faultsDegradeThenDowntimeWithoutLoss();
    void malformedResourceSkippedRestLands();
    void groupScopeUsesBulkExport();
    void secondWorkerRefused();
    void startAndStopInWorkerThread();

private:
    std::unique_ptr<MirrorEngine> makeEngine(const Clock& clock, MirrorConfig config = {});
    MirrorConfig baseConfig() const;
    std::unique_ptr<vault::Vault> openVault() const;
    void verifyVaultMatches(const QSet<QString>& patients);
    // What a follower (the desktop) reads to know that new data arrived.
    qint64 storedDataGeneration();
    QSet<QString> inScope() { return test::patientsOnWards(m_server->simulator(), kWards); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_vaultPath;
};

MirrorConfig TestMirror::baseConfig() const
{
    MirrorConfig c;
    c.baseUrl = QUrl(m_server->baseUrl());
    c.scope.wardLocationIds = kWards;
    c.retryAttempts = 1;
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 2000;
    c.retryMaxDelayMs = 200;
    return c;
}

std::unique_ptr<vault::Vault> TestMirror::openVault() const
{
    auto v = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!v.ok())
        qFatal("cannot open the test vault: %s", qPrintable(v.error().message));
    return std::move(*v);
}

std::unique_ptr<MirrorEngine> TestMirror::makeEngine(const Clock& clock, MirrorConfig config)
{
    if (config.baseUrl.isEmpty())
        config = baseConfig();
    const QString path = m_vaultPath;
    return std::make_unique<MirrorEngine>(config, [path] { return vault::Vault::open(path, test::fixedKey()); }, clock);
}

void TestMirror::verifyVaultMatches(const QSet<QString>& patients)
{
    auto vault = openVault();
    const VersionMap expected = test::expectedFromSimulator(m_server->simulator(), patients);
    const VersionMap actual = test::actualFromVault(*vault);
    QVERIFY2(!expected.isEmpty(), "the simulator holds nothing for these patients");
    QVERIFY2(expected == actual, qPrintable(test::describeDifference(expected, actual)));
}

qint64 TestMirror::storedDataGeneration()
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!vault.ok())
        return -1;
    auto status = loadMirrorStatus(**vault);
    return status.ok() ? status->dataGeneration : -1;
}

void TestMirror::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vaultPath = m_dir->filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
    sim::SimulatorOptions options;
    options.generator.wards = 3;
    options.generator.patientsPerWard = 4;
    options.generator.seed = 7;
    m_server = std::make_unique<sim::SimServer>(options);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
}

void TestMirror::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestMirror::initialMirrorMatchesSimulator()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsLoaded, qint64(8));
    verifyVaultMatches(inScope());

    const MirrorStatus status = engine->status();
    QCOMPARE(status.patientsInScope, qint64(8));
    QCOMPARE(status.dataAsOfByWard.size(), 2);
    QVERIFY(status.dataAsOf.isValid());
    QCOMPARE(status.state, EhrState::Online);

    // A second cycle with nothing new rewrites nothing.
    auto again = engine->runCycle();
    QVERIFY(again.ok());
    QCOMPARE(again->written, qint64(0));
    QCOMPARE(again->removed, qint64(0));
    QCOMPARE(storedDataGeneration(), qint64(1)); // the quiet cycle does not make screens re-read
}

void TestMirror::incrementalCatchesUp()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());
    QSet<QString> known = inScope();

    sim::Simulator& sim = m_server->simulator();
    const QString patient = *known.constBegin();
    const QStringList orders = sim.actions().ordersOf(QStringLiteral("Patient/") + patient);
    QVERIFY(orders.size() >= 2);
    QVERIFY(sim.actions().discontinue(orders.at(0)).ok());
    QVERIFY(sim.actions().changeDose(orders.at(1), 7.5).ok());
    QVERIFY(sim.actions().administer(orders.at(1)).ok());
    QVERIFY(sim.actions().admit(QStringLiteral("ward-1")).ok());
    const QString leaving = *(++known.constBegin());
    QVERIFY(sim.actions().discharge(QStringLiteral("Patient/") + leaving).ok());
    sim.changes().tick(40);

    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QVERIFY(report->written > 0);
    QCOMPARE(storedDataGeneration(), qint64(2));
    known.unite(inScope()); // discharged patients stay until the grace period ends
    verifyVaultMatches(known);
}

void TestMirror::deletionsAndEnteredInErrorPropagate()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());
    sim::Simulator& sim = m_server->simulator();
    const QString patient = *inScope().constBegin();
    const QStringList orders = sim.actions().ordersOf(QStringLiteral("Patient/") + patient);
    QVERIFY(orders.size() >= 2);
    QVERIFY(sim.store().remove(QStringLiteral("MedicationRequest"), orders.at(0)).ok());
    QVERIFY(sim.actions().discontinue(orders.at(1), QStringLiteral("entered-in-error")).ok());
    {
        auto vault = openVault();
        QVERIFY(test::actualFromVault(*vault).contains(QStringLiteral("MedicationRequest/") + orders.at(0)));
    }
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->removed, qint64(2));
    auto vault = openVault();
    const VersionMap actual = test::actualFromVault(*vault);
    QVERIFY(!actual.contains(QStringLiteral("MedicationRequest/") + orders.at(0)));
    QVERIFY(!actual.contains(QStringLiteral("MedicationRequest/") + orders.at(1)));
    verifyVaultMatches(inScope());
}

void TestMirror::dischargedPatientPurgedAfterGrace()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());
    const QSet<QString> before = inScope();
    const QString leaving = *before.constBegin();
    QVERIFY(m_server->simulator().actions().discharge(QStringLiteral("Patient/") + leaving).ok());

    QVERIFY(engine->runCycle().ok());
    verifyVaultMatches(before); // still there: inside the grace period
    QCOMPARE(engine->status().patientsInScope, qint64(before.size() - 1));

    clock.advanceSecs(23 * 3600);
    QVERIFY(engine->runCycle().ok());
    verifyVaultMatches(before);

    clock.advanceSecs(2 * 3600);
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(1));
    QSet<QString> remaining = before;
    remaining.remove(leaving);
    verifyVaultMatches(remaining);

    auto vault = openVault();
    QVERIFY(!vault::ResourceRepository(vault->db()).patient(leaving)->has_value());
    audit::AuditLog log(*vault, clock);
    auto head = log.head();
    QVERIFY(head.ok() && head->has_value());
    QCOMPARE((*head)->action, audit::actionName(audit::AuditAction::Purge));
    QCOMPARE((*head)->actor, QStringLiteral("system"));
    QCOMPARE((*head)->patientId, leaving);
}

void TestMirror::skewedClientClockChangesNothing()
{
    for (int skew : {3600, -3600}) {
        ManualClock clock(QDateTime::currentDateTimeUtc().addSecs(skew));
        cleanup();
        init();
        auto engine = makeEngine(clock);
        QVERIFY(engine->runCycle().ok());
        QSet<QString> known = inScope();
        m_server->simulator().changes().tick(30);
        QVERIFY(engine->runCycle().ok());
        known.unite(inScope());
        verifyVaultMatches(known);
        auto vault = openVault();
        vault::MirrorRepository mirror(vault->db());
        auto cursor = mirror.cursor(QStringLiteral("history:MedicationRequest"));
        QVERIFY(cursor.ok() && cursor->has_value());
        // The cursor is the server's time, not the skewed device's.
        QVERIFY(qAbs((*cursor)->secsTo(QDateTime::currentDateTimeUtc())) < 600);
    }
}

void TestMirror::faultsDegradeThenDowntimeWithoutLoss_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("down") << int(sim::FaultMode::Down);
    QTest::newRow("refuse") << int(sim::FaultMode::Refuse);
    QTest::newRow("503") << int(sim::FaultMode::Http503);
    QTest::newRow("429") << int(sim::FaultMode::Http429);
    QTest::newRow("truncated") << int(sim::FaultMode::Truncated);
    QTest::newRow("malformed") << int(sim::FaultMode::Malformed);
    QTest::newRow("timeout") << int(sim::FaultMode::Timeout);
}

void TestMirror::faultsDegradeThenDowntimeWithoutLoss()
{
    QFETCH(int, mode);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    MirrorConfig config = baseConfig();
    config.readTimeoutMs = 500;
    auto engine = makeEngine(clock, config);
    QVERIFY(engine->runCycle().ok());
    const QDateTime asOf = engine->status().dataAsOf;
    QSet<QString> known = inScope();
    m_server->simulator().changes().tick(20);
    VersionMap before;
    {
        auto vault = openVault();
        before = test::actualFromVault(*vault);
    }

    sim::FaultSpec fault;
    fault.mode = sim::FaultMode(mode);
    fault.retryAfterSeconds = 1;
    m_server->setFault(fault);
    for (int i = 1; i <= 3; ++i) {
        auto failed = engine->runCycle();
        QVERIFY(!failed.ok());
        QVERIFY(!engine->status().lastError.isEmpty());
        QCOMPARE(engine->health().state(), i < 3 ? EhrState::Degraded : EhrState::Downtime);
        clock.advanceSecs(10);
    }
    QCOMPARE(engine->status().dataAsOf, asOf); // a failed cycle never advances data-as-of
    {
        auto vault = openVault();
        QVERIFY(test::actualFromVault(*vault) == before);
    }
    m_server->clearFault();

    auto recovered = engine->runCycle();
    QVERIFY2(recovered.ok(), recovered.ok() ? "" : qPrintable(recovered.error().message));
    QCOMPARE(engine->health().state(), EhrState::Online);
    QVERIFY(engine->status().lastError.isEmpty());
    QVERIFY(engine->status().dataAsOf >= asOf);
    known.unite(inScope());
    verifyVaultMatches(known);
}

void TestMirror::malformedResourceSkippedRestLands()
{
    sim::Simulator& sim = m_server->simulator();
    const QString patient = *inScope().constBegin();
    QJsonObject flag{{QStringLiteral("resourceType"), QStringLiteral("Flag")},
                     {QStringLiteral("id"), QStringLiteral("bad-flag")},
                     {QStringLiteral("status"), 42},
                     {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patient)}}}};
    QVERIFY(sim.store().put(flag).ok());

    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QSignalSpy errors(engine.get(), &MirrorEngine::errorOccurred);
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QVERIFY(report->skipped >= 1); // seen by the initial pull and again by the history walk
    QVERIFY(report->problems.constFirst().message.contains(QStringLiteral("Flag/bad-flag")));
    QVERIFY(!errors.isEmpty());
    VersionMap expected = test::expectedFromSimulator(sim, inScope());
    expected.remove(QStringLiteral("Flag/bad-flag"));
    auto vault = openVault();
    const VersionMap actual = test::actualFromVault(*vault);
    QVERIFY2(expected == actual, qPrintable(test::describeDifference(expected, actual)));
}

void TestMirror::groupScopeUsesBulkExport()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    MirrorConfig config = baseConfig();
    config.scope = {};
    config.scope.groupId = QStringLiteral("ward-2");
    auto engine = makeEngine(clock, config);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QVERIFY(report->usedBulkExport);
    verifyVaultMatches(test::patientsOnWards(m_server->simulator(), {QStringLiteral("ward-2")}));
    m_server->simulator().changes().tick(20);
    QVERIFY(engine->runCycle().ok());
}

void TestMirror::secondWorkerRefused()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto first = makeEngine(clock);
    QVERIFY(first->runCycle().ok());
    auto second = makeEngine(clock);
    auto refused = second->runCycle();
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY(refused.error().message.contains(QStringLiteral("mirror.lock")));
    first.reset(); // the lock goes with the first worker
    QVERIFY(makeEngine(clock)->runCycle().ok());
}

void TestMirror::startAndStopInWorkerThread()
{
    QThread thread;
    auto engine = makeEngine(SystemClock::instance());
    engine->moveToThread(&thread);
    QSignalSpy finished(engine.get(), &MirrorEngine::cycleFinished);
    QSignalSpy stopped(engine.get(), &MirrorEngine::stopped);
    thread.start();
    QMetaObject::invokeMethod(engine.get(), &MirrorEngine::start, Qt::QueuedConnection);
    QVERIFY(finished.wait(30000));
    engine->requestStop();
    QMetaObject::invokeMethod(engine.get(), &MirrorEngine::stop, Qt::QueuedConnection);
    QVERIFY(stopped.wait(30000));
    QMetaObject::invokeMethod(engine.get(), [&] { engine->moveToThread(QCoreApplication::instance()->thread()); },
                              Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    verifyVaultMatches(inScope());
}

QTEST_GUILESS_MAIN(TestMirror)
#include "test_mirror.moc"
