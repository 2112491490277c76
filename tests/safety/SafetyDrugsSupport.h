#pragma once
// For the test_safety_drugs_* tests: the record fixture (a real SQLCipher
// vault with the synthetic ward of tests/record/RecordFixture) and small
// builders for the extra FHIR resources each test imports into it.
//
// tests/safety builds each test from its own .cpp only, so the fixture's
// implementation is compiled in here (once per test executable).

#include "../record/RecordFixture.cpp" // NOLINT(bugprone-suspicious-include): see above

#include "core/import/Importer.h"
#include "core/record/SafetyChecker.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace lantern::test::drugs {

inline const QString kAtcWho = QStringLiteral("http://www.whocc.no/atc");
inline const QString kAtcBfarm = QStringLiteral("http://fhir.de/CodeSystem/bfarm/atc");
inline const QString kRxNorm = QStringLiteral("http://www.nlm.nih.gov/research/umls/rxnorm");
inline const QString kSct = QStringLiteral("http://snomed.info/sct");
inline const QString kGts = QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation");

// 2026-03-01 (the fixture's day) at hh:mm UTC.
inline QDateTime at(int hour, int minute = 0, int dayOffset = 0)
{
    return QDateTime(QDate(2026, 3, 1).addDays(dayOffset), QTime(hour, minute), Qt::UTC);
}

inline QJsonObject codingOf(const QString& system, const QString& code)
{
    return QJsonObject{{QStringLiteral("system"), system}, {QStringLiteral("code"), code}};
}

inline QJsonObject doseOf(double value, const QString& unit)
{
    return QJsonObject{{QStringLiteral("value"), value},
                       {QStringLiteral("unit"), unit},
                       {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                       {QStringLiteral("code"), unit}};
}

// One dosage line: timing (FHIR Timing), dose, PRN.
inline QJsonObject dosageLine(const QJsonObject& timing, double dose, const QString& unit, bool prn = false)
{
    QJsonObject d{{QStringLiteral("timing"), timing},
                  {QStringLiteral("doseAndRate"), QJsonArray{QJsonObject{{QStringLiteral("doseQuantity"), doseOf(dose, unit)}}}}};
    if (prn)
        d.insert(QStringLiteral("asNeededBoolean"), true);
    return d;
}

inline QJsonObject everyHours(double hours)
{
    return QJsonObject{{QStringLiteral("repeat"), QJsonObject{{QStringLiteral("frequency"), 1},
                                                              {QStringLiteral("period"), hours},
                                                              {QStringLiteral("periodUnit"), QStringLiteral("h")}}}};
}

inline QJsonObject whenOnly(const QStringList& events)
{
    return QJsonObject{{QStringLiteral("repeat"), QJsonObject{{QStringLiteral("when"), QJsonArray::fromStringList(events)}}}};
}

inline QJsonObject timingCode(const QString& code)
{
    return QJsonObject{{QStringLiteral("code"), QJsonObject{{QStringLiteral("coding"), QJsonArray{codingOf(kGts, code)}}}}};
}

struct Order
{
    QString id;
    QString patient = kPatientNoAllergy;
    QJsonArray codings; // of the medicationCodeableConcept; may be empty
    QString text;
    QJsonArray dosages;
    QString status = QStringLiteral("active");
};

inline QJsonObject medicationRequest(const Order& o)
{
    QJsonObject med{{QStringLiteral("text"), o.text}};
    if (!o.codings.isEmpty())
        med.insert(QStringLiteral("coding"), o.codings);
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                       {QStringLiteral("id"), o.id},
                       {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("1")}}},
                       {QStringLiteral("status"), o.status},
                       {QStringLiteral("intent"), QStringLiteral("order")},
                       {QStringLiteral("medicationCodeableConcept"), med},
                       {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + o.patient)}}},
                       {QStringLiteral("dosageInstruction"), o.dosages}};
}

// A dose the EHR already has (mirrored MedicationAdministration).
inline QJsonObject administration(const QString& id, const QString& patient, const QString& orderId, const QDateTime& when,
                                  double dose, const QString& unit)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), QStringLiteral("completed")},
                       {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("given")}}},
                       {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patient)}}},
                       {QStringLiteral("effectiveDateTime"), when.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("request"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("MedicationRequest/") + orderId)}}},
                       {QStringLiteral("dosage"), QJsonObject{{QStringLiteral("dose"), doseOf(dose, unit)}}}};
}

inline bool importResources(vault::Vault& vault, const QList<QJsonObject>& resources)
{
    QJsonArray entries;
    for (const QJsonObject& r : resources)
        entries.append(QJsonObject{{QStringLiteral("resource"), r}});
    const QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                             {QStringLiteral("type"), QStringLiteral("collection")},
                             {QStringLiteral("entry"), entries}};
    auto imported = import::Importer(vault).importJson(QJsonDocument(bundle).toJson());
    if (!imported.ok() || imported->skipped != 0) {
        qWarning() << "import failed" << (imported.ok() ? imported->problems.value(0).message : imported.error().message);
        return false;
    }
    return true;
}

inline record::AdministrationInput give(const QString& patient, const QString& order, const QDateTime& when = {})
{
    record::AdministrationInput in;
    in.patientId = patient;
    in.orderId = order;
    in.givenAt = when;
    return in;
}

inline QList<record::SafetyFinding> findings(const Result<QList<record::SafetyWarning>>& warnings)
{
    QList<record::SafetyFinding> out;
    if (warnings.ok()) {
        for (const record::SafetyWarning& w : *warnings)
            out << w.finding;
    }
    return out;
}

inline std::optional<record::SafetyFinding> findingOf(const Result<QList<record::SafetyWarning>>& warnings,
                                                      record::SafetyCode code)
{
    for (const record::SafetyFinding& f : findings(warnings)) {
        if (f.code == code)
            return f;
    }
    return std::nullopt;
}

inline QStringList kindsOf(const Result<QList<record::SafetyWarning>>& warnings)
{
    QStringList out;
    if (warnings.ok()) {
        for (const record::SafetyWarning& w : *warnings)
            out << w.kind;
    }
    return out;
}

} // namespace lantern::test::drugs
