#pragma once
// Test data for access tests: FHIR R4 collection Bundles that put one patient
// on one ward (ward Location, a bed that is partOf it, the Patient with an MRN,
// an in-progress Encounter in that bed), so that ward scope has something to
// decide on. Header-only: used by tests/access and tests/cli.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace lantern::test {

struct WardPatient
{
    QString ward;      // Location id of the ward, e.g. "ward-a"
    QString patientId; // e.g. "p-a"
    QString mrn;
    QString family;
};

inline QByteArray wardBundle(const QList<WardPatient>& patients)
{
    auto entry = [](const QJsonObject& r) { return QJsonObject{{QStringLiteral("resource"), r}}; };
    auto physical = [](const QString& code) {
        return QJsonObject{{QStringLiteral("coding"),
                            QJsonArray{QJsonObject{{QStringLiteral("system"),
                                                    QStringLiteral("http://terminology.hl7.org/CodeSystem/location-physical-type")},
                                                   {QStringLiteral("code"), code}}}}};
    };
    QJsonArray entries;
    for (const WardPatient& p : patients) {
        const QString bed = p.ward + QStringLiteral("-bed-1");
        entries.append(entry({{QStringLiteral("resourceType"), QStringLiteral("Location")}, {QStringLiteral("id"), p.ward},
                              {QStringLiteral("name"), QString(QStringLiteral("Station ") + p.ward)},
                              {QStringLiteral("physicalType"), physical(QStringLiteral("wa"))}}));
        entries.append(entry({{QStringLiteral("resourceType"), QStringLiteral("Location")}, {QStringLiteral("id"), bed},
                              {QStringLiteral("name"), bed}, {QStringLiteral("physicalType"), physical(QStringLiteral("bd"))},
                              {QStringLiteral("partOf"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Location/") + p.ward)}}}}));
        const QJsonObject mrType{{QStringLiteral("coding"),
                                  QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203")},
                                                         {QStringLiteral("code"), QStringLiteral("MR")}}}}};
        entries.append(entry({{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), p.patientId},
                              {QStringLiteral("identifier"), QJsonArray{QJsonObject{{QStringLiteral("type"), mrType}, {QStringLiteral("value"), p.mrn}}}},
                              {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("family"), p.family},
                                                                              {QStringLiteral("given"), QJsonArray{QStringLiteral("Test")}}}}},
                              {QStringLiteral("gender"), QStringLiteral("female")},
                              {QStringLiteral("birthDate"), QStringLiteral("1950-01-02")}}));
        entries.append(entry({{QStringLiteral("resourceType"), QStringLiteral("Encounter")}, {QStringLiteral("id"), QString(QStringLiteral("enc-") + p.patientId)},
                              {QStringLiteral("status"), QStringLiteral("in-progress")},
                              {QStringLiteral("class"), QJsonObject{{QStringLiteral("code"), QStringLiteral("IMP")}}},
                              {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + p.patientId)}}},
                              {QStringLiteral("location"),
                               QJsonArray{QJsonObject{{QStringLiteral("location"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Location/") + bed)}}},
                                                      {QStringLiteral("status"), QStringLiteral("active")}}}}}));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), entries}})
        .toJson(QJsonDocument::Compact);
}

// A trigger that makes every audit entry but an unlock fail, as a full or
// read-only disk would for that one write: for fail-closed tests. Root ignores
// file permissions, so a read-only folder is no test in CI; a trigger is.
inline QString auditFailureTrigger()
{
    return QStringLiteral("CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_entry WHEN NEW.action <> 'unlock' "
                          "BEGIN SELECT RAISE(ABORT, 'audit log not writable (test)'); END");
}
inline QString dropAuditFailureTrigger()
{
    return QStringLiteral("DROP TRIGGER test_audit_fails");
}

} // namespace lantern::test
