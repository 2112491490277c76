// The non-medication parts of a chart: diagnoses (ICD-10-GM), allergies
// (including an explicit "no known allergy" and, for some, no record at all),
// implanted and indwelling devices, code status, flags, vital signs and the
// pregnancy status of women of child-bearing age.
#include "ChartBuilders.h"

#include "FhirJson.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace lantern::sim::gen {

using namespace fhir;

namespace {

QJsonObject clinical(const QString& system, const QString& code)
{
    return codeable(coding(system, code));
}

QJsonObject quantityRounded(double v, int decimals, const QString& unit, const QString& ucum)
{
    const double f = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    return quantity(std::round(v * f) / f, unit, ucum);
}

} // namespace

void writeConditions(Chart& c, const QList<catalog::Diagnosis>& diagnoses)
{
    bool first = true;
    for (const catalog::Diagnosis& d : diagnoses) {
        QJsonObject code = codeable(coding(sys::icd10gm(), d.code, d.display), d.display);
        QJsonObject codingWithVersion = code.value(u"coding"_s).toArray().at(0).toObject();
        codingWithVersion.insert(u"version"_s, u"2024"_s);
        code.insert(u"coding"_s, QJsonArray{codingWithVersion});
        const qint64 onset = first ? c.admitMs - qint64(c.rng->between(1, 72)) * 3600000
                                   : c.admitMs - qint64(c.rng->between(200, 4000)) * 86400000;
        createResource(*c.sink,
            QJsonObject{{u"resourceType"_s, u"Condition"_s},
                {u"clinicalStatus"_s,
                    clinical(u"http://terminology.hl7.org/CodeSystem/condition-clinical"_s, u"active"_s)},
                {u"verificationStatus"_s,
                    clinical(u"http://terminology.hl7.org/CodeSystem/condition-ver-status"_s, u"confirmed"_s)},
                {u"category"_s,
                    QJsonArray{clinical(u"http://terminology.hl7.org/CodeSystem/condition-category"_s,
                        first ? u"encounter-diagnosis"_s : u"problem-list-item"_s)}},
                {u"code"_s, code}, {u"subject"_s, reference(c.patientRef)},
                {u"encounter"_s, reference(c.encounterRef)}, {u"onsetDateTime"_s, localTime(onset, c.tz)},
                {u"recordedDate"_s, localTime(c.admitMs, c.tz)}});
        first = false;
    }
}

QJsonObject allergyResource(const QString& patientRef, const catalog::AllergyDef& def, qint64 recordedMs, const QTimeZone& tz)
{
    QJsonArray manifestations;
    for (const catalog::Reaction& r : def.reactions)
        manifestations.append(r.snomed.isEmpty() ? textConcept(r.text) : codeable(coding(sys::snomed(), r.snomed, r.display), r.text));
    return QJsonObject{{u"resourceType"_s, u"AllergyIntolerance"_s},
        {u"clinicalStatus"_s,
            clinical(u"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"_s, u"active"_s)},
        {u"verificationStatus"_s,
            clinical(u"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"_s, u"confirmed"_s)},
        {u"type"_s, def.type}, {u"category"_s, QJsonArray{def.category}}, {u"criticality"_s, def.criticality},
        {u"code"_s, codeable(coding(def.system, def.code, def.display), def.text)}, {u"patient"_s, reference(patientRef)},
        {u"recordedDate"_s, localTime(recordedMs, tz)},
        {u"reaction"_s, QJsonArray{QJsonObject{{u"manifestation"_s, manifestations}, {u"severity"_s, def.severity}}}}};
}

void writeAllergies(Chart& c)
{
    const double roll = c.rng->unit();
    if (roll < 0.15)
        return; // nobody asked: no allergy record at all ("no information")
    if (roll < 0.45) {
        createResource(*c.sink,
            QJsonObject{{u"resourceType"_s, u"AllergyIntolerance"_s},
                {u"clinicalStatus"_s,
                    clinical(u"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"_s, u"active"_s)},
                {u"verificationStatus"_s,
                    clinical(u"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"_s, u"confirmed"_s)},
                {u"code"_s, codeable(coding(sys::snomed(), u"716186003"_s, u"No known allergy (situation)"_s),
                                u"Keine bekannten Allergien (NKA)"_s)},
                {u"patient"_s, reference(c.patientRef)}, {u"recordedDate"_s, localTime(c.admitMs, c.tz)}});
        return;
    }
    const int count = c.rng->chance(0.25) ? 2 : 1;
    QStringList used;
    for (int i = 0; i < count; ++i) {
        const catalog::AllergyDef& def = c.rng->pick(catalog::allergies());
        if (used.contains(def.code))
            continue;
        used.append(def.code);
        if (!def.allergyClass.isEmpty())
            c.allergyClasses.append(def.allergyClass);
        createResource(*c.sink, allergyResource(c.patientRef, def, c.admitMs - qint64(c.rng->between(1, 3000)) * 86400000, c.tz));
    }
}

