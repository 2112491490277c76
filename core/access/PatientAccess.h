#pragma once
// The one door to patient data and to every audited action, for the desktop
// and lanternctl alike: it takes the unlocked session, re-reads the acting
// user from the vault (a role change or disabling counts at once), works out
// where the patient lies (PatientWards), asks AccessPolicy, and writes the
// audit entry BEFORE anything is read or done. If that entry cannot be
// written, nothing is returned and nothing is done (fail closed).
//
// What is audited:
//  - a grant, before the action, as the action's own audit entry (view-patient,
//    import, export, config-change, user-add, ...); when the action then fails,
//    a second entry with outcome failure follows (best effort);
//  - break-glass, as its own entry with the reason, before the view entry; the
//    glass stays broken for that patient for the rest of this object's life
//    (the desktop keeps one per session; each lanternctl run is its own);
//  - every refusal, with outcome denied and a coded why ("role",
//    "ward-scope", "disabled", "device"), so probing shows in the trail;
//  - except where the operation writes its audit entry itself in the same
//    transaction as its change (recording, conflict decisions, declaring a
//    downtime) or once per printed patient (printing, auditPrint): there the grant is not
//    written twice, only a refusal or a break-glass is.
// The census is audited once per object (the person opened it); refreshes
// after a mirror cycle are decided again but not audited again.

#include "core/access/AccessPolicy.h"
#include "core/access/BreakGlassReason.h"
#include "core/access/PatientWards.h"
#include "core/audit/AuditEvent.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/model/PatientChart.h"
#include "core/records/CensusQuery.h"
#include "core/vault/ResourceRepository.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::access {

class Session;

struct AccessRequest
{
    Action action = Action::ShowChart;
    QString patientId;                           // for patient actions; empty otherwise
    QString detail;                              // coded, for the audit entry ("mar", "user n.berger", "mirror.wards")
    std::optional<BreakGlassReason> breakGlass;  // for a patient outside the own wards
    std::optional<audit::AuditAction> auditAs;   // the audit action when the default does not fit (user-add vs user-remove)
};

struct Grant
{
    bool brokeGlass = false; // this request broke the glass (a break-glass entry was written)
};

// Why the last request was refused, so an interface can say how to go on
// (the command line: "--break-glass REASON"; the desktop: "Other ward…").
enum class Refusal
{
    None,
    Role,            // the role (or the device key) may never do this
    NeedsBreakGlass, // outside the own wards: allowed with a reason
    Disabled         // the user was disabled
};

class PatientAccess
{
public:
    explicit PatientAccess(Session& session, const Clock& clock = SystemClock::instance());
    // For the device key (mirror service, `lanternctl --device`): the actor "system".
    static PatientAccess forDevice(vault::Vault& vault, const Clock& clock = SystemClock::instance());

    // Decides and audits; Denied (see lastRefusal) when refused. Errors of the
    // vault or the audit log come back as they are: do not go on.
    Result<Grant> authorize(const AccessRequest& request);
    // The same decision for something that is no change and no patient datum
    // (showing the configuration): refusals audited, grants not.
    Result<Grant> check(const AccessRequest& request) { return decideAndAudit(request, false); }
    // After a granted action failed: an entry with outcome failure (best effort;
    // the grant's entry is already in the trail).
    void auditFailure(const AccessRequest& request, const Error& error);
    // The print entries, written BEFORE anything is rendered (fail closed: no
    // paper or PDF without its entry): one per patient on paper, or one without
    // a patient for a printout that names none. `kind`: "mar", "census", ...
    Status auditPrint(const QStringList& patientIds, const QString& kind);

    // The census of the own wards (ListPatients).
    Result<QList<records::CensusRow>> census();
    // The patient index of the own wards, for the command line (ListPatients, audited each call).
    Result<QList<vault::PatientIndexRow>> patientList();
    // One chart (ShowChart), breaking the glass when a reason is given and needed;
    // NotFound, audited as a failed lookup and never as a view, for an id the vault does not hold.
    Result<model::PatientChart> chart(const QString& patientId, const std::optional<BreakGlassReason>& breakGlass = {});
    // A chart already open and audited, read again after new data came in:
    // decided again (refusals audited), not audited again.
    Result<model::PatientChart> rereadChart(const QString& patientId);

    // The patient with this MRN (case-insensitive) on any ward, for break-glass: only the id.
    Result<std::optional<QString>> findByMrn(const QString& mrn);
    // The census row of a patient this object may show now without a new reason
    // (own ward, or glass broken): ward and bed for the chart header and printouts.
    std::optional<records::CensusRow> rowOf(const QString& patientId);
    // Where patients lie, as of the last census read (read now if none was).
    Result<const PatientWards*> wards();
    bool glassBroken(const QString& patientId) const { return m_brokenGlass.contains(patientId); }
    Refusal lastRefusal() const { return m_lastRefusal; }
    QString actorName() const;

private:
    PatientAccess(Session* session, vault::Vault& vault, const Clock& clock);
    Result<Grant> decideAndAudit(const AccessRequest& request, bool auditGrant);
    // NotFound (audited as a failed lookup) when someone who may open charts asks
    // for an id the vault does not hold; ok otherwise, the policy decides next.
    Status refuseUnknownPatient(const QString& patientId);
    Result<Actor> currentActor();
    Status loadWards();
    Status audit(audit::AuditAction action, const QString& patientId, audit::AuditOutcome outcome, const QString& detail);

    Session* m_session; // null for the device
    vault::Vault& m_vault;
    const Clock& m_clock;
    std::optional<PatientWards> m_wards;
    QList<records::CensusRow> m_allRows;
    QSet<QString> m_brokenGlass;
    bool m_censusAudited = false;
    Refusal m_lastRefusal = Refusal::None;
};

// The audit action a request is written as by default.
audit::AuditAction auditActionFor(Action action);
// Whether the operation itself audits a granted request (see PatientAccess).
bool auditedByOperation(Action action);

} // namespace lantern::access
