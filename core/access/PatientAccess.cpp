#include "core/access/PatientAccess.h"

#include "core/access/Session.h"
#include "core/audit/AuditLog.h"
#include "core/records/PatientRecords.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

namespace lantern::access {

audit::AuditAction auditActionFor(Action action)
{
    switch (action) {
    case Action::ListPatients:
    case Action::ShowChart:
        return audit::AuditAction::ViewPatient;
    case Action::Print:
        return audit::AuditAction::Print;
    case Action::RecordEntry:
        return audit::AuditAction::RecordEntry;
    case Action::DecideConflict:
        return audit::AuditAction::ResolveConflict;
    case Action::DeclareDowntime:
        return audit::AuditAction::DowntimeDeclare;
    case Action::ManageUsers:
        return audit::AuditAction::UserUpdate;
    case Action::ChangeConfig:
        return audit::AuditAction::ConfigChange;
    case Action::Import:
        return audit::AuditAction::Import;
    case Action::Export:
        return audit::AuditAction::Export;
    case Action::RunDrill:
        // A drill's steps use the downtime actions (start: declare, end: end, discard: purge,
        // report: export) with a "drill" detail, so exports and checkers know every code.
        return audit::AuditAction::DowntimeDeclare;
    }
    return audit::AuditAction::ViewPatient;
}

bool auditedByOperation(Action action)
{
    // RecordContext::commit and sync::decideConflict write the entry in the
    // transaction of the change; the mirror engine audits a declared downtime;
    // PrintService writes one entry per printed patient.
    return action == Action::RecordEntry || action == Action::DecideConflict || action == Action::DeclareDowntime ||
           action == Action::Print;
}

PatientAccess::PatientAccess(Session& session, const Clock& clock) : PatientAccess(&session, session.vault(), clock) {}

PatientAccess::PatientAccess(Session* session, vault::Vault& vault, const Clock& clock)
    : m_session(session), m_vault(vault), m_clock(clock)
{
}

PatientAccess PatientAccess::forDevice(vault::Vault& vault, const Clock& clock)
{
    return PatientAccess(nullptr, vault, clock);
}

QString PatientAccess::actorName() const
{
    return m_session ? m_session->user().username : Actor::device().name;
}

Result<Actor> PatientAccess::currentActor()
{
    if (!m_session)
        return Actor::device();
    // Re-read: a role change or a disabled account counts from the next request on.
    auto user = vault::UserRepository(m_vault).find(m_session->user().username);
    if (!user.ok()) {
        if (user.error().code == ErrorCode::NotFound)
            return Actor{m_session->user().username, Role::Nurse, {}, true}; // removed: treated as disabled
        return user.error();
    }
    return Actor::of(*user);
}

Status PatientAccess::audit(audit::AuditAction action, const QString& patientId, audit::AuditOutcome outcome,
                            const QString& detail)
{
    auto appended = audit::AuditLog(m_vault, m_clock).append({actorName(), action, patientId, outcome, detail.left(audit::kMaxDetailLength)});
    if (!appended.ok())
        return appended.error().prefixed(QStringLiteral("cannot write the audit log, so nothing is shown or done"));
    return {};
}

Status PatientAccess::auditPrint(const QStringList& patientIds, const QString& kind)
{
    QStringList distinct = patientIds;
    distinct.removeAll(QString());
    distinct.removeDuplicates();
    if (distinct.isEmpty())
        return audit(audit::AuditAction::Print, QString(), audit::AuditOutcome::Success, kind);
    for (const QString& patientId : std::as_const(distinct))
        LANTERN_TRY(audit(audit::AuditAction::Print, patientId, audit::AuditOutcome::Success, kind));
    return {};
}

void PatientAccess::auditFailure(const AccessRequest& request, const Error& error)
{
    (void)audit(request.auditAs.value_or(auditActionFor(request.action)), request.patientId, audit::AuditOutcome::Failure,
                errorCodeName(error.code));
}

Status PatientAccess::loadWards()
{
    auto rows = records::CensusQuery(m_vault).rows();
    if (!rows.ok())
        return rows.error();
    m_wards = PatientWards(*rows);
    m_allRows = std::move(*rows);
    return {};
}

Result<const PatientWards*> PatientAccess::wards()
{
    if (!m_wards)
        LANTERN_TRY(loadWards());
    return &*m_wards;
}

Result<Grant> PatientAccess::authorize(const AccessRequest& request)
{
    return decideAndAudit(request, !auditedByOperation(request.action));
}

Result<Grant> PatientAccess::decideAndAudit(const AccessRequest& request, bool auditGrant)
{
    m_lastRefusal = Refusal::None;
    auto actor = currentActor();
    if (!actor.ok())
        return actor.error();
    const bool forPatient = isPatientAction(request.action) && !request.patientId.isEmpty();
    WardRelation relation = WardRelation::NoPatient;
    if (forPatient && !actor->isDevice() && actor->role != Role::ItAdmin) {
        if (!m_wards)
            LANTERN_TRY(loadWards());
        relation = m_wards->relation(*actor, request.patientId);
    }
    const bool glass = request.breakGlass.has_value() || m_brokenGlass.contains(request.patientId);
    const Decision decision = decide(*actor, request.action, relation, glass);
    const audit::AuditAction auditAction = request.auditAs.value_or(auditActionFor(request.action));

    if (decision.verdict != Verdict::Allow) {
        m_lastRefusal = decision.verdict == Verdict::NeedsBreakGlass ? Refusal::NeedsBreakGlass
                        : decision.why == QLatin1String("disabled") ? Refusal::Disabled
                                                                     : Refusal::Role;
        // A refusal stays a refusal when its entry cannot be written; the error says both.
        const Status audited = audit(auditAction, request.patientId, audit::AuditOutcome::Denied,
                                     decision.why + QLatin1Char(' ') + actionName(request.action) +
                                         (request.detail.isEmpty() ? QString() : QLatin1Char(' ') + request.detail));
        QString message;
        switch (m_lastRefusal) {
        case Refusal::NeedsBreakGlass:
            message = QStringLiteral("this patient is not on the wards of %1: opening the chart needs break-glass with a reason "
                                     "(emergency, transfer, covering, consultation), which is audited")
                          .arg(actor->name);
            break;
        case Refusal::Disabled:
            message = QStringLiteral("user %1 is disabled").arg(actor->name);
            break;
        default:
            message = actor->isDevice()
                          ? QStringLiteral("the device key may not %1; unlock as a person with the right role")
                                .arg(actionName(request.action))
                          : QStringLiteral("%1 (%2) may not %3")
                                .arg(actor->name, roleName(*actor->role), actionName(request.action));
            if (actor->role == Role::ItAdmin && permissionFor(request.action) == Permission::ViewPatients)
                message += QStringLiteral(": IT administrators manage the device and see no patient data");
            break;
        }
        if (!audited.ok())
            message += QStringLiteral("; and the refusal could not be audited: ") + audited.error().message;
        return Error(ErrorCode::Denied, message);
    }

    Grant grant;
    if (forPatient && isWardScoped(request.action) && relation == WardRelation::OtherWard &&
        !m_brokenGlass.contains(request.patientId)) {
        // Allowed only because of the reason given now: that comes first in the trail.
        LANTERN_TRY(audit(audit::AuditAction::BreakGlass, request.patientId, audit::AuditOutcome::Success,
                          request.breakGlass->auditDetail()));
        m_brokenGlass.insert(request.patientId);
        grant.brokeGlass = true;
    }
    if (auditGrant)
        LANTERN_TRY(audit(auditAction, request.patientId, audit::AuditOutcome::Success, request.detail));
    return grant;
}

Result<QList<records::CensusRow>> PatientAccess::census()
{
    auto granted = decideAndAudit({Action::ListPatients, {}, QStringLiteral("census"), {}, {}}, !m_censusAudited);
    if (!granted.ok())
        return granted.error();
    m_censusAudited = true;
    LANTERN_TRY(loadWards());
    auto actor = currentActor();
    if (!actor.ok())
        return actor.error();
    QList<records::CensusRow> own;
    for (const records::CensusRow& row : std::as_const(m_allRows)) {
        if (m_wards->relation(*actor, row.patientId) == WardRelation::OwnWard)
            own.append(row);
    }
    return own;
}

Result<QList<vault::PatientIndexRow>> PatientAccess::patientList()
{
    const AccessRequest request{Action::ListPatients, {}, QStringLiteral("patient-list"), {}, {}};
    auto granted = decideAndAudit(request, true);
    if (!granted.ok())
        return granted.error();
    auto actor = currentActor();
    if (!actor.ok())
        return actor.error();
    auto all = records::PatientRecords(m_vault).patients();
    Status loaded = all.ok() ? loadWards() : Status(all.error());
    if (!loaded.ok()) {
        auditFailure(request, loaded.error());
        return loaded.error();
    }
    QList<vault::PatientIndexRow> own;
    for (const vault::PatientIndexRow& row : std::as_const(*all)) {
        if (m_wards->relation(*actor, row.id) == WardRelation::OwnWard)
            own.append(row);
    }
    return own;
}

Result<model::PatientChart> PatientAccess::chart(const QString& patientId, const std::optional<BreakGlassReason>& breakGlass)
{
    const AccessRequest request{Action::ShowChart, patientId, {}, breakGlass, {}};
    if (auto missing = refuseUnknownPatient(patientId); !missing.ok())
        return missing.error();
    auto granted = decideAndAudit(request, true);
    if (!granted.ok())
        return granted.error();
    auto chart = records::PatientRecords(m_vault).chart(patientId);
    if (!chart.ok())
        auditFailure(request, chart.error());
    return chart;
}

Status PatientAccess::refuseUnknownPatient(const QString& patientId)
{
    auto actor = currentActor();
    if (!actor.ok())
        return actor.error();
    // Only for those who may open charts at all: anyone else (IT, a disabled
    // account) is refused by the policy as before, known id or not.
    if (decide(*actor, Action::ShowChart, WardRelation::NoPatient, false).verdict != Verdict::Allow)
        return {};
    auto held = records::PatientRecords(m_vault).holds(patientId);
    if (!held.ok())
        return held.error();
    if (*held)
        return {};
    // A lookup that found nothing: no view and no break-glass in the trail (there
    // is nobody to break the glass for), but the failed lookup is, so probing ids
    // is seen. Saying "not here" tells that an id exists or not, never whose it is.
    m_lastRefusal = Refusal::None;
    LANTERN_TRY(audit(audit::AuditAction::ViewPatient, patientId, audit::AuditOutcome::Failure,
                      errorCodeName(ErrorCode::NotFound)));
    return Error(ErrorCode::NotFound, QStringLiteral("no patient %1 in this vault").arg(patientId.left(64)));
}

Result<model::PatientChart> PatientAccess::rereadChart(const QString& patientId)
{
    auto granted = decideAndAudit({Action::ShowChart, patientId, {}, {}, {}}, false);
    if (!granted.ok())
        return granted.error();
    return records::PatientRecords(m_vault).chart(patientId);
}

Result<std::optional<QString>> PatientAccess::findByMrn(const QString& mrn)
{
    const QString wanted = mrn.trimmed();
    if (!m_wards)
        LANTERN_TRY(loadWards());
    for (const records::CensusRow& r : std::as_const(m_allRows)) {
        if (!wanted.isEmpty() && r.mrn.compare(wanted, Qt::CaseInsensitive) == 0)
            return std::optional<QString>(r.patientId);
    }
    return std::optional<QString>();
}

std::optional<records::CensusRow> PatientAccess::rowOf(const QString& patientId)
{
    auto actor = currentActor();
    if (!actor.ok() || !m_wards)
        return std::nullopt;
    const WardRelation relation = m_wards->relation(*actor, patientId);
    if (decide(*actor, Action::ShowChart, relation, m_brokenGlass.contains(patientId)).verdict != Verdict::Allow)
        return std::nullopt;
    for (const records::CensusRow& r : std::as_const(m_allRows)) {
        if (r.patientId == patientId)
            return r;
    }
    return std::nullopt;
}

} // namespace lantern::access
