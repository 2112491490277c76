// lanternctl user disable | enable | reset | remove | passwd as real processes,
// passphrases on standard input: refusals exit 3 with a message and change
// nothing; each action is audited; and `user remove` killed (SIGKILL) at each
// step of the re-key (random moments: tests/crash/test_crash_rekey) leaves a vault that the
// remaining users, the device and the audit key open (integrity ok), that the
// removed user's passphrase opens nothing, and that the old key opens only if
// the removal had not begun (then it is as if it never ran).
// The template vault is made in-process with the cheapest Argon2id parameters
// (slots keep their parameters, so lanternctl opens them cheaply too).

#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/UserRepository.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace lantern;
using lantern::keys::KeySlot;
using lantern::keys::KeySlotFile;

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kNurse = QStringLiteral("n.berger");
const QString kDoctor = QStringLiteral("dr.wolf");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");
const QString kDoctorPass = QStringLiteral("Ward-round-3B-physician-ok");
const QString kOneTime = QStringLiteral("Copper-lantern-77-east-gate");
const QStringList kSteps{QStringLiteral("slots-written"), QStringLiteral("user-disabled"), QStringLiteral("vault-rekeyed"),
                         QStringLiteral("slots-replaced")};

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString lanternctl()
{
    return QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl");
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refusalsExitThreeAndChangeNothing();
    void lifecycleIsAudited();
    void killAtEachReKeyStep();
    void cleanupTestCase();

private:
    QString copyOfTemplate();
    Run ctl(const QString& vault, const QString& user, const QStringList& args, const QStringList& input);
    // Starts `user remove n.berger`, kills it with SIGKILL at `step` (a pause
    // point) or after `delayMs`; false if it could not be started.
    bool removeKilled(const QString& vault, const QString& step, int delayMs);
    // The checks after a kill; returns whether the removal had taken place.
    bool verifyAfterKill(const QString& vault, bool mustHaveBegun);

    QTemporaryDir m_tmp;
    QString m_template;
    int m_copies = 0;
    std::optional<SecureBuffer> m_oldKey; // what the nurse could have kept
    QStringList m_table;
};

void TestCliUsers::initTestCase()
{
    QVERIFY2(QFile::exists(lanternctl()), "lanternctl not built");
    m_template = m_tmp.filePath(QStringLiteral("template"));
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto admin = access.initialise(m_template, kAdmin, QStringLiteral("IT Meyer"), kAdminPass);
    QVERIFY(admin.ok());
    const QStringList ward{QStringLiteral("ward-3b")};
    QVERIFY(access.addUser(*admin, {kNurse, QStringLiteral("N Berger"), access::Role::Nurse, ward, {}, false}, kNursePass).ok());
    QVERIFY(access.addUser(*admin, {kDoctor, QStringLiteral("Dr Wolf"), access::Role::Physician, ward, {}, false}, kDoctorPass).ok());
    auto slots = KeySlotFile(access::VaultDirectory(m_template).keySlotFile()).load();
    QVERIFY(slots.ok());
    auto key = slots->slotsOf(KeySlot::Kind::User, kNurse).first().unwrapWithPassphrase(slots->vaultId, keys::passphraseBytes(kNursePass));
    QVERIFY(key.ok());
    m_oldKey.emplace(std::move(*key));
}

QString TestCliUsers::copyOfTemplate()
{
    const QString dir = m_tmp.filePath(QStringLiteral("copy-%1").arg(++m_copies));
    QDir().mkpath(dir);
    for (const QString& name : QDir(m_template).entryList(QDir::Files | QDir::Hidden)) {
        if (!name.endsWith(QLatin1String(".lock")))
            QFile::copy(m_template + QLatin1Char('/') + name, dir + QLatin1Char('/') + name);
    }
    QFile::setPermissions(dir + QStringLiteral("/device.key"), QFile::ReadOwner | QFile::WriteOwner);
    return dir;
}

Run TestCliUsers::ctl(const QString& vault, const QString& user, const QStringList& args, const QStringList& input)
{
    QProcess p;
    p.start(lanternctl(), QStringList{QStringLiteral("--vault"), vault, QStringLiteral("--user"), user} + args);
    if (!p.waitForStarted())
        return {};
    for (const QString& line : input)
        p.write(line.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    const Run run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                  QString::fromUtf8(p.readAllStandardError())};
    m_table << QStringLiteral("%1 | exit %2 | %3").arg(user + QLatin1Char(' ') + args.join(QLatin1Char(' ')), -40).arg(run.exitCode).arg(run.err.trimmed().left(90));
    return run;
}

