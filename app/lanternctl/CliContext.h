#pragma once
// What every lanternctl command gets: where the vault is, who is acting, and
// the streams to talk to the person. Commands return a process exit code.

#include "core/access/VaultAccess.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace lantern::cli {

enum ExitCode {
    Ok = 0,
    Failed = 1,
    Usage = 2,
    AuthFailed = 3,
    ConflictsWaiting = 4, // reconcile run: everything else is filed; entries wait for a person's decision
    EhrUnavailable = 5,   // reconcile run: the EHR did not answer (or refused); run again later, it resumes
    Interrupted = 6,      // reconcile run: stopped by SIGTERM/SIGINT between entries; run again to resume
    DropHeld = 7          // sync --once: the cycle completed, but the purge guard held a ward's drop (IT: mirror confirm-drop)
};

struct CliContext
{
    QString vaultDir;
    QString user;
    QTextStream& out;
    QTextStream& err;
    bool device = false; // --device: unlock with device.key instead of a passphrase

    // Prints "lanternctl: <message>" to stderr and returns `code`.
    int fail(const QString& message, int code = Failed) const;
    int fail(const Error& error) const;
    // Asks for the acting user's passphrase and unlocks; prints the reason on failure.
    std::optional<access::Session> unlock(access::VaultAccess& access) const;
    // The exit code of the last unlock that failed: 3 for a refused passphrase,
    // 1 for a damaged vault or key slot (a right passphrase, a broken file).
    int unlockFailure() const { return lastUnlockFailure; }
    // Records why an unlock failed (unlock() and unlockWithAuditKey call it) and prints it.
    int failUnlock(const Error& error) const;

    mutable int lastUnlockFailure = AuthFailed; // set by failUnlock
};

using Command = int (*)(CliContext&, const QStringList& args);

int runInit(CliContext& ctx, const QStringList& args);
int runUser(CliContext& ctx, const QStringList& args);
int runImport(CliContext& ctx, const QStringList& args);
int runPatient(CliContext& ctx, const QStringList& args);
int runVerify(CliContext& ctx, const QStringList& args);
int runMirror(CliContext& ctx, const QStringList& args);
int runSync(CliContext& ctx, const QStringList& args);
int runStatus(CliContext& ctx, const QStringList& args);
int runConfigCommand(CliContext& ctx, const QStringList& args);      // ConfigCommands.cpp: audited
int runDowntimeIdsCommand(CliContext& ctx, const QStringList& args); // ConfigCommands.cpp: audited
int runReconcile(CliContext& ctx, const QStringList& args);
int runReconcileUpload(CliContext& ctx, const QStringList& args); // reconcile run
int runSmartKey(CliContext& ctx, const QStringList& args);        // SmartKeyCommands.cpp: no vault
int runService(CliContext& ctx, const QStringList& args);  // ServiceCommands.cpp: service run
int runDowntime(CliContext& ctx, const QStringList& args); // ServiceCommands.cpp: downtime declare|end
int runMirrorService(CliContext& ctx);                     // the service loop (service run, mirror)
int runDevice(CliContext& ctx, const QStringList& args);   // DeviceCommands.cpp: identity and trusted devices
int runSnapshot(CliContext& ctx, const QStringList& args); // SnapshotCommands.cpp: snapshot export|import|verify
int runBackup(CliContext& ctx, const QStringList& args);   // BackupCommands.cpp: backup run|list|verify|restore|recovery-key
int runDrill(CliContext& ctx, const QStringList& args);    // DrillCommands.cpp: drill start|status|end

} // namespace lantern::cli

