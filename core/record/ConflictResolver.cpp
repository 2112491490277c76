#include "core/record/ConflictResolver.h"

#include "core/access/Role.h"
#include "core/audit/AuditLog.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

namespace lantern::record {

ConflictResolver::ConflictResolver(vault::Vault& vault, QString username, const Clock& clock)
    : m_vault(vault), m_username(std::move(username)), m_clock(clock)
{
}

Status ConflictResolver::mayResolve(vault::Vault& vault, const QString& username)
{
    vault::UserRepository users(vault);
    auto known = users.exists(username);
    if (!known.ok())
        return known.error();
    if (!*known)
        return Error(ErrorCode::Denied, QStringLiteral("%1 is not a user of this device and cannot decide conflicts").arg(username));
    auto user = users.find(username);
    if (!user.ok())
        return user.error();
    if (user->disabled || !user->hasPermission(access::Permission::ResolveConflicts))
        return Error(ErrorCode::Denied, QStringLiteral("the role of %1 may not decide reconciliation conflicts; "
                                                       "ask a physician").arg(username));
    return {};
}

Status ConflictResolver::decide(const QString& uuid, Decision decision, const QString& note)
{
    vault::OutboxRepository outbox(m_vault.db());
    auto item = outbox.item(uuid);
    if (!item.ok())
        return item.error();
    if (!item->has_value())
        return Error(ErrorCode::NotFound, QStringLiteral("no outbox entry %1 on this device").arg(uuid));
    const OutboxItem& it = **item;
    const Status allowed = mayResolve(m_vault, m_username);
    if (!allowed.ok()) {
        const Status audited = auditDecision(m_vault, m_clock, m_username, it.entry.patientId, decision, it.conflict, true);
        if (!audited.ok())
            return audited;
        return allowed;
    }
    return vault::runAtomically(m_vault.db(), [&]() -> Status {
        LANTERN_TRY(outbox.decide(uuid, decision, m_username, note, m_clock.now().toUTC()));
        return auditDecision(m_vault, m_clock, m_username, it.entry.patientId, decision, it.conflict);
    });
}

Status auditDecision(vault::Vault& vault, const Clock& clock, const QString& actor, const QString& patientId,
                     Decision decision, std::optional<ConflictReason> reason, bool denied)
{
    audit::AuditEvent event;
    event.actor = actor;
    event.action = audit::AuditAction::ResolveConflict;
    event.patientId = patientId;
    event.outcome = denied ? audit::AuditOutcome::Denied : audit::AuditOutcome::Success;
    event.detail = decisionName(decision);
    if (reason)
        event.detail += QLatin1Char(' ') + conflictReasonName(*reason);
    auto appended = audit::AuditLog(vault, clock).append(event);
    if (!appended.ok())
        return appended.error();
    return {};
}

} // namespace lantern::record
