#pragma once
// What the status of a MedicationAdministration means, decided once: only a
// completed administration is a dose given. Everything else (not done, held,
// still running, stopped part-way, unknown, an unknown code) is a different
// fact and is drawn and counted as such by the MAR on screen and paper, the
// census "last dose given", PatientChart::lastGiven and the downtime entries.
// A code Lantern does not know is Unknown and keeps its raw text for display.

#include <QString>

namespace lantern::model {

enum class AdministrationStatus {
    Given,          // completed
    NotGiven,       // not-done (with a reason)
    Held,           // on-hold (with a reason): not given, may be given later
    InProgress,     // in-progress: started (an infusion running), not finished
    Stopped,        // stopped: started and ended before completion
    Unknown,        // unknown, or any code Lantern does not know
    EnteredInError  // entered-in-error: not a clinical fact at all
};

// The meaning of a FHIR MedicationAdministration.status code (case-sensitive, as FHIR codes are).
AdministrationStatus administrationStatusOf(const QString& fhirCode);

// The one status that counts as a dose given (last given, interval checks, "✓").
inline bool countsAsGiven(AdministrationStatus s)
{
    return s == AdministrationStatus::Given;
}
inline bool countsAsGiven(const QString& fhirCode)
{
    return countsAsGiven(administrationStatusOf(fhirCode));
}

// Statuses whose statusReason says why (shown after the words).
bool hasReason(AdministrationStatus s);

// The symbol that leads a MAR line, the same on screen and paper:
// ✓ given, ✗ not given, ‖ held, ▶ in progress, ■ stopped, ? unknown, ⊘ entered in error.
QString administrationStatusSymbol(AdministrationStatus s);

// The words for the status, in the UI language (context "lantern::model::AdministrationStatus"):
// "given", "not given", "held", ... For an unknown code not "unknown" itself the raw code is
// named, so nothing Lantern cannot classify looks like something it can.
QString administrationStatusWords(AdministrationStatus s, const QString& rawCode = {});

} // namespace lantern::model
