#pragma once
// The engine's status as kept in the vault (mirror_state, mirror_ward,
// mirror_scope), so `lanternctl status` in another process and the GUI after a
// restart see the same EHR state, data-as-of and last error as the service.

#include "core/common/Result.h"
#include "sync/mirror/MirrorEngine.h"
#include "core/vault/MirrorRepository.h"

namespace lantern::sync {

class EhrHealthMonitor;

class MirrorStatusStore
{
public:
    explicit MirrorStatusStore(vault::MirrorRepository& mirror) : m_mirror(mirror) {}

    Status saveHealth(const EhrHealthMonitor& health);
    // A cycle that ended; a failure is kept or cleared by saveFailure/clearFailure.
    Status saveCycle(const QDateTime& deviceTime, qint64 changed);
    // The last failure (kind, message, HTTP status, when). Its `since` is kept
    // from a failure already stored: a run of failures started then.
    Status saveFailure(const MirrorFailure& failure);
    // A successful cycle: the run of failures is over.
    Status clearFailure();
    Result<MirrorFailure> failure();

    // The purge guard's alarms, one mirror_state row per ward ("drop_alarm/<ward>").
    // raiseDropAlarm keeps the `since` of an alarm already raised for the ward.
    Result<ScopeDropAlarms> dropAlarms();
    Status raiseDropAlarm(const ScopeDropAlarm& alarm);
    Status clearDropAlarm(const QString& ward);
    // IT's confirmation of a held drop ("drop_confirmed/<ward>"): how many
    // patients the person agreed may leave the ward's scope; nullopt when none.
    Result<std::optional<qint64>> dropConfirmation(const QString& ward);
    Status confirmDrop(const QString& ward, qint64 removed, const QString& by, const QDateTime& at);
    Status clearDropConfirmation(const QString& ward);
    // Data-as-of per ward, patients in scope, drop alarms, resources in the
    // vault; and, when `withStoredState`, the EHR state and last error as last saved.
    Status fill(MirrorStatus& status, bool withStoredState = false);

private:
    vault::MirrorRepository& m_mirror;
};

// For `lanternctl status`: everything a MirrorStatus holds, read from the vault,
// with the vault disk's level against mirror.min_free_mb.
Result<MirrorStatus> loadMirrorStatus(vault::Vault& vault);
// The level of the disk under `vault` against the mirror's watermark in MB.
vault::DiskStatus assessVaultDisk(const vault::Vault& vault, int minFreeMb);

} // namespace lantern::sync