void writeDevices(Chart& c, const catalog::Profile& profile)
{
    QStringList keys;
    if (!profile.device.isEmpty() && c.rng->chance(profile.device == u"cvc"_s ? 0.7 : 0.35))
        keys.append(profile.device);
    if (c.ageYears > 70 && c.rng->chance(0.08) && !keys.contains(u"pacemaker"_s))
        keys.append(u"pacemaker"_s);
    for (const QString& key : std::as_const(keys)) {
        const catalog::DeviceDef* d = catalog::device(key);
        const qint64 implanted = key == u"cvc"_s ? c.admitMs + 3600000 : c.admitMs - qint64(c.rng->between(100, 3000)) * 86400000;
        createResource(*c.sink,
            QJsonObject{{u"resourceType"_s, u"Device"_s}, {u"status"_s, u"active"_s},
                {u"type"_s, codeable(coding(sys::snomed(), d->snomed, d->display), d->name)},
                {u"deviceName"_s, QJsonArray{QJsonObject{{u"name"_s, d->name}, {u"type"_s, u"user-friendly-name"_s}}}},
                {u"manufacturer"_s, d->manufacturer}, {u"modelNumber"_s, d->model},
                {u"serialNumber"_s, QString(u"SN"_s + QString::number(c.rng->between(100000, 999999)))},
                {u"manufactureDate"_s, localTime(implanted - 90LL * 86400000, c.tz)},
                {u"patient"_s, reference(c.patientRef)},
                {u"note"_s, QJsonArray{QJsonObject{{u"text"_s, QString(u"Implantiert/gelegt: "_s
                                                       + QDateTime::fromMSecsSinceEpoch(implanted, c.tz).date().toString(Qt::ISODate)
                                                       + u". "_s + d->note)}}}}});
        if (!d->relatedDiagnosis.code.isEmpty())
            writeConditions(c, {d->relatedDiagnosis});
    }
}

void writeCodeStatus(Chart& c)
{
    const double roll = c.rng->unit();
    if (roll < 0.15)
        return; // not documented: the sheet must say "unknown", not "full code"
    const bool dnr = roll > 0.65 || (c.ageYears > 85 && roll > 0.4);
    const bool dni = dnr && c.rng->chance(0.4);
    static const char* places[] = {"Original bei der Tochter, Kopie in der Stationsakte",
        "Original beim Hausarzt, Kopie im Patientenordner der Station",
        "Im Nachttisch des Patienten (Notfallmappe)", "Hinterlegt im Zentralen Vorsorgeregister, Kopie in der Akte"};
    QJsonArray codes;
    if (dnr) {
        codes.append(codeable(coding(sys::snomed(), u"304253006"_s, u"Not for resuscitation"_s), u"DNR – keine Reanimation"_s));
        if (dni)
            codes.append(textConcept(u"DNI – keine Intubation"_s));
    } else {
        codes.append(codeable(coding(sys::snomed(), u"304252001"_s, u"For resuscitation"_s), u"Volle Therapie inkl. Reanimation"_s));
    }
    QJsonObject consent{{u"resourceType"_s, u"Consent"_s}, {u"status"_s, u"active"_s},
        {u"scope"_s, codeable(coding(u"http://terminology.hl7.org/CodeSystem/consentscope"_s, u"adr"_s,
                                 u"Advanced Care Directive"_s))},
        {u"category"_s, QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/consentcategorycodes"_s,
                            u"acd"_s, u"Advance Directive"_s))}},
        {u"patient"_s, reference(c.patientRef)}, {u"dateTime"_s, localTime(c.admitMs + 2 * 3600000, c.tz)},
        {u"provision"_s, QJsonObject{{u"type"_s, dnr ? u"deny"_s : u"permit"_s}, {u"code"_s, codes}}}};
    if (dnr || c.rng->chance(0.3)) {
        const QDate written = QDateTime::fromMSecsSinceEpoch(c.admitMs, c.tz).date().addDays(-c.rng->between(30, 3000));
        consent.insert(u"policyRule"_s, textConcept(u"Patientenverfügung nach § 1827 BGB"_s));
        consent.insert(u"sourceAttachment"_s,
            QJsonObject{{u"title"_s, QString(u"Patientenverfügung vom "_s + written.toString(u"dd.MM.yyyy"_s) + u" – "_s
                                         + QString::fromUtf8(c.rng->pick(places)))},
                {u"creation"_s, written.toString(Qt::ISODate)}});
    } else {
        consent.insert(u"policyRule"_s, textConcept(u"Ärztliche Festlegung nach Aufklärung, keine Patientenverfügung"_s));
    }
    createResource(*c.sink, consent);
}

