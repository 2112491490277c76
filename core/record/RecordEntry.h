#pragma once
// What a ward records while the EHR is down: one immutable entry per confirmed
// action. The entry carries the FHIR resource exactly as it will be uploaded
// (built when the person confirmed it), so reconciliation never has to guess
// what was meant. A correction is a new entry whose `corrects` names the old one.
//
// CONTRACT shared by core/record (recording, safety checks), core/vault
// (OutboxRepository) and sync/reconcile (upload). Change it only in step.

#include "core/record/SafetyFinding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace lantern::record {

enum class EntryKind
{
    Administration,    // MedicationAdministration: given / not-done (with reason) / on-hold (held)
    Note,              // nursing or physician note (DocumentReference)
    OrderAnnotation,   // physician's hold / review / dose-concern on one MedicationRequest
    ReportedAllergy,   // AllergyIntolerance, verificationStatus unconfirmed
    DowntimeAdmission  // Patient admitted during downtime, identifier from the device's range
};
QString entryKindName(EntryKind kind); // "administration", "note", "order-annotation", "reported-allergy", "downtime-admission"
std::optional<EntryKind> entryKindFromName(const QString& name);

// Where an entry stands. Entries never change; their state does.
enum class EntryState
{
    Pending,      // recorded, not yet in the EHR
    Uploaded,     // the EHR has it (created, or found by its identifier)
    Conflict,     // waits for a person (see ConflictReason)
    Duplicate,    // a person decided: already in the EHR (e.g. back-charted); kept, never uploaded
    Superseded,   // replaced by a correcting entry (amend) before it was uploaded; never uploaded
    EnteredInError // corrected after upload: the EHR copy was marked entered-in-error
};
QString entryStateName(EntryState state); // "pending", "uploaded", "conflict", "duplicate", "superseded", "entered-in-error"
std::optional<EntryState> entryStateFromName(const QString& name);

enum class ConflictReason
{
    OrderChanged,       // the referenced MedicationRequest has a newer version
    OrderDiscontinued,  // ... is stopped / cancelled / completed / entered-in-error
    PossibleDuplicate,  // same patient, drug and time window already in the EHR
    ServerRejected,     // 400 / 409 / 412 / 422; detail has the OperationOutcome text
    PatientMerged       // the EHR merged the patient's record into another; detail names Patient/<survivor>
};
// "order-changed", "order-discontinued", "possible-duplicate", "server-rejected", "patient-merged"
QString conflictReasonName(ConflictReason reason);
std::optional<ConflictReason> conflictReasonFromName(const QString& name);

enum class Decision
{
    UploadAnyway,  // -> Pending again, uploaded without the order/duplicate checks
    MarkDuplicate, // -> Duplicate
    Amend          // -> Superseded; the amending entry is a new entry with corrects = this uuid
};
QString decisionName(Decision decision); // "upload-anyway", "mark-duplicate", "amend"
std::optional<Decision> decisionFromName(const QString& name);

// A safety warning shown before the entry was confirmed, and what the person did.
// Stored with the entry: kind, message and overridden. The finding (what the
// screen words in the reader's language) lives only while recording.
struct SafetyWarning
{
    SafetyWarning() = default;
    SafetyWarning(QString kind, QString message, bool overridden = false, SafetyFinding finding = {})
        : kind(std::move(kind)), message(std::move(message)), overridden(overridden), finding(std::move(finding))
    {
    }

    QString kind;    // "allergy", "interval", "discontinued-order"
    QString message; // in English, from the finding (may name the drug, never stored in logs or audit)
    bool overridden = false; // the person confirmed anyway
    SafetyFinding finding;   // code None when read back from the outbox
};

// FHIR identifier system for entry UUIDs. The identifier value is "urn:uuid:<uuid>";
// conditional create uses If-None-Exist: identifier=<system>|<value>.
inline constexpr char kEntryIdentifierSystem[] = "urn:ietf:rfc:3986";

struct RecordEntry
{
    QString uuid;            // client UUID (lower-case, no braces); primary key
    EntryKind kind = EntryKind::Note;
    QString patientId;       // vault Patient id (for a downtime admission: its local id)
    QString deviceId;        // the vault id of the recording device
    QString author;          // username of the unlocked user
    QString witness;         // username of a witness (high-alert drugs), or empty
    QDateTime recordedAt;    // device clock (UTC) when confirmed
    QDateTime clinicalTime;  // when it happened (UTC): given at, note time, onset reported
    QString orderId;         // MedicationRequest id (administration, order annotation), or empty
    QString orderVersionId;  // that order's versionId as seen when recording
    QString downtimeId;      // the downtime this was recorded in, or empty
    QString corrects;        // uuid of the entry this one corrects/amends, or empty
    QJsonObject resource;    // the FHIR resource to upload, with the identifier set
    QList<SafetyWarning> warnings;
};

// True when the entry's resource withdraws what `corrects` names instead of
// replacing it: MedicationAdministration / DocumentReference status
// entered-in-error, AllergyIntolerance verificationStatus entered-in-error,
// Patient active false.
bool isRetraction(const RecordEntry& entry);

// An entry with its current reconciliation state, as the outbox reports it.
struct OutboxItem
{
    RecordEntry entry;
    EntryState state = EntryState::Pending;
    int attempts = 0;
    QString lastError;                       // last transport error (no patient data)
    QString serverId;                        // id the EHR gave the uploaded resource
    QString serverVersionId;
    std::optional<ConflictReason> conflict;  // set while (or after) in conflict
    QString conflictDetail;                  // e.g. OperationOutcome diagnostics, "order now v3"
    std::optional<Decision> decision;
    QString decidedBy;
    QDateTime decidedAt;
    QString decisionNote;
    QDateTime updatedAt;
};

} // namespace lantern::record
