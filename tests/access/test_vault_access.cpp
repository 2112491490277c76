// VaultAccess end to end: initialise a vault folder, unlock as a person, the
// role and account checks that come with it, and what a damaged folder reports.

#include "core/access/SessionPolicy.h"
#include "core/access/VaultAccess.h"
#include "core/keys/KeySlotFile.h"
#include "core/vault/UserRepository.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::access;
using lantern::keys::KdfParameters;
using lantern::keys::KeySlot;
using lantern::keys::KeySlotFile;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {

const QString AdminPass = QStringLiteral("Lantern-ward-3B-night-shift");
const QString NursePass = QStringLiteral("Quiet-river-stones-42-north");
const QString DoctorPass = QStringLiteral("Amber-kettle-9-under-bridges");

User nurse()
{
    return {QStringLiteral("kim"),
            QStringLiteral("Kim Nurse"),
            Role::Nurse,
            {QStringLiteral("ward-3b")},
            {},
            false};
}

User physician()
{
    return {QStringLiteral("dr.lee"),
            QStringLiteral("Dr. Lee"),
            Role::Physician,
            {QStringLiteral("ward-3b")},
            {},
            false};
}

} // namespace

class TestVaultAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void initialiseCreatesTheFolder();
    void initialiseTwiceRefused();
    void initialiseWithWeakPassphraseCreatesNothing();
    void unlockAsPerson();
    void wrongPassphraseOrUnknownUser();
    void nurseCannotAddUsers();
    void disabledUserCannotUnlock();
    void demotedAdminLosesRightsAtOnce();
    void damagedSlotFileNamed();
    void slotFileOfAnotherVaultRefused();
    void idleLockDefault();

private:
    ManualClock m_clock;
    VaultAccess m_access{m_clock, KdfParameters::minimumForTesting()};
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

void TestVaultAccess::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_dir = m_tmp->filePath(QStringLiteral("vault"));
}

void TestVaultAccess::initialiseCreatesTheFolder()
{
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QCOMPARE(admin->user().role, Role::ItAdmin);
    QCOMPARE(admin->user().createdAt, m_clock.now());
    const VaultDirectory dir(m_dir);
    QVERIFY(QFile::exists(dir.vaultFile()));
    QVERIFY(QFile::exists(dir.deviceKeyFile()));
    auto slots = KeySlotFile(dir.keySlotFile()).load();
    QVERIFY_OK(slots);
    QCOMPARE(slots->slots.size(), 2);
    QVERIFY(slots->contains(KeySlot::Kind::User, QStringLiteral("it-admin")));
    QVERIFY(slots->contains(KeySlot::Kind::Device, KeySlot::deviceSlotName()));
    QCOMPARE(slots->slots.first().kdf(), KdfParameters::minimumForTesting());
    QCOMPARE(slots->vaultId, admin->vault().meta(QStringLiteral("vault_id")).value());
    QCOMPARE(admin->vaultId(), slots->vaultId);
    // No passphrase or key in the clear in the slot file.
    QFile f(dir.keySlotFile());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains(AdminPass.toUtf8()));
}

void TestVaultAccess::initialiseTwiceRefused()
{
    QVERIFY_OK(m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass));
    auto again = m_access.initialise(m_dir, QStringLiteral("other"), QStringLiteral("Other"), DoctorPass);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass));

    // A vault.db without keyslots.json is not silently replaced either.
    QVERIFY(QFile::remove(VaultDirectory(m_dir).keySlotFile()));
    auto orphan = m_access.initialise(m_dir, QStringLiteral("other"), QStringLiteral("Other"), DoctorPass);
    QCOMPARE(orphan.error().code, ErrorCode::Conflict);
    QVERIFY(orphan.error().message.contains(QStringLiteral("backup")));
}

void TestVaultAccess::initialiseWithWeakPassphraseCreatesNothing()
{
    auto weak = m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"),
                                    QStringLiteral("Admin123"));
    QVERIFY(!weak.ok());
    QCOMPARE(weak.error().code, ErrorCode::WeakPassphrase);
    QVERIFY(!QFile::exists(VaultDirectory(m_dir).vaultFile()));
    QVERIFY(!QFile::exists(VaultDirectory(m_dir).keySlotFile()));
    auto badName =
        m_access.initialise(m_dir, QStringLiteral("IT Admin"), QStringLiteral("IT Admin"), AdminPass);
    QCOMPARE(badName.error().code, ErrorCode::InvalidInput);
}

void TestVaultAccess::unlockAsPerson()
{
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QVERIFY_OK(m_access.addUser(*admin, nurse(), NursePass));
    QVERIFY_OK(admin->vault().setMeta(QStringLiteral("probe"), QStringLiteral("written by the admin")));
    admin = Error(); // lock

    auto kim = m_access.unlock(m_dir, QStringLiteral("kim"), NursePass);
    QVERIFY_OK(kim);
    QCOMPARE(kim->user().username, QStringLiteral("kim"));
    QCOMPARE(kim->user().displayName, QStringLiteral("Kim Nurse"));
    QVERIFY(kim->user().hasPermission(Permission::Record));
    QCOMPARE(kim->vault().meta(QStringLiteral("probe")).value(), QStringLiteral("written by the admin"));
}

void TestVaultAccess::wrongPassphraseOrUnknownUser()
{
    QVERIFY_OK(m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass));
    auto wrong = m_access.unlock(m_dir, QStringLiteral("it-admin"), NursePass);
    auto unknown = m_access.unlock(m_dir, QStringLiteral("nobody"), AdminPass);
    auto garbage = m_access.unlock(m_dir, QStringLiteral("../etc/passwd"), AdminPass);
    QCOMPARE(wrong.error().code, ErrorCode::WrongKey);
    QCOMPARE(unknown.error().code, ErrorCode::WrongKey);
    QCOMPARE(garbage.error().code, ErrorCode::WrongKey);
    // The same words either way: nobody learns which usernames exist.
    QCOMPARE(wrong.error().message, unknown.error().message);
}

