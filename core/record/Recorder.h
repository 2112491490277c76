#pragma once
// Turns what a person entered into an immutable RecordEntry with its FHIR
// resource, runs the safety checks, and commits it to the outbox before
// returning (the screen confirms only after this returns ok).
//
// CONTRACT used by ui/ (record dialogs), app/lanternctl and sync/reconcile tests.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/model/Common.h"
#include "core/record/RecordEntry.h"
#include "core/vault/OutboxRepository.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::record {

enum class AdministrationOutcome
{
    Given,   // status completed
    NotGiven,// status not-done, statusReason required
    Held     // status on-hold, statusReason required
};

struct AdministrationInput
{
    QString patientId;
    QString orderId;               // MedicationRequest in the vault
    AdministrationOutcome outcome = AdministrationOutcome::Given;
    QString reason;                // required for NotGiven / Held
    model::Quantity dose;          // defaults to the order's dose when empty
    QString route;                 // text; defaults to the order's route
    QString site;
    QDateTime givenAt;             // null = now; must be within the allowed window (see Recorder)
    QString witness;               // username, for high-alert drugs
    QString note;
    QString amends;                // uuid of an entry this one replaces (see Recorder), or empty
};

enum class NoteCategory { Nursing, Physician };

struct NoteInput
{
    QString patientId;
    NoteCategory category = NoteCategory::Nursing;
    QString text;
    QDateTime at; // null = now
    QString amends; // uuid of an entry this one replaces, or empty
};

enum class AnnotationKind { Hold, Review, DoseConcern };

struct OrderAnnotationInput
{
    QString patientId;
    QString orderId;
    AnnotationKind kind = AnnotationKind::Review;
    QString text;
    QString amends; // uuid of an entry this one replaces, or empty
};

struct ReportedAllergyInput
{
    QString patientId;
    QString substance;       // free text as reported ("penicillin")
    QString reaction;        // free text, optional
    QString criticality;     // "low" | "high" | "unable-to-assess" | empty
    QString amends;          // uuid of an entry this one replaces, or empty
};

struct DowntimeAdmissionInput
{
    QString family;
    QString given;
    QDate birthDate;         // may be null (unknown)
    QString sex;             // FHIR gender code
    QString ward;            // Location id
    QString bed;
};

class Recorder
{
public:
    // author: the unlocked user's username; deviceId: the vault id; downtimeId: current downtime or empty.
    // While a downtime drill runs and no real downtime is open, entries go to the
    // drill outbox (drill/Drill.h) and a downtime admission is refused.
    // `realDowntimeOpen`: the caller knows a real downtime is open even without its id
    // (the desktop follows the service's stored state); a non-empty downtimeId says so too.
    Recorder(vault::Vault& vault, QString author, QString deviceId, QString downtimeId,
             const Clock& clock = SystemClock::instance(), bool realDowntimeOpen = false);

    // Safety checks for an administration before it is confirmed (see
    // SafetyChecker): allergy (substance, drug class, cross-reacting class),
    // minimum interval and maximum dose of the ingredient across all orders,
    // order discontinued / ended / on hold / draft / held by a physician during
    // the downtime, dose not the ordered one. Empty list = nothing to warn about.
    // Fails (InvalidInput, "dose: ...") for a dose in another unit than the
    // order's or more than ten times the ordered dose (record/DoseCheck).
    Result<QList<SafetyWarning>> checkAdministration(const AdministrationInput& input);

    // `amends` (optional on every input): the new entry replaces an entry of the
    // same kind and patient that has not reached the EHR (pending, or in conflict:
    // then this is the Amend decision and needs a physician; it is audited as
    // resolve-conflict too; or already decided Amend via ConflictResolver).
    //
    // Each record* call re-runs the checks it needs; every warning must be in
    // `acknowledged` (same kind) or the call fails with ErrorCode::InvalidInput.
    // An administration recorded as given of a high-alert drug (record::needsWitness)
    // needs `witness`, or fails with "witness: required ...".
    // The warnings and the decision are stored with the entry; the entry is
    // committed (and audited as record-entry) before the call returns.
    Result<RecordEntry> recordAdministration(const AdministrationInput& input,
                                             const QList<SafetyWarning>& acknowledged = {});
    Result<RecordEntry> recordNote(const NoteInput& input);
    Result<RecordEntry> recordOrderAnnotation(const OrderAnnotationInput& input);
    Result<RecordEntry> recordReportedAllergy(const ReportedAllergyInput& input);
    Result<RecordEntry> recordDowntimeAdmission(const DowntimeAdmissionInput& input);

    // Marks an entry entered-in-error: a new entry correcting it (see OutboxRepository::append).
    // The correcting entry's resource is the original resource withdrawn (status
    // entered-in-error) and keeps the ORIGINAL identifier: upload it as an update of
    // the EHR copy (PUT to the original's serverId), never as a new resource. If the
    // original never reached the EHR, the correction is stored as EnteredInError and
    // nothing is uploaded.
    Result<RecordEntry> markEnteredInError(const QString& uuid, const QString& reason);

private:
    struct PreparedAdministration;
    Result<PreparedAdministration> prepareAdministration(const AdministrationInput& input);
    RecordEntry newEntry(EntryKind kind, const QString& patientId, const QDateTime& clinicalTime) const;
    // Sets e.corrects for `amends` after checking it; returns the extra audit step for a conflict.
    Result<std::function<Status()>> applyAmends(RecordEntry& e, const QString& amends);

    vault::Vault& m_vault;
    QString m_author;
    QString m_deviceId;
    QString m_downtimeId;
    const Clock& m_clock;
    // The drill outbox while a drill is in force (no real downtime open: downtimeId empty), else the outbox.
    vault::OutboxStore m_store;
    QString m_drillId; // the running drill's id, as the entries' downtime id
};

} // namespace lantern::record
