// Fuzz target: one FHIR resource through every mapper the vault's index, the
// census and the chart use. Each mapper either reads the resource or says why
// not; none may crash, hang or hand out a model without an id it was given.

#include "FuzzInput.h"

#include "core/fhir/AdministrationMapping.h"
#include "core/fhir/AllergyMapping.h"
#include "core/fhir/ChartBuilder.h"
#include "core/fhir/ClinicalMapping.h"
#include "core/fhir/CodeStatusMapping.h"
#include "core/fhir/DocumentMapping.h"
#include "core/fhir/MedicationMapping.h"
#include "core/fhir/PatientMapping.h"
#include "core/fhir/PregnancyMapping.h"
#include "core/fhir/ResourceIndex.h"
#include "core/fhir/VitalsMapping.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace lantern;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fuzz::bytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject r = doc.object();
    (void)fhir::indexResource(r);
    (void)fhir::mapPatient(r);
    (void)fhir::mapEncounter(r);
    (void)fhir::mapLocation(r);
    (void)fhir::mapMedicationRequest(r);
    (void)fhir::mapMedicationStatement(r);
    (void)fhir::mapMedication(r);
    (void)fhir::mapMedicationAdministration(r);
    (void)fhir::mapAllergyIntolerance(r);
    (void)fhir::mapCondition(r);
    (void)fhir::mapFlag(r);
    (void)fhir::mapDevice(r);
    (void)fhir::mapDeviceUseStatement(r);
    (void)fhir::mapConsentCodeStatus(r);
    (void)fhir::mapObservationCodeStatus(r);
    (void)fhir::mapCompositionEmptySections(r);
    (void)fhir::mapPregnancyStatus(r);
    (void)fhir::mapVitalSign(r);
    const fhir::ChartRead read = fhir::readForChart(r);
    if (read.error)
        fuzz::require(!read.error->message.isEmpty(), "a resource refused without a reason");
    (void)fhir::buildChart(QStringLiteral("p"), {r});
    return 0;
}
