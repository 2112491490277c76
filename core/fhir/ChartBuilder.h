#pragma once
// Builds one patient's chart from the FHIR resources that belong to them
// (as grouped by ResourceIndex::patientId). Resources that fail mapping are
// skipped and listed in PatientChart::skipped and ::unreadable (shown as
// "could not be read"); the rest of the chart still builds. Resources of other types, other patients' Patient resources,
// privacy Consents and non-vital Observations are ignored.

#include "core/fhir/MedicationMapping.h"
#include "core/model/PatientChart.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::fhir {

// `resolve` finds Medications (medicationReference) and Devices
// (DeviceUseStatement.device) that live outside the patient's own resources.
model::PatientChart buildChart(const QString& patientId, const QList<QJsonObject>& resourcesOfPatient,
    const MedicationResolver& resolve = {});

// The allergy state of a chart from its allergy records, its unreadable
// resources and its documents' empty sections: recorded allergy > unknown (an
// allergy record could not be read) > NKA > no information.
model::AllergyStatus allergyStatusOf(const model::PatientChart& chart);

// Whether a resource (readable or not) may carry allergy information: an
// AllergyIntolerance, or a Composition with an allergy section.
bool bearsAllergies(const QString& type, const QJsonObject& resource);

// The chart's "could not be read" line for a resource that failed mapping.
model::UnreadableResource unreadableResource(const QJsonObject& resource, const Error& why);

// One resource read the way buildChart reads it, mapped once: the write path
// derives both the unreadable mark and the census facts from this one result
// instead of mapping the same resource again for each (ResourceIndex.h).
struct ChartRead
{
    model::PatientChart chart;     // the resource alone in a chart (a Patient as its own chart's patient)
    QList<model::Device> devices;  // a Device or DeviceUseStatement
    std::optional<Error> error;    // why buildChart would skip it; nullopt when read or ignored
};
ChartRead readForChart(const QJsonObject& resource);

// The Error buildChart would skip this resource with, or nullopt when the chart
// reads it (or ignores its kind). Census facts use it to mark unreadable resources.
std::optional<Error> readError(const QJsonObject& resource);

// "Active medication": a MedicationRequest with status active, or a
// MedicationStatement with status active or intended (IPS known medication).
bool isActiveMedication(const QJsonObject& resource);
// "Allergy": an AllergyIntolerance that is a recorded allergy — not a
// no-known-allergy statement, not a no-information record, not refuted or
// entered in error. False for anything that cannot be read.
bool isAllergy(const QJsonObject& resource);

} // namespace lantern::fhir
