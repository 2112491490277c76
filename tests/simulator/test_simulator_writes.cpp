// lantern-ehr-sim: the FHIR REST writes reconciliation relies on: versioned
// reads and If-Match, conditional create, the searches the uploader makes,
// transactions and batches.
#include "SimHttp.h"

#include <SimServer.h>

#include "core/common/Clock.h"


#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lantern;

using namespace simtest;

class TestSimulatorWrites : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void versionedReadAndIfMatch();
    void ifNoneExistCreatesOnce();
    void reconciliationWritesAndSearches();
    void transactionIsAtomicAndRewritesReferences();
    void batchAnswersEachEntry();

private:
    ManualClock m_clock;
    std::unique_ptr<sim::SimServer> m_server;
    quint16 m_port = 0;
};

void TestSimulatorWrites::initTestCase()
{
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = 8;
    m_server = std::make_unique<sim::SimServer>(options, m_clock);
    const auto started = m_server->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_port = m_server->port();
    QVERIFY(m_port != 0);
    QCOMPARE(m_server->baseUrl(), u"http://127.0.0.1:"_s + QString::number(m_port) + u"/fhir"_s);
}

void TestSimulatorWrites::cleanupTestCase()
{
    m_server.reset();
}

void TestSimulatorWrites::versionedReadAndIfMatch()
{
    QJsonObject patient = http(m_port, "GET", u"/fhir/Patient/pat-2"_s).json();
    patient.insert(u"active"_s, false);
    const Reply updated = http(m_port, "PUT", u"/fhir/Patient/pat-2"_s, toJson(patient), {{"If-Match", "W/\"1\""}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.headers.value("etag"), QByteArray("W/\"2\""));
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-2/_history/1"_s).json().value(u"active"_s).toBool(), true);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-2/_history/2"_s).json().value(u"active"_s).toBool(), false);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-2/_history/3"_s).status, 404);

    const Reply stale = http(m_port, "PUT", u"/fhir/Patient/pat-2"_s, toJson(patient), {{"If-Match", "W/\"1\""}});
    QCOMPARE(stale.status, 412);
    QCOMPARE(stale.json().value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-2"_s).headers.value("etag"), QByteArray("W/\"2\""));
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-2/_history"_s).json().value(u"entry"_s).toArray().size(), 2);
}

void TestSimulatorWrites::ifNoneExistCreatesOnce()
{
    const QJsonObject mr = http(m_port, "GET", u"/fhir/MedicationRequest?patient=pat-3&status=active"_s).json()
                               .value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
    QVERIFY(!mr.isEmpty());
    const QJsonObject administration{{u"resourceType"_s, u"MedicationAdministration"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:lantern:outbox"_s}, {u"value"_s, u"b6f1c0de-1"_s}}}},
        {u"status"_s, u"completed"_s}, {u"medicationCodeableConcept"_s, mr.value(u"medicationCodeableConcept"_s)},
        {u"subject"_s, mr.value(u"subject"_s)}, {u"effectiveDateTime"_s, u"2026-03-01T08:05:00+01:00"_s},
        {u"request"_s, QJsonObject{{u"reference"_s, QString(u"MedicationRequest/"_s + mr.value(u"id"_s).toString())}}}};
    const QList<QPair<QByteArray, QByteArray>> condition{{"If-None-Exist", "identifier=urn:lantern:outbox|b6f1c0de-1"}};
    const Reply created = http(m_port, "POST", u"/fhir/MedicationAdministration"_s, toJson(administration), condition);
    QCOMPARE(created.status, 201);
    QVERIFY(created.headers.value("location").contains("/fhir/MedicationAdministration/"));
    const Reply again = http(m_port, "POST", u"/fhir/MedicationAdministration"_s, toJson(administration), condition);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value(u"id"_s), created.json().value(u"id"_s));
    QCOMPARE(pageThrough(m_port, u"/fhir/MedicationAdministration?identifier=urn:lantern:outbox|b6f1c0de-1"_s).size(), 1);
}

