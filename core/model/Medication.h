#pragma once
// Medication orders (MedicationRequest) and known medications the patient
// takes (MedicationStatement, as in the International Patient Summary) share
// one struct: the MAR and the emergency sheet list both, marked by source.

#include "core/model/Common.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::model {

enum class DrugCodeSystem { Atc, Pzn, RxNorm, Snomed, Ndc, Ask, Other };

struct DrugCode
{
    DrugCodeSystem kind = DrugCodeSystem::Other;
    QString system;
    QString code;
    QString display;
};

struct Ingredient
{
    CodeableConcept item;
    QString strength; // "600 mg/1 Stück" as printable text; empty when not given
};

// What is given, however the resource named it (inline concept, contained
// Medication, or a Medication resolved elsewhere).
struct MedicationInfo
{
    QList<DrugCode> codes;
    QString text;            // what a person reads on the MAR
    QString form;            // dose form text ("Tabletten")
    QList<Ingredient> ingredients;
    Reference reference;     // medicationReference as written, when one was used
    bool resolved = true;    // false: a reference that could not be followed (text is its display)

    // First code in the given system, or empty.
    QString code(DrugCodeSystem kind) const;
};

struct Timing
{
    QString text;            // timing.code text/display ("QD", "BID")
    QString code;
    std::optional<int> frequency;
    std::optional<int> frequencyMax;
    std::optional<double> period;
    std::optional<double> periodMax;
    QString periodUnit;      // s | min | h | d | wk | mo | a
    std::optional<int> count;
    std::optional<double> duration;
    QString durationUnit;
    QStringList when;        // event-timing codes: MORN, HS, ACM, ...
    QStringList timeOfDay;   // "09:00:00"
    QStringList dayOfWeek;   // mon, tue, ...
    QList<When> events;
    Period bounds;

    bool isEmpty() const;
};

struct Dosage
{
    std::optional<int> sequence;
    QString text;                 // the instruction as written by the prescriber
    QString patientInstruction;
    Timing timing;
    bool asNeeded = false;        // PRN
    CodeableConcept asNeededReason;
    CodeableConcept route;
    CodeableConcept site;
    CodeableConcept method;
    Quantity dose;                // doseQuantity
    Quantity doseLow;             // doseRange
    Quantity doseHigh;
    Quantity rate;                // rateQuantity
    QString maxDosePerPeriod;     // printable "4 mg / 1 d"
};

struct MedicationOrder
{
    enum class Source { Request, Statement };

    Source source = Source::Request;
    ResourceMeta meta;
    QString status;               // Request: active | on-hold | cancelled | completed | entered-in-error | stopped | draft | unknown
                                  // Statement: active | completed | entered-in-error | intended | stopped | on-hold | unknown | not-taken
    QString intent;               // Request only: proposal | plan | order | original-order ...
    CodeableConcept statusReason;
    MedicationInfo medication;
    QList<Dosage> dosages;
    When authoredOn;              // Request.authoredOn; Statement.dateAsserted
    Period validity;              // Request.dispenseRequest.validityPeriod; Statement.effective[x]
    Reference prescriber;         // Request.requester; Statement.informationSource
    Reference patient;
    Reference encounter;
    QStringList notes;

    // On the plan now: an active request, or an active or intended statement.
    bool isActive() const;
    bool isPrn() const;
    // First as-needed reason text over all dosages.
    QString asNeededReasonText() const;
};

} // namespace lantern::model
