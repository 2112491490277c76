#include "sync/reconcile/ConflictDecisions.h"

#include "core/access/Session.h"
#include "core/audit/AuditLog.h"
#include "sync/reconcile/ReconcileLogging.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/UserRepository.h"

namespace lantern::sync {

namespace {

Status auditDecision(access::Session& session, const Clock& clock, const QString& patientId, audit::AuditOutcome outcome,
                     const QString& detail)
{
    audit::AuditLog log(session.vault(), clock);
    auto appended = log.append({session.user().username, audit::AuditAction::ResolveConflict, patientId, outcome, detail});
    return appended.ok() ? Status() : Status(appended.error().prefixed(QStringLiteral("cannot write the audit log")));
}

} // namespace

Status decideConflict(access::Session& session, const QString& uuid, record::Decision decision, const QString& note,
                      const Clock& clock)
{
    vault::OutboxRepository outbox(session.vault().db());
    auto item = outbox.item(uuid);
    if (!item.ok())
        return item.error();
    if (!*item)
        return Error(ErrorCode::NotFound, QStringLiteral("no entry %1 in this vault's outbox").arg(uuid));
    const QString patientId = (*item)->entry.patientId;
    const QString what = record::decisionName(decision) + QLatin1Char(' ') + uuid;

    auto actor = vault::UserRepository(session.vault()).find(session.user().username);
    if (!actor.ok())
        return actor.error();
    if (actor->disabled || !actor->hasPermission(access::Permission::ResolveConflicts)) {
        LANTERN_TRY(auditDecision(session, clock, patientId, audit::AuditOutcome::Denied, what));
        return Error(ErrorCode::Denied, QStringLiteral("%1 may not %2; ask a physician")
                                            .arg(actor->username, access::permissionName(access::Permission::ResolveConflicts)));
    }
    if ((*item)->state != record::EntryState::Conflict)
        return Error(ErrorCode::Conflict, QStringLiteral("entry %1 is %2, not waiting for a decision")
                                              .arg(uuid, record::entryStateName((*item)->state)));
    Status decided = outbox.decide(uuid, decision, actor->username, note, clock.now());
    if (!decided.ok()) {
        (void)auditDecision(session, clock, patientId, audit::AuditOutcome::Failure, what);
        return decided;
    }
    qCInfo(lcReconcile) << "entry" << uuid << "decided:" << record::decisionName(decision);
    // The note is free text: it stays with the entry, not in the audit chain.
    return auditDecision(session, clock, patientId, audit::AuditOutcome::Success, what);
}

} // namespace lantern::sync
