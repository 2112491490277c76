// lantern-ehr-sim: generator determinism and the FHIR REST reads the mirror
// relies on (paging, filters, history with deletes, errors, admin actions).
// The writes reconciliation relies on are in test_simulator_writes.cpp.
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


class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void generatorIsDeterministic();
    void generatedChartsHaveTheClinicalShape();
    void searchPagesReturnEveryResourceOnce();
    void searchFilters();
    void historyIncludesDeletes();
    void errorsAreOperationOutcomes();
    void capabilityStatementListsExport();
    void adminActionsChangeOrders();
    void tickAppliesChanges();
    void typeHistoryCanBeSwitchedOff();

private:
    ManualClock m_clock;
    std::unique_ptr<sim::SimServer> m_server;
    quint16 m_port = 0;
};

void TestSimulator::initTestCase()
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

void TestSimulator::cleanupTestCase()
{
    m_server.reset();
}

void TestSimulator::generatorIsDeterministic()
{
    auto dump = [](quint64 seed, const QDateTime& clockTime, std::optional<qint64> anchor) {
        ManualClock clock(clockTime);
        sim::SimulatorOptions options;
        options.generator.seed = seed;
        options.generator.wards = 2;
        options.generator.patientsPerWard = 5;
        options.generator.anchorMs = anchor;
        sim::Simulator simulator(options, clock);
        if (!simulator.populate().ok())
            return QByteArray("populate failed");
        QByteArray all;
        const auto snapshot = simulator.store().exportSnapshot({});
        for (auto it = snapshot.begin(); it != snapshot.end(); ++it)
            for (const QByteArray& json : it.value()) {
                QJsonObject r = QJsonDocument::fromJson(json).object();
                QJsonObject meta = r.value(u"meta"_s).toObject();
                if (anchor)
                    meta.remove(u"lastUpdated"_s); // server time of the write: the clocks differ on purpose
                r.insert(u"meta"_s, meta);
                all += QJsonDocument(r).toJson(QJsonDocument::Compact) + '\n';
            }
        return all;
    };
    const QDateTime eight(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
    const QByteArray first = dump(42, eight, std::nullopt);
    QVERIFY(first.size() > 10000);
    QCOMPARE(dump(42, eight, std::nullopt), first);
    QVERIFY(dump(43, eight, std::nullopt) != first);
    // A pinned "now" makes runs at different wall-clock times (two processes) identical.
    const qint64 anchor = eight.toMSecsSinceEpoch();
    QCOMPARE(dump(42, eight.addSecs(4321), anchor), dump(42, eight, anchor));
}

void TestSimulator::generatedChartsHaveTheClinicalShape()
{
    sim::Simulator& simulator = m_server->simulator();
    const auto counts = simulator.store().counts();
    QCOMPARE(counts.value(u"Patient"_s), 16);
    QCOMPARE(counts.value(u"Group"_s), 2);
    for (const char* type : {"Encounter", "MedicationRequest", "MedicationAdministration", "Condition", "Consent",
             "Observation", "AllergyIntolerance", "Location"})
        QVERIFY2(counts.value(QString::fromLatin1(type)) > 0, type);

    const auto snapshot = simulator.store().exportSnapshot({});
    auto any = [&](const char* type, const QByteArray& needle) {
        for (const QByteArray& json : snapshot.value(QString::fromLatin1(type)))
            if (json.contains(needle))
                return true;
        return false;
    };
    QVERIFY(any("Patient", "http://fhir.de/sid/gkv/kvid-10"));
    QVERIFY(any("Patient", "\"code\":\"MR\""));
    QVERIFY(any("Patient", "\"relationship\""));
    QVERIFY(any("AllergyIntolerance", "716186003"));    // explicit NKA
    QVERIFY(any("MedicationRequest", "http://www.whocc.no/atc"));
    QVERIFY(any("MedicationRequest", "asNeededCodeableConcept"));
    QVERIFY(any("MedicationRequest", "\"status\":\"stopped\""));
    QVERIFY(any("MedicationAdministration", "\"request\""));
    QVERIFY(any("Condition", "http://fhir.de/CodeSystem/bfarm/icd-10-gm"));
    QVERIFY(any("Consent", "\"adr\""));
    QVERIFY(any("Location", "\"partOf\""));
    QVERIFY(any("Encounter", "\"IMP\""));

    // Umlauts survive the round trip over HTTP.
    bool umlaut = false;
    for (const QByteArray& json : snapshot.value(u"Patient"_s)) {
        const QString name = QJsonDocument::fromJson(json).object().value(u"name"_s).toArray().at(0).toObject()
                                 .value(u"family"_s).toString();
        umlaut = umlaut || name.contains(QRegularExpression(u"[äöüÄÖÜßı]"_s));
    }
    QVERIFY(umlaut);

    // Some patients have no allergy record at all ("no information" is not "none").
    QSet<QString> withAllergyRecord;
    for (const QByteArray& json : snapshot.value(u"AllergyIntolerance"_s))
        withAllergyRecord.insert(QJsonDocument::fromJson(json).object().value(u"patient"_s).toObject().value(u"reference"_s).toString());
    QVERIFY(withAllergyRecord.size() < 16);

    // Every resource carries server versioning metadata.
    const Reply r = http(m_port, "GET", u"/fhir/Patient/pat-1"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"meta"_s).toObject().value(u"versionId"_s).toString(), u"1"_s);
    QCOMPARE(r.json().value(u"meta"_s).toObject().value(u"lastUpdated"_s).toString(), u"2026-03-01T08:00:00.000Z"_s);
    QCOMPARE(r.headers.value("etag"), QByteArray("W/\"1\""));
}

