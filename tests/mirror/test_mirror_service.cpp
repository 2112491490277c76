// The device's mirror service (sync/service, no widgets) against the
// in-process EHR simulator on loopback: as leader it mirrors and keeps a
// heartbeat in the vault; a second instance follows and takes over when the
// first goes away; SIGTERM stops it after the current transaction and leaves a
// clean-stop mark; a downtime a person declares through core (access-checked,
// audited) holds the EHR state from the engine's next cycle until it is ended;
// with backups configured, it writes one verified backup when due (label backup too).

#include "core/access/PatientAccess.h"
#include "core/access/ServiceRequests.h"
#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/service/ServiceMailbox.h"
#include "core/snapshot/BackupRunner.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorLock.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/service/DeviceContext.h"
#include "sync/service/MirrorService.h"
#include "sync/service/TerminationSignals.h"

#include <SimServer.h>

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace lantern;

namespace {

const QString kPass = QStringLiteral("Lantern-mirror-service-test-2026");
const QString kNurse = QStringLiteral("nina.ward1");

void fast(sync::MirrorConfig& c)
{
    c.connectTimeoutMs = 1000;
    c.readTimeoutMs = 5000;
    c.retryAttempts = 1;
    c.retryMaxDelayMs = 100;
}

sync::MirrorService::Options fastOptions()
{
    sync::MirrorService::Options o;
    o.beatSeconds = 1;
    o.followSeconds = 1;
    o.adjust = fast;
    return o;
}

} // namespace

