// Crash harness, scenario "upload": `lanternctl reconcile run` as a child
// process against the simulator, killed with SIGKILL at random points during
// the upload, then run again until it finishes; when a downtime's upload has
// finished before enough kills landed, a new device records a new downtime and
// the kills go on. After every kill the vault opens (device.key, the nurse's
// passphrase), integrity_check and the audit chain are ok; after each final
// clean run every entry is in the EHR exactly once (or queued with the right
// reason) and each chart has one downtime note. Also: SIGTERM stops a run
// between entries (exit 6) and the next run finishes it.

#include "CrashHarness.h"
#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"
#include "TestConfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include "ChildProcess.h"

#include <QProcess>
#include <QTest>

#include <cstdio>
#include <optional>

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

class TestCrashUpload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedAtRandomPointsFilesEveryEntryOnce();
    void sigtermStopsBetweenEntries();
};

void TestCrashUpload::killedAtRandomPointsFilesEveryEntryOnce()
{
    // Pace the EHR's answers so the upload lasts long enough for this process to see the
    // progress lines and kill at the chosen point even on a loaded machine.
    sim::FaultSpec paced{sim::FaultMode::Slow};
    paced.delayMs = 200;
    crash::CrashPlan plan(QStringLiteral("upload"));
    int killedMidUpload = 0, rounds = 0;
    while (!plan.done() && rounds < 2 + plan.killsWanted() / 4) {
        // Each round is a downtime of its own on a fresh EHR; the first also has a
        // device whose upload is never killed, to compare with.
        ++rounds;
        const bool withReference = rounds == 1;
        ReconcileFixture fixture;
        QVERIFY(fixture.start(8, 30 + quint64(rounds)));
        QList<Device> devices;
        if (withReference)
            devices.append(fixture.makeDevice(QStringLiteral("reference")));
        devices.append(fixture.makeDevice(QStringLiteral("crashed")));
        const int crashedIndex = int(devices.size()) - 1;
        const Device crashed = devices.at(crashedIndex);
        fixture.server().setFault({sim::FaultMode::Down});
        DowntimeScenario scenario(fixture, devices);
        QVERIFY(scenario.record({120, true, true}));
        fixture.server().clearFault();
        if (withReference) {
            const RunResult reference = reconcileRun(devices.at(0));
            QVERIFY2(reference.exitCode == 4, reference.output.constData()); // conflicts wait
            const QString referenceProblems = verifyDevice(fixture, devices.at(0), 0, scenario.expected());
            QVERIFY2(referenceProblems.isEmpty(), qPrintable(referenceProblems));
        }

        fixture.server().setFault(paced);
        int finishedRuns = 0;
        for (int attempt = 0; attempt < 80 && finishedRuns == 0; ++attempt) {
            // Mostly somewhere inside the upload (by the share of entries filed), every third
            // within the first moments, while the vault opens and the run starts.
            KillPoint kill;
            if (!plan.done()) {
                if (attempt % 3 == 2)
                    kill.afterMs = 5 + plan.delayMs(60);
                else
                    kill.afterShare = 0.05 + 0.3 * plan.share(); // early: Bundles file many at once
            }
            const RunResult run = reconcileRun(crashed, kill);
            const QString problem = crash::checkVault(crashed.dir, kNurse, {kPassphrase});
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after kill %1: %2").arg(plan.kills()).arg(problem)));
            if (run.exitCode == -1) {
                plan.killed();
                plan.recovered();
                if (run.lastDone > 0 && run.lastDone < run.total)
                    ++killedMidUpload;
                continue;
            }
            QVERIFY2(run.exitCode == 4 || run.exitCode == 0, run.output.constData());
            ++finishedRuns;
        }
        QCOMPARE(finishedRuns, 1);
        fixture.server().clearFault();
        // And once more: nothing left to do, nothing posted twice.
        const RunResult again = reconcileRun(crashed);
        QCOMPARE(again.exitCode, 4);
        QVERIFY2(again.output.contains("0 filed"), again.output.constData());
        const QString problems = verifyDevice(fixture, crashed, crashedIndex, scenario.expected());
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
    std::printf("CRASH upload: %d rounds, %d kills while entries were being filed\n", rounds, killedMidUpload);
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));
    QVERIFY2(killedMidUpload >= 5, qPrintable(QStringLiteral("only %1 kills landed mid-upload").arg(killedMidUpload)));
}

void TestCrashUpload::sigtermStopsBetweenEntries()
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

QTEST_GUILESS_MAIN(TestCrashUpload)
#include "test_crash_upload.moc"