void TestSimulator::searchPagesReturnEveryResourceOnce()
{
    const int expected = m_server->simulator().store().counts().value(u"MedicationAdministration"_s);
    QVERIFY(expected > 100);
    int pages = 0;
    const QStringList seen =
        pageThrough(m_port, u"/fhir/MedicationAdministration?_lastUpdated=ge2026-03-01T00:00:00Z&_count=37"_s, &pages);
    QCOMPARE(seen.size(), expected);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), expected);
    QCOMPARE(pages, (expected + 36) / 37);

    // Later than every resource: nothing; a plus sign in the offset may arrive unencoded.
    QCOMPARE(pageThrough(m_port, u"/fhir/MedicationAdministration?_lastUpdated=gt2026-03-01T09:00:00+01:00"_s).size(), 0);
    QCOMPARE(pageThrough(m_port, u"/fhir/MedicationAdministration?_lastUpdated=gt2026-03-01T08:00:00%2B01:00"_s).size(), expected);

    const Reply first = http(m_port, "GET", u"/fhir/Patient?_count=5"_s);
    QCOMPARE(first.json().value(u"total"_s).toInt(), 16);
    QCOMPARE(first.json().value(u"meta"_s).toObject().value(u"lastUpdated"_s).toString(), u"2026-03-01T08:00:00.000Z"_s);
    QCOMPARE(pageThrough(m_port, u"/fhir/Patient?_count=5"_s).size(), 16);
}

void TestSimulator::searchFilters()
{
    const QStringList wardStays = pageThrough(m_port, u"/fhir/Encounter?location=Location/ward-1&status=in-progress"_s);
    QCOMPARE(wardStays.size(), 8);
    const QStringList forPatient = pageThrough(m_port, u"/fhir/MedicationRequest?patient=pat-1"_s);
    QVERIFY(!forPatient.isEmpty());
    QCOMPARE(pageThrough(m_port, u"/fhir/MedicationRequest?subject=Patient/pat-1"_s), forPatient);
    const QStringList beds = pageThrough(m_port, u"/fhir/Location?partof=ward-2"_s);
    QVERIFY(beds.size() >= 10);
    QCOMPARE(pageThrough(m_port, u"/fhir/Patient?_id=pat-2,pat-3"_s).size(), 2);
    QVERIFY(!pageThrough(m_port, u"/fhir/Observation?patient=pat-1&category=vital-signs&code=http://loinc.org|8867-4"_s).isEmpty());
}

