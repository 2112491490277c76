// Crash safety of reconciliation: `lanternctl reconcile run` as a child process
// against the simulator, killed with SIGKILL at random points during the
// upload, then run again until it finishes. Afterwards every entry is in the
// EHR exactly once (or queued with the right reason), each chart has one
// downtime note, and the vault passes PRAGMA integrity_check after every kill.

#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"
#include "TestConfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include "ChildProcess.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace lantern;
using namespace lantern::test;

namespace {

// Where a run is killed: after a delay from its start (start-up, vault open),
// or once it reports a given share of its entries filed. Counting entries
// rather than milliseconds keeps the kills inside the upload however fast or
// slow the machine is.
struct KillPoint
{
    int afterMs = -1;         // from the start; -1: not by time
    double afterShare = -1.0; // of the run's entries filed, in (0, 1); -1: not by progress
};

struct RunResult
{
    int exitCode = 0;     // -1 when killed
    int lastDone = 0;     // the last "progress DONE/TOTAL" seen
    int total = 0;
    QByteArray output;
};

// Reads "progress DONE/TOTAL" lines as they come; returns false at the end of the output.
bool readProgress(QProcess& ctl, QByteArray& seen, RunResult& result)
{
    if (!ctl.waitForReadyRead(50) && ctl.state() != QProcess::Running)
        return false;
    seen += ctl.readAll();
    qsizetype newline;
    while ((newline = seen.indexOf('\n')) >= 0) {
        const QByteArray line = seen.left(newline).trimmed();
        result.output += seen.left(newline + 1);
        seen.remove(0, newline + 1);
        if (!line.startsWith("progress "))
            continue;
        const QList<QByteArray> parts = line.mid(9).split('/');
        if (parts.size() == 2) {
            result.lastDone = parts.at(0).toInt();
            result.total = parts.at(1).toInt();
        }
    }
    return true;
}

RunResult reconcileRun(const Device& device, KillPoint kill = {})
{
    RunResult result;
    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    test::endWithThisProcess(ctl);
    ctl.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
              {QStringLiteral("--device"), QStringLiteral("--vault"), device.dir, QStringLiteral("reconcile"),
               QStringLiteral("run"), QStringLiteral("--progress")});
    if (!ctl.waitForStarted()) {
        result.exitCode = -2;
        return result;
    }
    QByteArray seen;
    QElapsedTimer waited;
    waited.start();
    bool killNow = false;
    while (!killNow && waited.elapsed() < 120000) {
        if (kill.afterMs >= 0 && waited.elapsed() >= kill.afterMs)
            killNow = true;
        else if (kill.afterShare > 0 && result.total > 0 && result.lastDone < result.total &&
                 result.lastDone >= std::max(1, int(kill.afterShare * result.total)))
            killNow = true;
        else if (!readProgress(ctl, seen, result))
            break;
    }
    if (killNow && ctl.state() == QProcess::Running) {
        ctl.kill(); // SIGKILL: no clean-up of any kind
        ctl.waitForFinished(10000);
        result.exitCode = -1;
        return result;
    }
    ctl.waitForFinished(120000);
    result.output += seen + ctl.readAll();
    result.exitCode = ctl.exitStatus() == QProcess::NormalExit ? ctl.exitCode() : -1;
    return result;
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
    // Entries go up in one Bundle per patient: enough patients that a dozen kills land
    // between and inside Bundles before the run can finish.
    ReconcileFixture fixture;
    QVERIFY(fixture.start(16, 31));
    const QList<Device> devices{fixture.makeDevice(QStringLiteral("reference")), fixture.makeDevice(QStringLiteral("crashed"))};
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, devices);
    QVERIFY(scenario.record({240, true, true}));
    fixture.server().clearFault();

    const RunResult reference = reconcileRun(devices.at(0));
    QVERIFY2(reference.exitCode == 4, reference.output.constData()); // conflicts wait
    const QString referenceProblems = verifyDevice(fixture, devices.at(0), 0, scenario.expected());
    QVERIFY2(referenceProblems.isEmpty(), qPrintable(referenceProblems));

    // Pace the EHR's answers so the upload lasts long enough for this process to see the
    // progress lines and kill at the chosen point even on a loaded machine. Entries go up
    // in one Bundle per patient, a few dozen requests per run: each answer waits longer.
    sim::FaultSpec paced{sim::FaultMode::Slow};
    paced.delayMs = 250;
    fixture.server().setFault(paced);
    auto* rng = QRandomGenerator::global();
    int killed = 0, killedMidUpload = 0, finishedRuns = 0;
    for (int attempt = 0; attempt < 80; ++attempt) {
        // Mostly somewhere inside the upload (by the share of entries filed), every third
        // within the first moments, while the vault opens and the run starts.
        KillPoint kill;
        if (killed < 12) {
            if (attempt % 3 == 2)
                kill.afterMs = 5 + int(rng->bounded(60u));
            else
                kill.afterShare = 0.05 + 0.3 * rng->generateDouble(); // early: Bundles file many at once
        }
        const RunResult run = reconcileRun(devices.at(1), kill);
        auto vault = fixture.open(devices.at(1));
        Status integrity = vault->checkIntegrity();
        QVERIFY2(integrity.ok(), integrity.ok() ? "" : qPrintable(integrity.error().message));
        if (run.exitCode == -1) {
            ++killed;
            if (run.lastDone > 0 && run.lastDone < run.total)
                ++killedMidUpload;
            continue;
        }
        QVERIFY2(run.exitCode == 4 || run.exitCode == 0, run.output.constData());
        ++finishedRuns;
        break;
    }
    qInfo("%d kills, %d of them while entries were being filed", killed, killedMidUpload);
    QVERIFY2(killed >= 10, qPrintable(QStringLiteral("only %1 kills landed").arg(killed)));
    QVERIFY2(killedMidUpload >= 5, qPrintable(QStringLiteral("only %1 kills landed mid-upload").arg(killedMidUpload)));
    QCOMPARE(finishedRuns, 1);
    fixture.server().clearFault();
    // And once more: nothing left to do, nothing posted twice.
    const RunResult again = reconcileRun(devices.at(1));
    QCOMPARE(again.exitCode, 4);
    QVERIFY2(again.output.contains("0 filed"), again.output.constData());
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
    // Slow answers so the run is certainly in the middle when SIGTERM arrives (a few
    // dozen requests per run now that entries go up in Bundles).
    sim::FaultSpec slow{sim::FaultMode::Slow};
    slow.delayMs = 300;
    fixture.server().setFault(slow);

    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    test::endWithThisProcess(ctl);
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
    QCOMPARE(reconcileRun(device).exitCode, 0);
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