void TestCliUsers::refusalsExitThreeAndChangeNothing()
{
    const QString vault = copyOfTemplate();
    const QString slots = access::VaultDirectory(vault).keySlotFile();
    const QByteArray before = fileBytes(slots);
    Run r = ctl(vault, kNurse, {QStringLiteral("user"), QStringLiteral("disable"), kDoctor}, {kNursePass});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("IT administrator")), qPrintable(r.err));
    r = ctl(vault, kNurse, {QStringLiteral("user"), QStringLiteral("remove"), kDoctor}, {kNursePass});
    QCOMPARE(r.exitCode, 3);
    r = ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("remove"), QStringLiteral("nobody")}, {kAdminPass});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("no user nobody")), qPrintable(r.err));
    r = ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("disable"), kAdmin}, {kAdminPass});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("your own account")), qPrintable(r.err));
    r = ctl(vault, kNurse, {QStringLiteral("user"), QStringLiteral("passwd"), kDoctor}, {kNursePass, kOneTime});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("only their own")), qPrintable(r.err));
    r = ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("reset"), kNurse}, {kAdminPass, QStringLiteral("short")});
    QCOMPARE(r.exitCode, 3);
    r = ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("disable")}, {});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(fileBytes(slots), before);
}

void TestCliUsers::lifecycleIsAudited()
{
    const QString vault = copyOfTemplate();
    QCOMPARE(ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("disable"), kDoctor}, {kAdminPass}).exitCode, 0);
    QCOMPARE(ctl(vault, kDoctor, {QStringLiteral("user"), QStringLiteral("list")}, {kDoctorPass}).exitCode, 3);
    QCOMPARE(ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("enable"), kDoctor}, {kAdminPass, kOneTime}).exitCode, 0);
    const Run oneTime = ctl(vault, kDoctor, {QStringLiteral("user"), QStringLiteral("list")}, {kOneTime});
    QCOMPARE(oneTime.exitCode, 3);
    QVERIFY2(oneTime.err.contains(QStringLiteral("user passwd")), qPrintable(oneTime.err));
    QCOMPARE(ctl(vault, kDoctor, {QStringLiteral("user"), QStringLiteral("passwd")}, {kOneTime, kDoctorPass}).exitCode, 0);
    QCOMPARE(ctl(vault, kDoctor, {QStringLiteral("user"), QStringLiteral("list")}, {kDoctorPass}).exitCode, 0);
    QCOMPARE(ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("reset"), kDoctor}, {kAdminPass, kOneTime}).exitCode, 0);
    const Run removed = ctl(vault, kAdmin, {QStringLiteral("user"), QStringLiteral("remove"), kNurse}, {kAdminPass});
    QCOMPARE(removed.exitCode, 0);
    QVERIFY(removed.out.contains(QStringLiteral("re-keyed")));
    QCOMPARE(ctl(vault, kNurse, {QStringLiteral("user"), QStringLiteral("list")}, {kNursePass}).exitCode, 3);
    QCOMPARE(vault::Vault::open(access::VaultDirectory(vault).vaultFile(), *m_oldKey).error().code, ErrorCode::WrongKey);

    auto admin = access::VaultAccess().unlock(vault, kAdmin, kAdminPass);
    QVERIFY(admin.ok());
    auto entries = vault::AuditRepository(admin->vault()).readEntries(1, 1000);
    QVERIFY(entries.ok());
    QStringList trail;
    for (const auto& e : std::as_const(*entries)) {
        if (e.action != QLatin1String("unlock"))
            trail << QStringLiteral("%1 %2 %3 %4").arg(e.actor, e.action, e.outcome, e.detail).trimmed();
    }
    for (const QString& expected : {QStringLiteral("it.meyer user-update success disable user dr.wolf"),
                                    QStringLiteral("it.meyer user-update success enable user dr.wolf"),
                                    QStringLiteral("dr.wolf passphrase-change success"),
                                    QStringLiteral("it.meyer user-update success reset user dr.wolf"),
                                    QStringLiteral("it.meyer user-remove success remove user n.berger")})
        QVERIFY2(trail.contains(expected), qPrintable(expected + QStringLiteral(" not in: ") + trail.join(QLatin1Char('|'))));
}

