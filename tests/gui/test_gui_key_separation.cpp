// Key separation (issue 10): the desktop never reads device.key. It opens the
// vault only through a person's key slot and follows the status the mirror
// service stores. Checked with the kernel's own account of file opens
// (inotify on device.key) over a whole desktop session: unlock, census, the
// service's status, a reconciliation request, lock. A device.key made
// unreadable, or gone, changes nothing for the desktop. And the desktop's
// account (another uid than the service's) cannot open the vault without a
// passphrase: the device key is refused to it.

#include "core/access/VaultAccess.h"
#include "core/access/VaultDirectory.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KdfParameters.h"
#include "core/service/ServiceMailbox.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"
#include "ui/app/WardDesktop.h"
#include "ui/banner/StatusBanner.h"
#include "ui/reconcile/ReconcileView.h"

#include <TestConfig.h>

#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <grp.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace lantern;

namespace {

const QString kNurse = QStringLiteral("nina.ward1");
const QString kPass = QStringLiteral("Lantern-key-separation-2026");

// Every open of one file by any process, as the kernel reports it.
class OpenWatch
{
public:
    explicit OpenWatch(const QString& path)
        : m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
          m_wd(m_fd >= 0 ? ::inotify_add_watch(m_fd, QFile::encodeName(path).constData(), IN_OPEN | IN_ACCESS) : -1)
    {
    }
    ~OpenWatch()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool ok() const { return m_wd >= 0; }
    int events()
    {
        alignas(inotify_event) char buffer[4096];
        int n = 0;
        for (;;) {
            const ssize_t got = ::read(m_fd, buffer, sizeof buffer);
            if (got <= 0)
                return n;
            for (char* p = buffer; p < buffer + got; p += sizeof(inotify_event) + reinterpret_cast<inotify_event*>(p)->len)
                ++n;
        }
    }

private:
    int m_fd;
    int m_wd;
};

} // namespace

