// Adding, removing and changing key slots through VaultAccess, including a crash
// at each step of a passphrase change: someone can always get in.

#include "core/access/VaultAccess.h"
#include "core/common/AtomicFile.h"
#include "core/keys/KeySlotFile.h"
#include "core/vault/UserRepository.h"

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
const QString NewNursePass = QStringLiteral("Amber-kettle-9-under-bridges");

User nurse(const QString& name = QStringLiteral("kim"))
{
    return {name, QStringLiteral("Kim Nurse"), Role::Nurse, {QStringLiteral("ward-3b")}, {}, false};
}

int userSlots(const QString& dir, const QString& name)
{
    auto set = KeySlotFile(VaultDirectory(dir).keySlotFile()).load();
    return set.ok() ? static_cast<int>(set->slotsOf(KeySlot::Kind::User, name).size()) : -1;
}

} // namespace

class TestKeySlotChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addUnlockRemove();
    void changePassphrase();
    void changeNeedsOldPassphrase();
    void changeRefusesWeakPassphrase();
    void crashBeforeFirstWriteKeepsOld();
    void crashAfterFirstWriteKeepsBoth();
    void retryAfterCrashLeavesOnlyNewest();
    void crashWhileAddingKeepsEveryoneIn();
    void lastAdminCannotBeRemoved();
    void adminResetsForgottenPassphrase();

private:
    ManualClock m_clock;
    VaultAccess m_access{m_clock, KdfParameters::minimumForTesting()};
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

void TestKeySlotChanges::init()
{
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::None);
    m_tmp = std::make_unique<QTemporaryDir>();
    m_dir = m_tmp->filePath(QStringLiteral("vault"));
    auto admin =
        m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    QVERIFY_OK(m_access.addUser(*admin, nurse(), NursePass));
}

void TestKeySlotChanges::cleanup()
{
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::None);
}

void TestKeySlotChanges::addUnlockRemove()
{
    auto kim = m_access.unlock(m_dir, QStringLiteral("kim"), NursePass);
    QVERIFY_OK(kim);
    QCOMPARE(kim->user().role, Role::Nurse);
    QCOMPARE(kim->user().wards, QStringList{QStringLiteral("ward-3b")});
    QCOMPARE(userSlots(m_dir, QStringLiteral("kim")), 1);

    auto admin = m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY_OK(admin);
    QVERIFY_OK(m_access.removeUser(*admin, QStringLiteral("kim")));
    QCOMPARE(userSlots(m_dir, QStringLiteral("kim")), 0);
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass).error().code, ErrorCode::WrongKey);
    // The row stays, disabled, and the name is not handed out again.
    auto row = vault::UserRepository(admin->vault()).find(QStringLiteral("kim"));
    QVERIFY_OK(row);
    QVERIFY(row->disabled);
    QCOMPARE(m_access.addUser(*admin, nurse(), NursePass).error().code, ErrorCode::Conflict);
}

void TestKeySlotChanges::changePassphrase()
{
    QVERIFY_OK(m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, NewNursePass));
    QCOMPARE(userSlots(m_dir, QStringLiteral("kim")), 1);
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass).error().code, ErrorCode::WrongKey);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NewNursePass));
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass)); // others untouched
}

void TestKeySlotChanges::changeNeedsOldPassphrase()
{
    auto refused = m_access.changePassphrase(m_dir, QStringLiteral("kim"),
                                             QStringLiteral("Wrong-guess-of-kims-pass-1"), NewNursePass);
    QCOMPARE(refused.error().code, ErrorCode::WrongKey);
    QCOMPARE(m_access.secondsToWait(m_dir, QStringLiteral("kim")), 0);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
}

void TestKeySlotChanges::changeRefusesWeakPassphrase()
{
    for (const QString& weak : {QStringLiteral("Password1234"), NursePass}) {
        auto refused = m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, weak);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::WeakPassphrase);
    }
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
}

void TestKeySlotChanges::crashBeforeFirstWriteKeepsOld()
{
    // Killed after the temp file of the first write: keyslots.json is untouched.
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::AfterTempWritten);
    QVERIFY(!m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, NewNursePass).ok());
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::None);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), NewNursePass).error().code, ErrorCode::WrongKey);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass));
}

