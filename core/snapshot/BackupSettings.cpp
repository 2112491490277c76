#include "core/snapshot/BackupSettings.h"

#include "core/snapshot/DeviceIdentity.h"
#include "core/vault/Vault.h"

namespace lantern::snapshot {
namespace {

Result<int> number(vault::Vault& vault, const QString& key, int fallback)
{
    auto value = vault.meta(key);
    if (!value.ok())
        return value.error();
    bool ok = false;
    const int n = value->toInt(&ok);
    return ok && n >= 0 ? n : fallback;
}

} // namespace

Result<BackupSettings> BackupSettings::load(vault::Vault& vault)
{
    BackupSettings s;
    auto dir = vault.meta(QStringLiteral("backup.dir"));
    if (!dir.ok())
        return dir.error();
    s.directory = *dir;
    auto key = vault.meta(QStringLiteral("backup.recovery_key"));
    if (!key.ok())
        return key.error();
    if (!key->isEmpty()) {
        auto parsed = parsePublicKey(*key);
        if (!parsed.ok())
            return parsed.error().prefixed(QStringLiteral("backup.recovery_key"));
        s.recoveryKey = *parsed;
    }
    auto interval = number(vault, QStringLiteral("backup.interval_hours"), kDefaultIntervalHours);
    auto daily = number(vault, QStringLiteral("backup.keep_daily"), kDefaultKeepDaily);
    auto weekly = number(vault, QStringLiteral("backup.keep_weekly"), kDefaultKeepWeekly);
    if (!interval.ok() || !daily.ok() || !weekly.ok())
        return Error(ErrorCode::Database, QStringLiteral("cannot read the backup settings"));
    s.intervalHours = *interval;
    s.keepDaily = *daily;
    s.keepWeekly = *weekly;
    return s;
}

Status BackupSettings::requireComplete() const
{
    if (directory.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no backup folder is set: lanternctl config set backup.dir /path/to/backups"));
    if (recoveryKey.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no recovery key is set: create one off this device with `lanternctl "
                                                             "backup recovery-key FILE`, then lanternctl config set "
                                                             "backup.recovery_key PUBKEY"));
    return {};
}

} // namespace lantern::snapshot
