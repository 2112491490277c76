#include "CrashHarness.h"

#include "ChildProcess.h"
#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "core/access/VaultDirectory.h"
#include "core/audit/AuditLog.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <cstdio>

namespace lantern::crash {

CrashPlan::CrashPlan(QString scenario, int defaultKills) : m_scenario(std::move(scenario)), m_wanted(defaultKills)
{
    bool ok = false;
    const int kills = qEnvironmentVariableIntValue("LANTERN_CRASH_KILLS", &ok);
    if (ok && kills > 0)
        m_wanted = kills;
    const QByteArray seed = qgetenv("LANTERN_CRASH_SEED");
    m_seed = seed.isEmpty() ? QRandomGenerator::system()->bounded(1u, 1000000000u) : seed.toULongLong();
    m_rng.seed(quint32(m_seed ^ (m_seed >> 32)));
    // Printed first: a scenario that fails stops before its summary, and the seed replays it.
    std::printf("CRASH %s: seed %llu, %d kills wanted (replay: LANTERN_CRASH_SEED=%llu)\n", qPrintable(m_scenario),
                static_cast<unsigned long long>(m_seed), m_wanted, static_cast<unsigned long long>(m_seed));
    std::fflush(stdout);
}

int CrashPlan::delayMs(int spanMs)
{
    return spanMs <= 0 ? 0 : int(m_rng.bounded(quint32(spanMs) + 1));
}

double CrashPlan::share()
{
    return m_rng.generateDouble();
}

int CrashPlan::pick(int n)
{
    return n <= 1 ? 0 : int(m_rng.bounded(quint32(n)));
}

void CrashPlan::printSummary() const
{
    std::printf("CRASH %s: %d kills, %d recovered, seed %llu\n", qPrintable(m_scenario), m_kills, m_recovered,
                static_cast<unsigned long long>(m_seed));
    std::fflush(stdout);
}

QStringList ChildOutcome::linesAfter(const QByteArray& prefix) const
{
    QStringList words;
    for (const QByteArray& line : out.split('\n')) {
        // A line cut off by the kill has no newline yet; it was not confirmed.
        if (line.startsWith(prefix) && out.contains(QByteArray(line + '\n')))
            words << QString::fromUtf8(line.mid(prefix.size()).trimmed());
    }
    return words;
}

ChildOutcome runChild(const ChildCommand& command, int killAfterMs)
{
    ChildOutcome outcome;
    QProcess child;
    child.setProcessEnvironment(command.environment);
    test::endWithThisProcess(child);
    child.start(command.program, command.args);
    if (!child.waitForStarted(30000))
        return outcome;
    outcome.started = true;
    child.write(command.input);
    child.closeWriteChannel();
    const int waitMs = killAfterMs >= 0 ? killAfterMs : 180000;
    if (!child.waitForFinished(waitMs) && child.state() == QProcess::Running) {
        child.kill(); // SIGKILL: no destructor, no flush, no clean-up of any kind
        child.waitForFinished(30000);
        outcome.killed = killAfterMs >= 0;
    }
    outcome.out = child.readAllStandardOutput();
    outcome.err = child.readAllStandardError();
    if (!outcome.killed)
        outcome.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    return outcome;
}

QString lanternctlPath()
{
    return QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl");
}

QString recorderPath()
{
    return QStringLiteral(LANTERN_BINARY_DIR "/tests/crash/lantern-crash-recorder");
}

ChildCommand lanternctl(const QString& vaultDir, const QString& user, const QString& passphrase, const QStringList& args,
                        const QByteArray& moreInput)
{
    ChildCommand c;
    c.program = lanternctlPath();
    c.args = QStringList{QStringLiteral("--vault"), vaultDir};
    if (!user.isEmpty()) {
        c.args << QStringLiteral("--user") << user;
        c.input = passphrase.toUtf8() + '\n';
    }
    c.args += args;
    c.input += moreInput;
    return c;
}

ChildCommand lanternctlAsDevice(const QString& vaultDir, const QStringList& args)
{
    return lanternctl(vaultDir, {}, {}, QStringList{QStringLiteral("--device")} + args);
}

QString createVault(const QString& dir)
{
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto admin = access.initialise(dir, kAdmin, QStringLiteral("IT Meyer"), kAdminPass);
    if (!admin.ok())
        return QStringLiteral("cannot create the vault: ") + admin.error().message;
    const Status nurse = access.addUser(*admin, {kNurse, QStringLiteral("N Berger"), access::Role::Nurse, {kWard}, {}, false}, kNursePass);
    return nurse.ok() ? QString() : QStringLiteral("cannot add the nurse: ") + nurse.error().message;
}

bool copyVault(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString& name : QDir(from).entryList(QDir::Files | QDir::Hidden)) {
        if (!name.endsWith(QLatin1String(".lock")) && !QFile::copy(from + QLatin1Char('/') + name, to + QLatin1Char('/') + name))
            return false;
    }
    return QFile::setPermissions(access::VaultDirectory(to).deviceKeyFile(), QFile::ReadOwner | QFile::WriteOwner);
}

bool slotOpensWith(const QString& vaultDir, const QString& user, const QString& passphrase)
{
    auto slots = keys::KeySlotFile(access::VaultDirectory(vaultDir).keySlotFile()).load();
    if (!slots.ok())
        return false;
    const SecureBuffer secret = keys::passphraseBytes(passphrase);
    for (const keys::KeySlot& slot : slots->slotsOf(keys::KeySlot::Kind::User, user)) {
        if (slot.unwrapWithPassphrase(slots->vaultId, secret).ok())
            return true;
    }
    return false;
}

QString checkVault(const QString& vaultDir, const QString& user, const QStringList& passphrases)
{
    access::VaultAccess access;
    {
        auto device = access.unlockAsDevice(vaultDir);
        if (!device.ok())
            return QStringLiteral("device.key does not open the vault: ") + device.error().message;
        const Status integrity = (*device)->checkIntegrity();
        if (!integrity.ok())
            return QStringLiteral("integrity_check: ") + integrity.error().message;
        auto chain = audit::AuditLog(**device, SystemClock::instance()).verify();
        if (!chain.ok())
            return QStringLiteral("audit chain unreadable: ") + chain.error().message;
        if (!chain->ok)
            return QStringLiteral("audit chain broken: ") + chain->message;
    }
    for (const QString& passphrase : passphrases) {
        // Try only the passphrase the slot takes: a wrong guess would count towards the throttle.
        if (!slotOpensWith(vaultDir, user, passphrase))
            continue;
        auto session = access.unlock(vaultDir, user, passphrase);
        return session.ok() ? QString() : QStringLiteral("%1 cannot unlock: %2").arg(user, session.error().message);
    }
    return QStringLiteral("no passphrase of %1 opens their key slot").arg(user);
}

} // namespace lantern::crash