void writeFlags(Chart& c, bool dementia)
{
    for (const catalog::FlagDef& f : catalog::flags()) {
        double p = f.key == u"fall-risk"_s ? (c.ageYears > 75 || dementia ? 0.5 : 0.1)
                 : f.key == u"mrsa"_s    ? 0.05
                                         : 0.05;
        if (!c.rng->chance(p))
            continue;
        createResource(*c.sink,
            QJsonObject{{u"resourceType"_s, u"Flag"_s}, {u"status"_s, u"active"_s},
                {u"category"_s, QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/flag-category"_s, f.category))}},
                {u"code"_s, codeable(coding(sys::snomed(), f.snomed, f.display), f.text)},
                {u"subject"_s, reference(c.patientRef)}, {u"encounter"_s, reference(c.encounterRef)},
                {u"period"_s, QJsonObject{{u"start"_s, localTime(c.admitMs, c.tz)}}}});
    }
}

namespace {

// The unchanging part of each vital-sign Observation, built once: about 80 of them per patient.
QJsonObject vitalPrototype(const QString& loinc, const QString& display, const QString& text)
{
    return QJsonObject{{u"resourceType"_s, u"Observation"_s}, {u"status"_s, u"final"_s},
        {u"category"_s, QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/observation-category"_s,
                            u"vital-signs"_s, u"Vital Signs"_s))}},
        {u"code"_s, codeable(coding(sys::loinc(), loinc, display), text)}};
}

struct VitalPrototypes
{
    QJsonObject heartRate = vitalPrototype(u"8867-4"_s, u"Heart rate"_s, u"Herzfrequenz"_s);
    QJsonObject bloodPressure =
        vitalPrototype(u"85354-9"_s, u"Blood pressure panel with all children optional"_s, u"Blutdruck"_s);
    QJsonObject temperature = vitalPrototype(u"8310-5"_s, u"Body temperature"_s, u"Körpertemperatur"_s);
    QJsonObject respiratoryRate = vitalPrototype(u"9279-1"_s, u"Respiratory rate"_s, u"Atemfrequenz"_s);
    QJsonObject pain = [] {
        // Asked at every round on German wards; a survey item, not a vital sign.
        QJsonObject o = vitalPrototype(u"72514-3"_s, u"Pain severity - 0-10 verbal numeric rating [Score] - Reported"_s,
            u"Schmerz (NRS 0–10)"_s);
        o.insert(u"category"_s, QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/observation-category"_s,
                                    u"survey"_s, u"Survey"_s))});
        return o;
    }();
    QJsonObject oxygen = [] {
        QJsonObject o = vitalPrototype(u"59408-5"_s, u"Oxygen saturation in Arterial blood by Pulse oximetry"_s, u"SpO₂"_s);
        o.insert(u"code"_s,
            QJsonObject{{u"coding"_s,
                            QJsonArray{coding(sys::loinc(), u"59408-5"_s, u"Oxygen saturation in Arterial blood by Pulse oximetry"_s),
                                coding(sys::loinc(), u"2708-6"_s, u"Oxygen saturation in Arterial blood"_s)}},
                {u"text"_s, u"SpO₂"_s}});
        return o;
    }();
};

} // namespace

