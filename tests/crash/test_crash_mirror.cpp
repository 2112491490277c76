// Crash harness, scenario "mirror": `lanternctl --device sync --once` against an
// out-of-process lantern-ehr-sim, killed with SIGKILL at random points during
// the initial mirror. After every kill the vault opens (device.key, the
// administrator's passphrase), integrity_check and the audit chain are ok; an
// initial mirror that finished starts over in a fresh vault. A final clean run
// leaves exactly the server's resources (ids + versionIds), as a never-killed
// mirror does: nothing lost, nothing duplicated.

#include "CrashHarness.h"
#include "MirrorTestSupport.h"
#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"

#include <SimServer.h>

#include "ChildProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::crash;

namespace {

const QString kSeed = QStringLiteral("11");
const int kWards = 2;
const int kPatientsPerWard = 6; // small: the kills, not the data, are the point

} // namespace

class TestCrashMirror : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killedAtRandomPointsLosesNothing();

private:
    QString makeVault(const QString& name);
    ChildCommand syncOnce(const QString& dir) const;

    QTemporaryDir m_dir;
    QProcess m_sim;
    QString m_baseUrl;
    qint64 m_anchorMs = 0; // the generated hospital's "now", pinned so an in-process twin is identical
};

void TestCrashMirror::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_anchorMs = QDateTime(now.date(), QTime(now.time().hour(), 0), Qt::UTC).toMSecsSinceEpoch();
    test::endWithThisProcess(m_sim); // no stray simulator if this test is killed or times out
    m_sim.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lantern-ehr-sim/lantern-ehr-sim"),
                {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"), kSeed, QStringLiteral("--wards"),
                 QString::number(kWards), QStringLiteral("--patients-per-ward"), QString::number(kPatientsPerWard),
                 QStringLiteral("--now"), QDateTime::fromMSecsSinceEpoch(m_anchorMs, Qt::UTC).toString(Qt::ISODate)});
    QVERIFY(m_sim.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    while (m_baseUrl.isEmpty() && timer.elapsed() < 60000) {
        m_sim.waitForReadyRead(1000);
        while (m_sim.canReadLine()) {
            const QString line = QString::fromUtf8(m_sim.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("lantern-ehr-sim listening on ")))
                m_baseUrl = line.section(QLatin1Char(' '), -1);
        }
    }
    QVERIFY2(!m_baseUrl.isEmpty(), "lantern-ehr-sim did not say where it listens");
}

void TestCrashMirror::cleanupTestCase()
{
    m_sim.terminate();
    if (!m_sim.waitForFinished(10000))
        m_sim.kill();
}

QString TestCrashMirror::makeVault(const QString& name)
{
    const QString dir = m_dir.filePath(name);
    const QString created = createVault(dir);
    if (!created.isEmpty())
        qFatal("%s", qPrintable(created));
    auto session = access::VaultAccess().unlock(dir, kAdmin, kAdminPass);
    if (!session.ok())
        qFatal("cannot open the new vault: %s", qPrintable(session.error().message));
    vault::Vault& vault = session->vault();
    if (!sync::setMirrorConfigValue(vault, QStringLiteral("mirror.base_url"), m_baseUrl).ok() ||
        !sync::setMirrorConfigValue(vault, QStringLiteral("mirror.wards"), QStringLiteral("ward-1,ward-2")).ok())
        qFatal("cannot configure the mirror");
    return dir;
}

ChildCommand TestCrashMirror::syncOnce(const QString& dir) const
{
    return lanternctlAsDevice(dir, {QStringLiteral("sync"), QStringLiteral("--once")});
}

void TestCrashMirror::killedAtRandomPointsLosesNothing()
{
    // How long one clean initial mirror takes here: the kills land inside it.
    const QString reference = makeVault(QStringLiteral("reference"));
    QElapsedTimer timer;
    timer.start();
    const ChildOutcome clean = runChild(syncOnce(reference));
    const int fullMs = int(std::max<qint64>(timer.elapsed(), 200));
    QVERIFY2(clean.finishedWith(0), clean.err.constData());

    CrashPlan plan(QStringLiteral("mirror"));
    const QString dir = makeVault(QStringLiteral("crashed"));
    for (int attempt = 0; !plan.done() && attempt < plan.killsWanted() * 4; ++attempt) {
        const ChildOutcome run = runChild(syncOnce(dir), plan.delayMs(fullMs));
        QVERIFY2(run.killed || run.exitCode == 0, run.err.constData());
        if (run.killed)
            plan.killed();
        const QString problem = checkVault(dir, kAdmin, {kAdminPass});
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after kill %1: %2").arg(plan.kills()).arg(problem)));
        if (run.killed) {
            plan.recovered();
        } else { // it finished before the kill: start the initial mirror over
            QVERIFY(QDir(dir).removeRecursively());
            makeVault(QStringLiteral("crashed"));
        }
    }
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));
    const ChildOutcome last = runChild(syncOnce(dir));
    QVERIFY2(last.finishedWith(0), last.err.constData());

    // The same seed gives the same hospital: the server's content, in process.
    sim::SimulatorOptions options;
    options.generator.seed = kSeed.toULongLong();
    options.generator.wards = kWards;
    options.generator.patientsPerWard = kPatientsPerWard;
    options.generator.anchorMs = m_anchorMs;
    sim::SimServer twin(options);
    QVERIFY(twin.start().ok());
    const auto patients = test::patientsOnWards(twin.simulator(), {QStringLiteral("ward-1"), QStringLiteral("ward-2")});
    const test::VersionMap expected = test::expectedFromSimulator(twin.simulator(), patients);
    auto crashed = access::VaultAccess().unlockAsDevice(dir);
    QVERIFY(crashed.ok());
    const test::VersionMap actual = test::actualFromVault(**crashed);
    QVERIFY2(expected == actual, qPrintable(test::describeDifference(expected, actual)));
    auto cleanVault = access::VaultAccess().unlockAsDevice(reference);
    QVERIFY(cleanVault.ok());
    QVERIFY(test::actualFromVault(**cleanVault) == actual);
}

QTEST_GUILESS_MAIN(TestCrashMirror)
#include "test_crash_mirror.moc"
