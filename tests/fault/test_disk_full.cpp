// Continuity under a full disk (#13, defect 1): the vault lives on a real,
// small tmpfs (40 MB, mounted for the test as root, unmounted on every exit
// path). After a first mirror cycle the disk is filled to the last byte; then
// an IT administrator unlocks, the unlock and a reading are audited, a
// downtime entry is recorded: all succeed on the disk reserve's room. The
// mirror writes nothing and says why (kind disk, level full). Nothing
// confirmed is lost (integrity, outbox, audit chain); once space is freed the
// reserve is made again and the mirror resumes.
//
// Mounting needs root: refused, the test is skipped locally but FAILS when
// CI=true, so CI never passes it by not running it.

#include "MirrorTestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/audit/AuditLog.h"
#include "core/keys/KdfParameters.h"
#include "core/record/RecordContext.h"
#include "core/vault/DiskReserve.h"
#include "core/vault/DiskStatus.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorStatusStore.h"

#include <SimServer.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace lantern;

namespace {

const QString kAdmin = QStringLiteral("itops");
const QString kPassphrase = QStringLiteral("Lantern-IT-ward-admin-2026");

// A tmpfs of `megabytes` on a fresh folder; unmounted (lazily if still busy) when it goes.
class TmpfsMount
{
public:
    TmpfsMount(const QString& folder, int megabytes) : m_folder(folder)
    {
        QProcess mount;
        mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                              QStringLiteral("size=%1m,mode=0700").arg(megabytes), QStringLiteral("tmpfs"),
                                              folder});
        m_mounted = mount.waitForFinished(30000) && mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0;
        if (!m_mounted)
            m_why = QString::fromLocal8Bit(mount.readAllStandardError()).trimmed();
    }
    ~TmpfsMount()
    {
        if (!m_mounted)
            return;
        if (QProcess::execute(QStringLiteral("umount"), {m_folder}) != 0)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_folder});
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    bool mounted() const { return m_mounted; }
    QString why() const { return m_why; }

private:
    QString m_folder;
    bool m_mounted = false;
    QString m_why;
};

// Writes `path` until the disk refuses another byte; returns the bytes written.
qint64 fillDisk(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    qint64 written = 0;
    for (qint64 chunk = 1024 * 1024; chunk >= 1; chunk /= 4) {
        const QByteArray block(chunk, 'x');
        for (;;) {
            const qint64 n = file.write(block);
            if (n <= 0 || !file.flush())
                break;
            written += n;
        }
        file.unsetError();
    }
    file.close();
    return written;
}

record::RecordEntry noteEntry(const QString& deviceId, const QString& patientId)
{
    record::RecordEntry e;
    e.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    e.kind = record::EntryKind::Note;
    e.patientId = patientId;
    e.deviceId = deviceId;
    e.author = kAdmin;
    e.recordedAt = QDateTime::currentDateTimeUtc();
    e.clinicalTime = e.recordedAt;
    QJsonObject identifier;
    identifier.insert(QStringLiteral("system"), QStringLiteral("urn:ietf:rfc:3986"));
    identifier.insert(QStringLiteral("value"), QString(QStringLiteral("urn:uuid:") + e.uuid));
    e.resource.insert(QStringLiteral("resourceType"), QStringLiteral("DocumentReference"));
    e.resource.insert(QStringLiteral("status"), QStringLiteral("current"));
    e.resource.insert(QStringLiteral("identifier"), QJsonArray{identifier});
    return e;
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullDiskKeepsTheWardWorking();
};

