// Crash safety of the mirror: `lanternctl --device sync --once` against an
// out-of-process lantern-ehr-sim, killed with SIGKILL at random points during
// the initial mirror. After every kill the vault passes PRAGMA integrity_check;
// a final clean run leaves exactly the server's resources (ids + versionIds):
// nothing lost, nothing duplicated.

#include "MirrorTestSupport.h"
#include "TestConfig.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QDir>
#include <QElapsedTimer>
#include "ChildProcess.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kSeed = QStringLiteral("11");
const int kWards = 2;
const int kPatientsPerWard = 40;

} // namespace

class TestMirrorCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killedAtRandomPointsLosesNothing();

private:
    QString makeVault(const QString& name);
    int syncOnce(const QString& dir, int killAfterMs);

    QTemporaryDir m_dir;
    QProcess m_sim;
    QString m_baseUrl;
    qint64 m_anchorMs = 0; // the generated hospital's "now", pinned so an in-process twin is identical
};

void TestMirrorCrash::initTestCase()
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

void TestMirrorCrash::cleanupTestCase()
{
    m_sim.terminate();
    if (!m_sim.waitForFinished(10000))
        m_sim.kill();
}

QString TestMirrorCrash::makeVault(const QString& name)
{
    const QString dir = m_dir.filePath(name);
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto session = access.initialise(dir, QStringLiteral("itops"), QStringLiteral("Ward IT"), kAdminPass);
    if (!session.ok())
        qFatal("cannot create the vault: %s", qPrintable(session.error().message));
    vault::Vault& vault = session->vault();
    if (!sync::setMirrorConfigValue(vault, QStringLiteral("mirror.base_url"), m_baseUrl).ok() ||
        !sync::setMirrorConfigValue(vault, QStringLiteral("mirror.wards"), QStringLiteral("ward-1,ward-2")).ok())
        qFatal("cannot configure the mirror");
    return dir;
}

// Exit code, or -1 when killed.
int TestMirrorCrash::syncOnce(const QString& dir, int killAfterMs)
{
    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    test::endWithThisProcess(ctl);
    ctl.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
              {QStringLiteral("--device"), QStringLiteral("--vault"), dir, QStringLiteral("sync"), QStringLiteral("--once")});
    if (!ctl.waitForStarted())
        return -2;
    if (killAfterMs >= 0 && !ctl.waitForFinished(killAfterMs)) {
        ctl.kill(); // SIGKILL: no clean-up of any kind
        ctl.waitForFinished(10000);
        return -1;
    }
    ctl.waitForFinished(120000);
    if (ctl.exitCode() != 0)
        qWarning("lanternctl: %s", ctl.readAll().constData());
    return ctl.exitStatus() == QProcess::NormalExit ? ctl.exitCode() : -1;
}

void TestMirrorCrash::killedAtRandomPointsLosesNothing()
{
    // How long one clean initial mirror takes here: the kills land inside it.
    const QString reference = makeVault(QStringLiteral("reference"));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(syncOnce(reference, -1), 0);
    const int fullMs = int(std::max<qint64>(timer.elapsed(), 200));

    const QString dir = makeVault(QStringLiteral("crashed"));
    auto* rng = QRandomGenerator::global();
    int killed = 0;
    for (int attempt = 0; attempt < 60 && killed < 24; ++attempt) {
        const int result = syncOnce(dir, int(rng->bounded(quint32(fullMs))));
        if (result == -1)
            ++killed;
        auto vault = access::VaultAccess().unlockAsDevice(dir);
        QVERIFY2(vault.ok(), vault.ok() ? "" : qPrintable(vault.error().message));
        Status integrity = (*vault)->checkIntegrity();
        QVERIFY2(integrity.ok(), integrity.ok() ? "" : qPrintable(integrity.error().message));
        if (result == 0) { // it finished before the kill: start the initial mirror over
            vault.value().reset();
            QVERIFY(QDir(dir).removeRecursively());
            makeVault(QStringLiteral("crashed"));
        }
    }
    qInfo("%d kills landed inside a %d ms initial mirror", killed, fullMs);
    QVERIFY2(killed >= 20, qPrintable(QStringLiteral("only %1 kills landed").arg(killed)));
    QCOMPARE(syncOnce(dir, -1), 0);

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
    auto clean = access::VaultAccess().unlockAsDevice(reference);
    QVERIFY(clean.ok());
    QVERIFY(test::actualFromVault(**clean) == actual);
}

QTEST_GUILESS_MAIN(TestMirrorCrash)
#include "test_mirror_crash.moc"
