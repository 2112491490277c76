#pragma once
// Everything Lantern knows about one patient, mapped from the FHIR resources
// of that patient: what the MAR, the emergency sheet and the census read.

#include "core/common/Result.h"
#include "core/model/Administration.h"
#include "core/model/Allergy.h"
#include "core/model/Clinical.h"
#include "core/model/Encounter.h"
#include "core/model/Medication.h"
#include "core/model/Patient.h"
#include "core/model/Pregnancy.h"

#include <QList>
#include <QString>

#include <optional>

namespace lantern::model {

// A document section (IPS Composition) that says why it is empty, e.g. the
// allergy section with emptyReason "unavailable" (no information) or
// "nilknown" (none known).
struct EmptySection
{
    QString code;             // LOINC section code: 48765-2 allergies, 10160-0 medications, 11450-4 problems
    QString title;
    QString reasonCode;       // list-empty-reason: nilknown | notasked | withheld | unavailable | notstarted | closed
    QString reasonText;
};

// A resource of this patient that Lantern could not read. It is kept in the
// vault (verbatim, or set aside in quarantine when it could not even be stored
// as a resource) and listed in the chart: "could not be read: <type>, <why>".
struct UnreadableResource
{
    QString type;             // FHIR resource type as written ("AllergyIntolerance"); may be empty
    QString id;               // may be empty
    QString reason;           // what is wrong, naming the field (never patient data)
    bool quarantined = false; // failed even indexing: kept in the vault's quarantine, not as a resource
    // Whether it may carry allergy information (an AllergyIntolerance, a Composition with an allergy section).
    bool bearsAllergies = false;
};

// What was recorded on this device during downtime and is shown until the EHR
// has it: a physician's annotation on one order (hold / review / dose concern),
// or a nursing or physician note.
struct LocalAnnotation
{
    QString orderId;          // MedicationRequest id; empty for a note
    QString kind;             // "hold" | "review" | "dose-concern" | "nursing-note" | "physician-note"
    QString text;
    QDateTime at;             // UTC
    LocalEntryMark local;
};

struct PatientChart
{
    QString patientId;
    std::optional<Patient> patient;          // absent when only resources pointing at the patient were given
    QList<MedicationOrder> orders;           // requests and statements, all statuses
    QList<MedicationAdministration> administrations;
    QList<Allergy> allergies;                // all classifications; see allergyStatus
    AllergyStatus allergyStatus = AllergyStatus::NoInformation;
    QList<Condition> conditions;
    QList<Device> devices;
    QList<CodeStatus> codeStatus;            // newest first
    QList<Flag> flags;
    QList<VitalSign> vitals;                 // the latest of each kind
    QList<PregnancyStatus> pregnancyStatus;  // LOINC 82810-3 observations, newest first
    QList<Encounter> encounters;
    QList<EmptySection> emptySections;
    QList<Error> skipped;                    // resources that could not be mapped, with the reason
    QList<UnreadableResource> unreadable;    // the same resources (and quarantined ones), listed in the chart
    QList<LocalAnnotation> orderAnnotations; // open annotations from this device's outbox (not yet uploaded)
    QList<LocalAnnotation> localNotes;       // notes from this device's outbox (not yet uploaded)
    int pendingEntries = 0;                  // outbox entries of this patient still pending or in conflict

    QList<MedicationOrder> activeOrders() const;
    QList<Allergy> recordedAllergies() const;
    // The newest current code status, if any.
    std::optional<CodeStatus> currentCodeStatus() const;
    std::optional<VitalSign> vital(VitalKind kind) const;
    // The most recent administration that was actually given for an order ("MedicationRequest/<id>" or its id).
    std::optional<MedicationAdministration> lastGiven(const QString& orderId) const;
    // Open annotations on one order (id or "MedicationRequest/<id>"), newest first.
    QList<LocalAnnotation> annotationsFor(const QString& orderId) const;
};

} // namespace lantern::model