void TestKeySlotChanges::crashAfterFirstWriteKeepsBoth()
{
    // Killed right after the first rename - the same state as a crash anywhere in
    // the second write before its rename: both slots are on disk.
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::AfterRename);
    QVERIFY(!m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, NewNursePass).ok());
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::None);
    QCOMPARE(userSlots(m_dir, QStringLiteral("kim")), 2);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NewNursePass));
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass));
}

void TestKeySlotChanges::retryAfterCrashLeavesOnlyNewest()
{
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::AfterRename);
    QVERIFY(!m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, NewNursePass).ok());
    setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::None);
    // Kim was told the change failed and tries again.
    QVERIFY_OK(m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, NewNursePass));
    QCOMPARE(userSlots(m_dir, QStringLiteral("kim")), 1);
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass).error().code, ErrorCode::WrongKey);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NewNursePass));
}

void TestKeySlotChanges::crashWhileAddingKeepsEveryoneIn()
{
    auto admin = m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY_OK(admin);
    for (auto point : {AtomicWriteCrashPoint::AfterTempWritten, AtomicWriteCrashPoint::AfterRename}) {
        setAtomicWriteCrashPointForTesting(point);
        QVERIFY(!m_access.addUser(*admin, nurse(QStringLiteral("lee")), NewNursePass).ok());
        setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint::None);
        QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
        QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass));
        // Either no slot, or an orphan slot that opens no account.
        QCOMPARE(m_access.unlock(m_dir, QStringLiteral("lee"), NewNursePass).ok(), false);
    }
    // Adding again replaces the orphan.
    QVERIFY_OK(m_access.addUser(*admin, nurse(QStringLiteral("lee")), NewNursePass));
    QCOMPARE(userSlots(m_dir, QStringLiteral("lee")), 1);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("lee"), NewNursePass));
}

void TestKeySlotChanges::lastAdminCannotBeRemoved()
{
    auto admin = m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY_OK(admin);
    QCOMPARE(m_access.removeUser(*admin, QStringLiteral("it-admin")).error().code, ErrorCode::Denied);
    QCOMPARE(m_access.disableUser(*admin, QStringLiteral("it-admin")).error().code, ErrorCode::Denied);

    // With a second administrator, the first can go; then the second is the last.
    const User second{
        QStringLiteral("it-admin2"), QStringLiteral("Second Admin"), Role::ItAdmin, {}, {}, false};
    QVERIFY_OK(m_access.addUser(*admin, second, NewNursePass));
    auto admin2 = m_access.unlock(m_dir, QStringLiteral("it-admin2"), NewNursePass);
    QVERIFY_OK(admin2);
    QVERIFY_OK(m_access.removeUser(*admin2, QStringLiteral("it-admin")));
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass).error().code, ErrorCode::WrongKey);
    auto refused = m_access.removeUser(*admin2, QStringLiteral("it-admin2"));
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("it-admin2"), NewNursePass));
}

void TestKeySlotChanges::adminResetsForgottenPassphrase()
{
    auto admin = m_access.unlock(m_dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY_OK(admin);
    QCOMPARE(
        m_access.resetPassphrase(*admin, QStringLiteral("kim"), QStringLiteral("krankenhaus12")).error().code,
        ErrorCode::WeakPassphrase);
    QVERIFY_OK(m_access.resetPassphrase(*admin, QStringLiteral("kim"), NewNursePass));
    QCOMPARE(userSlots(m_dir, QStringLiteral("kim")), 1);
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass).error().code, ErrorCode::WrongKey);
    // A reset passphrase is for one use: it opens only the change to one of kim's own.
    QVERIFY(m_access.mustChangePassphrase(m_dir, QStringLiteral("kim")));
    QCOMPARE(m_access.unlock(m_dir, QStringLiteral("kim"), NewNursePass).error().code, ErrorCode::Denied);
    QVERIFY_OK(m_access.changePassphrase(m_dir, QStringLiteral("kim"), NewNursePass, NursePass));
    QVERIFY(!m_access.mustChangePassphrase(m_dir, QStringLiteral("kim")));
    QVERIFY_OK(m_access.unlock(m_dir, QStringLiteral("kim"), NursePass));
}

QTEST_GUILESS_MAIN(TestKeySlotChanges)
#include "test_keyslot_changes.moc"
