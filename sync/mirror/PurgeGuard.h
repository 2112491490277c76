#pragma once
// The purge guard: the mirror never deletes on a suspicious answer. One empty
// 200 for a ward's Encounter search (lost storage, a restore, a wrong Location
// id, an EHR bug during an incident) must not wipe the ward. In the spirit of
// Syncthing's folder marker and rsync's --max-delete:
//  - no purge at all while the EHR is not Online or a downtime is open
//    (declared or detected): an answer given then is not to be trusted, and
//    the ward may need exactly this data now;
//  - never a patient with outbox entries not yet reconciled (pending or in
//    conflict): the chart those entries belong to stays;
//  - an answer that would take more than mirror.max_drop_percent of the
//    current scope out at once, or every patient of a ward, is not applied:
//    those patients stay in scope, the ward's data-as-of stays where it was,
//    and an alarm (ward, before/after, since when) waits in the vault's mirror
//    status until IT runs `lanternctl mirror confirm-drop [WARD]`; the next
//    cycle then applies the drop (and the grace period still runs before any
//    purge).
// The explicit patient list (mirror.patients) is the configuration's answer,
// not the EHR's: it is not guarded.

#include "core/common/Result.h"
#include "sync/health/EhrHealth.h"
#include "sync/mirror/DropAlarm.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace lantern {
class Clock;
}
namespace lantern::vault {
class Vault;
struct ScopeMember;
} // namespace lantern::vault

namespace lantern::sync {

struct MirrorContext;
struct ResolvedScope;

// What the engine's health state machine says when the cycle starts.
struct EhrCondition
{
    EhrState state = EhrState::Online;
    bool downtimeOpen = false;
};

// The guard's verdict on one resolved scope.
struct ScopeReview
{
    QSet<QString> kept;              // patients the answer dropped, kept in scope: their ward's drop is held
    ScopeDropAlarms held;            // wards whose drop waits for IT
    QStringList confirmedApplied;    // wards whose drop IT confirmed: applied by this cycle
    QStringList confirmationsSeen;   // confirmations this review consumed (applied or outgrown)

    bool isHeld(const QString& ward) const;
};

class PurgeGuard
{
public:
    PurgeGuard(const MirrorContext& ctx, EhrCondition condition) : m_ctx(ctx), m_condition(condition) {}

    // The rule itself: does a ward drop of `removed` of its `before` patients,
    // with `scopeRemoved` of `scopeBefore` leaving the whole scope, wait for IT?
    static bool dropSuspicious(qint64 before, qint64 removed, qint64 scopeBefore, qint64 scopeRemoved, int maxDropPercent);

    // Judges `scope` against the members before it (in the caller's
    // transaction, so a confirmation cannot slip in between).
    Result<ScopeReview> review(const QList<vault::ScopeMember>& previous, const ResolvedScope& scope) const;
    // Raises the review's alarms, clears the others, consumes the confirmations it saw.
    Status record(const ScopeReview& review) const;

    // Why nobody may be purged now ("the EHR is degraded"); empty when purging is allowed.
    QString purgeBlockedReason() const;
    // Patients with outbox entries pending or in conflict: never purged.
    Result<QSet<QString>> patientsWithOpenEntries() const;

private:
    const MirrorContext& m_ctx;
    EhrCondition m_condition;
};

// `lanternctl mirror confirm-drop [WARD]`: IT agrees that the next cycle may
// apply the held drop of `ward` (every held drop when `ward` is empty), up to
// the size it has now. Audited (action purge, the person's name, counts only).
// Returns the alarms confirmed; an error when there is none to confirm.
Result<ScopeDropAlarms> confirmHeldDrops(vault::Vault& vault, const QString& ward, const QString& actor, const Clock& clock);

} // namespace lantern::sync