void TestSimulator::historyIncludesDeletes()
{
    m_clock.advanceSecs(60);
    const QString since = m_clock.now().toString(Qt::ISODateWithMs);
    const QStringList flags = pageThrough(m_port, u"/fhir/Flag"_s);
    QVERIFY(!flags.isEmpty());
    const QString flag = flags.first();
    QCOMPARE(http(m_port, "DELETE", u"/fhir/"_s + flag).status, 204);
    QCOMPARE(http(m_port, "GET", u"/fhir/"_s + flag).status, 410);
    auto hasDelete = [&](const QString& target) {
        for (const QJsonValue& e : http(m_port, "GET", target).json().value(u"entry"_s).toArray()) {
            const QJsonObject request = e.toObject().value(u"request"_s).toObject();
            if (request.value(u"method"_s).toString() == u"DELETE"_s && request.value(u"url"_s).toString() == flag)
                return true;
        }
        return false;
    };
    QVERIFY(hasDelete(u"/fhir/Flag/_history?_since="_s + since));
    QVERIFY(hasDelete(u"/fhir/_history?_since="_s + since));
    QVERIFY(hasDelete(u"/fhir/"_s + flag + u"/_history"_s));
    QVERIFY(!pageThrough(m_port, u"/fhir/Flag"_s).contains(flag));
    // Paging history: every version since the start, newest first, in pages
    // (16 generated patients plus two created here, whatever ran before).
    for (int i = 0; i < 2; ++i)
        QCOMPARE(http(m_port, "POST", u"/fhir/Patient"_s, toJson({{u"resourceType"_s, u"Patient"_s}})).status, 201);
    QVERIFY(pageThrough(m_port, u"/fhir/Patient/_history?_count=3"_s).size() >= 18);
}

void TestSimulator::errorsAreOperationOutcomes()
{
    auto expect = [&](const Reply& r, int status) {
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    };
    expect(http(m_port, "GET", u"/fhir/NoSuchType"_s), 404);
    expect(http(m_port, "GET", u"/fhir/Patient/does-not-exist"_s), 404);
    expect(http(m_port, "GET", u"/fhir/Patient?_count=many"_s), 400);
    expect(http(m_port, "GET", u"/fhir/Patient?_lastUpdated=gtyesterday"_s), 400);
    expect(http(m_port, "PATCH", u"/fhir/Patient/pat-1"_s, "[]"), 405);
    expect(http(m_port, "DELETE", u"/fhir/Patient"_s), 405);
    expect(http(m_port, "POST", u"/fhir/Patient"_s, "{not json"), 400);
    expect(http(m_port, "POST", u"/fhir/Patient"_s, toJson({{u"resourceType"_s, u"Observation"_s}})), 400);
    expect(http(m_port, "POST", u"/fhir/MedicationRequest"_s, toJson({{u"resourceType"_s, u"MedicationRequest"_s}})), 422);
    expect(http(m_port, "PUT", u"/fhir/Patient/pat-1"_s, toJson({{u"resourceType"_s, u"Patient"_s}, {u"id"_s, u"pat-9"_s}})), 400);
    expect(http(m_port, "GET", u"/fhir/Patient?nonsense=1"_s, {}, {{"Prefer", "handling=strict"}}), 400);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient?nonsense=1"_s).status, 200);
    // Discontinuing an order twice conflicts.
    const QString mr = pageThrough(m_port, u"/fhir/MedicationRequest?patient=pat-5&status=active"_s).first().section(u'/', 1);
    const QByteArray body = toJson({{u"medicationRequest"_s, mr}});
    QCOMPARE(http(m_port, "POST", u"/$sim/discontinue"_s, body).status, 200);
    expect(http(m_port, "POST", u"/$sim/discontinue"_s, body), 409);
}

