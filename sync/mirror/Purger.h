#pragma once
// Removes the data of patients who left the scope (discharged, transferred,
// no longer in the Group) once MirrorConfig::purgeGraceHours have passed on the
// device clock, one patient per transaction together with its audit entry
// (AuditAction::Purge, actor "system").

#include "common/Result.h"
#include "mirror/MirrorContext.h"

namespace lantern::sync {

class Purger
{
public:
    explicit Purger(const MirrorContext& ctx) : m_ctx(ctx) {}
    // Returns the number of patients purged.
    Result<qint64> purgeExpired() const;

private:
    Status purgePatient(const QString& patientId) const;

    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