bool TestCliUsers::removeKilled(const QString& vault, const QString& step, int delayMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!step.isEmpty())
        env.insert(QStringLiteral("LANTERN_TEST_PAUSE_AT"), step);
    p.setProcessEnvironment(env);
    p.start(lanternctl(), {QStringLiteral("--vault"), vault, QStringLiteral("--user"), kAdmin, QStringLiteral("user"),
                           QStringLiteral("remove"), kNurse});
    if (!p.waitForStarted())
        return false;
    p.write(kAdminPass.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!step.isEmpty()) {
        const QByteArray marker = QByteArray("paused at ") + step.toUtf8();
        QByteArray err;
        QElapsedTimer waited;
        waited.start();
        while (!err.contains(marker) && p.state() == QProcess::Running && waited.elapsed() < 120000) {
            p.waitForReadyRead(200);
            err += p.readAllStandardError();
        }
        if (!err.contains(marker)) {
            qWarning() << "no pause at" << step << err;
            p.kill();
            p.waitForFinished();
            return false;
        }
    } else {
        p.waitForFinished(delayMs);
    }
    if (p.state() == QProcess::Running)
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished(30000);
    return true;
}

bool TestCliUsers::verifyAfterKill(const QString& vault, const bool mustHaveBegun)
{
    const access::VaultDirectory dir(vault);
    access::VaultAccess access;
    const bool pending = QFile::exists(dir.rekeySlotFile());
    // Before anyone finishes the re-key: the nurse's passphrase opens nothing once it began.
    if (pending && access.unlock(vault, kNurse, kNursePass).ok()) { // the session closes at once
        qWarning() << "the removed user unlocked while the re-key was pending";
        return false;
    }
    auto doctor = access.unlock(vault, kDoctor, kDoctorPass); // finishes a pending re-key
    if (!doctor.ok()) {
        qWarning() << "remaining user cannot unlock:" << doctor.error().message;
        return false;
    }
    if (!doctor->vault().checkIntegrity().ok() || QFile::exists(dir.rekeySlotFile()) || !access.unlockAsDevice(vault).ok()) {
        qWarning() << "integrity, leftover re-key file or device slot";
        return false;
    }
    auto slots = KeySlotFile(dir.keySlotFile()).load();
    const bool removed = slots.ok() && !slots->contains(KeySlot::Kind::User, kNurse);
    const bool oldKeyOpens = vault::Vault::open(dir.vaultFile(), *m_oldKey).ok();
    const bool nurseOpens = access.unlock(vault, kNurse, kNursePass).ok();
    if (removed == oldKeyOpens || removed == nurseOpens || (mustHaveBegun && !removed)) {
        qWarning() << "removed" << removed << "old key opens" << oldKeyOpens << "nurse opens" << nurseOpens;
        return false;
    }
    auto admin = access.unlock(vault, kAdmin, kAdminPass);
    if (!admin.ok()) {
        qWarning() << "administrator cannot unlock:" << admin.error().message;
        return false;
    }
    const auto kdf = slots->slotsOf(KeySlot::Kind::User, kAdmin).first().kdf();
    const SecureBuffer pass = keys::passphraseBytes(kAdminPass);
    if (!audit::AuditKeyCustody(vault, slots->vaultId).open(audit::AuditKeyHolder::user(kAdmin, pass, kdf)).ok()) {
        qWarning() << "audit key slot no longer opens";
        return false;
    }
    auto nurseRow = vault::UserRepository(admin->vault()).find(kNurse);
    return nurseRow.ok() && nurseRow->disabled == removed;
}

void TestCliUsers::killAtEachReKeyStep()
{
    for (const QString& step : kSteps) {
        const QString vault = copyOfTemplate();
        QVERIFY2(removeKilled(vault, step, 0), qPrintable(step));
        QVERIFY2(verifyAfterKill(vault, true), qPrintable(QStringLiteral("after a kill at ") + step));
        m_table << QStringLiteral("kill at %1: remaining users, device and audit key open; n.berger and the old key do not").arg(step);
    }
}

void TestCliUsers::cleanupTestCase()
{
    qInfo().noquote() << QStringLiteral("\n") + m_table.join(QLatin1Char(0x0a));
}

QTEST_GUILESS_MAIN(TestCliUsers)
#include "test_cli_users.moc"
