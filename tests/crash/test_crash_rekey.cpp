// Crash harness, scenario "rekey": `lanternctl user remove` (disable, new data
// key, every remaining slot re-sealed, PRAGMA rekey, old key gone) killed with
// SIGKILL at random moments, each time in a fresh copy of one vault. After every
// kill the remaining users, the device and the audit key open (integrity and
// audit chain ok, the next unlock finishes a pending re-key), the removed
// user's passphrase opens nothing once the re-key began, and the old data key
// opens the vault only if the removal had not begun. (Kills at each named step
// of the re-key stay in tests/cli/test_cli_users.)

#include "CrashHarness.h"

#include "core/access/VaultAccess.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include <optional>

using namespace lantern;
using namespace lantern::crash;
using lantern::keys::KeySlot;
using lantern::keys::KeySlotFile;

namespace {

const QString kDoctor = QStringLiteral("dr.wolf");
const QString kDoctorPass = QStringLiteral("Ward-round-3B-physician-ok");

} // namespace

class TestCrashRekey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void removalKilledAnywhereLeavesOneKey();

private:
    QString freshCopy();
    ChildCommand removeNurse(const QString& vault) const;
    // The promises after a kill; `removed` says whether the removal had taken place.
    QString checkAfterKill(const QString& vault, bool* removed);

    QTemporaryDir m_tmp;
    QString m_template;
    int m_copies = 0;
    std::optional<SecureBuffer> m_oldKey; // what the nurse could have kept
};

void TestCrashRekey::initTestCase()
{
    m_template = m_tmp.filePath(QStringLiteral("template"));
    const QString created = createVault(m_template);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    {
        auto admin = access.unlock(m_template, kAdmin, kAdminPass);
        QVERIFY(admin.ok());
        QVERIFY(access.addUser(*admin, {kDoctor, QStringLiteral("Dr Wolf"), access::Role::Physician, {kWard}, {}, false}, kDoctorPass).ok());
    }
    auto slots = KeySlotFile(access::VaultDirectory(m_template).keySlotFile()).load();
    QVERIFY(slots.ok());
    auto key = slots->slotsOf(KeySlot::Kind::User, kNurse).first().unwrapWithPassphrase(slots->vaultId, keys::passphraseBytes(kNursePass));
    QVERIFY(key.ok());
    m_oldKey.emplace(std::move(*key));
}

QString TestCrashRekey::freshCopy()
{
    const QString dir = m_tmp.filePath(QStringLiteral("copy-%1").arg(++m_copies));
    return copyVault(m_template, dir) ? dir : QString();
}

ChildCommand TestCrashRekey::removeNurse(const QString& vault) const
{
    return lanternctl(vault, kAdmin, kAdminPass, {QStringLiteral("user"), QStringLiteral("remove"), kNurse});
}

QString TestCrashRekey::checkAfterKill(const QString& vault, bool* removed)
{
    const access::VaultDirectory dir(vault);
    access::VaultAccess access;
    // Before anyone finishes the re-key: the nurse's passphrase opens nothing once it began.
    if (QFile::exists(dir.rekeySlotFile()) && access.unlock(vault, kNurse, kNursePass).ok())
        return QStringLiteral("the removed user unlocked while the re-key was pending");
    // The doctor's unlock finishes a pending re-key; then the common promises.
    if (auto doctor = access.unlock(vault, kDoctor, kDoctorPass); !doctor.ok())
        return QStringLiteral("a remaining user cannot unlock: ") + doctor.error().message;
    QString problem = checkVault(vault, kDoctor, {kDoctorPass});
    if (!problem.isEmpty())
        return problem;
    if (QFile::exists(dir.rekeySlotFile()))
        return QStringLiteral("keyslots.rekey.json left after an unlock");
    auto slots = KeySlotFile(dir.keySlotFile()).load();
    if (!slots.ok())
        return slots.error().message;
    *removed = !slots->contains(KeySlot::Kind::User, kNurse);
    const bool oldKeyOpens = vault::Vault::open(dir.vaultFile(), *m_oldKey).ok();
    const bool nurseOpens = access.unlock(vault, kNurse, kNursePass).ok();
    if (*removed == oldKeyOpens || *removed == nurseOpens)
        return QStringLiteral("removed %1, old key opens %2, nurse opens %3").arg(int(*removed)).arg(int(oldKeyOpens)).arg(int(nurseOpens));
    problem = checkVault(vault, kAdmin, {kAdminPass});
    if (!problem.isEmpty())
        return problem;
    const auto kdf = slots->slotsOf(KeySlot::Kind::User, kAdmin).first().kdf();
    const SecureBuffer pass = keys::passphraseBytes(kAdminPass);
    if (!audit::AuditKeyCustody(vault, slots->vaultId).open(audit::AuditKeyHolder::user(kAdmin, pass, kdf)).ok())
        return QStringLiteral("the audit key slot no longer opens");
    auto admin = access.unlock(vault, kAdmin, kAdminPass);
    if (!admin.ok())
        return admin.error().message;
    auto nurseRow = vault::UserRepository(admin->vault()).find(kNurse);
    if (!nurseRow.ok() || nurseRow->disabled != *removed)
        return QStringLiteral("the nurse's row does not say what the slots say");
    return {};
}

void TestCrashRekey::removalKilledAnywhereLeavesOneKey()
{
    // How long an uninterrupted removal takes here, to spread the kills over it.
    const QString timed = freshCopy();
    QElapsedTimer timer;
    timer.start();
    const ChildOutcome clean = runChild(removeNurse(timed));
    const int spanMs = int(timer.elapsed());
    QVERIFY2(clean.finishedWith(0), clean.err.constData());

    CrashPlan plan(QStringLiteral("rekey"));
    int removedCount = 0;
    for (int attempt = 0; !plan.done() && attempt < plan.killsWanted() * 4; ++attempt) {
        const QString vault = freshCopy();
        QVERIFY(!vault.isEmpty());
        const int delay = plan.delayMs(spanMs * 9 / 10);
        const ChildOutcome run = runChild(removeNurse(vault), delay);
        QVERIFY2(run.killed || run.exitCode == 0, run.err.constData());
        if (!run.killed)
            continue;
        plan.killed();
        bool removed = false;
        const QString problem = checkAfterKill(vault, &removed);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after a kill at %1 ms of %2: %3").arg(delay).arg(spanMs).arg(problem)));
        removedCount += removed ? 1 : 0;
        plan.recovered();
        QDir(vault).removeRecursively();
    }
    std::printf("CRASH rekey: %d removed, %d untouched after the kill\n", removedCount, plan.kills() - removedCount);
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));
}

QTEST_GUILESS_MAIN(TestCrashRekey)
#include "test_crash_rekey.moc"
