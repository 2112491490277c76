#pragma once
// Starts, follows and ends a downtime drill on this device (see Drill.h for what
// a drill means). Every step goes through the access gate as Action::RunDrill
// (IT only, a named person) and is audited: the start as downtime-declare
// "drill start <id>", the report as export "drill report", the discard of the
// drill's entries as purge "drill discard <n> entries", the end as downtime-end
// "drill end <id>". Used by lanternctl and the desktop alike.
//
// The reconciliation dry run needs the EHR and so lives in sync
// (sync/drill/DrillDryRun); finish() takes its result.

#include "core/audit/AuditEvent.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/drill/DrillReport.h"

namespace lantern::access {
class PatientAccess;
}

namespace lantern::vault {
class Vault;
}

namespace lantern::drill {

class DrillControl
{
public:
    DrillControl(access::PatientAccess& gate, vault::Vault& vault, const Clock& clock = SystemClock::instance());

    // `realDowntimeOpen`: a downtime declared or detected is open now. A real
    // downtime wins: no drill starts during one (Conflict).
    Result<vault::DrillRecord> start(bool realDowntimeOpen);
    // The running drill, or nullopt; checked (a refusal is audited), not audited when granted.
    Result<std::optional<vault::DrillRecord>> current();
    // Figures of the running drill so far (NotFound when none runs).
    Result<DrillFigures> figures();
    // The report of the running drill with the dry run's result; does not end the drill.
    Result<DrillReport> report(const DryRun& dryRun);
    // Audits the written report, discards the drill's entries and ends the drill,
    // in one transaction. Returns how many entries were discarded.
    Result<int> finish(const DrillReport& report);

private:
    // Decides and audits one step (the grant is its audit entry).
    Status allow(const QString& detail, audit::AuditAction auditAs);

    access::PatientAccess& m_gate;
    vault::Vault& m_vault;
    const Clock& m_clock;
};

} // namespace lantern::drill
