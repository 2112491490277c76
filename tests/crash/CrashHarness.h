#pragma once
// The crash harness (issue #13 item 3): a child process - lanternctl, or
// lantern-crash-recorder where lanternctl has no command - is killed with
// SIGKILL at seeded random moments, and after every kill the same things must
// hold: the vault opens with device.key and with a person's passphrase,
// PRAGMA integrity_check says ok, the audit chain verifies. Each scenario adds
// its own promise (confirmed entries present exactly once, a key slot opening
// with the old or the new secret, ...).
//
// How many kills and which seed come from the environment, so that a failure
// can be replayed and a long run needs no rebuild:
//   LANTERN_CRASH_KILLS  kills per scenario (default 20, the CI run)
//   LANTERN_CRASH_SEED   the seed (default: a fresh one, printed at the start)
// Each scenario prints one line for the figures:
//   CRASH mirror: 20 kills, 20 recovered, seed 1234

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace lantern::crash {

inline const QString kAdmin = QStringLiteral("it.meyer");
inline const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
inline const QString kNurse = QStringLiteral("n.berger");
inline const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");
inline const QString kWard = QStringLiteral("ward-3b");

// The kills of one scenario: how many are wanted, where they land, how many the vault survived.
class CrashPlan
{
public:
    // Reads LANTERN_CRASH_KILLS and LANTERN_CRASH_SEED and prints the seed at once
    // (a failing scenario stops before its summary line).
    explicit CrashPlan(QString scenario, int defaultKills = 20);

    int killsWanted() const { return m_wanted; }
    bool done() const { return m_kills >= m_wanted; }
    quint64 seed() const { return m_seed; }

    // A delay in [0, spanMs], uniformly.
    int delayMs(int spanMs);
    // A number in [0, 1).
    double share();
    // One of n choices.
    int pick(int n);

    void killed() { ++m_kills; }
    void recovered() { ++m_recovered; }
    int kills() const { return m_kills; }
    // Prints "CRASH <scenario>: N kills, M recovered, seed S" on standard output.
    void printSummary() const;

private:
    QString m_scenario;
    int m_wanted = 20;
    quint64 m_seed = 0;
    QRandomGenerator m_rng;
    int m_kills = 0;
    int m_recovered = 0;
};

struct ChildCommand
{
    QString program;
    QStringList args;
    QByteArray input; // written to standard input, which is then closed
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

struct ChildOutcome
{
    bool started = false;
    bool killed = false; // SIGKILL landed while it ran
    int exitCode = -1;   // when it ended by itself
    QByteArray out;      // everything it wrote before it ended (or was killed)
    QByteArray err;

    bool finishedWith(int code) const { return started && !killed && exitCode == code; }
    // The words after `prefix` on each standard output line that starts with it.
    QStringList linesAfter(const QByteArray& prefix) const;
};

// Runs the child, and kills it with SIGKILL `killAfterMs` after its start if it
// still runs then (-1: never; it gets up to three minutes). The child ends with
// this process on every exit path.
ChildOutcome runChild(const ChildCommand& command, int killAfterMs = -1);

QString lanternctlPath();
QString recorderPath(); // lantern-crash-recorder, next to the tests
// lanternctl with --vault DIR and, unless `user` is empty, --user USER and that passphrase as the first input line.
ChildCommand lanternctl(const QString& vaultDir, const QString& user, const QString& passphrase, const QStringList& args,
                        const QByteArray& moreInput = {});
// lanternctl with --vault DIR --device.
ChildCommand lanternctlAsDevice(const QString& vaultDir, const QStringList& args);

// A vault made in process with the cheapest Argon2id parameters (slots keep
// their parameters, so children open them cheaply too): IT administrator kAdmin
// and nurse kNurse on kWard. Empty on success, else why not.
QString createVault(const QString& dir);
// A copy of a closed vault folder (lock files left out, device.key 0600).
bool copyVault(const QString& from, const QString& to);

// Whether a passphrase opens a user's key slot, read from keyslots.json without
// unlocking (no throttle counted, no audit entry).
bool slotOpensWith(const QString& vaultDir, const QString& user, const QString& passphrase);

// After any kill: device.key opens the vault, PRAGMA integrity_check says ok, the
// audit chain verifies, and `user` unlocks with one of `passphrases`. Empty when
// all holds, else what failed (no patient data).
QString checkVault(const QString& vaultDir, const QString& user, const QStringList& passphrases);

} // namespace lantern::crash
