#pragma once
// One reconciliation run over a vault's outbox: per patient, in time order
// (OutboxRepository::pending()), each entry is checked against what changed in
// the EHR (order version, possible duplicate) and uploaded so that a retry can
// never duplicate it; conflicts wait for a person. A run stops between entries
// when asked, and at the first network failure (the entry keeps its state and
// the failure is noted), so the next run resumes exactly there. Finally every
// chart with entries in the EHR gets its downtime note.
//
// Fewer round trips: per patient, the orders its entries name are read in one
// search and its administrations' possible duplicates in one search per time
// window (OrderVersionCheck::prepare, DuplicateCheck::prepare); the entries that
// pass go up together in a transaction Bundle where the server offers them
// (ReconcilerFiling). The checks, their order and the conflict rules are those
// of one entry at a time.
//
// Synchronous, one thread. The caller holds the UploadLock (ReconcileEngine and
// `lanternctl reconcile run` do).

#include "core/audit/AuditEvent.h"
#include "core/common/Clock.h"
#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/ReconcileTypes.h"
#include "sync/reconcile/RequestFailure.h"
#include "sync/reconcile/EntryUploader.h"
#include "core/record/RecordEntry.h"

#include <QSet>

#include <functional>
#include <memory>

namespace lantern::vault {
class Vault;
class OutboxRepository;
}

namespace lantern::sync {

class DuplicateCheck;
class OrderVersionCheck;
class PatientMergeCheck;
class PatientResolver;
class ReconcilerFiling;

struct ReconcileOptions
{
    QString actor = QStringLiteral("system"); // who the audit log names (the person running it, or the service)
    int duplicateWindowMinutes = 60;
};

class Reconciler
{
public:
    using StopCheck = std::function<bool()>;
    using Progress = std::function<void(int done, int total)>;

    Reconciler(const FhirClient& client, vault::Vault& vault, const Clock& clock = SystemClock::instance(),
               ReconcileOptions options = {});
    ~Reconciler();

    void setStopCheck(StopCheck stop) { m_stop = std::move(stop); }
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    ReconcileReport run();

private:
    enum class Step { Uploaded, AlreadyPresent, Conflict, Queued, Wait, Stop };
    // Checks one entry and files it, or queues it for its patient's Bundle.
    Step process(const record::OutboxItem& item, const QList<record::OutboxItem>& group, PatientResolver& patients,
                 ReconcileReport& report);
    // One search per patient for its orders and one per time window for possible duplicates.
    Step prepareChecks(const record::OutboxItem& item, const QList<record::OutboxItem>& group, const QString& serverPatientId,
                       ReconcileReport& report);
    Step sendQueued(ReconcileReport& report);
    Step filed(const record::OutboxItem& item, const StepResult<UploadedAs>& result, ReconcileReport& report);
    void reportProgress();
    Step conflict(const record::OutboxItem& item, const ConflictFinding& finding, ReconcileReport& report);
    Step stopped(const record::OutboxItem& item, const Error& error, FailureKind kind, ReconcileReport& report);
    Status audit(audit::AuditAction action, const QString& patientId, const QString& detail);
    // Uploaded marks are written in batches: one commit (one fsync) per batch instead of
    // per entry. A mark lost to a crash costs nothing but a repeat: the conditional create
    // finds the resource by its identifier. The write lock is held only while flushing,
    // never across a request to the EHR.
    Status flushMarks();
    void finish(ReconcileReport& report);

    const FhirClient& m_client;
    vault::Vault& m_vault;
    const Clock& m_clock;
    ReconcileOptions m_options;
    std::unique_ptr<vault::OutboxRepository> m_outbox;
    std::unique_ptr<PatientMergeCheck> m_merges; // one read per patient and run
    std::unique_ptr<OrderVersionCheck> m_orders;
    std::unique_ptr<DuplicateCheck> m_duplicates;
    std::unique_ptr<ReconcilerFiling> m_filing;
    QSet<QString> m_prepared; // server patient ids whose checks are prepared
    int m_done = 0, m_total = 0;
    QSet<QString> m_ownUuids;
    struct UploadedMark
    {
        QString uuid, serverId, versionId;
        QDateTime at;
    };
    QList<UploadedMark> m_marks;
    StopCheck m_stop;
    Progress m_progress;
};

} // namespace lantern::sync
