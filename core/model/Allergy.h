#pragma once
// Allergies and intolerances. A record is one of three different things and
// the difference is clinical: a recorded allergy; a positive statement that
// the patient has none ("NKA", "NKDA"); or a statement that nobody knows.
// "No known allergies" and "no information" must never look alike.

#include "core/model/Common.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::model {

enum class AllergyClass {
    Recorded,         // an allergy or intolerance to a substance
    NoKnownAllergies, // NKA / NKDA / NKFA / NKLA: someone asked, the answer was "none"
    NoInformation     // absent/unknown data, or a record that was refuted or entered in error
};

// For NoKnownAllergies: what the "none" covers.
enum class NoKnownScope { NotApplicable, All, Drug, Food, Latex, Environmental };

struct AllergyReaction
{
    QList<CodeableConcept> manifestations;
    QString severity;         // mild | moderate | severe
    QString description;
    CodeableConcept substance;

    QString manifestationText() const; // "Anaphylactic reaction, Urticaria"
};

struct Allergy
{
    ResourceMeta meta;
    AllergyClass classification = AllergyClass::Recorded;
    NoKnownScope noKnownScope = NoKnownScope::NotApplicable;
    CodeableConcept substance;    // AllergyIntolerance.code
    QString type;                 // allergy | intolerance
    QStringList categories;       // food | medication | environment | biologic
    QString criticality;          // low | high | unable-to-assess
    QString clinicalStatus;       // active | inactive | resolved
    QString verificationStatus;   // unconfirmed | confirmed | refuted | entered-in-error
    QList<AllergyReaction> reactions;
    When onset;
    When recordedDate;
    Reference patient;
    QStringList notes;
    std::optional<LocalEntryMark> local; // reported on this device during downtime (outbox), unconfirmed

    bool isRecordedAllergy() const { return classification == AllergyClass::Recorded; }
};

// One word for the whole allergy list of a patient. A recorded allergy wins
// (red, with its substances); otherwise an unreadable allergy record makes the
// state Unknown, whatever "no known allergies" statement stands beside it.
enum class AllergyStatus {
    HasAllergies,     // at least one recorded allergy
    NoKnownAllergies, // no recorded allergy and at least one "no known allergies" statement
    NoInformation,    // nothing recorded, or only "no information" statements
    Unknown           // an allergy record (or an allergy section) could not be read: never NKA, check the paper record
};

} // namespace lantern::model