class TestGuiKeySeparation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_dir;
    QString m_key;
    std::unique_ptr<access::VaultAccess> m_access;

    // One desktop session from unlock to lock; false on the first failure.
    void desktopSession()
    {
        ui::MainWindow w(*m_access, m_dir, SystemClock::instance());
        w.setFollowInterval(100, 60);
        w.show();
        QVERIFY(w.unlockScreen());
        w.unlockScreen()->usernameField()->setText(kNurse);
        w.unlockScreen()->passphraseField()->setText(kPass);
        w.unlockScreen()->attemptUnlock();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLocked(), 20000);
        // The service's stored status reaches the banner: it is running (fresh heartbeat).
        QTRY_VERIFY_WITH_TIMEOUT(w.desktop()->banner()->status().state == sync::EhrState::Degraded, 5000);
        QVERIFY(w.desktop()->banner()->serviceDownText().isEmpty());
        // Reconcile now: a request left for the service, not a run here.
        QVERIFY(w.desktop()->showReconciliation().ok());
        w.desktop()->reconcileView()->reconcileButton()->click();
        {
            auto device = m_access->unlock(m_dir, kNurse, kPass);
            QVERIFY(device.ok());
            QVERIFY(service::ServiceMailbox(device->vault()).reconcileRequest()->has_value());
            QVERIFY(service::ServiceMailbox(device->vault()).requestReconcileCancel(kNurse).ok());
        }
        QTest::qWait(300); // a few polls
        w.lock();
        QVERIFY(w.isLocked());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        m_dir = m_root.filePath(QStringLiteral("vault"));
        m_access = std::make_unique<access::VaultAccess>(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto admin = m_access->initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT"), kPass);
        QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
        const access::User nurse{kNurse, QStringLiteral("Nina"), access::Role::Nurse, {QStringLiteral("ward-1")}, {}, false};
        QVERIFY(m_access->addUser(*admin, nurse, kPass).ok());
        QVERIFY(sync::setMirrorConfigValue(admin->vault(), QStringLiteral("mirror.base_url"),
                                           QStringLiteral("http://127.0.0.1:9/fhir")).ok());
        m_key = access::VaultDirectory(m_dir).deviceKeyFile();
        // What the service leaves: a heartbeat and a status (set up with the device key, before any watch).
        auto device = m_access->unlockAsDevice(m_dir);
        QVERIFY(device.ok());
        QVERIFY(service::ServiceMailbox(**device).markStarted().ok());
        vault::MirrorRepository rows((*device)->db());
        QVERIFY(rows.setState(QStringLiteral("ehr_state"), QStringLiteral("degraded")).ok());
    }

    void desktopNeverOpensTheDeviceKey()
    {
        {
            // Keep the service's heartbeat fresh for the session.
            auto device = m_access->unlockAsDevice(m_dir);
            QVERIFY(device.ok());
            QVERIFY(service::ServiceMailbox(**device).beat().ok());
        }
        OpenWatch watch(m_key);
        QVERIFY(watch.ok());
        desktopSession();
        QCOMPARE(watch.events(), 0);
        // The watch does see an open of the key (this test can fail).
        QVERIFY(keys::DeviceKey::load(m_key).ok());
        QVERIFY(watch.events() > 0);
    }

    void unreadableOrMissingKeyChangesNothingForTheDesktop()
    {
        {
            auto device = m_access->unlockAsDevice(m_dir);
            QVERIFY(device.ok());
            QVERIFY(service::ServiceMailbox(**device).beat().ok());
        }
        QVERIFY(::chmod(QFile::encodeName(m_key).constData(), 0) == 0);
        desktopSession();
        QVERIFY(!m_access->unlockAsDevice(m_dir).ok()); // and the key itself is refused now
        const QString away = m_key + QStringLiteral(".away");
        QVERIFY(QFile::rename(m_key, away));
        desktopSession();
        QVERIFY(QFile::rename(away, m_key));
        QVERIFY(::chmod(QFile::encodeName(m_key).constData(), 0600) == 0);
        QVERIFY(m_access->unlockAsDevice(m_dir).ok());
    }

    void desktopAccountCannotOpenWithoutPassphrase()
    {
        // In-process: no key slot opens without the person's passphrase.
        QCOMPARE(m_access->unlock(m_dir, kNurse, QString()).error().code, ErrorCode::WrongKey);
        QCOMPARE(m_access->unlock(m_dir, kNurse, QStringLiteral("not the passphrase")).error().code, ErrorCode::WrongKey);
        if (::geteuid() != 0)
            QSKIP("running as another account needs root; the key's owner check is in test_device_key_owner");
        // As the package lays it out: the folder shared with the desktop users'
        // group (3770), device.key the service's (here: root) 0600. The desktop
        // account (nobody, in that group) asks lanternctl for the device key.
        const gid_t group = 65534;
        QVERIFY(::chown(QFile::encodeName(m_root.path()).constData(), 0, group) == 0);
        QVERIFY(::chmod(QFile::encodeName(m_root.path()).constData(), 0750) == 0);
        QVERIFY(::chown(QFile::encodeName(m_dir).constData(), 0, group) == 0);
        QVERIFY(::chmod(QFile::encodeName(m_dir).constData(), 03770) == 0);
        // The files the desktop users share (docs/security/accounts.md): group 0660.
        for (const char* shared : {"keyslots.json", "vault.db"}) {
            const QByteArray file = QFile::encodeName(m_dir + QLatin1Char('/') + QLatin1String(shared));
            QVERIFY(::chown(file.constData(), 0, group) == 0);
            QVERIFY(::chmod(file.constData(), 0660) == 0);
        }
        QVERIFY(m_access->unlockAsDevice(m_dir).ok()); // the service account still may
        QProcess p;
        p.setChildProcessModifier([] {
            const gid_t groups[] = {65534};
            if (::setgroups(1, groups) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(99);
        });
        p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                {QStringLiteral("--device"), QStringLiteral("--vault"), m_dir, QStringLiteral("status")});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 3, qPrintable(QString::number(p.exitCode()) + err));
        QVERIFY2(err.contains(QLatin1String("device key")), qPrintable(err));
        QVERIFY(::chmod(QFile::encodeName(m_dir).constData(), 0700) == 0);
    }
};

QTEST_MAIN(TestGuiKeySeparation)
#include "test_gui_key_separation.moc"