void TestDiskFull::fullDiskKeepsTheWardWorking()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString mountPoint = tmp.filePath(QStringLiteral("disk"));
    QVERIFY(QDir().mkpath(mountPoint));
    TmpfsMount disk(mountPoint, 40); // declared before everything that opens files on it: unmounted last
    if (!disk.mounted()) {
        const QByteArray why = "cannot mount a tmpfs (needs root): " + disk.why().toUtf8();
        if (qgetenv("CI") == "true")
            QFAIL(why.constData());
        QSKIP(why.constData());
    }

    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = 3;
    options.generator.seed = 13;
    sim::SimServer server(options);
    auto started = server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));

    const QString dir = QDir(mountPoint).filePath(QStringLiteral("vault"));
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    QString deviceId;
    {
        auto session = access.initialise(dir, kAdmin, QStringLiteral("Ward IT"), kPassphrase);
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        deviceId = session->vaultId();
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.base_url"), server.baseUrl()).ok());
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.wards"), QStringLiteral("ward-1")).ok());
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.min_free_mb"), QStringLiteral("8")).ok());
        QVERIFY(!sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.min_free_mb"), QStringLiteral("7")).ok());
    }
    const vault::DiskReserve reserve(dir);
    QVERIFY2(reserve.present(), "initialisation leaves a disk reserve beside the vault");
    QCOMPARE(QFileInfo(reserve.path()).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());

    // The device's own settings (mirror.min_free_mb 8 among them), with short timeouts.
    auto makeEngine = [&] {
        sync::MirrorConfig config;
        auto opened = access.unlockAsDevice(dir);
        if (opened.ok()) {
            auto loaded = sync::loadMirrorConfig(**opened);
            if (loaded.ok())
                config = *loaded;
        }
        config.retryAttempts = 1;
        config.readTimeoutMs = 2000;
        return std::make_unique<sync::MirrorEngine>(config, [&access, dir] { return access.unlockAsDevice(dir); });
    };
    {
        auto device = access.unlockAsDevice(dir);
        QVERIFY(device.ok());
        auto loaded = sync::loadMirrorConfig(**device);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->minFreeMb, 8);
    }
    {
        auto engine = makeEngine();
        auto first = engine->runCycle();
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
    }
    const QString patientId = *test::patientsOnWards(server.simulator(), {QStringLiteral("ward-1")}).constBegin();

    // The disk fills up (a log gone wild, a huge printout): not a byte is left.
    const QString filler = QDir(mountPoint).filePath(QStringLiteral("filler"));
    QVERIFY(fillDisk(filler) > 0);
    QVERIFY(vault::freeDiskBytes(mountPoint).value_or(-1) < 4096);

    // Unlocking, its audit entry, a reading's audit entry and a downtime entry all succeed.
    const record::RecordEntry entry = noteEntry(deviceId, patientId);
    qint64 auditHead = 0;
    {
        auto session = access.unlock(dir, kAdmin, kPassphrase);
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        audit::AuditLog log(session->vault(), SystemClock::instance());
        auto unlocked = log.append({kAdmin, audit::AuditAction::Unlock, {}, audit::AuditOutcome::Success, QStringLiteral("test")});
        QVERIFY2(unlocked.ok(), unlocked.ok() ? "" : qPrintable(unlocked.error().message));
        auto viewed = log.append({kAdmin, audit::AuditAction::ViewPatient, patientId, audit::AuditOutcome::Success, {}});
        QVERIFY2(viewed.ok(), viewed.ok() ? "" : qPrintable(viewed.error().message));
        const Status recorded = record::RecordContext(session->vault(), SystemClock::instance())
                                    .commit(entry, QStringLiteral("note"));
        QVERIFY2(recorded.ok(), recorded.ok() ? "" : qPrintable(recorded.error().message));
        auditHead = viewed->seq + 1;
    }
    QVERIFY2(!reserve.present(), "the reserve was given to the vault");

    // The mirror writes nothing and says why; status shows the disk full with what to do.
    {
        auto engine = makeEngine();
        auto refused = engine->runCycle();
        QVERIFY(!refused.ok());
        QCOMPARE(engine->status().lastFailure.kind, QStringLiteral("disk"));
        QVERIFY2(refused.error().message.contains(QLatin1String("mirror.min_free_mb")), qPrintable(refused.error().message));
    }
    {
        auto device = access.unlockAsDevice(dir);
        QVERIFY2(device.ok(), device.ok() ? "" : qPrintable(device.error().message));
        auto status = sync::loadMirrorStatus(**device);
        QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
        QCOMPARE(status->disk.level, vault::DiskLevel::Full);
        QVERIFY(!vault::diskAdvice(status->disk).isEmpty());
        QCOMPARE(status->lastFailure.kind, QStringLiteral("disk"));
        QVERIFY(status->lastFailure.since.isValid());
    }

    // Nothing confirmed is lost.
    auto verifyNothingLost = [&] {
        auto device = access.unlockAsDevice(dir);
        QVERIFY2(device.ok(), device.ok() ? "" : qPrintable(device.error().message));
        QVERIFY((*device)->checkIntegrity().ok());
        auto stored = vault::OutboxRepository((*device)->db()).item(entry.uuid);
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((**stored).entry.patientId, patientId);
        auto chain = audit::AuditLog(**device, SystemClock::instance()).verify();
        QVERIFY2(chain.ok() && chain->ok, "the audit chain verifies");
        QVERIFY(chain->lastSeq >= auditHead);
    };
    verifyNothingLost();

    // Space returns: the reserve is made again and the mirror resumes.
    QVERIFY(QFile::remove(filler));
    {
        auto engine = makeEngine();
        auto resumed = engine->runCycle();
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : qPrintable(resumed.error().message));
        QVERIFY(engine->status().lastFailure.isNone());
        QCOMPARE(engine->status().disk.level, vault::DiskLevel::Ok);
    }
    QVERIFY2(reserve.present(), "the reserve is back once there is room");
    verifyNothingLost();
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "test_disk_full.moc"