void TestSimulatorWrites::reconciliationWritesAndSearches()
{
    const QJsonObject mr = http(m_port, "GET", u"/fhir/MedicationRequest?patient=pat-2&status=active"_s).json()
                               .value(u"entry"_s).toArray().at(0).toObject().value(u"resource"_s).toObject();
    QVERIFY(!mr.isEmpty());
    const QString request = u"MedicationRequest/"_s + mr.value(u"id"_s).toString();
    const QString uuid = u"urn:uuid:0b7e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f"_s;
    const QJsonObject administration{{u"resourceType"_s, u"MedicationAdministration"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:ietf:rfc:3986"_s}, {u"value"_s, uuid}}}},
        {u"status"_s, u"completed"_s}, {u"medicationCodeableConcept"_s, mr.value(u"medicationCodeableConcept"_s)},
        {u"subject"_s, mr.value(u"subject"_s)}, {u"effectiveDateTime"_s, u"2031-05-04T10:30:00Z"_s},
        {u"request"_s, QJsonObject{{u"reference"_s, request}}}};
    // The identifier value holds colons; the bar arrives percent-encoded as FhirClient sends it.
    const QList<QPair<QByteArray, QByteArray>> condition{
        {"If-None-Exist", "identifier=urn:ietf:rfc:3986%7C" + uuid.toUtf8()}};
    const Reply created = http(m_port, "POST", u"/fhir/MedicationAdministration"_s, toJson(administration), condition);
    QCOMPARE(created.status, 201);
    QVERIFY(!created.headers.value("etag").isEmpty());
    const Reply again = http(m_port, "POST", u"/fhir/MedicationAdministration"_s, toJson(administration), condition);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value(u"id"_s), created.json().value(u"id"_s));

    // The duplicate search: patient, effective-time window, request (or drug code).
    const QString patient = mr.value(u"subject"_s).toObject().value(u"reference"_s).toString();
    const QString window = u"/fhir/MedicationAdministration?patient="_s + patient
        + u"&effective-time=ge2031-05-04T09:45:00.000Z&effective-time=le2031-05-04T11:45:00.000Z"_s;
    QCOMPARE(pageThrough(m_port, window + u"&request="_s + request).size(), 1);
    QCOMPARE(pageThrough(m_port, window).size(), 1);
    QCOMPARE(pageThrough(m_port, u"/fhir/MedicationAdministration?patient="_s + patient
                 + u"&effective-time=ge2031-05-04T11:00:00Z&request="_s + request).size(), 0);
    QCOMPARE(pageThrough(m_port, u"/fhir/MedicationAdministration?effective-time=2031-05-04"_s).size(), 1);

    // Conditional create of the other resource types an outbox uploads.
    const QJsonObject patientResource{{u"resourceType"_s, u"Patient"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:ietf:rfc:3986"_s}, {u"value"_s, u"urn:uuid:p-1"_s}}}}};
    const QJsonObject note{{u"resourceType"_s, u"DocumentReference"_s}, {u"status"_s, u"current"_s},
        {u"subject"_s, QJsonObject{{u"reference"_s, patient}}},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:ietf:rfc:3986"_s}, {u"value"_s, u"urn:uuid:d-1"_s}}}}};
    const QJsonObject allergy{{u"resourceType"_s, u"AllergyIntolerance"_s},
        {u"patient"_s, QJsonObject{{u"reference"_s, patient}}},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:ietf:rfc:3986"_s}, {u"value"_s, u"urn:uuid:a-1"_s}}}}};
    for (const QJsonObject& resource : {patientResource, note, allergy}) {
        const QString type = resource.value(u"resourceType"_s).toString();
        const QByteArray value = resource.value(u"identifier"_s).toArray().at(0).toObject().value(u"value"_s).toString().toUtf8();
        const QList<QPair<QByteArray, QByteArray>> ifNone{{"If-None-Exist", "identifier=urn:ietf:rfc:3986|" + value}};
        QCOMPARE(http(m_port, "POST", u"/fhir/"_s + type, toJson(resource), ifNone).status, 201);
        QCOMPARE(http(m_port, "POST", u"/fhir/"_s + type, toJson(resource), ifNone).status, 200);
    }
    // Two matches: the condition is ambiguous, nothing is created.
    QCOMPARE(http(m_port, "POST", u"/fhir/DocumentReference"_s, toJson(note)).status, 201);
    const QList<QPair<QByteArray, QByteArray>> ambiguous{{"If-None-Exist", "identifier=urn:ietf:rfc:3986|urn:uuid:d-1"}};
    QCOMPARE(http(m_port, "POST", u"/fhir/DocumentReference"_s, toJson(note), ambiguous).status, 412);
}

void TestSimulatorWrites::transactionIsAtomicAndRewritesReferences()
{
    const int patientsBefore = m_server->simulator().store().counts().value(u"Patient"_s);
    const QJsonObject patient{{u"resourceType"_s, u"Patient"_s}, {u"name"_s, QJsonArray{QJsonObject{{u"family"_s, u"Größe"_s}}}}};
    const QJsonObject observation{{u"resourceType"_s, u"Observation"_s}, {u"status"_s, u"final"_s},
        {u"code"_s, QJsonObject{{u"text"_s, u"Gewicht"_s}}},
        {u"subject"_s, QJsonObject{{u"reference"_s, u"urn:uuid:7d2c6a1e-0000-4000-8000-000000000001"_s}}}};
    auto entry = [](const QString& fullUrl, const QJsonObject& resource, const QJsonObject& request) {
        return QJsonObject{{u"fullUrl"_s, fullUrl}, {u"resource"_s, resource}, {u"request"_s, request}};
    };
    const QJsonObject post{{u"method"_s, u"POST"_s}, {u"url"_s, u"Patient"_s}};
    QJsonObject bundle{{u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"transaction"_s},
        {u"entry"_s, QJsonArray{entry(u"urn:uuid:7d2c6a1e-0000-4000-8000-000000000001"_s, patient, post),
                          entry(u"urn:uuid:7d2c6a1e-0000-4000-8000-000000000002"_s, observation,
                              QJsonObject{{u"method"_s, u"POST"_s}, {u"url"_s, u"Observation"_s}})}}};
    const Reply ok = http(m_port, "POST", u"/fhir"_s, toJson(bundle));
    QCOMPARE(ok.status, 200);
    const QJsonArray entries = ok.json().value(u"entry"_s).toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value(u"response"_s).toObject().value(u"status"_s).toString(), u"201 Created"_s);
    const QString patientId = entries.at(0).toObject().value(u"resource"_s).toObject().value(u"id"_s).toString();
    const QString obsLocation = entries.at(1).toObject().value(u"response"_s).toObject().value(u"location"_s).toString();
    const Reply obs = http(m_port, "GET", u"/fhir/"_s + obsLocation.section(u"/_history"_s, 0, 0));
    QCOMPARE(obs.json().value(u"subject"_s).toObject().value(u"reference"_s).toString(), u"Patient/"_s + patientId);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/"_s + patientId).json().value(u"name"_s).toArray().at(0).toObject()
                 .value(u"family"_s).toString(), u"Größe"_s);

    // A stale ifMatch in the same bundle fails the whole transaction: nothing written.
    QJsonObject pat1 = http(m_port, "GET", u"/fhir/Patient/pat-1"_s).json();
    QJsonArray failing = bundle.value(u"entry"_s).toArray();
    failing.append(entry(u"http://x/Patient/pat-1"_s, pat1,
        QJsonObject{{u"method"_s, u"PUT"_s}, {u"url"_s, u"Patient/pat-1"_s}, {u"ifMatch"_s, u"W/\"99\""_s}}));
    bundle.insert(u"entry"_s, failing);
    const Reply refused = http(m_port, "POST", u"/fhir"_s, toJson(bundle));
    QCOMPARE(refused.status, 412);
    QCOMPARE(m_server->simulator().store().counts().value(u"Patient"_s), patientsBefore + 1);
}

void TestSimulatorWrites::batchAnswersEachEntry()
{
    const QJsonObject bundle{{u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"batch"_s},
        {u"entry"_s, QJsonArray{QJsonObject{{u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, u"Patient/pat-4"_s}}}},
                          QJsonObject{{u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, u"Patient/nope"_s}}}}}}};
    const Reply r = http(m_port, "POST", u"/fhir"_s, toJson(bundle));
    QCOMPARE(r.status, 200);
    const QJsonArray entries = r.json().value(u"entry"_s).toArray();
    QCOMPARE(entries.at(0).toObject().value(u"response"_s).toObject().value(u"status"_s).toString(), u"200 OK"_s);
    QCOMPARE(entries.at(1).toObject().value(u"response"_s).toObject().value(u"status"_s).toString(), u"404 Not Found"_s);
}

QTEST_GUILESS_MAIN(TestSimulatorWrites)
#include "test_simulator_writes.moc"
