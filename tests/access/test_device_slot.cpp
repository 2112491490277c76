// The device slot: the headless mirror opens the vault with device.key alone;
// the key file is private (0600) and a wrong, missing or exposed key opens nothing.

#include "core/access/VaultAccess.h"
#include "core/keys/DeviceKey.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace lantern;
using namespace lantern::access;
using lantern::keys::DeviceKey;
using lantern::keys::KdfParameters;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {

const QString AdminPass = QStringLiteral("Lantern-ward-3B-night-shift");

int fileMode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}

} // namespace

class TestDeviceSlot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void deviceKeyIsPrivate();
    void deviceOpensVault();
    void otherDeviceKeyRefused();
    void missingDeviceKeyReported();
    void exposedDeviceKeyRefused();
    void truncatedDeviceKeyRefused();

private:
    ManualClock m_clock;
    VaultAccess m_access{m_clock, KdfParameters::minimumForTesting()};
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

void TestDeviceSlot::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_dir = m_tmp->filePath(QStringLiteral("vault"));
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QVERIFY_OK(admin->vault().setMeta(QStringLiteral("ward"), QStringLiteral("ward-3b")));
}

void TestDeviceSlot::deviceKeyIsPrivate()
{
    const QString keyFile = VaultDirectory(m_dir).deviceKeyFile();
    QCOMPARE(fileMode(keyFile), 0600);
    QCOMPARE(QFile(keyFile).size(), qint64(DeviceKey::KeyBytes));
    QCOMPARE(fileMode(m_dir), 0700);
}

void TestDeviceSlot::deviceOpensVault()
{
    auto vault = m_access.unlockAsDevice(m_dir);
    QVERIFY_OK(vault);
    QCOMPARE((*vault)->meta(QStringLiteral("ward")).value(), QStringLiteral("ward-3b"));
}

void TestDeviceSlot::otherDeviceKeyRefused()
{
    // A device.key from another installation (or a fresh one) opens nothing.
    QVERIFY_OK(DeviceKey::create(VaultDirectory(m_dir).deviceKeyFile()));
    auto vault = m_access.unlockAsDevice(m_dir);
    QVERIFY(!vault.ok());
    QCOMPARE(vault.error().code, ErrorCode::WrongKey);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass)); // people still can
}

void TestDeviceSlot::missingDeviceKeyReported()
{
    QVERIFY(QFile::remove(VaultDirectory(m_dir).deviceKeyFile()));
    auto vault = m_access.unlockAsDevice(m_dir);
    QVERIFY(!vault.ok());
    QCOMPARE(vault.error().code, ErrorCode::NotFound);
    QVERIFY(vault.error().message.contains(QStringLiteral("device.key")));
}

void TestDeviceSlot::exposedDeviceKeyRefused()
{
    const QString keyFile = VaultDirectory(m_dir).deviceKeyFile();
    QVERIFY(::chmod(QFile::encodeName(keyFile).constData(), 0644) == 0);
    auto vault = m_access.unlockAsDevice(m_dir);
    QVERIFY(!vault.ok());
    QCOMPARE(vault.error().code, ErrorCode::Denied);
    QVERIFY(vault.error().message.contains(QStringLiteral("chmod 600")));
    QVERIFY(::chmod(QFile::encodeName(keyFile).constData(), 0600) == 0);
    QVERIFY_OK(m_access.unlockAsDevice(m_dir));
}

void TestDeviceSlot::truncatedDeviceKeyRefused()
{
    const QString keyFile = VaultDirectory(m_dir).deviceKeyFile();
    QVERIFY(QFile::resize(keyFile, 16));
    auto vault = m_access.unlockAsDevice(m_dir);
    QVERIFY(!vault.ok());
    QCOMPARE(vault.error().code, ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(TestDeviceSlot)
#include "test_device_slot.moc"
