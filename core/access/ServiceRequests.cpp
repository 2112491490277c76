#include "core/access/ServiceRequests.h"

#include "core/access/PatientAccess.h"
#include "core/audit/AuditLog.h"

namespace lantern::access {

ServiceRequests::ServiceRequests(PatientAccess& access, vault::Vault& vault, const Clock& clock)
    : m_access(access), m_vault(vault), m_clock(clock)
{
}

Status ServiceRequests::decide(Action action, const QString& detail)
{
    // check(): a refusal is audited (denied); the grant is audited by the caller where it is a change.
    auto granted = m_access.check(AccessRequest{action, QString(), detail, std::nullopt, std::nullopt});
    if (!granted.ok())
        return granted.error();
    return {};
}

Result<service::ReconcileRequest> ServiceRequests::requestReconciliation()
{
    LANTERN_TRY(decide(Action::RecordEntry, QStringLiteral("reconcile-request")));
    return service::ServiceMailbox(m_vault, m_clock).postReconcileRequest(m_access.actorName());
}

Status ServiceRequests::cancelReconciliation()
{
    LANTERN_TRY(decide(Action::RecordEntry, QStringLiteral("reconcile-cancel")));
    return service::ServiceMailbox(m_vault, m_clock).requestReconcileCancel(m_access.actorName());
}

Status ServiceRequests::declareDowntime()
{
    LANTERN_TRY(decide(Action::DeclareDowntime, QStringLiteral("declared")));
    service::ServiceMailbox mailbox(m_vault, m_clock);
    auto open = mailbox.declaredDowntime();
    if (!open.ok())
        return open.error();
    if (*open)
        return Error(ErrorCode::Conflict, QStringLiteral("a downtime is already declared on this device (by %1); "
                                                         "end it with: lanternctl downtime end")
                                              .arg((*open)->by));
    LANTERN_TRY(auditFirst(audit::AuditAction::DowntimeDeclare, QStringLiteral("declared")));
    return mailbox.declareDowntime(m_access.actorName());
}

Status ServiceRequests::endDowntime()
{
    LANTERN_TRY(decide(Action::DeclareDowntime, QStringLiteral("ended")));
    service::ServiceMailbox mailbox(m_vault, m_clock);
    auto open = mailbox.declaredDowntime();
    if (!open.ok())
        return open.error();
    if (!*open)
        return Error(ErrorCode::NotFound, QStringLiteral("no downtime is declared on this device; nothing to end"));
    LANTERN_TRY(auditFirst(audit::AuditAction::DowntimeEnd, QStringLiteral("ended")));
    return mailbox.endDowntime();
}

Status ServiceRequests::auditFirst(audit::AuditAction action, const QString& detail)
{
    auto audited = audit::AuditLog(m_vault, m_clock)
                       .append({m_access.actorName(), action, QString(), audit::AuditOutcome::Success, detail});
    if (!audited.ok())
        return audited.error().prefixed(QStringLiteral("cannot write the audit log, so nothing was changed"));
    return {};
}

} // namespace lantern::access
