// The desktop runs the real mirror engine on a worker thread against the
// in-process EHR simulator: the banner follows it (Online, a refused
// connection → Downtime, back), census and chart refresh after a cycle
// without losing the selection, mirroring goes on while the screen is
// locked, and a second process's mirror (mirror.lock held) is followed
// instead of started twice.

#include "ui/access/UnlockScreen.h"
#include "core/access/VaultAccess.h"
#include "ui/app/MainWindow.h"
#include "ui/app/WardDesktop.h"
#include "ui/banner/StatusBanner.h"
#include "ui/census/CensusFilterProxy.h"
#include "ui/census/CensusModel.h"
#include "ui/census/CensusView.h"
#include "core/keys/KdfParameters.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "ui/mirror/MirrorController.h"
#include "sync/mirror/MirrorLock.h"
#include "core/vault/Vault.h"

#include <ChangeStream.h>
#include <SimServer.h>

#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

const QString kNurse = QStringLiteral("nina.ward1");
const QString kNursePass = QStringLiteral("Lantern-mirror-ward-one-42");
const QString kAdminPass = QStringLiteral("Lantern-it-mirror-test-2026");

// Short waits: the simulator is on loopback, a refused connection fails at once.
void fastTransport(sync::MirrorConfig& c)
{
    c.connectTimeoutMs = 1000;
    c.readTimeoutMs = 5000;
    c.retryAttempts = 1;
    c.retryMaxDelayMs = 100;
}

} // namespace