void TestVaultAccess::nurseCannotAddUsers()
{
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QVERIFY_OK(m_access.addUser(*admin, nurse(), NursePass));
    auto kim = m_access.unlock(m_dir, QStringLiteral("kim"), NursePass);
    QVERIFY_OK(kim);
    const Status refused = m_access.addUser(*kim, physician(), DoctorPass);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QCOMPARE(m_access.removeUser(*kim, QStringLiteral("it-admin")).error().code, ErrorCode::Denied);
    QCOMPARE(m_access.disableUser(*kim, QStringLiteral("it-admin")).error().code, ErrorCode::Denied);
    QCOMPARE(m_access.resetPassphrase(*kim, QStringLiteral("it-admin"), DoctorPass).error().code,
             ErrorCode::Denied);
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("dr.lee"), DoctorPass).error().code, ErrorCode::WrongKey);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass));

    // And the administrator's own checks: policy and a valid user.
    QCOMPARE(m_access.addUser(*admin, physician(), QStringLiteral("Password1234")).error().code,
             ErrorCode::WeakPassphrase);
    User noWard = physician();
    noWard.wards.clear();
    QCOMPARE(m_access.addUser(*admin, noWard, DoctorPass).error().code, ErrorCode::InvalidInput);
    QVERIFY_OK(m_access.addUser(*admin, physician(), DoctorPass));
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("dr.lee"), DoctorPass));
}

void TestVaultAccess::disabledUserCannotUnlock()
{
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QVERIFY_OK(m_access.addUser(*admin, nurse(), NursePass));
    QVERIFY_OK(m_access.disableUser(*admin, QStringLiteral("kim")));
    // Disabling deletes the key slot: the passphrase opens nothing any more.
    auto refused = m_access.unlock(m_dir, QStringLiteral("kim"), NursePass);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::WrongKey);
    QCOMPARE(m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, DoctorPass).error().code,
             ErrorCode::WrongKey);
    // Enabling issues a one-time passphrase, good only for choosing a new one.
    QVERIFY_OK(m_access.enableUser(*admin, QStringLiteral("kim"), DoctorPass));
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), DoctorPass).error().code, ErrorCode::Denied);
    QVERIFY_OK(m_access.changePassphrase(m_dir, QStringLiteral("kim"), DoctorPass, NursePass));
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
}

void TestVaultAccess::demotedAdminLosesRightsAtOnce()
{
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    const User second{
        QStringLiteral("it-admin2"), QStringLiteral("Second Admin"), Role::ItAdmin, {}, {}, false};
    QVERIFY_OK(m_access.addUser(*admin, second, DoctorPass));
    auto admin2 = m_access.unlock(m_dir, QStringLiteral("it-admin2"), DoctorPass);
    QVERIFY_OK(admin2);
    QVERIFY_OK(m_access.disableUser(*admin, QStringLiteral("it-admin2")));
    // admin2's session is still open, but the account is disabled now.
    QCOMPARE(m_access.addUser(*admin2, nurse(), NursePass).error().code, ErrorCode::Denied);
}

void TestVaultAccess::damagedSlotFileNamed()
{
    QVERIFY_OK(m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass));
    const QString path = VaultDirectory(m_dir).keySlotFile();
    QVERIFY(QFile::resize(path, QFile(path).size() / 3));
    auto refused = m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Corrupt);
    QVERIFY2(refused.error().message.contains(path), qPrintable(refused.error().message));
    QCOMPARE(m_access.unlockAsDevice(m_dir).error().code, ErrorCode::Corrupt);
    QCOMPARE(m_access.changePassphrase(m_dir, QStringLiteral("it-admin"), AdminPass, DoctorPass).error().code,
             ErrorCode::Corrupt);
    // A damaged file is not a wrong guess.
    QCOMPARE(m_access.secondsToWait(m_dir, QStringLiteral("it-admin")), 0);
}

void TestVaultAccess::slotFileOfAnotherVaultRefused()
{
    const QString other = m_tmp->filePath(QStringLiteral("other"));
    QVERIFY_OK(m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass));
    QVERIFY_OK(m_access.initialise(other, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass));
    QVERIFY(QFile::remove(VaultDirectory(m_dir).keySlotFile()));
    QVERIFY(QFile::copy(VaultDirectory(other).keySlotFile(), VaultDirectory(m_dir).keySlotFile()));
    auto refused = m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY(!refused.ok());
    // The slot opened with the right passphrase, so the passphrase is not what is wrong: the
    // other vault's data key does not open this vault.db, which is reported as damage (exit 1).
    QCOMPARE(refused.error().code, ErrorCode::Corrupt);
    QVERIFY2(refused.error().message.contains(QStringLiteral("vault file damaged")), qPrintable(refused.error().message));
    QCOMPARE(m_access.secondsToWait(m_dir, QStringLiteral("it-admin")), 0); // not counted as a wrong guess
}

void TestVaultAccess::idleLockDefault()
{
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QCOMPARE(SessionPolicy(admin->vault()).idleLockSecs().value(), 120);
    QCOMPARE(admin->vault().meta(QStringLiteral("session.idle_lock_secs")).value(), QStringLiteral("120"));
}

QTEST_GUILESS_MAIN(TestVaultAccess)
#include "test_vault_access.moc"
