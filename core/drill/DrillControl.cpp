#include "core/drill/DrillControl.h"

#include "core/access/PatientAccess.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/DrillRepository.h"
#include "core/vault/Vault.h"

#include <QUuid>

namespace lantern::drill {

using access::Action;

DrillControl::DrillControl(access::PatientAccess& gate, vault::Vault& vault, const Clock& clock)
    : m_gate(gate), m_vault(vault), m_clock(clock)
{
}

Status DrillControl::allow(const QString& detail, audit::AuditAction auditAs)
{
    auto granted = m_gate.authorize(access::AccessRequest{Action::RunDrill, {}, detail, std::nullopt, auditAs});
    return granted.ok() ? Status() : Status(granted.error());
}

Result<vault::DrillRecord> DrillControl::start(bool realDowntimeOpen)
{
    vault::DrillRepository drills(m_vault.db());
    // Refusals that need no audit entry of their own come after the role check,
    // so that probing by a nurse shows in the trail as denied.
    auto checked = m_gate.check(access::AccessRequest{Action::RunDrill, {}, QStringLiteral("drill start"), std::nullopt,
                                                      audit::AuditAction::DowntimeDeclare});
    if (!checked.ok())
        return checked.error();
    if (realDowntimeOpen)
        return Error(ErrorCode::Conflict, QStringLiteral("a real downtime is open on this device: it wins over any drill; "
                                                         "start the drill after the downtime has ended"));
    auto running = drills.current();
    if (!running.ok())
        return running.error();
    if (running->has_value())
        return Error(ErrorCode::Conflict, QStringLiteral("drill %1 is already running; end it first (lanternctl drill end)")
                                              .arg((*running)->id));
    auto asOf = drills.oldestDataAsOf();
    if (!asOf.ok())
        return asOf.error();
    vault::DrillRecord drill;
    drill.id = QStringLiteral("drill-") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    drill.startedAt = m_clock.now().toUTC();
    drill.startedBy = m_gate.actorName();
    drill.dataAsOf = *asOf;
    const access::AccessRequest request{Action::RunDrill, {}, QStringLiteral("drill start ") + drill.id, std::nullopt,
                                        audit::AuditAction::DowntimeDeclare};
    auto granted = m_gate.authorize(request);
    if (!granted.ok())
        return granted.error();
    // The drill's figures start after its own start entry.
    auto head = vault::AuditRepository(m_vault).lastEntry();
    if (!head.ok())
        return head.error();
    drill.auditSeq = head->has_value() ? (*head)->seq : 0;
    if (Status stored = drills.start(drill); !stored.ok()) {
        m_gate.auditFailure(request, stored.error());
        return stored.error();
    }
    return drill;
}

Result<std::optional<vault::DrillRecord>> DrillControl::current()
{
    auto checked = m_gate.check(access::AccessRequest{Action::RunDrill, {}, QStringLiteral("drill status"), std::nullopt,
                                                      audit::AuditAction::DowntimeDeclare});
    if (!checked.ok())
        return checked.error();
    return vault::DrillRepository(m_vault.db()).current();
}

Result<DrillFigures> DrillControl::figures()
{
    auto running = current();
    if (!running.ok())
        return running.error();
    return readFigures(m_vault);
}

Result<DrillReport> DrillControl::report(const DryRun& dryRun)
{
    auto f = figures();
    if (!f.ok())
        return f.error();
    DrillReport r;
    r.figures = *f;
    r.dryRun = dryRun;
    r.endedAt = m_clock.now().toUTC();
    r.endedBy = m_gate.actorName();
    r.problems = problemsOf(r.figures, r.dryRun);
    return r;
}

Result<int> DrillControl::finish(const DrillReport& report)
{
    const QString id = report.figures.drill.id;
    LANTERN_TRY(allow(QStringLiteral("drill report %1").arg(id), audit::AuditAction::Export));
    const access::AccessRequest discard{Action::RunDrill, {},
                                        QStringLiteral("drill discard %1 entries").arg(report.figures.entries()),
                                        std::nullopt, audit::AuditAction::Purge};
    auto granted = m_gate.authorize(discard);
    if (!granted.ok())
        return granted.error();
    auto discarded = vault::DrillRepository(m_vault.db()).discard();
    if (!discarded.ok()) {
        m_gate.auditFailure(discard, discarded.error());
        return discarded.error();
    }
    LANTERN_TRY(allow(QStringLiteral("drill end ") + id, audit::AuditAction::DowntimeEnd));
    return *discarded;
}

} // namespace lantern::drill
