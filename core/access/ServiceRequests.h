#pragma once
// What a person may ask of the device's mirror service, decided and audited
// here for the desktop and lanternctl alike, then left in the vault
// (core/service/ServiceMailbox) for the service to pick up:
//  - reconcile now, or stop the running reconciliation: whoever may record
//    entries may send them (Action::RecordEntry, no patient); the upload
//    itself is audited entry by entry under this person's name;
//  - declare or end a downtime (Action::DeclareDowntime: anyone, and the
//    device key): audited as downtime-declare / downtime-end BEFORE it is
//    stored (fail closed); the mirror engine holds the EHR state at Downtime
//    from its next cycle until the downtime is ended.
// The reason a person gives for a downtime is free text: it is neither stored
// in the mailbox nor in the audit chain (which carries coded details only).

#include "core/access/AccessPolicy.h"
#include "core/audit/AuditEvent.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/service/ServiceMailbox.h"

namespace lantern::vault {
class Vault;
}

namespace lantern::access {

class PatientAccess;

class ServiceRequests
{
public:
    ServiceRequests(PatientAccess& access, vault::Vault& vault, const Clock& clock = SystemClock::instance());

    Result<service::ReconcileRequest> requestReconciliation();
    Status cancelReconciliation();
    Status declareDowntime();
    Status endDowntime();

private:
    Status decide(Action action, const QString& detail);
    // The grant's audit entry, before the change (fail closed).
    Status auditFirst(audit::AuditAction action, const QString& detail);

    PatientAccess& m_access;
    vault::Vault& m_vault;
    const Clock& m_clock;
};

} // namespace lantern::access
