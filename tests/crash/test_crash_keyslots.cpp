// Crash harness, scenario "keyslots": every key slot change lanternctl offers -
// `user passwd`, `user reset`, `user disable` / `enable`, `user add` - killed
// with SIGKILL at random moments. After every kill the vault opens (device.key,
// the administrator's passphrase), integrity_check and the audit chain are ok,
// and the nurse's slot opens with the old or the new secret, never neither; a
// disabled nurse has no slot at all, an added user whose row exists opens with
// their passphrase (reset and disable act on a second nurse). Each change is brought to an end cleanly afterwards, so the
// next one starts from a known state.

#include "CrashHarness.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::crash;

namespace {

const QStringList kNursePasses{kNursePass, QStringLiteral("Ward-round-3B-physician-ok")};
const QString kOneTime = QStringLiteral("Copper-lantern-77-east-gate");
const QString kAddedPass = QStringLiteral("Harbour-night-shift-4A-lantern");

enum class Change { Passwd, Reset, Disable, Add };
const QList<Change> kChanges{Change::Passwd, Change::Reset, Change::Passwd, Change::Disable, Change::Passwd, Change::Add};
const QString kSecondNurse = QStringLiteral("n.koch");

} // namespace

class TestCrashKeySlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void slotsOpenWithOldOrNewSecret();

private:
    void aimAt(Change change);
    ChildCommand command(Change change);
    // After a run (killed or not): the promise of that change; then brings it to an end.
    QString settle(Change change, bool killed);
    // The nurse back on a passphrase of their own from the one-time one, cleanly.
    QString takeBackFromOneTime();
    bool nurseDisabled();

    QTemporaryDir m_tmp;
    QString m_dir;
    // Whose slot the change is about: passwd and add on the nurse (whose slot keeps the
    // cheapest Argon2id parameters), reset and disable on a second nurse (one-time slots
    // are made with the production parameters, and keep them through the next passwd).
    QString m_user;
    QHash<QString, int> m_currentOf;
    QByteArray m_slotsBefore; // keyslots.json before the run that is killed // index into kNursePasses: each nurse's passphrase now
    int m_added = 0;
};

void TestCrashKeySlots::initTestCase()
{
    m_dir = m_tmp.filePath(QStringLiteral("vault"));
    const QString created = createVault(m_dir);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto admin = access.unlock(m_dir, kAdmin, kAdminPass);
    QVERIFY(admin.ok());
    QVERIFY(access.addUser(*admin, {kSecondNurse, QStringLiteral("N Koch"), access::Role::Nurse, {kWard}, {}, false}, kNursePass).ok());
}

void TestCrashKeySlots::aimAt(Change change)
{
    m_user = change == Change::Reset || change == Change::Disable ? kSecondNurse : kNurse;
}

ChildCommand TestCrashKeySlots::command(Change change)
{
    const QString next = kNursePasses.at(1 - m_currentOf[m_user]);
    switch (change) {
    case Change::Passwd:
        return lanternctl(m_dir, m_user, kNursePasses.at(m_currentOf[m_user]), {QStringLiteral("user"), QStringLiteral("passwd")},
                          next.toUtf8() + '\n');
    case Change::Reset:
        return lanternctl(m_dir, kAdmin, kAdminPass, {QStringLiteral("user"), QStringLiteral("reset"), m_user},
                          kOneTime.toUtf8() + '\n');
    case Change::Disable:
        return lanternctl(m_dir, kAdmin, kAdminPass, {QStringLiteral("user"), QStringLiteral("disable"), m_user});
    case Change::Add:
        break;
    }
    return lanternctl(m_dir, kAdmin, kAdminPass,
                      {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("n.added%1").arg(m_added),
                       QStringLiteral("--role"), QStringLiteral("nurse"), QStringLiteral("--wards"), kWard},
                      kAddedPass.toUtf8() + '\n');
}

bool TestCrashKeySlots::nurseDisabled()
{
    auto admin = access::VaultAccess().unlock(m_dir, kAdmin, kAdminPass);
    if (!admin.ok())
        return false;
    auto nurse = vault::UserRepository(admin->vault()).find(m_user);
    return nurse.ok() && nurse->disabled;
}

QString TestCrashKeySlots::takeBackFromOneTime()
{
    const int next = 1 - m_currentOf[m_user];
    const ChildOutcome run = runChild(lanternctl(m_dir, m_user, kOneTime, {QStringLiteral("user"), QStringLiteral("passwd")},
                                                 kNursePasses.at(next).toUtf8() + '\n'));
    if (!run.finishedWith(0))
        return QStringLiteral("passwd from the one-time passphrase: ") + QString::fromUtf8(run.err);
    m_currentOf[m_user] = next;
    return slotOpensWith(m_dir, m_user, kNursePasses.at(m_currentOf[m_user])) ? QString() : QStringLiteral("new passphrase does not open");
}

