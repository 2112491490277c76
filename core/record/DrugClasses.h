#pragma once
// Drug classes for the allergy check while recording: an allergy recorded
// against a class ("penicillins") or against one member (amoxicillin) must warn
// for every member of that class. Classes come from ATC groups, from a few
// SNOMED CT and RxNorm substance codes that allergy records use, and — because
// an allergy reported at the bedside is free text — from words.
//
// The table (DrugClasses.cpp) is short on purpose so a pharmacist can review it.
// It widens the check; it never replaces a direct code or name match.

#include "model/Common.h"
#include "model/Medication.h"

#include <QString>
#include <QStringList>

namespace lantern::record {

// Class keys ("penicillin", "cephalosporin", "nsaid", "heparin", "opioid",
// "pyrazolone", "sulfonamide", "iodinated-contrast") of one ATC code.
QStringList drugClassesOfAtc(const QString& atcCode);
// Classes named by an allergy substance: its codings (ATC, SNOMED CT, RxNorm) and words in its text.
QStringList drugClassesOfSubstance(const model::CodeableConcept& substance);
// Classes of what an order gives: ATC codes, ingredient codings and words of the medication text.
QStringList drugClassesOfMedication(const model::MedicationInfo& medication);

// Human-readable class name for warnings ("penicillins").
QString drugClassLabel(const QString& classKey);

// True when the allergy substance names the medication directly: the same
// code in the same system, an ATC group containing the drug's ATC code, or the
// substance text (at least 4 letters) appearing in the medication's text.
bool substanceNamesMedication(const model::CodeableConcept& substance, const model::MedicationInfo& medication);

} // namespace lantern::record
