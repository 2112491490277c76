// Only the mirror service's account may hold device.key (issue 10, "Key
// separation"): a key file another account owns, that group or others can
// read, or that lies in a folder others can write is refused with what to do
// (chown/chmod), by the core and by lanternctl with exit code 3, and nothing
// is changed: after the fix, the same files open the vault.

#include "core/access/VaultAccess.h"
#include "core/access/VaultDirectory.h"
#include "core/keys/KdfParameters.h"
#include "core/keys/KeyFileOwnership.h"
#include "core/vault/Vault.h"

#include <TestConfig.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace lantern;

namespace {

struct Run
{
    int code = -1;
    QString err;
};

Run lanternctl(const QString& dir, const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
            QStringList{QStringLiteral("--device"), QStringLiteral("--vault"), dir} + args);
    Run r;
    if (!p.waitForStarted() || !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(10000);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

mode_t modeOf(const QString& path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

void setMode(const QString& path, mode_t mode)
{
    QVERIFY(::chmod(QFile::encodeName(path).constData(), mode) == 0);
}

} // namespace

class TestDeviceKeyOwner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_dir;
    QString m_key;
    access::VaultAccess m_access{SystemClock::instance(), keys::KdfParameters::minimumForTesting()};

    ErrorCode deviceUnlockError()
    {
        auto vault = m_access.unlockAsDevice(m_dir);
        return vault.ok() ? ErrorCode::Internal : vault.error().code;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        m_dir = m_root.filePath(QStringLiteral("vault"));
        auto admin = m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT"),
                                         QStringLiteral("Lantern-device-key-owner-2026"));
        QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
        m_key = access::VaultDirectory(m_dir).deviceKeyFile();
        QCOMPARE(modeOf(m_key), mode_t(0600)); // as init leaves it
        QVERIFY(m_access.unlockAsDevice(m_dir).ok());
    }

    void rulesOnOwnerModeAndFolder()
    {
        const uid_t me = ::geteuid();
        const keys::FileFacts good{me, S_IFREG | 0600};
        QVERIFY(keys::KeyFileOwnership::checkKey(m_key, good, me).ok());
        QVERIFY(keys::KeyFileOwnership::checkKey(m_key, {me, S_IFREG | 0400}, me).ok());

        // Another account's key: refused, naming both accounts and the chown.
        const Status foreign = keys::KeyFileOwnership::checkKey(m_key, good, me + 1);
        QVERIFY(!foreign.ok());
        QCOMPARE(foreign.error().code, ErrorCode::Denied);
        QVERIFY2(foreign.error().message.contains(QLatin1String("chown")), qPrintable(foreign.error().message));

        for (mode_t mode : {mode_t(0640), mode_t(0604), mode_t(0660), mode_t(0644), mode_t(0700), mode_t(0000)}) {
            const Status loose = keys::KeyFileOwnership::checkKey(m_key, {me, mode_t(S_IFREG | mode)}, me);
            QVERIFY2(!loose.ok(), qPrintable(QString::number(mode, 8)));
            QVERIFY2(loose.error().message.contains(QLatin1String("chmod 600")), qPrintable(loose.error().message));
        }
        QVERIFY(!keys::KeyFileOwnership::checkKey(m_key, {me, S_IFLNK | 0600}, me).ok());

        QVERIFY(keys::KeyFileOwnership::checkFolder(m_dir, {me, S_IFDIR | 0750}).ok());
        QVERIFY(keys::KeyFileOwnership::checkFolder(m_dir, {me, S_IFDIR | 0700}).ok());
        const Status open = keys::KeyFileOwnership::checkFolder(m_dir, {me, S_IFDIR | 0777});
        QVERIFY(!open.ok());
        QVERIFY2(open.error().message.contains(QLatin1String("chmod 750")), qPrintable(open.error().message));
        QVERIFY(!keys::KeyFileOwnership::checkFolder(m_dir, {me, S_IFDIR | 0770}).ok());
        // Shared with the desktop users' group, sticky: nobody else may rename or delete device.key.
        QVERIFY(keys::KeyFileOwnership::checkFolder(m_dir, {me, S_IFDIR | S_ISGID | S_ISVTX | 0770}).ok());
    }

    void readableByGroupRefusedWithExitThree()
    {
        setMode(m_key, 0640);
        QCOMPARE(deviceUnlockError(), ErrorCode::Denied);
        const Run r = lanternctl(m_dir, {QStringLiteral("status")});
        QVERIFY2(r.code == 3, qPrintable(QString::number(r.code) + r.err));
        QVERIFY2(r.err.contains(QLatin1String("chmod 600")), qPrintable(r.err));
        QCOMPARE(modeOf(m_key), mode_t(0640)); // nothing changed behind the person's back
        setMode(m_key, 0600);
        QVERIFY(m_access.unlockAsDevice(m_dir).ok());
        QCOMPARE(lanternctl(m_dir, {QStringLiteral("status")}).code, 0);
    }

    void folderWritableByOthersRefused()
    {
        setMode(m_dir, 0777);
        QCOMPARE(deviceUnlockError(), ErrorCode::Denied);
        const Run r = lanternctl(m_dir, {QStringLiteral("sync"), QStringLiteral("--once")});
        setMode(m_dir, 0700);
        QVERIFY2(r.code == 3, qPrintable(QString::number(r.code) + r.err));
        QVERIFY2(r.err.contains(QLatin1String("chmod 750")), qPrintable(r.err));
        QVERIFY(m_access.unlockAsDevice(m_dir).ok());
    }

    void anotherAccountsKeyRefused()
    {
        if (::geteuid() != 0)
            QSKIP("changing a file's owner needs root; rulesOnOwnerModeAndFolder covers the rule");
        const uid_t nobody = 65534;
        QVERIFY(::chown(QFile::encodeName(m_key).constData(), nobody, gid_t(-1)) == 0);
        const ErrorCode refused = deviceUnlockError();
        const Run r = lanternctl(m_dir, {QStringLiteral("service"), QStringLiteral("run")});
        QVERIFY(::chown(QFile::encodeName(m_key).constData(), 0, gid_t(-1)) == 0);
        QCOMPARE(refused, ErrorCode::Denied);
        QVERIFY2(r.code == 3, qPrintable(QString::number(r.code) + r.err));
        QVERIFY2(r.err.contains(QLatin1String("chown")), qPrintable(r.err));
        QVERIFY(m_access.unlockAsDevice(m_dir).ok());
    }
};

QTEST_GUILESS_MAIN(TestDeviceKeyOwner)
#include "test_device_key_owner.moc"
