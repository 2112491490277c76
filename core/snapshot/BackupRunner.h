#pragma once
// Backups (#12 item 5): a snapshot of the whole vault sealed to IT's recovery
// key (and to this device, so it can check its own backups), written to the
// backup folder, verified after writing (every chunk decrypted and checked,
// else the file is removed and the run fails), then old backups removed by the
// retention rule (BackupRetention). The mirror service runs it when due;
// `lanternctl backup run` at any time. Restoring is a snapshot import with the
// recovery key on a fresh device (restore()).

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/snapshot/BackupRetention.h"
#include "core/snapshot/BackupSettings.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/snapshot/SnapshotReader.h"

#include <QList>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::snapshot {

struct BackupReport
{
    BackupFile written;
    qint64 resources = 0;
    qint64 entries = 0;
    QList<BackupFile> removed; // by retention
};

class BackupRunner
{
public:
    BackupRunner(vault::Vault& vault, const DeviceIdentity& identity, const Clock& clock = SystemClock::instance())
        : m_vault(vault), m_identity(identity), m_clock(clock)
    {
    }

    Result<BackupReport> run();
    // Whether the service should run one now: settings complete, an interval set,
    // and no backup made within it.
    Result<bool> isDue();
    // This device's backups in the folder, newest first (other files are left alone).
    Result<QList<BackupFile>> list();
    // Every check of an import, nothing written (this device is a recipient of its own backups).
    Result<ImportReport> verify(const QString& path);

    // A backup into `vault` (a fresh device's) with IT's recovery key. The signer
    // must be `expectedSigner` (the lost device's key from IT's inventory) or a
    // device trusted in `vault`: a file sealed to the public recovery key proves
    // nothing about who made it.
    static Result<ImportReport> restore(vault::Vault& vault, const QString& path, const DeviceIdentity& recoveryKey,
                                        const QByteArray& expectedSigner);

private:
    Result<QList<BackupFile>> listIn(const QString& directory);

    vault::Vault& m_vault;
    const DeviceIdentity& m_identity;
    const Clock& m_clock;
};

} // namespace lantern::snapshot
