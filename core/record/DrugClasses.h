#pragma once
// What an order gives and what an allergy names, in the terms of the reviewed
// drug-class table (record/DrugKnowledge, resources/drug-classes.json): the
// ingredients and the classes, each with how it was recognised. A code
// (system + code; ATC under the WHO or the BfArM system) wins over a word;
// a word match (INN name, synonym, brand) still counts, because an allergy
// reported at the bedside is free text and a brand name is often all a
// German order says, but the finding says it was matched by name only.

#include "core/model/Common.h"
#include "core/model/Medication.h"
#include "core/record/SafetyFinding.h"

#include <QMap>
#include <QString>

#include <optional>

namespace lantern::record {

struct DrugIdentity
{
    QMap<QString, MatchedBy> ingredients; // member keys of the table ("amoxicillin")
    QMap<QString, MatchedBy> classes;     // class keys ("penicillin")

    bool isEmpty() const { return ingredients.isEmpty() && classes.isEmpty(); }
};

// Codes of the medication and its ingredients, and the words of its texts.
DrugIdentity identifyMedication(const model::MedicationInfo& medication);
// Codings and text of an allergy substance.
DrugIdentity identifySubstance(const model::CodeableConcept& substance);

// A high-alert drug (ISMP; class marked highAlert in the table): recorded as
// given only with a witness. Decided from codes and names of the table.
bool needsWitness(const model::MedicationInfo& medication);

// English class label for stored warnings ("penicillins"); the key when unknown.
QString drugClassLabel(const QString& classKey);

// Set when the allergy substance names the medication directly: the same
// code in the same system (ATC: either ATC system, and a group contains its
// members) -> Code, or the substance text (at least 4 letters) appearing in
// the medication's text -> Word.
std::optional<MatchedBy> substanceNamesMedication(const model::CodeableConcept& substance, const model::MedicationInfo& medication);

} // namespace lantern::record