void TestSimulator::capabilityStatementListsExport()
{
    const QJsonObject cs = http(m_port, "GET", u"/fhir/metadata"_s).json();
    QCOMPARE(cs.value(u"resourceType"_s).toString(), u"CapabilityStatement"_s);
    QCOMPARE(cs.value(u"fhirVersion"_s).toString(), u"4.0.1"_s);
    const QJsonObject rest = cs.value(u"rest"_s).toArray().at(0).toObject();
    QCOMPARE(rest.value(u"operation"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"export"_s);
    bool groupExport = false, lastUpdated = false;
    for (const QJsonValue& r : rest.value(u"resource"_s).toArray()) {
        const QJsonObject o = r.toObject();
        if (o.value(u"type"_s).toString() == u"Group"_s)
            groupExport = !o.value(u"operation"_s).toArray().isEmpty();
        if (o.value(u"type"_s).toString() == u"MedicationRequest"_s)
            for (const QJsonValue& p : o.value(u"searchParam"_s).toArray())
                lastUpdated = lastUpdated || p.toObject().value(u"name"_s).toString() == u"_lastUpdated"_s;
    }
    QVERIFY(groupExport);
    QVERIFY(lastUpdated);
}

void TestSimulator::adminActionsChangeOrders()
{
    const QString mr = pageThrough(m_port, u"/fhir/MedicationRequest?patient=pat-6&status=active"_s).first().section(u'/', 1);
    const Reply dose = http(m_port, "POST", u"/$sim/change-dose"_s, toJson({{u"medicationRequest"_s, mr}, {u"value"_s, 7.5}}));
    QCOMPARE(dose.status, 200);
    QCOMPARE(dose.json().value(u"meta"_s).toObject().value(u"versionId"_s).toString(), u"2"_s);
    QCOMPARE(dose.json().value(u"dosageInstruction"_s).toArray().at(0).toObject().value(u"doseAndRate"_s).toArray().at(0)
                 .toObject().value(u"doseQuantity"_s).toObject().value(u"value"_s).toDouble(), 7.5);
    const Reply stop = http(m_port, "POST", u"/$sim/discontinue"_s,
        toJson({{u"medicationRequest"_s, QString(u"MedicationRequest/"_s + mr)}, {u"status"_s, u"cancelled"_s}}));
    QCOMPARE(stop.json().value(u"status"_s).toString(), u"cancelled"_s);
    QCOMPARE(http(m_port, "GET", u"/fhir/MedicationRequest/"_s + mr).headers.value("etag"), QByteArray("W/\"3\""));

    const Reply given = http(m_port, "POST", u"/$sim/administer"_s,
        toJson({{u"medicationRequest"_s, pageThrough(m_port, u"/fhir/MedicationRequest?patient=pat-7&status=active"_s).first()},
            {u"identifier"_s, QJsonObject{{u"system"_s, u"urn:paper"_s}, {u"value"_s, u"p-1"_s}}}}));
    QCOMPARE(given.status, 200);
    QCOMPARE(given.json().value(u"status"_s).toString(), u"completed"_s);

    const Reply admitted = http(m_port, "POST", u"/$sim/admit"_s, toJson({{u"ward"_s, u"ward-2"_s}}));
    QCOMPARE(admitted.status, 200);
    const QString newPatient = admitted.json().value(u"patient"_s).toString();
    const QJsonObject group = http(m_port, "GET", u"/fhir/Group/ward-2"_s).json();
    QVERIFY(QJsonDocument(group).toJson().contains(newPatient.toUtf8()));
    QCOMPARE(http(m_port, "POST", u"/$sim/discharge"_s, toJson({{u"patient"_s, newPatient}})).json()
                 .value(u"status"_s).toString(), u"finished"_s);
    QVERIFY(!QJsonDocument(http(m_port, "GET", u"/fhir/Group/ward-2"_s).json()).toJson().contains(newPatient.toUtf8()));
}

void TestSimulator::tickAppliesChanges()
{
    m_clock.advanceSecs(60);
    const QString since = m_clock.now().toString(Qt::ISODateWithMs);
    const Reply r = http(m_port, "POST", u"/$sim/tick"_s, toJson({{u"changes"_s, 25}}));
    QCOMPARE(r.status, 200);
    const QJsonArray applied = r.json().value(u"applied"_s).toArray();
    QVERIFY(applied.size() >= 20);
    QVERIFY(!pageThrough(m_port, u"/fhir/_history?_since="_s + since).isEmpty());
    const QJsonObject status = http(m_port, "GET", u"/$sim/status"_s).json();
    QVERIFY(status.value(u"changesApplied"_s).toInt() >= 20);
    QCOMPARE(status.value(u"fault"_s).toObject().value(u"mode"_s).toString(), u"none"_s);
}

void TestSimulator::typeHistoryCanBeSwitchedOff()
{
    // Like Medplum: no type or system history, so clients search by _lastUpdated.
    sim::FhirRestApi& api = m_server->simulator().fhirApi();
    api.setTypeHistory(false);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/_history"_s).status, 404);
    QCOMPARE(http(m_port, "GET", u"/fhir/_history"_s).status, 404);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1/_history"_s).status, 200);
    const QByteArray capability = http(m_port, "GET", u"/fhir/metadata"_s).body;
    QVERIFY(!capability.contains("history-type"));
    QVERIFY(!capability.contains("history-system"));
    api.setTypeHistory(true);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/_history"_s).status, 200);
    QVERIFY(http(m_port, "GET", u"/fhir/metadata"_s).body.contains("history-type"));
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "test_simulator.moc"
