// Crash safety of reconciliation: `lanternctl reconcile run` as a child process
// against the simulator, killed with SIGKILL at random points during the
// upload, then run again until it finishes. Afterwards every entry is in the
// EHR exactly once (or queued with the right reason), each chart has one
// downtime note, and the vault passes PRAGMA integrity_check after every kill.

#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"
#include "TestConfig.h"

#include "vault/OutboxRepository.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace lantern;
using namespace lantern::test;

namespace {

// Exit code, or -1 when killed. killAfterMs counts from the start, or, with
// afterFirstEntry, from the first entry filed (the run's "progress" line).
int reconcileRun(const Device& device, int killAfterMs, QByteArray* output = nullptr, bool afterFirstEntry = false)
{
    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    ctl.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
              {QStringLiteral("--device"), QStringLiteral("--vault"), device.dir, QStringLiteral("reconcile"),
               QStringLiteral("run"), QStringLiteral("--progress")});
    if (!ctl.waitForStarted())
        return -2;
    QByteArray seen;
    if (killAfterMs >= 0 && afterFirstEntry) {
        QElapsedTimer waited;
        waited.start();
        while (!seen.contains("progress ") && ctl.state() == QProcess::Running && waited.elapsed() < 30000) {
            ctl.waitForReadyRead(50);
            seen += ctl.readAll();
        }
    }
    if (killAfterMs >= 0 && !ctl.waitForFinished(killAfterMs)) {
        ctl.kill(); // SIGKILL: no clean-up of any kind
        ctl.waitForFinished(10000);
        return -1;
    }
    ctl.waitForFinished(120000);
    if (output)
        *output = seen + ctl.readAll();
    return ctl.exitStatus() == QProcess::NormalExit ? ctl.exitCode() : -1;
}

} // namespace

class TestReconcileCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedAtRandomPointsFilesEveryEntryOnce();
    void sigtermStopsBetweenEntries();
};

void TestReconcileCrash::killedAtRandomPointsFilesEveryEntryOnce()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(6, 31));
    const QList<Device> devices{fixture.makeDevice(QStringLiteral("reference")), fixture.makeDevice(QStringLiteral("crashed"))};
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, devices);
    QVERIFY(scenario.record({240, true, true}));
    fixture.server().clearFault();

    // How long a clean run takes here (half the entries are the reference device's).
    QElapsedTimer timer;
    timer.start();
    QByteArray output;
    QCOMPARE(reconcileRun(devices.at(0), -1, &output), 4); // conflicts wait
    const int fullMs = int(std::max<qint64>(timer.elapsed(), 300));
    const QString referenceProblems = verifyDevice(fixture, devices.at(0), 0, scenario.expected());
    QVERIFY2(referenceProblems.isEmpty(), qPrintable(referenceProblems));

    // Start-up alone (device key, vault open): `reconcile status` does the same.
    timer.restart();
    QProcess status;
    status.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                 {QStringLiteral("--device"), QStringLiteral("--vault"), devices.at(1).dir, QStringLiteral("reconcile"),
                  QStringLiteral("status")});
    QVERIFY(status.waitForFinished(60000));
    const int startupMs = int(timer.elapsed());
    const int uploadMs = std::max(50, fullMs - startupMs);

    auto* rng = QRandomGenerator::global();
    int killed = 0, finishedRuns = 0, killedMidUpload = 0;
    int pendingBefore = int(scenario.expected().size()) / 2;
    for (int attempt = 0; attempt < 80; ++attempt) {
        // Mostly within the upload (after the first entry is filed, up to a sixteenth of a clean
        // run later: each kill leaves work for the next), every third from the very start.
        const bool early = attempt % 3 == 2;
        const int killAfter = early ? 5 + int(rng->bounded(quint32(startupMs + uploadMs / 8)))
                                    : int(rng->bounded(quint32(std::max(20, uploadMs / 16))));
        const int result = reconcileRun(devices.at(1), killed < 12 ? killAfter : -1, &output, !early);
        auto vault = fixture.open(devices.at(1));
        Status integrity = vault->checkIntegrity();
        QVERIFY2(integrity.ok(), integrity.ok() ? "" : qPrintable(integrity.error().message));
        if (result == -1) {
            ++killed;
            auto pending = vault::OutboxRepository(vault->db()).counts();
            QVERIFY(pending.ok());
            if (pending->pending < pendingBefore && pending->pending > 0)
                ++killedMidUpload;
            pendingBefore = pending->pending;
            continue;
        }
        QVERIFY2(result == 4 || result == 0, output.constData());
        ++finishedRuns;
        break;
    }
    qInfo("%d kills (%d while entries were being filed), clean run %d ms, start-up %d ms", killed, killedMidUpload, fullMs,
          startupMs);
    QVERIFY2(killed >= 10, qPrintable(QStringLiteral("only %1 kills landed").arg(killed)));
    QVERIFY2(killedMidUpload >= 5, qPrintable(QStringLiteral("only %1 kills landed mid-upload").arg(killedMidUpload)));
    QCOMPARE(finishedRuns, 1);
    // And once more: nothing left to do, nothing posted twice.
    QCOMPARE(reconcileRun(devices.at(1), -1, &output), 4);
    QVERIFY2(output.contains("0 filed"), output.constData());
    const QString problems = verifyDevice(fixture, devices.at(1), 1, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestReconcileCrash::sigtermStopsBetweenEntries()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(4, 37));
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({120, false, false}));
    // Slow answers so the run is certainly in the middle when SIGTERM arrives.
    sim::FaultSpec slow{sim::FaultMode::Slow};
    slow.delayMs = 30;
    fixture.server().setFault(slow);

    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    ctl.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
              {QStringLiteral("--device"), QStringLiteral("--vault"), device.dir, QStringLiteral("reconcile"), QStringLiteral("run")});
    QVERIFY(ctl.waitForStarted());
    QTest::qWait(1500);
    ctl.terminate(); // SIGTERM
    QVERIFY(ctl.waitForFinished(20000));
    const QByteArray output = ctl.readAll();
    QCOMPARE(ctl.exitStatus(), QProcess::NormalExit);
    QVERIFY2(ctl.exitCode() == 6, output.constData()); // interrupted
    fixture.server().clearFault();
    QCOMPARE(reconcileRun(device, -1), 0);
    const QString problems = verifyDevice(fixture, device, 0, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // status and report read the same outbox.
    auto lanternctl = [&](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                QStringList{QStringLiteral("--device"), QStringLiteral("--vault"), device.dir, QStringLiteral("reconcile")} + args);
        p.waitForFinished(60000);
        return std::make_pair(p.exitCode(), p.readAllStandardOutput());
    };
    const auto [statusCode, statusText] = lanternctl({QStringLiteral("status")});
    QCOMPARE(statusCode, 0);
    QVERIFY2(statusText.contains(QStringLiteral("uploaded %1").arg(scenario.expected().size()).toUtf8()), statusText.constData());
    QVERIFY2(statusText.contains("no conflicts waiting"), statusText.constData());
    const QString file = fixture.tempPath(QStringLiteral("report.json"));
    QCOMPARE(lanternctl({QStringLiteral("report"), QStringLiteral("--downtime"), device.downtimeId, QStringLiteral("--json"), file}).first, 0);
    QFile report(file);
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(report.readAll()).object();
    QCOMPARE(json.value(QLatin1String("counts")).toObject().value(QLatin1String("uploaded")).toInt(), int(scenario.expected().size()));
}

QTEST_GUILESS_MAIN(TestReconcileCrash)
#include "test_reconcile_crash.moc"
