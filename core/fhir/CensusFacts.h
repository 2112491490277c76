#pragma once
// The few facts the ward census needs from a resource, derived once when the
// resource is stored and kept beside it in the vault (resource.census). The
// census of thousands of patients then reads these short strings through one
// covering index instead of parsing hundreds of thousands of JSON documents.
//
// Only census types have facts; every other type has none (a null string), so
// the partial index stays small. The encoding is private to this file: fields
// separated by U+001F, list items by U+001E (both stripped from the values).
// Changing what is derived means raising kCensusFactsVersion: a vault whose
// facts are older is re-derived once (records::CensusFactsBackfill).

#include "core/model/Allergy.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace lantern::fhir {

struct ChartRead;

// 2: only completed administrations are "given"; unreadable resources of every chart type carry a mark.
// 3: Patient facts (merged away / inactive).
inline constexpr int kCensusFactsVersion = 3;

// Patient, Encounter, Location, AllergyIntolerance, Composition, MedicationAdministration,
// MedicationRequest and MedicationStatement.
bool hasCensusFacts(const QString& type);
const QStringList& censusFactTypes();

// Every type whose resources may carry an unreadable mark: the census types and
// every other type the chart reads (the backfill derives facts for all of them).
const QStringList& factTypes();

// A resource the chart cannot read (fhir::readError) gets the unreadable mark
// instead of its facts, whatever its type: the census marks its patient, and an
// unreadable allergy record makes the allergy state unknown. Otherwise: null for
// types without census facts; never null (maybe empty) for census types.
QString censusFacts(const QString& type, const QJsonObject& resource);
// The same from the resource already read (readForChart): no second mapping.
QString censusFacts(const QString& type, const QJsonObject& resource, const ChartRead& read);

// The unreadable marks. Both sort before any instant, so the "latest
// administration" maximum never picks one.
const QString& unreadableFact();
const QString& unreadableAllergyFact(); // may carry allergy information
inline bool isUnreadableFact(const QString& facts)
{
    return facts.startsWith(QLatin1Char('!'));
}

// An in-progress Encounter: where the patient lies now, and every location of the stay.
struct EncounterFacts
{
    QString currentLocationId; // id of the current (last active) location; empty when none
    QString currentDisplay;    // its display as written (a downtime bed has only this)
    QString currentPhysicalType;
    QStringList locationIds;   // ids of all the stay's locations (ward scope)
};

struct LocationFacts
{
    QString id;
    QString label; // name, else first identifier
    bool ward = false;
    QString partOfId;
};

struct AllergyFacts
{
    model::AllergyClass classification = model::AllergyClass::NoInformation;
    QString substance;      // display text of the substance
    QStringList knownKeys;  // the resource id and its urn:uuid identifiers (entries recorded here)
};

// A Patient record the EHR no longer uses (model::Patient::isMergedAway / isInactive).
// Its facts are empty for an ordinary record, so the census reads only these few.
struct PatientFacts
{
    bool mergedAway = false;
    bool inactive = false;
    QString survivorId;
    QString survivorIdentifier;
};

// Encounter facts are empty unless the Encounter is in progress.
std::optional<EncounterFacts> decodeEncounterFacts(const QString& facts);
std::optional<PatientFacts> decodePatientFacts(const QString& facts);
std::optional<LocationFacts> decodeLocationFacts(const QString& facts);
std::optional<AllergyFacts> decodeAllergyFacts(const QString& facts);
// An administration's facts are the UTC instant it was given (sortable text);
// empty when it was not given (not-done, entered-in-error, on-hold) or has no time.
QDateTime decodeAdministrationFacts(const QString& facts);
// Composition: whether its allergy section says "nil known".
bool decodeCompositionNilKnownAllergies(const QString& facts);
// MedicationRequest / MedicationStatement facts are "1" while the medication is active.
inline const QString& activeMedicationFact()
{
    static const QString one = QStringLiteral("1");
    return one;
}

} // namespace lantern::fhir
