#include "core/fhir/ChartBuilder.h"

#include "core/fhir/AdministrationMapping.h"
#include "core/fhir/AllergyMapping.h"
#include "core/fhir/ClinicalMapping.h"
#include "core/fhir/CodeStatusMapping.h"
#include "core/fhir/Codes.h"
#include "core/fhir/DocumentMapping.h"
#include "core/fhir/PatientMapping.h"
#include "core/fhir/PregnancyMapping.h"
#include "core/fhir/Reader.h"
#include "core/fhir/VitalsMapping.h"

#include <QJsonArray>

#include <algorithm>

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

template <typename T>
Status take(Result<T>&& result, QList<T>& into)
{
    if (!result.ok())
        return result.error();
    into << std::move(result).value();
    return {};
}

Status addVital(Result<model::VitalSign>&& result, QList<model::VitalSign>& vitals)
{
    if (!result.ok())
        return result.error();
    model::VitalSign v = std::move(result).value();
    if (!v.value.value || v.status == u"entered-in-error"_s || v.status == u"cancelled"_s)
        return {};
    for (model::VitalSign& existing : vitals) {
        if (existing.kind == v.kind) {
            if (existing.effective.sortKey() <= v.effective.sortKey())
                existing = v;
            return {};
        }
    }
    vitals << v;
    return {};
}

// Any section (nested too) coded as the allergy section, read loosely: this asks
// of a Composition that could not be read whether it may have said something about allergies.
bool hasAllergySection(const QJsonArray& sections, int depth = 0)
{
    if (depth > 8)
        return false;
    for (const QJsonValue& v : sections) {
        const QJsonObject section = v.toObject();
        for (const QJsonValue& c : section.value("code"_L1).toObject().value("coding"_L1).toArray()) {
            if (c.toObject().value("code"_L1).toString() == QStringView(codes::kSectionAllergies))
                return true;
        }
        if (hasAllergySection(section.value("section"_L1).toArray(), depth + 1))
            return true;
    }
    return false;
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

// Maps one resource into the chart; on an Error nothing is added.
Status addResource(model::PatientChart& chart, QList<model::Device>& devices, const QJsonObject& res,
    const MedicationResolver& resolve)
{
    const QString type = res.value("resourceType"_L1).toString();
    if (type == u"Patient"_s) {
        if (res.value("id"_L1).toString() != chart.patientId)
            return {};
        Result<model::Patient> p = mapPatient(res);
        if (!p.ok())
            return p.error();
        chart.patient = std::move(p).value();
        return {};
    }
    if (type == u"MedicationRequest"_s)
        return take(mapMedicationRequest(res, resolve), chart.orders);
    if (type == u"MedicationStatement"_s)
        return take(mapMedicationStatement(res, resolve), chart.orders);
    if (type == u"MedicationAdministration"_s)
        return take(mapMedicationAdministration(res, resolve), chart.administrations);
    if (type == u"AllergyIntolerance"_s)
        return take(mapAllergyIntolerance(res), chart.allergies);
    if (type == u"Condition"_s)
        return take(mapCondition(res), chart.conditions);
    if (type == u"Device"_s)
        return take(mapDevice(res), devices);
    if (type == u"DeviceUseStatement"_s)
        return take(mapDeviceUseStatement(res, resolve), devices);
    if (type == u"Consent"_s)
        return isCodeStatusConsent(res) ? take(mapConsentCodeStatus(res), chart.codeStatus) : Status{};
    if (type == u"Observation"_s) {
        if (isCodeStatusObservation(res))
            return take(mapObservationCodeStatus(res), chart.codeStatus);
        if (isPregnancyStatusObservation(res))
            return take(mapPregnancyStatus(res), chart.pregnancyStatus);
        if (isVitalSignObservation(res))
            return addVital(mapVitalSign(res), chart.vitals);
        return {};
    }
    if (type == u"Flag"_s)
        return take(mapFlag(res), chart.flags);
    if (type == u"Encounter"_s)
        return take(mapEncounter(res), chart.encounters);
    if (type == u"Composition"_s) {
        Result<QList<model::EmptySection>> sections = mapCompositionEmptySections(res);
        if (!sections.ok())
            return sections.error();
        chart.emptySections += sections.value();
    }
    return {};
}

} // namespace

model::PatientChart buildChart(const QString& patientId, const QList<QJsonObject>& resourcesOfPatient,
    const MedicationResolver& resolve)
{
    model::PatientChart chart;
    chart.patientId = patientId;
    QList<model::Device> devices;
    for (const QJsonObject& res : resourcesOfPatient) {
        Status added = addResource(chart, devices, res, resolve);
        if (!added.ok()) {
            // Never silently: listed in the chart as "could not be read", and an allergy record among them makes the allergy state unknown.
            chart.skipped << added.error();
            chart.unreadable << unreadableResource(res, added.error());
        }
    }
    chart.devices = mergeDevices(devices);
    chart.allergyStatus = allergyStatusOf(chart);

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

model::AllergyStatus allergyStatusOf(const model::PatientChart& chart)
{
    const model::AllergyStatus fromRecords = summarizeAllergies(chart.allergies);
    if (fromRecords == model::AllergyStatus::HasAllergies)
        return fromRecords;
    for (const model::UnreadableResource& u : chart.unreadable) {
        if (u.bearsAllergies)
            return model::AllergyStatus::Unknown; // never NKA beside an allergy record nobody could read
    }
    if (fromRecords != model::AllergyStatus::NoInformation)
        return fromRecords;
    for (const model::EmptySection& s : chart.emptySections) {
        if (s.code == QStringView(codes::kSectionAllergies) && s.reasonCode == u"nilknown"_s)
            return model::AllergyStatus::NoKnownAllergies;
    }
    return model::AllergyStatus::NoInformation;
}

bool bearsAllergies(const QString& type, const QJsonObject& resource)
{
    if (type == u"AllergyIntolerance"_s)
        return true;
    return type == u"Composition"_s && hasAllergySection(resource.value("section"_L1).toArray());
}

model::UnreadableResource unreadableResource(const QJsonObject& resource, const Error& why)
{
    model::UnreadableResource u;
    const QString type = resource.value("resourceType"_L1).toString();
    const QString id = resource.value("id"_L1).toString();
    u.type = codes::isR4ResourceType(type) ? type : QString();
    u.id = isValidId(id) ? id : QString();
    u.reason = why.message;
    u.bearsAllergies = bearsAllergies(u.type, resource);
    return u;
}

ChartRead readForChart(const QJsonObject& resource)
{
    ChartRead read;
    read.chart.patientId = resource.value("id"_L1).toString(); // a Patient is read as its own chart's patient
    Status added = addResource(read.chart, read.devices, resource, {});
    if (!added.ok())
        read.error = added.error();
    return read;
}

std::optional<Error> readError(const QJsonObject& resource)
{
    return readForChart(resource).error;
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
