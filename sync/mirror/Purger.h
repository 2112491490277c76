#pragma once
// Removes the data of patients who left the scope (discharged, transferred,
// no longer in the Group) once MirrorConfig::purgeGraceHours have passed on the
// device clock, one patient per transaction together with its audit entry
// (AuditAction::Purge, actor "system"). Asks the PurgeGuard first: nobody is
// purged while the EHR is not online or a downtime is open, and never a
// patient whose downtime entries still wait for reconciliation.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"
#include "sync/mirror/MirrorReport.h"

namespace lantern::sync {

class PurgeGuard;

class Purger
{
public:
    explicit Purger(const MirrorContext& ctx) : m_ctx(ctx) {}
    // Purges what the guard allows; counts (purged, kept) and the reason
    // nothing was purged go into `report`. Returns the number purged.
    Result<qint64> purgeExpired(const PurgeGuard& guard, MirrorCycleReport& report) const;

private:
    // False (nothing removed) when the patient has entries awaiting reconciliation.
    Result<bool> purgePatient(const QString& patientId, const PurgeGuard& guard) const;

    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