class TestGuiMirror : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    std::unique_ptr<access::VaultAccess> m_access;

    QString dir() const { return m_dir->path(); }

    bool unlock(ui::MainWindow& w)
    {
        if (!w.unlockScreen())
            return false;
        w.unlockScreen()->usernameField()->setText(kNurse);
        w.unlockScreen()->passphraseField()->setText(kNursePass);
        w.unlockScreen()->attemptUnlock();
        return QTest::qWaitFor([&] { return !w.isLocked(); }, 20000);
    }

    static qint64 patientsOnWard1(sim::Simulator& sim)
    {
        qint64 n = 0;
        const QList<sim::Stay> stays = sim.census().stays();
        for (const sim::Stay& s : stays)
            n += s.wardId == QLatin1String("ward-1") ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        sim::SimulatorOptions options;
        options.generator.wards = 2;
        options.generator.patientsPerWard = 4;
        options.generator.seed = 11;
        m_server = std::make_unique<sim::SimServer>(options);
        auto started = m_server->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));

        m_access = std::make_unique<access::VaultAccess>(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto admin = m_access->initialise(dir(), QStringLiteral("it-admin"), QStringLiteral("IT Admin"), kAdminPass);
        QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
        const access::User nurse{kNurse, QStringLiteral("Nina Ward-One"), access::Role::Nurse, {QStringLiteral("ward-1")}, {}, false};
        QVERIFY(m_access->addUser(*admin, nurse, kNursePass).ok());
        auto device = m_access->unlockAsDevice(dir());
        QVERIFY(device.ok());
        QVERIFY(sync::setMirrorConfigValue(**device, QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
        // Both wards are mirrored; the nurse sees only hers.
        QVERIFY(sync::setMirrorConfigValue(**device, QStringLiteral("mirror.wards"), QStringLiteral("ward-1,ward-2")).ok());
        QVERIFY(sync::setMirrorConfigValue(**device, QStringLiteral("mirror.interval"), QStringLiteral("1")).ok());
        QVERIFY(sync::setMirrorConfigValue(**device, QStringLiteral("mirror.heartbeat"), QStringLiteral("1")).ok());
    }

    void cleanup()
    {
        m_server.reset();
        m_access.reset();
        m_dir.reset();
    }

    void bannerFollowsRealEngineThroughDowntime()
    {
        ui::MirrorController mirror(dir(), SystemClock::instance());
        mirror.setConfigAdjuster(fastTransport);
        ui::MainWindow w(*m_access, dir(), SystemClock::instance());
        w.attachMirror(&mirror);
        QSignalSpy data(&mirror, &ui::MirrorController::dataChanged);
        mirror.start();
        w.show();

        QTRY_COMPARE_WITH_TIMEOUT(mirror.mode(), ui::MirrorMode::Engine, 10000);
        // The first cycle lands; the controller hands the status over on the GUI thread.
        QTRY_VERIFY_WITH_TIMEOUT(mirror.lastStatus().dataAsOf.isValid(), 30000);
        QVERIFY(unlock(w));
        ui::StatusBanner* banner = w.desktop()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->status().dataAsOf.isValid(), 5000);
        QCOMPARE(banner->level(), ui::StatusBanner::Level::Current);
        QVERIFY2(banner->stateText().contains(QStringLiteral("online")), qPrintable(banner->stateText()));

        // The census shows the simulator's ward 1 (ward scope), not ward 2.
        const qint64 onWard1 = patientsOnWard1(m_server->simulator());
        QVERIFY(onWard1 > 0);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(w.desktop()->censusModel()->rowCount()), onWard1, 10000);

        // Select the second patient; changes on the EHR arrive with the next
        // cycle and refresh the census without losing the selection.
        ui::CensusView* census = w.desktop()->censusView();
        QVERIFY(census->selectPatient(census->proxy()->index(1, 0).data(ui::CensusModel::PatientIdRole).toString()));
        const QString selected = census->currentPatientId();
        QVERIFY(!selected.isEmpty());
        data.clear();
        m_server->simulator().changes().tick(30);
        QTRY_VERIFY_WITH_TIMEOUT(!data.isEmpty(), 30000);
        QTest::qWait(50); // the queued refresh
        QCOMPARE(census->currentPatientId(), selected);

        // The EHR refuses connections: three failed heartbeats or cycles → Downtime, red.
        m_server->setFault({sim::FaultMode::Refuse});
        QTRY_COMPARE_WITH_TIMEOUT(banner->level(), ui::StatusBanner::Level::Downtime, 60000);
        QVERIFY2(banner->stateText().startsWith(QStringLiteral("DOWNTIME since")), qPrintable(banner->stateText()));
        QVERIFY(!mirror.lastStatus().lastError.isEmpty());

        // Locked, the mirror goes on: the EHR returns and the state moves on
        // without anyone signed in.
        w.lock();
        QVERIFY(w.isLocked());
        m_server->clearFault();
        QTRY_VERIFY_WITH_TIMEOUT(mirror.lastStatus().state != sync::EhrState::Downtime, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(mirror.lastStatus().state, sync::EhrState::Online, 60000);
        QVERIFY(unlock(w));
        QCOMPARE(w.desktop()->banner()->status().state, sync::EhrState::Online);
        mirror.stop();
        QCOMPARE(mirror.mode(), ui::MirrorMode::Off);
    }

    void followsTheServiceInsteadOfRunningASecondEngine()
    {
        // What `lanternctl mirror` would hold: the lock on the vault folder.
        auto device = m_access->unlockAsDevice(dir());
        QVERIFY(device.ok());
        const QString folder = QFileInfo((*device)->path()).absolutePath();
        auto serviceLock = sync::acquireMirrorLock(folder);
        QVERIFY(serviceLock.ok());

        ui::MirrorController mirror(dir(), SystemClock::instance());
        mirror.setConfigAdjuster(fastTransport);
        mirror.setFollowIntervalMs(200);
        QSignalSpy statuses(&mirror, &ui::MirrorController::statusChanged);
        mirror.start();
        QTRY_COMPARE_WITH_TIMEOUT(mirror.mode(), ui::MirrorMode::Follower, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(statuses.size() >= 3, 10000); // polled, not once
        QVERIFY(!mirror.lastStatus().dataAsOf.isValid());       // nobody has mirrored yet

        // The service goes away: the desktop takes over and mirrors itself.
        serviceLock->reset();
        QTRY_COMPARE_WITH_TIMEOUT(mirror.mode(), ui::MirrorMode::Engine, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(mirror.lastStatus().dataAsOf.isValid(), 30000);
        // And now it holds the lock: a second worker is refused.
        QCOMPARE(sync::acquireMirrorLock(folder).error().code, ErrorCode::Conflict);
    }

    void offWithoutConfiguration()
    {
        QTemporaryDir empty;
        auto admin = m_access->initialise(empty.path(), QStringLiteral("it-admin"), QStringLiteral("IT Admin"), kAdminPass);
        QVERIFY(admin.ok());
        ui::MirrorController mirror(empty.path(), SystemClock::instance());
        QSignalSpy modes(&mirror, &ui::MirrorController::modeChanged);
        mirror.start();
        QTRY_COMPARE_WITH_TIMEOUT(mirror.mode(), ui::MirrorMode::Off, 10000);
        QVERIFY(!modes.isEmpty());
    }
};

QTEST_MAIN(TestGuiMirror)
#include "test_gui_mirror.moc"