QString TestCrashKeySlots::settle(Change change, bool killed)
{
    // A kill before keyslots.json changed left every slot as it was, opening as before:
    // no need to pay for Argon2id derivations with the production parameters then.
    const bool slotsUnchanged = killed && test::readFile(access::VaultDirectory(m_dir).keySlotFile()) == m_slotsBefore;
    if (slotsUnchanged && change != Change::Add)
        return change == Change::Disable && nurseDisabled() ? QStringLiteral("disable: disabled, but the slot file is unchanged")
                                                            : QString();
    const QString now = kNursePasses.at(m_currentOf[m_user]);
    const QString next = kNursePasses.at(1 - m_currentOf[m_user]);
    const bool opensNow = slotOpensWith(m_dir, m_user, now);
    switch (change) {
    case Change::Passwd: {
        const bool opensNext = slotOpensWith(m_dir, m_user, next);
        if (!opensNow && !opensNext)
            return QStringLiteral("passwd: neither the old nor the new passphrase opens the nurse's slot");
        if (!killed && (opensNow || !opensNext))
            return QStringLiteral("passwd finished but the old passphrase still opens or the new one does not");
        if (opensNext)
            m_currentOf[m_user] = 1 - m_currentOf[m_user];
        return {};
    }
    case Change::Reset: {
        const bool opensOneTime = slotOpensWith(m_dir, m_user, kOneTime);
        if (!opensNow && !opensOneTime)
            return QStringLiteral("reset: neither the old nor the one-time passphrase opens the nurse's slot");
        return opensOneTime ? takeBackFromOneTime() : QString();
    }
    case Change::Disable: {
        const bool disabled = nurseDisabled();
        if (disabled == opensNow) // disabled: no slot may open; not disabled: the slot must
            return disabled ? QStringLiteral("disable: the nurse is disabled but their slot still opens")
                            : QStringLiteral("disable: the nurse is not disabled but their slot is gone");
        if (!disabled)
            return {};
        const ChildOutcome enabled = runChild(lanternctl(m_dir, kAdmin, kAdminPass, {QStringLiteral("user"), QStringLiteral("enable"), m_user},
                                                         kOneTime.toUtf8() + '\n'));
        if (!enabled.finishedWith(0))
            return QStringLiteral("enable: ") + QString::fromUtf8(enabled.err);
        return takeBackFromOneTime();
    }
    case Change::Add:
        break;
    }
    const QString added = QStringLiteral("n.added%1").arg(m_added++);
    auto admin = access::VaultAccess().unlock(m_dir, kAdmin, kAdminPass);
    if (!admin.ok())
        return admin.error().message;
    // The row is committed only after the slot is on disk: a user that exists opens.
    const bool exists = vault::UserRepository(admin->vault()).find(added).ok();
    if (exists && !slotOpensWith(m_dir, added, kAddedPass))
        return QStringLiteral("add: user %1 exists but their passphrase opens nothing").arg(added);
    if (!killed && !exists)
        return QStringLiteral("add finished but user %1 is missing").arg(added);
    return opensNow ? QString() : QStringLiteral("add: the nurse's slot no longer opens");
}

void TestCrashKeySlots::slotsOpenWithOldOrNewSecret()
{
    // One clean run of each change: it must work, and its length spreads the kills.
    QHash<int, int> spanMs;
    for (const Change change : kChanges) {
        QElapsedTimer timer;
        timer.start();
        aimAt(change);
        const ChildOutcome clean = runChild(command(change));
        spanMs.insert(int(change), int(timer.elapsed()));
        QVERIFY2(clean.finishedWith(0), clean.err.constData());
        const QString problem = settle(change, false);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    CrashPlan plan(QStringLiteral("keyslots"));
    for (int attempt = 0; !plan.done() && attempt < plan.killsWanted() * 4; ++attempt) {
        const Change change = kChanges.at(attempt % kChanges.size());
        aimAt(change);
        m_slotsBefore = test::readFile(access::VaultDirectory(m_dir).keySlotFile());
        const ChildOutcome run = runChild(command(change), plan.delayMs(spanMs.value(int(change)) * 9 / 10));
        QVERIFY2(run.killed || run.exitCode == 0, run.err.constData());
        if (run.killed)
            plan.killed();
        const QString where = QStringLiteral("after kill %1 (change %2): ").arg(plan.kills()).arg(int(change));
        QString problem = settle(change, run.killed);
        QVERIFY2(problem.isEmpty(), qPrintable(where + problem));
        problem = checkVault(m_dir, kAdmin, {kAdminPass});
        QVERIFY2(problem.isEmpty(), qPrintable(where + problem));
        if (run.killed)
            plan.recovered();
    }
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));
}

QTEST_GUILESS_MAIN(TestCrashKeySlots)
#include "test_crash_keyslots.moc"
