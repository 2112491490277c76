#pragma once
// An entry read back into the input it was recorded from, so "amend" opens
// the record dialog with what was entered. Reads only the entry's own FHIR
// resource (as Lantern built it); the amending entry is recorded anew.

#include "core/record/RecordEntry.h"
#include "core/record/Recorder.h"

namespace lantern::ui::prefill {

record::AdministrationInput administration(const record::RecordEntry& e);
record::NoteInput note(const record::RecordEntry& e);
record::OrderAnnotationInput annotation(const record::RecordEntry& e);
record::ReportedAllergyInput allergy(const record::RecordEntry& e);

} // namespace lantern::ui::prefill
