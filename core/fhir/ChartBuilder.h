#pragma once
// Builds one patient's chart from the FHIR resources that belong to them
// (as grouped by ResourceIndex::patientId). Resources that fail mapping are
// skipped and listed in PatientChart::skipped; the rest of the chart still
// builds. Resources of other types, other patients' Patient resources,
// privacy Consents and non-vital Observations are ignored.

#include "fhir/MedicationMapping.h"
#include "model/PatientChart.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace lantern::fhir {

// `resolve` finds Medications (medicationReference) and Devices
// (DeviceUseStatement.device) that live outside the patient's own resources.
model::PatientChart buildChart(const QString& patientId, const QList<QJsonObject>& resourcesOfPatient,
    const MedicationResolver& resolve = {});

// "Active medication": a MedicationRequest with status active, or a
// MedicationStatement with status active or intended (IPS known medication).
bool isActiveMedication(const QJsonObject& resource);
// "Allergy": an AllergyIntolerance that is a recorded allergy — not a
// no-known-allergy statement, not a no-information record, not refuted or
// entered in error. False for anything that cannot be read.
bool isAllergy(const QJsonObject& resource);

} // namespace lantern::fhir
