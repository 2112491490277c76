#include "sync/reconcile/Reconciler.h"

#include "core/audit/AuditLog.h"
#include "sync/reconcile/BundleUploader.h"
#include "sync/reconcile/DowntimeNotePoster.h"
#include "sync/reconcile/DuplicateCheck.h"
#include "sync/reconcile/EntryResource.h"
#include "sync/reconcile/EntryUploader.h"
#include "sync/reconcile/OrderVersionCheck.h"
#include "sync/reconcile/PatientMergeCheck.h"
#include "sync/reconcile/PatientResolver.h"
#include "sync/reconcile/ReconcileLogging.h"
#include "sync/reconcile/ReconcilerFiling.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"

namespace lantern::sync {

using record::EntryKind;
using record::OutboxItem;

namespace {

constexpr qsizetype kMarkBatch = 25;

// Per patient, in the outbox's order; a downtime admission first in its group,
// because every other entry of that patient needs the EHR's patient id.
QList<QList<OutboxItem>> groupByPatient(const QList<OutboxItem>& pending)
{
    QList<QList<OutboxItem>> groups;
    QHash<QString, qsizetype> index;
    for (const OutboxItem& item : pending) {
        auto it = index.constFind(item.entry.patientId);
        if (it == index.constEnd()) {
            it = index.insert(item.entry.patientId, groups.size());
            groups.append(QList<OutboxItem>());
        }
        QList<OutboxItem>& group = groups[*it];
        if (item.entry.kind == EntryKind::DowntimeAdmission)
            group.prepend(item);
        else
            group.append(item);
    }
    return groups;
}

RunEnd endFor(FailureKind kind)
{
    switch (kind) {
    case FailureKind::Auth:
        return RunEnd::AuthFailure;
    case FailureKind::Local:
        return RunEnd::LocalFailure;
    case FailureKind::Rejected:
        return RunEnd::ServerFailure;
    case FailureKind::Transient:
        break;
    }
    return RunEnd::NetworkFailure;
}

} // namespace

Reconciler::Reconciler(const FhirClient& client, vault::Vault& vault, const Clock& clock, ReconcileOptions options)
    : m_client(client), m_vault(vault), m_clock(clock), m_options(std::move(options)),
      m_outbox(std::make_unique<vault::OutboxRepository>(vault.db())),
      m_merges(std::make_unique<PatientMergeCheck>(client)),
      m_orders(std::make_unique<OrderVersionCheck>(client)),
      m_duplicates(std::make_unique<DuplicateCheck>(
          client, [this](const QString& uuid) { return m_ownUuids.contains(uuid); }, m_options.duplicateWindowMinutes)),
      m_filing(std::make_unique<ReconcilerFiling>(client, *m_outbox))
{
}

Reconciler::~Reconciler() = default;

Status Reconciler::audit(audit::AuditAction action, const QString& patientId, const QString& detail)
{
    audit::AuditLog log(m_vault, m_clock);
    auto appended = log.append({m_options.actor, action, patientId, audit::AuditOutcome::Success, detail});
    return appended.ok() ? Status() : Status(appended.error().prefixed(QStringLiteral("cannot write the audit log")));
}

Status Reconciler::flushMarks()
{
    if (m_marks.isEmpty())
        return {};
    auto transaction = vault::Transaction::begin(m_vault.db());
    if (!transaction.ok())
        return transaction.error();
    for (const UploadedMark& mark : std::as_const(m_marks))
        LANTERN_TRY(m_outbox->markUploaded(mark.uuid, mark.serverId, mark.versionId, mark.at));
    LANTERN_TRY((*transaction)->commit());
    m_marks.clear();
    return {};
}

ReconcileReport Reconciler::run()
{
    ReconcileReport report;
    auto all = m_outbox->items();
    auto pending = m_outbox->pending();
    if (!all.ok() || !pending.ok()) {
        report.end = RunEnd::LocalFailure;
        report.message = (all.ok() ? pending.error() : all.error()).prefixed(QStringLiteral("cannot read the outbox")).message;
        return report;
    }
    QSet<QString> admissions;
    for (const OutboxItem& item : std::as_const(*all)) {
        m_ownUuids.insert(item.entry.uuid);
        if (item.entry.kind == EntryKind::DowntimeAdmission)
            admissions.insert(item.entry.patientId);
    }
    PatientResolver patients(*m_outbox, admissions);
    m_total = int(pending->size());
    qCInfo(lcReconcile) << "reconciling" << m_total << "pending entries";
    if (m_total > 0) {
        // Asked once per run: does the EHR take transaction Bundles?
        const StepResult<bool> offered = BundleUploader::supported(m_client);
        if (offered.stop()) {
            report.end = endFor(offered.stopKind);
            report.message = offered.error().prefixed(QStringLiteral("reading the EHR's capabilities")).message;
            finish(report);
            return report;
        }
        m_filing->setTransactions(offered.ok() && offered.value());
        qCDebug(lcReconcile) << "transactions offered:" << m_filing->transactionsOffered();
    }

    const QList<QList<OutboxItem>> groups = groupByPatient(*pending);
    for (const QList<OutboxItem>& group : groups) {
        const int uploadedBefore = report.uploaded;
        for (qsizetype i = 0; i < group.size(); ++i) {
            if (m_stop && m_stop()) {
                report.end = RunEnd::Stopped;
                report.message = QStringLiteral("stopped on request between entries");
                break;
            }
            const OutboxItem& item = group.at(i);
            // A withdrawal needs the entry it withdraws in the EHR first: file what waits.
            if (!item.entry.corrects.isEmpty() && !m_filing->isEmpty() && sendQueued(report) == Step::Stop)
                break;
            const Step step = process(item, group, patients, report);
            ++report.processed;
            if (step == Step::Wait) {
                // The rest of this patient's entries wait for the admission, in order.
                report.waiting += int(group.size() - i);
                m_done += int(group.size() - i);
                reportProgress();
                break;
            }
            if (step == Step::Stop)
                break;
            if (step != Step::Queued) {
                ++m_done;
                reportProgress();
            } else if (m_filing->full() && sendQueued(report) == Step::Stop) {
                break;
            }
        }
        if (report.end == RunEnd::Done && !m_filing->isEmpty())
            (void)sendQueued(report);
        m_filing->clear(); // after a stop: those entries stay pending for the next run
        if (Status flushed = flushMarks(); !flushed.ok() && report.end == RunEnd::Done) {
            report.end = RunEnd::LocalFailure;
            report.message = flushed.error().message;
        }
        if (const int uploadedHere = report.uploaded - uploadedBefore; uploadedHere > 0) {
            Status audited = audit(audit::AuditAction::Export, group.first().entry.patientId,
                                   QStringLiteral("reconcile: %1 entries filed to the EHR").arg(uploadedHere));
            if (!audited.ok() && report.end == RunEnd::Done) {
                report.end = RunEnd::LocalFailure;
                report.message = audited.error().message;
            }
        }
        if (report.end != RunEnd::Done)
            break;
    }
    report.transactions = m_filing->transactions();
    finish(report);
    return report;
}

void Reconciler::reportProgress()
{
    if (m_progress)
        m_progress(m_done, m_total);
}

Reconciler::Step Reconciler::prepareChecks(const OutboxItem& item, const QList<OutboxItem>& group,
                                           const QString& serverPatientId, ReconcileReport& report)
{
    if (m_prepared.contains(serverPatientId))
        return Step::Uploaded;
    QList<record::RecordEntry> entries;
    for (const OutboxItem& member : group)
        if (member.decision != record::Decision::UploadAnyway && !record::isRetraction(member.entry))
            entries.append(member.entry);
    const StepResult<bool> orders = m_orders->prepare(entries);
    if (orders.stop())
        return stopped(item, orders.error(), orders.stopKind, report);
    const StepResult<bool> duplicates = m_duplicates->prepare(entries, serverPatientId);
    if (duplicates.stop())
        return stopped(item, duplicates.error(), duplicates.stopKind, report);
    m_prepared.insert(serverPatientId);
    return Step::Uploaded;
}

Reconciler::Step Reconciler::process(const OutboxItem& item, const QList<OutboxItem>& group, PatientResolver& patients,
                                     ReconcileReport& report)
{
    const record::RecordEntry& entry = item.entry;
    const bool admission = entry.kind == EntryKind::DowntimeAdmission;
    auto serverPatient = patients.serverId(entry.patientId);
    if (!serverPatient.ok())
        return stopped(item, serverPatient.error(), FailureKind::Local, report);
    if (!admission && !*serverPatient)
        return Step::Wait;
    // A person chose "upload anyway"; a withdrawal (entered-in-error) is filed whatever changed.
    const bool decided = item.decision == record::Decision::UploadAnyway;
    const bool skipChecks = decided || record::isRetraction(entry);

    // The patient record the entry names may have been merged away meanwhile: never
    // filed there silently. It waits for a person; "upload anyway" files it on the survivor.
    QString targetPatient = *serverPatient ? **serverPatient : QString();
    if (!admission) {
        const StepResult<PatientMergeStatus> merged = m_merges->status(targetPatient);
        if (merged.conflict())
            return conflict(item, merged.finding(), report);
        if (merged.stop())
            return stopped(item, merged.error(), merged.stopKind, report);
        if (merged.value().mergedAway) {
            if (!decided)
                return conflict(item, PatientMergeCheck::finding(merged.value()), report);
            if (!merged.value().survivorId.isEmpty())
                targetPatient = merged.value().survivorId;
        }
    }
    QJsonObject resource = entry.resource;
    if (!admission)
        resource = rewritePatientReferences(resource, entry.patientId, targetPatient);

    if (!skipChecks && (OrderVersionCheck::appliesTo(entry) || DuplicateCheck::appliesTo(entry)) &&
        prepareChecks(item, group, targetPatient, report) == Step::Stop)
        return Step::Stop;
    if (!skipChecks && OrderVersionCheck::appliesTo(entry)) {
        const StepResult<bool> order = m_orders->check(entry);
        if (order.conflict())
            return conflict(item, order.finding(), report);
        if (order.stop())
            return stopped(item, order.error(), order.stopKind, report);
    }
    if (!skipChecks && DuplicateCheck::appliesTo(entry)) {
        const StepResult<bool> duplicate = m_duplicates->check(entry, targetPatient);
        if (duplicate.conflict())
            return conflict(item, duplicate.finding(), report);
        if (duplicate.stop())
            return stopped(item, duplicate.error(), duplicate.stopKind, report);
    }

    if (admission) {
        // The patient's other entries need the EHR's patient id: filed at once, alone.
        const StepResult<UploadedAs> uploaded = EntryUploader(m_client, *m_outbox).upload(item, resource);
        const Step step = filed(item, uploaded, report);
        if (step != Step::Uploaded && step != Step::AlreadyPresent)
            return step;
        if (Status mapped = patients.map(entry.patientId, uploaded.value().serverId); !mapped.ok())
            return stopped(item, mapped.error(), FailureKind::Local, report);
        if (Status flushed = flushMarks(); !flushed.ok())
            return stopped(item, flushed.error(), FailureKind::Local, report);
        return step;
    }
    if (!entry.corrects.isEmpty() && record::isRetraction(entry))
        return filed(item, EntryUploader(m_client, *m_outbox).upload(item, resource), report);
    m_filing->queue(item, resource);
    return Step::Queued;
}

Reconciler::Step Reconciler::sendQueued(ReconcileReport& report)
{
    const QList<ReconcilerFiling::Filed> results = m_filing->send();
    for (const ReconcilerFiling::Filed& result : results) {
        const Step step = filed(result.item, result.result, report);
        if (step == Step::Stop)
            return Step::Stop;
        ++m_done;
        reportProgress();
    }
    return Step::Uploaded;
}

// The outcome of one entry's upload: marked (in batches), queued as a conflict, or the run stops.
Reconciler::Step Reconciler::filed(const OutboxItem& item, const StepResult<UploadedAs>& uploaded, ReconcileReport& report)
{
    if (uploaded.conflict())
        return conflict(item, uploaded.finding(), report);
    if (uploaded.stop())
        return stopped(item, uploaded.error(), uploaded.stopKind, report);
    const UploadedAs& as = uploaded.value();
    m_marks.append({item.entry.uuid, as.serverId, as.versionId, m_clock.now()});
    if (m_marks.size() >= kMarkBatch) {
        if (Status flushed = flushMarks(); !flushed.ok())
            return stopped(item, flushed.error(), FailureKind::Local, report);
    }
    ++report.uploaded;
    if (!as.created)
        ++report.alreadyPresent;
    qCDebug(lcReconcile) << "entry" << item.entry.uuid << (as.created ? "created" : "already in the EHR");
    return as.created ? Step::Uploaded : Step::AlreadyPresent;
}

Reconciler::Step Reconciler::conflict(const OutboxItem& item, const ConflictFinding& finding, ReconcileReport& report)
{
    const QString reason = record::conflictReasonName(finding.reason);
    if (Status flushed = flushMarks(); !flushed.ok())
        return stopped(item, flushed.error(), FailureKind::Local, report);
    if (Status marked = m_outbox->markConflict(item.entry.uuid, finding.reason, finding.detail, m_clock.now()); !marked.ok())
        return stopped(item, marked.error(), FailureKind::Local, report);
    ++report.conflicts;
    qCInfo(lcReconcile) << "entry" << item.entry.uuid << "queued:" << reason;
    // Coded detail only: the finding's text stays in the outbox, not in the chain.
    if (Status audited = audit(audit::AuditAction::ResolveConflict, item.entry.patientId,
                               QStringLiteral("queued %1 %2").arg(reason, item.entry.uuid));
        !audited.ok())
        return stopped(item, audited.error(), FailureKind::Local, report);
    return Step::Conflict;
}

Reconciler::Step Reconciler::stopped(const OutboxItem& item, const Error& error, FailureKind kind, ReconcileReport& report)
{
    if (Status flushed = flushMarks(); !flushed.ok() && kind != FailureKind::Local) {
        report.end = RunEnd::LocalFailure;
        report.message = flushed.error().message;
        return Step::Stop;
    }
    report.end = endFor(kind);
    report.message = error.message;
    qCWarning(lcReconcile).noquote() << "reconciliation stopped at entry" << item.entry.uuid << "("
                                     << runEndName(report.end) << "):" << error.message;
    if (kind != FailureKind::Local)
        (void)m_outbox->noteAttempt(item.entry.uuid, error.message, m_clock.now());
    return Step::Stop;
}

void Reconciler::finish(ReconcileReport& report)
{
    if (Status flushed = flushMarks(); !flushed.ok() && report.end == RunEnd::Done) {
        report.end = RunEnd::LocalFailure;
        report.message = flushed.error().message;
    }
    // Downtime notes once the entries are through (also for entries filed in earlier runs).
    if (report.end == RunEnd::Done) {
        auto all = m_outbox->items();
        if (!all.ok()) {
            report.end = RunEnd::LocalFailure;
            report.message = all.error().message;
        } else {
            QSet<QString> admissions;
            for (const OutboxItem& item : std::as_const(*all))
                if (item.entry.kind == EntryKind::DowntimeAdmission)
                    admissions.insert(item.entry.patientId);
            PatientResolver patients(*m_outbox, admissions);
            const StepResult<int> notes = DowntimeNotePoster(m_client, *m_outbox, m_clock).postMissing(*all, patients, m_merges.get());
            if (notes.ok()) {
                report.notesPosted = notes.value();
            } else {
                report.end = endFor(notes.stopKind);
                report.message = notes.error().prefixed(QStringLiteral("posting downtime notes")).message;
            }
        }
    }
    if (auto counts = m_outbox->counts(); counts.ok()) {
        report.conflictsOpen = counts->conflict;
        report.pendingLeft = counts->pending;
    }
    (void)audit(audit::AuditAction::Export, {},
                QStringLiteral("reconcile run %1: %2 filed, %3 queued, %4 notes")
                    .arg(runEndName(report.end))
                    .arg(report.uploaded)
                    .arg(report.conflicts)
                    .arg(report.notesPosted));
    qCInfo(lcReconcile) << "reconciliation" << runEndName(report.end) << ":" << report.uploaded << "filed,"
                        << report.conflicts << "queued," << report.notesPosted << "notes," << report.transactions << "Bundles," << report.pendingLeft
                        << "pending," << report.conflictsOpen << "conflicts open";
}

} // namespace lantern::sync
