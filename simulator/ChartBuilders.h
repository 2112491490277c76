#pragma once
// Builders of the synthetic chart, shared by the generator, the change stream
// and the bundle loader. Each builder returns FHIR JSON or writes one family
// of resources for one patient's stay (a Chart) into a ResourceSink.

#include "Catalog.h"
#include "FhirStore.h"
#include "ResourceSink.h"
#include "Rng.h"

#include <QDate>
#include <QJsonObject>
#include <QTimeZone>

#include <optional>

namespace lantern::sim::gen {

// One patient's stay while its resources are being written.
struct Chart
{
    ResourceSink* sink = nullptr;
    Rng* rng = nullptr;
    QTimeZone tz;
    QString patientRef;
    QString encounterRef;
    qint64 admitMs = 0;
    qint64 nowMs = 0;
    qint64 windowStartMs = 0; // administrations and vitals are written from here to now
    bool withHistory = true;  // false: a fresh admission, nothing in the past yet
    bool female = false;
    int ageYears = 0;
    QStringList allergyClasses;
};

// Hands `resource` to the sink and returns its "Type/id".
QString createResource(ResourceSink& sink, const QJsonObject& resource);
QString localTime(qint64 ms, const QTimeZone& tz);
QTimeZone wardTimeZone();

// --- PatientGenerator.cpp ---
struct PatientDraft
{
    QJsonObject resource;
    bool german = true;
    bool female = false;
    int ageYears = 0;
};
PatientDraft draftPatient(Rng& rng, int serial, qint64 nowMs);
QString kvnrWithCheckDigit(QChar letter, const QString& eightDigits);

// --- WardGenerator.cpp ---
QJsonObject wardLocation(const QString& id, const QString& code, const QString& name);
QJsonObject bedLocation(const QString& wardId, const QString& wardName, const QString& bedId, const QString& bedName);
QJsonObject encounterResource(const QString& patientRef, const QString& wardId, const QString& wardName,
    const QString& bedId, const QString& bedName, qint64 admitMs, int serial, const QTimeZone& tz);
QJsonObject groupResource(const QString& wardId, const QString& wardName, const QList<std::pair<QString, QString>>& members);

// --- ChartGenerator.cpp ---
void writeConditions(Chart& c, const QList<catalog::Diagnosis>& diagnoses);
void writeAllergies(Chart& c);
QJsonObject allergyResource(const QString& patientRef, const catalog::AllergyDef& def, qint64 recordedMs, const QTimeZone& tz);
void writeDevices(Chart& c, const catalog::Profile& profile);
void writeCodeStatus(Chart& c);
void writeFlags(Chart& c, bool dementia);
void writeVitals(Chart& c, qint64 atMs);
// A pregnancy status Observation (LOINC 82810-3, IPS style); `estimatedDelivery` as a
// component when valid; no encounter when `encounterRef` is empty.
QJsonObject pregnancyStatusResource(const QString& patientRef, const QString& encounterRef,
    catalog::PregnancyAnswer answer, qint64 effectiveMs, const QDate& estimatedDelivery, const QTimeZone& tz);
// Women of child-bearing age are mostly asked on admission; draws only from `rng`.
void writePregnancyStatus(Chart& c, Rng& rng);

// --- MedicationGenerator.cpp ---
struct OrderSpec
{
    QString patientRef;
    QString encounterRef;
    const catalog::Drug* drug = nullptr;
    catalog::Schedule schedule;
    double dose = 0;
    qint64 authoredMs = 0;
    QString status = QStringLiteral("active");
    QString statusReason;
    std::optional<qint64> stopMs;
    QString requester;
    QString orderNumber;
};
QJsonObject medicationRequestResource(const OrderSpec& o, const QTimeZone& tz);
QJsonObject dosageInstruction(const catalog::Drug& drug, const catalog::Schedule& s, double dose, qint64 startMs,
    std::optional<qint64> stopMs, const QTimeZone& tz);

struct AdministrationSpec
{
    QString patientRef;
    QString encounterRef;
    QString requestRef;
    QJsonObject medication; // CodeableConcept
    QJsonObject dose;       // Quantity, may be empty
    QJsonObject route;      // CodeableConcept, may be empty
    qint64 effectiveMs = 0;
    bool notDone = false;
    QJsonObject statusReason;
    QString performer;
    QString identifierSystem;
    QString identifierValue;
};
QJsonObject administrationResource(const AdministrationSpec& a, const QTimeZone& tz);
QJsonObject notGivenReason(Rng& rng);

// Local clock times of `s` between fromMs and toMs (inclusive), as ms since epoch.
QList<qint64> scheduledTimes(const catalog::Schedule& s, qint64 fromMs, qint64 toMs, const QTimeZone& tz);
// A schedule read from a foreign MedicationRequest's dosageInstruction.
catalog::Schedule scheduleFromDosage(const QJsonObject& dosageInstruction);

// Writes the orders of `profile` (plus extra drugs) and their past administrations.
void writeMedication(Chart& c, const catalog::Profile& profile, const QStringList& extraDrugs);
// Past administrations of one order between the chart's window start and min(stop, now).
void writeAdministrations(Chart& c, const catalog::Schedule& s, const AdministrationSpec& base, qint64 fromMs,
    qint64 toMs, double notDoneChance);

} // namespace lantern::sim::gen
