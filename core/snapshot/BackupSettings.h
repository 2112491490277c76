#pragma once
// The backup settings, kept in vault meta like the mirror's ("backup.*"; shown
// and set with `lanternctl config`, whose table in sync/mirror/MirrorConfigStore
// takes the defaults from here so the two cannot disagree).

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::snapshot {

struct BackupSettings
{
    static constexpr int kDefaultIntervalHours = 24;
    static constexpr int kDefaultKeepDaily = 7;
    static constexpr int kDefaultKeepWeekly = 4;

    QString directory;       // backup.dir: where backups go (a second disk, a mounted share); empty: no backups
    QByteArray recoveryKey;  // backup.recovery_key: IT's recovery public key (Ed25519, base64), kept off the device
    int intervalHours = kDefaultIntervalHours; // backup.interval_hours: the service backs up this often; 0: never on its own
    int keepDaily = kDefaultKeepDaily;         // backup.keep_daily: the newest backup of each of the last N days
    int keepWeekly = kDefaultKeepWeekly;       // backup.keep_weekly: the newest of each of the last N weeks

    static Result<BackupSettings> load(vault::Vault& vault);
    // InvalidInput naming the command that fixes it when a backup cannot be made.
    Status requireComplete() const;
};

} // namespace lantern::snapshot