class TestMirrorService : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    std::unique_ptr<access::VaultAccess> m_access;

    QString dir() const { return m_dir->path(); }
    std::unique_ptr<vault::Vault> deviceVault()
    {
        auto vault = m_access->unlockAsDevice(dir());
        if (!vault.ok())
            qFatal("device vault: %s", qPrintable(vault.error().message));
        return std::move(*vault);
    }

    sync::DeviceContext context()
    {
        auto device = sync::DeviceContext::open(dir());
        if (!device.ok())
            qFatal("device context: %s", qPrintable(device.error().message));
        return *device;
    }

    static QStringList auditActions(vault::Vault& vault)
    {
        QStringList actions;
        auto entries = vault::AuditRepository(vault).readEntries(0, 100000);
        for (const vault::AuditEntryRecord& e : std::as_const(*entries))
            actions << e.actor + QLatin1Char(':') + e.action;
        return actions;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        sim::SimulatorOptions options;
        options.generator.wards = 1;
        options.generator.patientsPerWard = 3;
        options.generator.seed = 17;
        m_server = std::make_unique<sim::SimServer>(options);
        auto started = m_server->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        m_access = std::make_unique<access::VaultAccess>(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto admin = m_access->initialise(dir(), QStringLiteral("it-admin"), QStringLiteral("IT Admin"), kPass);
        QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
        const access::User nurse{kNurse, QStringLiteral("Nina"), access::Role::Nurse, {QStringLiteral("ward-1")}, {}, false};
        QVERIFY(m_access->addUser(*admin, nurse, kPass).ok());
        vault::Vault& v = admin->vault();
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.wards"), QStringLiteral("ward-1")).ok());
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.interval"), QStringLiteral("1")).ok());
        QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.heartbeat"), QStringLiteral("1")).ok());
    }

    void cleanup()
    {
        m_server.reset();
        m_access.reset();
        m_dir.reset();
    }

    // With backup.* set, the leader writes a verified backup after a cycle and
    // not again until backup.interval_hours has passed (#12 item 5).
    void scheduledBackupAfterACycle()
    {
        const QString backups = dir() + QStringLiteral("/backups");
        QVERIFY(QDir().mkpath(backups));
        {
            auto v = deviceVault();
            QVERIFY(sync::setMirrorConfigValue(*v, QStringLiteral("backup.dir"), backups).ok());
            QVERIFY(sync::setMirrorConfigValue(*v, QStringLiteral("backup.recovery_key"),
                                               snapshot::DeviceIdentity::generate().publicKeyText()).ok());
        }
        sync::MirrorService service(context(), SystemClock::instance(), fastOptions());
        QSignalSpy cycles(&service, &sync::MirrorService::cycleFinished);
        service.start();
        QVERIFY(cycles.wait(30000));
        const QStringList pattern{QStringLiteral("lantern-backup-*.snap")};
        QTRY_COMPARE_WITH_TIMEOUT(QDir(backups).entryList(pattern, QDir::Files).size(), 1, 10000);
        QVERIFY(cycles.wait(30000));
        QVERIFY(cycles.wait(30000));
        QCOMPARE(QDir(backups).entryList(pattern, QDir::Files).size(), 1); // not due again for 24 hours
        auto v = deviceVault();
        auto identity = snapshot::DeviceIdentity::load(dir());
        QVERIFY(identity.ok());
        auto listed = snapshot::BackupRunner(*v, *identity).list();
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 1);
        QVERIFY(snapshot::BackupRunner(*v, *identity).verify(listed->first().path).ok());
    }

    void leaderMirrorsAndBeats()
    {
        sync::MirrorService service(context(), SystemClock::instance(), fastOptions());
        QSignalSpy cycles(&service, &sync::MirrorService::cycleFinished);
        service.start();
        QCOMPARE(service.mode(), sync::MirrorService::Mode::Leader);
        QVERIFY(cycles.wait(30000));
        auto vault = deviceVault();
        auto stored = sync::loadMirrorStatus(*vault);
        QVERIFY(stored.ok());
        QVERIFY(stored->dataAsOf.isValid());
        QVERIFY(stored->patientsInScope > 0);
        service::ServiceMailbox mailbox(*vault);
        const QDateTime firstBeat = mailbox.heartbeat()->lastBeat;
        QVERIFY(mailbox.liveness()->running);
        QTRY_VERIFY_WITH_TIMEOUT(mailbox.heartbeat()->lastBeat > firstBeat, 5000); // beats, not once
        // It holds the lock: a second engine is refused.
        QCOMPARE(sync::acquireMirrorLock(context().lockFolder()).error().code, ErrorCode::Conflict);
    }

    void followerTakesOverWhenTheLeaderGoes()
    {
        // What another instance would hold.
        auto other = sync::acquireMirrorLock(context().lockFolder());
        QVERIFY(other.ok());
        sync::MirrorService service(context(), SystemClock::instance(), fastOptions());
        QSignalSpy cycles(&service, &sync::MirrorService::cycleFinished);
        service.start();
        QCOMPARE(service.mode(), sync::MirrorService::Mode::Follower);
        QTest::qWait(1500);
        QVERIFY(cycles.isEmpty());
        auto vault = deviceVault();
        QVERIFY(!service::ServiceMailbox(*vault).heartbeat()->lastBeat.isValid()); // a follower does not beat

        other->reset(); // the other instance goes away
        QTRY_COMPARE_WITH_TIMEOUT(service.mode(), sync::MirrorService::Mode::Leader, 10000);
        QVERIFY(cycles.wait(30000));
        QVERIFY(service::ServiceMailbox(*vault).liveness()->running);
    }

    void sigtermStopsCleanly()
    {
        sync::TerminationSignals termination;
        QVERIFY(termination.install().ok());
        sync::MirrorService service(context(), SystemClock::instance(), fastOptions());
        connect(&termination, &sync::TerminationSignals::received, &service, &sync::MirrorService::stop);
        QSignalSpy cycles(&service, &sync::MirrorService::cycleFinished);
        QSignalSpy finished(&service, &sync::MirrorService::finished);
        service.start();
        QVERIFY(cycles.wait(30000));
        QVERIFY(::raise(SIGTERM) == 0);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(service.mode(), sync::MirrorService::Mode::Stopped);
        auto vault = deviceVault();
        const service::Heartbeat beat = *service::ServiceMailbox(*vault).heartbeat();
        QVERIFY(beat.stoppedAt.isValid());
        QVERIFY(!service::ServiceMailbox(*vault).liveness()->running);
        // The lock is free again for the next start.
        QVERIFY(sync::acquireMirrorLock(context().lockFolder()).ok());
    }

    void declaredDowntimeHoldsUntilEnded()
    {
        sync::MirrorService service(context(), SystemClock::instance(), fastOptions());
        QSignalSpy cycles(&service, &sync::MirrorService::cycleFinished);
        service.start();
        QVERIFY(cycles.wait(30000));

        auto nurse = m_access->unlock(dir(), kNurse, kPass);
        QVERIFY(nurse.ok());
        access::PatientAccess gate(*nurse);
        access::ServiceRequests requests(gate, nurse->vault());
        QVERIFY(requests.declareDowntime().ok());
        QCOMPARE(requests.declareDowntime().error().code, ErrorCode::Conflict); // one at a time
        QVERIFY(auditActions(nurse->vault()).contains(kNurse + QStringLiteral(":downtime-declare")));

        // The EHR answers fine, yet the state is Downtime from the next cycle on, and stays.
        auto stateOf = [&] { return sync::loadMirrorStatus(nurse->vault())->state; };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(), sync::EhrState::Downtime, 30000);
        cycles.clear();
        QVERIFY(cycles.wait(30000));
        QCOMPARE(stateOf(), sync::EhrState::Downtime);

        QVERIFY(requests.endDowntime().ok());
        QVERIFY(auditActions(nurse->vault()).contains(kNurse + QStringLiteral(":downtime-end")));
        QTRY_VERIFY_WITH_TIMEOUT(stateOf() != sync::EhrState::Downtime, 30000);
        QCOMPARE(requests.endDowntime().error().code, ErrorCode::NotFound);
    }

    void stalenessIsDecidedOnce()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        service::Heartbeat beat;
        QVERIFY(!service::ServiceMailbox::liveness(beat, now).everRan);
        beat.startedAt = now.addSecs(-100);
        beat.lastBeat = now.addSecs(-5);
        QVERIFY(service::ServiceMailbox::liveness(beat, now, 15).running);
        beat.lastBeat = now.addSecs(-16); // killed: no clean stop, the beats stopped
        const service::Liveness killed = service::ServiceMailbox::liveness(beat, now, 15);
        QVERIFY(!killed.running);
        QCOMPARE(killed.downSince, beat.lastBeat);
        beat.lastBeat = now.addSecs(-1);
        beat.stoppedAt = now.addSecs(-1); // stopped cleanly: down at once
        QVERIFY(!service::ServiceMailbox::liveness(beat, now, 15).running);
        QCOMPARE(service::ServiceMailbox::liveness(beat, now, 15).downSince, beat.stoppedAt);
    }
};

QTEST_GUILESS_MAIN(TestMirrorService)
#include "test_mirror_service.moc"
