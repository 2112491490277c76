// The purge guard from the command line (issue 10): `lanternctl --device sync
// --once` exits 7 when the guard held a ward's drop, `status` shows the held
// drop, `mirror confirm-drop WARD` (audited) lets the next cycle apply it.
// lanternctl runs as a child process against the in-process simulator.

#include "MirrorTestSupport.h"
#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

namespace {

const QString kWard1 = QStringLiteral("ward-1");
constexpr int kPerWard = 10;

} // namespace

class TestMirrorPurgeGuardCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void lanternctlReportsAndConfirms();

private:
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
};

void TestMirrorPurgeGuardCli::init()
{
    m_clock.set(QDateTime::currentDateTimeUtc());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = kPerWard;
    options.generator.seed = 7;
    m_server = std::make_unique<sim::SimServer>(options, m_clock);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
}

void TestMirrorPurgeGuardCli::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestMirrorPurgeGuardCli::lanternctlReportsAndConfirms()
{
    // A device vault as the installer leaves it, configured with lanternctl's settings.
    const QString dir = m_dir->filePath(QStringLiteral("device"));
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(dir, QStringLiteral("itops"), QStringLiteral("Ward IT"),
                                         QStringLiteral("Lantern-IT-ward-admin-2026"));
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        vault::Vault& vault = session->vault();
        QVERIFY(setMirrorConfigValue(vault, QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
        QVERIFY(setMirrorConfigValue(vault, QStringLiteral("mirror.wards"), kWard1).ok());
        QVERIFY(setMirrorConfigValue(vault, QStringLiteral("mirror.purge_grace_hours"), QStringLiteral("0")).ok());
    }
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    auto ctl = [&](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                QStringList{QStringLiteral("--device"), QStringLiteral("--vault"), dir} + args);
        Run r;
        if (!p.waitForStarted() || !p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished(10000);
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    };
    const QStringList once{QStringLiteral("sync"), QStringLiteral("--once")};

    Run r = ctl(once);
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    // The lanternctl processes read the real clock; the server's clock must not run behind it.
    m_clock.set(QDateTime::currentDateTimeUtc());
    for (const QString& id : test::patientsOnWards(m_server->simulator(), {kWard1}))
        QVERIFY(m_server->simulator().actions().discharge(QStringLiteral("Patient/") + id).ok());
    m_clock.advanceSecs(60);

    r = ctl(once);
    QVERIFY2(r.code == 7, qPrintable(QString::number(r.code) + r.out + r.err)); // documented: 7, drop held
    QVERIFY2(r.err.contains(QStringLiteral("would remove 10 of 10 patients of ward-1")), qPrintable(r.err));

    r = ctl({QStringLiteral("status")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("held drops:         1")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("confirm-drop ward-1")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("patients in scope:  10")), qPrintable(r.out));

    r = ctl({QStringLiteral("mirror"), QStringLiteral("confirm-drop"), QStringLiteral("ward-7")});
    QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
    r = ctl({QStringLiteral("mirror"), QStringLiteral("confirm-drop"), kWard1});
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));

    m_clock.set(QDateTime::currentDateTimeUtc());
    r = ctl(once);
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("10 purged")), qPrintable(r.out));
    r = ctl({QStringLiteral("status")});
    QVERIFY2(r.out.contains(QStringLiteral("held drops:         none")), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestMirrorPurgeGuardCli)
#include "test_mirror_purge_guard_cli.moc"
