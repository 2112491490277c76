// The desktop follows the device's mirror service (issue 10/11): the service
// (sync::MirrorService, here in the test process as `lanternctl service run`
// would run it) mirrors the in-process EHR simulator; the desktop runs no
// engine and holds no device key: it reads the stored status through the
// nurse's session. The banner follows the service (Online, a refused
// connection → Downtime, back), census and chart refresh after a cycle
// without losing the selection, the banner says plainly when the service is
// not running (stopped, or killed: stale heartbeat), and "Reconcile now" is a
// request the service picks up and reports back on.

#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/service/ServiceMailbox.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/service/DeviceContext.h"
#include "sync/service/MirrorService.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"
#include "ui/app/WardDesktop.h"
#include "ui/banner/StatusBanner.h"
#include "ui/census/CensusFilterProxy.h"
#include "ui/census/CensusModel.h"
#include "ui/census/CensusView.h"
#include "ui/mirror/ServiceFollower.h"
#include "ui/reconcile/ReconcileView.h"

#include <ChangeStream.h>
#include <SimServer.h>

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
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

    std::unique_ptr<sync::MirrorService> startService()
    {
        auto device = sync::DeviceContext::open(dir());
        if (!device.ok())
            qFatal("%s", qPrintable(device.error().message));
        sync::MirrorService::Options options;
        options.beatSeconds = 1;
        options.adjust = fastTransport;
        auto service = std::make_unique<sync::MirrorService>(*device, SystemClock::instance(), options);
        service->start();
        return service;
    }

    std::unique_ptr<ui::MainWindow> window()
    {
        auto w = std::make_unique<ui::MainWindow>(*m_access, dir(), SystemClock::instance());
        w->setFollowInterval(200, 3);
        w->show();
        return w;
    }

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
        vault::Vault& v = admin->vault();
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
        // Both wards are mirrored; the nurse sees only hers.
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.wards"), QStringLiteral("ward-1,ward-2")).ok());
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.interval"), QStringLiteral("1")).ok());
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.heartbeat"), QStringLiteral("1")).ok());
    }

    void cleanup()
    {
        m_server.reset();
        m_access.reset();
        m_dir.reset();
    }

    void bannerFollowsTheServiceThroughDowntime()
    {
        auto service = startService();
        QSignalSpy cycles(service.get(), &sync::MirrorService::cycleFinished);
        QVERIFY(cycles.wait(30000));
        auto w = window();
        QVERIFY(unlock(*w));
        ui::StatusBanner* banner = w->desktop()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->status().dataAsOf.isValid(), 5000);
        QCOMPARE(banner->level(), ui::StatusBanner::Level::Current);
        QVERIFY2(banner->stateText().contains(QStringLiteral("online")), qPrintable(banner->stateText()));
        QVERIFY(banner->serviceDownText().isEmpty());

        // The census shows the simulator's ward 1 (ward scope), not ward 2.
        const qint64 onWard1 = patientsOnWard1(m_server->simulator());
        QVERIFY(onWard1 > 0);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(w->desktop()->censusModel()->rowCount()), onWard1, 10000);

        // Select the second patient; changes on the EHR arrive with the next
        // cycle and refresh the census without losing the selection.
        ui::CensusView* census = w->desktop()->censusView();
        QVERIFY(census->selectPatient(census->proxy()->index(1, 0).data(ui::CensusModel::PatientIdRole).toString()));
        const QString selected = census->currentPatientId();
        QVERIFY(!selected.isEmpty());
        QSignalSpy data(w->follower(), &ui::ServiceFollower::dataChanged);
        m_server->simulator().changes().tick(30);
        // With four patients a ward, one discharge in these changes is a 25 %
        // drop: the purge guard holds it and data-as-of stands still, yet the
        // new doses and orders of the kept patients must still reach the screen.
        QTRY_VERIFY_WITH_TIMEOUT(!data.isEmpty(), 30000);
        QTest::qWait(50); // the queued refresh
        QCOMPARE(census->currentPatientId(), selected);

        // The EHR refuses connections: three failed heartbeats or cycles → Downtime, red.
        m_server->setFault({sim::FaultMode::Refuse});
        QTRY_COMPARE_WITH_TIMEOUT(banner->level(), ui::StatusBanner::Level::Downtime, 60000);
        QVERIFY2(banner->stateText().startsWith(QStringLiteral("DOWNTIME since")), qPrintable(banner->stateText()));
        QVERIFY(!banner->status().lastError.isEmpty());

        // Locked, the service goes on: the EHR returns and the state moves on
        // without anyone signed in; the next unlock shows it.
        w->lock();
        QVERIFY(w->isLocked());
        QVERIFY(!w->follower()); // nothing is read without a session
        m_server->clearFault();
        auto deviceVault = m_access->unlockAsDevice(dir()); // the test looks as the service would
        QVERIFY(deviceVault.ok());
        QTRY_COMPARE_WITH_TIMEOUT(sync::loadMirrorStatus(**deviceVault)->state, sync::EhrState::Online, 60000);
        QVERIFY(unlock(*w));
        QTRY_COMPARE_WITH_TIMEOUT(w->desktop()->banner()->status().state, sync::EhrState::Online, 5000);
    }

    void bannerSaysWhenTheServiceIsNotRunning()
    {
        auto service = startService();
        QSignalSpy cycles(service.get(), &sync::MirrorService::cycleFinished);
        QVERIFY(cycles.wait(30000));
        auto w = window();
        QVERIFY(unlock(*w));
        ui::StatusBanner* banner = w->desktop()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->status().dataAsOf.isValid(), 5000);
        QVERIFY(banner->serviceDownText().isEmpty());

        // Stopped (systemctl stop): said at once.
        QSignalSpy finished(service.get(), &sync::MirrorService::finished);
        service->stop();
        QVERIFY(finished.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->serviceDownText().isEmpty(), 5000);
        QVERIFY2(banner->serviceDownText().startsWith(QStringLiteral("Mirror service not running since")),
                 qPrintable(banner->serviceDownText()));
        QCOMPARE(banner->level(), ui::StatusBanner::Level::Stale); // the data is no longer kept current
        service.reset();

        // Running again: the line goes.
        service = startService();
        QTRY_VERIFY_WITH_TIMEOUT(banner->serviceDownText().isEmpty(), 10000);
        service.reset();

        // Killed (no clean stop): its last heartbeat ages past the limit.
        auto deviceVault = m_access->unlockAsDevice(dir());
        QVERIFY(deviceVault.ok());
        ManualClock past(QDateTime::currentDateTimeUtc().addSecs(-120));
        QVERIFY(service::ServiceMailbox(**deviceVault, past).markStarted().ok());
        QTRY_VERIFY_WITH_TIMEOUT(banner->serviceDownText().startsWith(QStringLiteral("Mirror service not running since")),
                                 5000);
        QVERIFY(banner->status().serviceDownSince.isValid());
    }

    void reconcileNowIsARequestTheServiceRuns()
    {
        auto service = startService();
        QSignalSpy cycles(service.get(), &sync::MirrorService::cycleFinished);
        QVERIFY(cycles.wait(30000));
        auto w = window();
        QVERIFY(unlock(*w));
        QVERIFY(w->desktop()->showReconciliation().ok());
        ui::ReconcileView* view = w->desktop()->reconcileView();
        QVERIFY(view);
        QSignalSpy done(view, &ui::ReconcileView::reconcileFinished);
        QSignalSpy ran(service.get(), &sync::MirrorService::reconcileStarted);
        view->reconcileButton()->click();
        QVERIFY(!view->reconcileButton()->isEnabled()); // waiting for the service
        QTRY_VERIFY_WITH_TIMEOUT(!ran.isEmpty(), 10000);
        QCOMPARE(ran.first().first().toString(), kNurse); // run under the nurse's name
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 30000);
        const auto result = done.first().first().value<service::ReconcileProgress>();
        QCOMPARE(result.end, QStringLiteral("done"));
        QCOMPARE(result.by, kNurse);
        QVERIFY(view->reconcileButton()->isEnabled());
    }
};

QTEST_MAIN(TestGuiMirror)
#include "test_gui_mirror.moc"
