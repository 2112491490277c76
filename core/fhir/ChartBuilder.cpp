#include "fhir/ChartBuilder.h"

#include "fhir/AdministrationMapping.h"
#include "fhir/AllergyMapping.h"
#include "fhir/ClinicalMapping.h"
#include "fhir/CodeStatusMapping.h"
#include "fhir/Codes.h"
#include "fhir/DocumentMapping.h"
#include "fhir/PatientMapping.h"
#include "fhir/PregnancyMapping.h"
#include "fhir/VitalsMapping.h"

#include <algorithm>

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

template <typename T>
void take(Result<T>&& result, QList<T>& into, QList<Error>& skipped)
{
    if (result.ok())
        into << std::move(result).value();
    else
        skipped << result.error();
}

void addVital(Result<model::VitalSign>&& result, QList<model::VitalSign>& vitals, QList<Error>& skipped)
{
    if (!result.ok()) {
        skipped << result.error();
        return;
    }
    model::VitalSign v = std::move(result).value();
    if (!v.value.value || v.status == u"entered-in-error"_s || v.status == u"cancelled"_s)
        return;
    for (model::VitalSign& existing : vitals) {
        if (existing.kind == v.kind) {
            if (existing.effective.sortKey() <= v.effective.sortKey())
                existing = v;
            return;
        }
    }
    vitals << v;
}

// A Device may arrive twice: as its own resource and through a DeviceUseStatement.
QList<model::Device> mergeDevices(const QList<model::Device>& devices)
{
    QList<model::Device> out;
    for (const model::Device& d : devices) {
        auto same = std::find_if(out.begin(), out.end(), [&](const model::Device& o) {
            return !d.meta.id.isEmpty() && o.meta.id == d.meta.id && o.statementId.isEmpty() != d.statementId.isEmpty();
        });
        if (same == out.end()) {
            out << d;
            continue;
        }
        if (!d.statementId.isEmpty()) {
            same->statementId = d.statementId;
            same->useStatus = d.useStatus;
            same->bodySite = d.bodySite;
        }
    }
    return out;
}

model::AllergyStatus allergyStatus(const model::PatientChart& chart)
{
    const model::AllergyStatus fromRecords = summarizeAllergies(chart.allergies);
    if (fromRecords != model::AllergyStatus::NoInformation)
        return fromRecords;
    for (const model::EmptySection& s : chart.emptySections) {
        if (s.code == QStringView(codes::kSectionAllergies) && s.reasonCode == u"nilknown"_s)
            return model::AllergyStatus::NoKnownAllergies;
    }
    return model::AllergyStatus::NoInformation;
}

} // namespace

model::PatientChart buildChart(const QString& patientId, const QList<QJsonObject>& resourcesOfPatient,
    const MedicationResolver& resolve)
{
    model::PatientChart chart;
    chart.patientId = patientId;
    QList<model::Device> devices;
    for (const QJsonObject& res : resourcesOfPatient) {
        const QString type = res.value("resourceType"_L1).toString();
        if (type == u"Patient"_s) {
            if (res.value("id"_L1).toString() != patientId)
                continue;
            Result<model::Patient> p = mapPatient(res);
            if (p.ok())
                chart.patient = std::move(p).value();
            else
                chart.skipped << p.error();
        } else if (type == u"MedicationRequest"_s) {
            take(mapMedicationRequest(res, resolve), chart.orders, chart.skipped);
        } else if (type == u"MedicationStatement"_s) {
            take(mapMedicationStatement(res, resolve), chart.orders, chart.skipped);
        } else if (type == u"MedicationAdministration"_s) {
            take(mapMedicationAdministration(res, resolve), chart.administrations, chart.skipped);
        } else if (type == u"AllergyIntolerance"_s) {
            take(mapAllergyIntolerance(res), chart.allergies, chart.skipped);
        } else if (type == u"Condition"_s) {
            take(mapCondition(res), chart.conditions, chart.skipped);
        } else if (type == u"Device"_s) {
            take(mapDevice(res), devices, chart.skipped);
        } else if (type == u"DeviceUseStatement"_s) {
            take(mapDeviceUseStatement(res, resolve), devices, chart.skipped);
        } else if (type == u"Consent"_s) {
            if (isCodeStatusConsent(res))
                take(mapConsentCodeStatus(res), chart.codeStatus, chart.skipped);
        } else if (type == u"Observation"_s) {
            if (isCodeStatusObservation(res))
                take(mapObservationCodeStatus(res), chart.codeStatus, chart.skipped);
            else if (isPregnancyStatusObservation(res))
                take(mapPregnancyStatus(res), chart.pregnancyStatus, chart.skipped);
            else if (isVitalSignObservation(res))
                addVital(mapVitalSign(res), chart.vitals, chart.skipped);
        } else if (type == u"Flag"_s) {
            take(mapFlag(res), chart.flags, chart.skipped);
        } else if (type == u"Encounter"_s) {
            take(mapEncounter(res), chart.encounters, chart.skipped);
        } else if (type == u"Composition"_s) {
            Result<QList<model::EmptySection>> sections = mapCompositionEmptySections(res);
            if (sections.ok())
                chart.emptySections += sections.value();
            else
                chart.skipped << sections.error();
        }
    }
    chart.devices = mergeDevices(devices);
    chart.allergyStatus = allergyStatus(chart);

    const auto newestFirst = [](const auto& whenOf) {
        return [whenOf](const auto& a, const auto& b) { return whenOf(b).sortKey() < whenOf(a).sortKey(); };
    };
    std::stable_sort(chart.codeStatus.begin(), chart.codeStatus.end(),
        newestFirst([](const model::CodeStatus& c) { return c.date; }));
    std::stable_sort(chart.pregnancyStatus.begin(), chart.pregnancyStatus.end(),
        newestFirst([](const model::PregnancyStatus& p) { return p.effective; }));
    std::stable_sort(chart.administrations.begin(), chart.administrations.end(),
        newestFirst([](const model::MedicationAdministration& a) { return a.givenAt(); }));
    std::stable_sort(chart.encounters.begin(), chart.encounters.end(),
        newestFirst([](const model::Encounter& e) { return e.period.start; }));
    return chart;
}

bool isActiveMedication(const QJsonObject& resource)
{
    const QString type = resource.value("resourceType"_L1).toString();
    const QString status = resource.value("status"_L1).toString();
    if (type == u"MedicationRequest"_s)
        return status == u"active"_s;
    if (type == u"MedicationStatement"_s)
        return status == u"active"_s || status == u"intended"_s;
    return false;
}

bool isAllergy(const QJsonObject& resource)
{
    if (resource.value("resourceType"_L1).toString() != u"AllergyIntolerance"_s)
        return false;
    const Result<model::Allergy> a = mapAllergyIntolerance(resource);
    return a.ok() && a->isRecordedAllergy();
}

} // namespace lantern::fhir