void writeVitals(Chart& c, qint64 atMs)
{
    static const VitalPrototypes prototypes;
    Rng& r = *c.rng;
    const QJsonObject subject = reference(c.patientRef);
    const QJsonObject encounter = reference(c.encounterRef);
    const QString when = localTime(atMs, c.tz);
    auto write = [&](QJsonObject o, const QString& key, const QJsonValue& value) {
        o.insert(u"subject"_s, subject);
        o.insert(u"encounter"_s, encounter);
        o.insert(u"effectiveDateTime"_s, when);
        o.insert(key, value);
        createResource(*c.sink, o);
    };
    write(prototypes.heartRate, u"valueQuantity"_s, quantity(r.between(52, 112), u"/min"_s, u"/min"_s));
    const int systolic = r.between(98, 172);
    auto component = [](const QString& loinc, const QString& display, int value) {
        return QJsonObject{{u"code"_s, codeable(coding(sys::loinc(), loinc, display))},
            {u"valueQuantity"_s, quantity(value, u"mmHg"_s, u"mm[Hg]"_s)}};
    };
    write(prototypes.bloodPressure, u"component"_s,
        QJsonArray{component(u"8480-6"_s, u"Systolic blood pressure"_s, systolic),
            component(u"8462-4"_s, u"Diastolic blood pressure"_s, systolic - r.between(35, 65))});
    write(prototypes.temperature, u"valueQuantity"_s, quantityRounded(36.0 + r.unit() * 2.6, 1, u"°C"_s, u"Cel"_s));
    write(prototypes.respiratoryRate, u"valueQuantity"_s, quantity(r.between(11, 26), u"/min"_s, u"/min"_s));
    write(prototypes.oxygen, u"valueQuantity"_s, quantity(r.between(88, 99), u"%"_s, u"%"_s));
    write(prototypes.pain, u"valueInteger"_s, r.chance(0.5) ? 0 : r.between(1, 8));
}

QJsonObject pregnancyStatusResource(const QString& patientRef, const QString& encounterRef,
    catalog::PregnancyAnswer answer, qint64 effectiveMs, const QDate& estimatedDelivery, const QTimeZone& tz)
{
    using catalog::PregnancyAnswer;
    const QJsonObject value = answer == PregnancyAnswer::Pregnant
        ? codeable(coding(sys::loinc(), u"LA15173-0"_s, u"Pregnant"_s), u"Schwanger"_s)
        : answer == PregnancyAnswer::NotPregnant
        ? codeable(coding(sys::loinc(), u"LA26683-5"_s, u"Not pregnant"_s), u"Nicht schwanger"_s)
        : codeable(coding(sys::loinc(), u"LA4489-6"_s, u"Unknown"_s), u"Unbekannt"_s);
    // Not a vital sign: a mirror that only searches category=vital-signs never sees it.
    QJsonObject o{{u"resourceType"_s, u"Observation"_s}, {u"status"_s, u"final"_s},
        {u"category"_s, QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/observation-category"_s,
                            u"social-history"_s, u"Social History"_s))}},
        {u"code"_s, codeable(coding(sys::loinc(), u"82810-3"_s, u"Pregnancy status"_s), u"Schwangerschaftsstatus"_s)},
        {u"subject"_s, reference(patientRef)}, {u"effectiveDateTime"_s, localTime(effectiveMs, tz)},
        {u"valueCodeableConcept"_s, value}};
    if (!encounterRef.isEmpty())
        o.insert(u"encounter"_s, reference(encounterRef));
    if (estimatedDelivery.isValid())
        o.insert(u"component"_s,
            QJsonArray{QJsonObject{{u"code"_s, codeable(coding(sys::loinc(), u"11778-8"_s, u"Delivery date Estimated"_s))},
                {u"valueDateTime"_s, estimatedDelivery.toString(Qt::ISODate)}}});
    return o;
}

void writePregnancyStatus(Chart& c, Rng& rng)
{
    if (!c.female || c.ageYears > 49 || !rng.chance(0.85))
        return;
    const double roll = rng.unit();
    const catalog::PregnancyAnswer answer = roll < 0.2 ? catalog::PregnancyAnswer::Pregnant
                                          : roll < 0.9 ? catalog::PregnancyAnswer::NotPregnant
                                                       : catalog::PregnancyAnswer::Unknown;
    const qint64 asked = std::min(c.nowMs, c.admitMs + qint64(rng.between(10, 90)) * 60000);
    QDate delivery;
    if (answer == catalog::PregnancyAnswer::Pregnant)
        delivery = QDateTime::fromMSecsSinceEpoch(asked, c.tz).date().addDays(rng.between(14, 260));
    createResource(*c.sink, pregnancyStatusResource(c.patientRef, c.encounterRef, answer, asked, delivery, c.tz));
}

} // namespace lantern::sim::gen
