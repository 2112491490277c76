// EHR health state machine: hysteresis on the way down and up, manual
// declare / end with who and why, downtime ids and times, signals, and the
// heartbeat feeding it from a real (then vanished) server.

#include "FakeHttpServer.h"

#include "sync/fhir/FhirClient.h"
#include "sync/health/EhrHealthMonitor.h"
#include "sync/health/EhrHeartbeat.h"

#include <QSignalSpy>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;
using namespace std::chrono_literals;
using lantern::test::FakeHttpServer;
using lantern::test::FakeResponse;
using lantern::test::RecordedRequest;

class TestHealth : public QObject
{
    Q_OBJECT

private:
    static HealthPolicy policy()
    {
        HealthPolicy p;
        p.failuresForDowntime = 3;
        p.failingForDowntime = 120s;
        p.successesForOnline = 3;
        return p;
    }

    static void fail(EhrHealthMonitor& monitor, int times)
    {
        for (int i = 0; i < times; ++i)
            monitor.recordFailure(QStringLiteral("connection refused by ehr.example:443"));
    }

    static void succeed(EhrHealthMonitor& monitor, int times)
    {
        for (int i = 0; i < times; ++i)
            monitor.recordSuccess();
    }

private Q_SLOTS:
    void startsOnline()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        QCOMPARE(monitor.state(), EhrState::Online);
        QVERIFY(!monitor.currentDowntime());
        QVERIFY(monitor.downtimes().isEmpty());
    }

    void singleFailureOnlyDegrades()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        QSignalSpy changes(&monitor, &EhrHealthMonitor::stateChanged);
        monitor.recordFailure(QStringLiteral("timed out"));
        QCOMPARE(monitor.state(), EhrState::Degraded);
        clock.advanceSecs(3600); // however long nothing else happens
        QCOMPARE(monitor.state(), EhrState::Degraded);
        monitor.recordSuccess();
        QCOMPARE(monitor.state(), EhrState::Online);
        QVERIFY(monitor.downtimes().isEmpty());
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).at(0).value<EhrState>(), EhrState::Degraded);
        QCOMPARE(changes.at(0).at(1).value<EhrState>(), EhrState::Online);
        QCOMPARE(changes.at(1).at(0).value<EhrState>(), EhrState::Online);
    }

    void consecutiveFailuresDeclareDowntime()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        QSignalSpy started(&monitor, &EhrHealthMonitor::downtimeStarted);
        const QDateTime firstFailure = clock.now();
        fail(monitor, 1);
        clock.advanceSecs(30);
        fail(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Degraded);
        clock.advanceSecs(30);
        fail(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Downtime);
        QCOMPARE(started.size(), 1);
        const auto downtime = monitor.currentDowntime();
        QVERIFY(downtime);
        QVERIFY(!downtime->id.isNull());
        QCOMPARE(downtime->start, firstFailure);
        QVERIFY(!downtime->end);
        QVERIFY(!downtime->declaredManually);
        QCOMPARE(downtime->lastError, QStringLiteral("connection refused by ehr.example:443"));
        QCOMPARE(started.at(0).at(0).value<DowntimeRecord>().id, downtime->id);
    }

    void failingLongEnoughDeclaresDowntime()
    {
        ManualClock clock;
        HealthPolicy p = policy();
        p.failuresForDowntime = 10;
        EhrHealthMonitor monitor(clock, p);
        fail(monitor, 1);
        clock.advanceSecs(119);
        fail(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Degraded);
        clock.advanceSecs(1);
        fail(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Downtime);
    }

    void successResetsTheFailureRun()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        fail(monitor, 2);
        succeed(monitor, 1);
        fail(monitor, 2);
        QCOMPARE(monitor.state(), EhrState::Degraded);
        QCOMPARE(monitor.consecutiveFailures(), 2);
    }

    void recoveryNeedsConsecutiveSuccesses()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        QSignalSpy ended(&monitor, &EhrHealthMonitor::downtimeEnded);
        fail(monitor, 3);
        const QUuid id = monitor.currentDowntime()->id;
        clock.advanceSecs(600);
        succeed(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Recovery);
        succeed(monitor, 1);
        fail(monitor, 1); // still flaky: back to the vault, same downtime
        QCOMPARE(monitor.state(), EhrState::Downtime);
        QCOMPARE(monitor.currentDowntime()->id, id);
        succeed(monitor, 2);
        QCOMPARE(monitor.state(), EhrState::Recovery);
        clock.advanceSecs(60);
        const QDateTime backAt = clock.now();
        succeed(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Online);
        QVERIFY(!monitor.currentDowntime());
        QCOMPARE(monitor.downtimes().size(), 1);
        QCOMPARE(monitor.downtimes().constFirst().id, id);
        QCOMPARE(*monitor.downtimes().constFirst().end, backAt);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).at(0).value<DowntimeRecord>().id, id);
    }

    void fullSyncEndsRecovery()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        fail(monitor, 3);
        succeed(monitor, 1);
        QCOMPARE(monitor.state(), EhrState::Recovery);
        monitor.recordFullSyncCompleted();
        QCOMPARE(monitor.state(), EhrState::Online);
        QVERIFY(monitor.downtimes().constFirst().end);
    }

    void everyDowntimeHasItsOwnId()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        fail(monitor, 3);
        succeed(monitor, 3);
        clock.advanceSecs(3600);
        fail(monitor, 3);
        succeed(monitor, 3);
        QCOMPARE(monitor.downtimes().size(), 2);
        QVERIFY(monitor.downtimes().at(0).id != monitor.downtimes().at(1).id);
        QVERIFY(monitor.downtimes().at(0).start < monitor.downtimes().at(1).start);
    }

    void manualDowntimeHoldsUntilEnded()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        QSignalSpy changes(&monitor, &EhrHealthMonitor::stateChanged);
        const QDateTime declaredAt = clock.now();
        auto declared = monitor.declareDowntime(QStringLiteral("it-admin-7"), QStringLiteral("planned EHR upgrade"));
        QVERIFY2(declared.ok(), qPrintable(test::failureText(declared)));
        QCOMPARE(monitor.state(), EhrState::Downtime);
        QVERIFY(declared->declaredManually);
        QCOMPARE(declared->declaredBy, QStringLiteral("it-admin-7"));
        QCOMPARE(declared->declareReason, QStringLiteral("planned EHR upgrade"));
        QCOMPARE(declared->start, declaredAt);

        succeed(monitor, 10); // the heartbeat still answers: the declaration holds
        QCOMPARE(monitor.state(), EhrState::Downtime);
        QCOMPARE(monitor.declareDowntime(QStringLiteral("nurse-2"), QStringLiteral("again")).error().code, ErrorCode::Conflict);

        clock.advanceSecs(7200);
        auto ended = monitor.endDowntime(QStringLiteral("it-admin-8"), QStringLiteral("upgrade finished"));
        QVERIFY2(ended.ok(), qPrintable(test::failureText(ended)));
        QCOMPARE(monitor.state(), EhrState::Recovery);
        QCOMPARE(ended->endedBy, QStringLiteral("it-admin-8"));
        QCOMPARE(ended->id, declared->id);
        monitor.recordFullSyncCompleted();
        QCOMPARE(monitor.state(), EhrState::Online);
        const DowntimeRecord record = monitor.downtimes().constFirst();
        QCOMPARE(*record.end, clock.now());
        QCOMPARE(record.endReason, QStringLiteral("upgrade finished"));
        QCOMPARE(changes.size(), 3); // Downtime, Recovery, Online
    }

    void manualDeclarationTakesOverAnAutomaticDowntime()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        fail(monitor, 3);
        const QUuid id = monitor.currentDowntime()->id;
        auto declared = monitor.declareDowntime(QStringLiteral("it-admin-7"), QStringLiteral("vendor confirmed outage"));
        QVERIFY(declared.ok());
        QCOMPARE(declared->id, id);
        succeed(monitor, 5);
        QCOMPARE(monitor.state(), EhrState::Downtime);
        QVERIFY(monitor.endDowntime(QStringLiteral("it-admin-7"), QStringLiteral("vendor all clear")).ok());
        succeed(monitor, 3);
        QCOMPARE(monitor.state(), EhrState::Online);
        QCOMPARE(monitor.downtimes().size(), 1);
    }

    void declareAndEndNeedWhoAndWhy()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        QCOMPARE(monitor.declareDowntime(QString(), QStringLiteral("reason")).error().code, ErrorCode::InvalidInput);
        QCOMPARE(monitor.declareDowntime(QStringLiteral("it-admin"), QStringLiteral("  ")).error().code, ErrorCode::InvalidInput);
        QCOMPARE(monitor.endDowntime(QStringLiteral("it-admin"), QStringLiteral("reason")).error().code, ErrorCode::Conflict);
        QCOMPARE(monitor.state(), EhrState::Online);
    }

    void heartbeatDrivesMonitor()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        bool up = true;
        EhrHeartbeat heartbeat([&up] { return up ? Status() : Status(Error(ErrorCode::Network, QStringLiteral("refused"))); }, 10ms);
        heartbeat.connectToMonitor(monitor);
        QSignalSpy beats(&heartbeat, &EhrHeartbeat::beat);

        heartbeat.beatNow();
        QCOMPARE(monitor.state(), EhrState::Online);
        QVERIFY(monitor.lastSuccess());
        up = false;
        heartbeat.start(); // beats at once, then on the timer
        QCOMPARE(monitor.state(), EhrState::Degraded);
        QTRY_COMPARE(monitor.state(), EhrState::Downtime);
        heartbeat.stop();
        QVERIFY(beats.size() >= 4);
        QCOMPARE(monitor.lastError(), QStringLiteral("refused"));
    }

    void heartbeatPingsTheEhr()
    {
        ManualClock clock;
        EhrHealthMonitor monitor(clock, policy());
        auto server = std::make_unique<FakeHttpServer>([](const RecordedRequest&) {
            return FakeResponse::json(200, QByteArrayLiteral("{\"resourceType\":\"CapabilityStatement\"}"));
        });
        auto transport = makeHttpTransport({});
        QVERIFY(transport.ok());
        FhirClientConfig config;
        config.baseUrl = server->url(QStringLiteral("/fhir"));
        FhirClient fhir(config, transport.value(), {}, clock, [](std::chrono::milliseconds) { return true; });
        EhrHeartbeat heartbeat(EhrHeartbeat::fhirProbe(fhir), 1min);
        heartbeat.connectToMonitor(monitor);

        heartbeat.beatNow();
        QCOMPARE(monitor.state(), EhrState::Online);
        QCOMPARE(server->requests().constFirst().path(), QStringLiteral("/fhir/metadata"));

        server.reset(); // the EHR vanishes
        heartbeat.beatNow();
        QCOMPARE(monitor.state(), EhrState::Degraded);
        QVERIFY2(monitor.lastError().contains(QLatin1String("refused")), qPrintable(monitor.lastError()));
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "test_health.moc"
