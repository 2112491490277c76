#pragma once
// The outbox: every entry recorded during a downtime, and its reconciliation
// state. append() commits before it returns (synchronous=FULL), so a confirmed
// entry survives a killed process or a power cut. Entries are immutable rows;
// state lives in a separate row per entry.
//
// CONTRACT shared with core/record and sync/reconcile (see record/RecordEntry.h).

#include "core/common/Result.h"
#include "core/record/RecordEntry.h"
#include "core/vault/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace lantern::vault {

struct OutboxFilter
{
    std::optional<record::EntryState> state;
    QString patientId;   // empty = all
    QString downtimeId;  // empty = all
    std::optional<record::EntryKind> kind;
    QString orderId;     // empty = all
};

// Runs body atomically: in its own transaction (BEGIN IMMEDIATE ... COMMIT), or
// in a savepoint inside the caller's open transaction. Rolls back on failure.
Status runAtomically(Database& db, const std::function<Status()>& body);
// UTC ISO 8601 with milliseconds ("2026-03-01T08:00:00.000Z"): the outbox's time
// format, whose text order is time order. Null for an invalid time.
QString outboxTime(const QDateTime& t);
QDateTime outboxTimeFromText(const QString& text);

struct OutboxCounts
{
    int pending = 0, uploaded = 0, conflict = 0, duplicate = 0, superseded = 0, enteredInError = 0;
};

// Where entries live. Production: the outbox the uploader files to the EHR.
// Drill: the entries of a downtime drill (core/drill), in tables of the same
// shape that nothing uploads; the upload marks (markUploaded, noteAttempt,
// mapPatient) refuse them, so a drill entry can never be recorded as filed.
enum class OutboxStore
{
    Production,
    Drill
};

class OutboxRepository
{
public:
    explicit OutboxRepository(Database& db, OutboxStore store = OutboxStore::Production) : m_db(db), m_store(store) {}
    OutboxStore store() const { return m_store; }

    // Stores the entry with state Pending in its own transaction (or the
    // caller's, if one is open). Fails on a duplicate uuid. If entry.corrects is
    // set, the corrected entry moves to Superseded (not yet uploaded) in the same
    // transaction; if it was already Uploaded it stays Uploaded and the caller's
    // correcting resource (status entered-in-error) is what gets uploaded.
    // Details (see record::isRetraction):
    //  - correcting an entry in Conflict counts as the person's Amend decision
    //    (decided by the entry's author at its recordedAt);
    //  - a retraction of an entry that never reached the EHR has nothing to
    //    upload: it is stored in state EnteredInError right away;
    //  - an Uploaded entry can only be retracted (Conflict error otherwise);
    //    when the retraction is marked uploaded, the original becomes EnteredInError;
    //  - an entry is corrected at most once, and Duplicate / EnteredInError
    //    entries not at all (correct the correcting entry instead).
    Status append(const record::RecordEntry& entry);
    // The entry whose `corrects` is uuid, if any.
    Result<std::optional<record::OutboxItem>> correctionOf(const QString& uuid);

    Result<std::optional<record::OutboxItem>> item(const QString& uuid);
    // Ordered by patient, then clinicalTime, then recordedAt: the upload order.
    Result<QList<record::OutboxItem>> items(const OutboxFilter& filter = {});
    // Pending entries in upload order (what the uploader works through).
    Result<QList<record::OutboxItem>> pending();
    Result<OutboxCounts> counts(const QString& downtimeId = {});
    // Patients with at least one Pending or Conflict entry -> how many (census badge).
    Result<QHash<QString, int>> openEntriesByPatient();

    // State changes made by the uploader (each in its own transaction, or the caller's).
    // markUploaded accepts Pending (and Uploaded again, idempotently); markConflict Pending or Conflict.
    Status markUploaded(const QString& uuid, const QString& serverId, const QString& serverVersionId,
                        const QDateTime& at);
    Status markConflict(const QString& uuid, record::ConflictReason reason, const QString& detail,
                        const QDateTime& at);
    Status noteAttempt(const QString& uuid, const QString& transportError, const QDateTime& at);

    // A person's decision on an entry in Conflict. UploadAnyway -> Pending (and the
    // uploader then skips the order and duplicate checks for it); MarkDuplicate ->
    // Duplicate; Amend -> Superseded. Fails if the entry is not in Conflict.
    Status decide(const QString& uuid, record::Decision decision, const QString& decidedBy,
                  const QString& note, const QDateTime& at);

    // Local id -> server id for downtime admissions once the Patient is uploaded,
    // so later entries' references can be rewritten at upload time.
    Status mapPatient(const QString& localId, const QString& serverId);
    Result<std::optional<QString>> mappedPatient(const QString& localId);

    // Posted downtime notes (one per patient and downtime), so a retry never posts twice.
    Status markDowntimeNotePosted(const QString& downtimeId, const QString& patientId, const QString& serverId);
    Result<bool> downtimeNotePosted(const QString& downtimeId, const QString& patientId);

private:
    // Statements are written against outbox_entry / outbox_state; the drill store
    // reads the same statements against its own tables.
    Result<Statement> prepare(const QString& sql);
    static QString itemFrom();
    Status refuseDrillUpload() const;

    Database& m_db;
    OutboxStore m_store;
};

// Downtime identifiers for patients admitted during an outage: a range that
// hospital IT allocates to this device before any outage (from the hospital's
// downtime number pool), so no two devices can hand out the same number.
struct DowntimeIdRange
{
    QString system; // FHIR identifier system of the hospital's MRNs
    QString prefix; // e.g. "DT-"
    qint64 first = 0;
    qint64 last = 0;
    qint64 next = 0; // next number to hand out
};

class DowntimeIdRangeRepository
{
public:
    explicit DowntimeIdRangeRepository(Database& db) : m_db(db) {}
    Status configure(const DowntimeIdRange& range); // replaces; refuses to move `next` backwards
    Result<std::optional<DowntimeIdRange>> range();
    // Hands out the next identifier value (prefix + zero-padded number) and advances,
    // in the caller's transaction. Error when the range is exhausted or not configured.
    Result<QString> allocate();

private:
    Database& m_db;
};

} // namespace lantern::vault
