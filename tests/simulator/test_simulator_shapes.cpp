// lantern-ehr-sim --medication-shape: orders referencing Medication resources
// (every second reference without display), home medication as
// MedicationStatements, devices through DeviceUseStatements; and the new types
// in search (_include), _history, $export and the CapabilityStatement.
#include "SimHttp.h"

#include <SimServer.h>
#include <SimulatorOptions.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lantern;
using namespace simtest;

class TestSimulatorShapes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ordersReferenceMedications();
    void homeMedicationAndDeviceStatements();
    void includeBringsTheMedications();
    void capabilityStatementListsIncludes();
    void historyAndExportCarryTheNewTypes();
    void commandLineOption();
    void sameSeedSameHospital();

private:
    QJsonObject search(const QString& query) { return http(m_server->port(), "GET", u"/fhir/"_s + query).json(); }

    std::unique_ptr<sim::SimServer> m_server;
};

namespace {

sim::SimulatorOptions shapedOptions()
{
    sim::SimulatorOptions o;
    o.generator.wards = 1;
    o.generator.patientsPerWard = 6;
    o.generator.seed = 5;
    o.generator.anchorMs = 1772352000000; // 2026-03-01T08:00:00Z
    o.generator.medicationShape = sim::MedicationShape::Mixed;
    return o;
}

QList<QJsonObject> resources(const QJsonObject& bundle, const QString& mode = {})
{
    QList<QJsonObject> out;
    for (const QJsonValue& e : bundle.value(u"entry"_s).toArray()) {
        const QJsonObject entry = e.toObject();
        if (mode.isEmpty() || entry.value(u"search"_s).toObject().value(u"mode"_s).toString() == mode)
            out.append(entry.value(u"resource"_s).toObject());
    }
    return out;
}

} // namespace

void TestSimulatorShapes::initTestCase()
{
    m_server = std::make_unique<sim::SimServer>(shapedOptions());
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
}

void TestSimulatorShapes::cleanupTestCase()
{
    m_server.reset();
}

void TestSimulatorShapes::ordersReferenceMedications()
{
    const QList<QJsonObject> orders = resources(search(u"MedicationRequest?_count=1000"_s));
    QVERIFY(orders.size() >= 6);
    int withDisplay = 0;
    for (const QJsonObject& o : orders) {
        QVERIFY(!o.contains(u"medicationCodeableConcept"_s));
        const QJsonObject ref = o.value(u"medicationReference"_s).toObject();
        QVERIFY(ref.value(u"reference"_s).toString().startsWith(u"Medication/"_s));
        withDisplay += ref.contains(u"display"_s) ? 1 : 0;
        const QJsonObject med = http(m_server->port(), "GET", u"/fhir/"_s + ref.value(u"reference"_s).toString()).json();
        QCOMPARE(med.value(u"resourceType"_s).toString(), u"Medication"_s);
        QVERIFY(!med.value(u"code"_s).toObject().value(u"coding"_s).toArray().isEmpty());
    }
    QVERIFY(withDisplay > 0 && withDisplay < orders.size()); // some references carry no display

    // An administration names the Medication its order names.
    const QList<QJsonObject> given = resources(search(u"MedicationAdministration?_count=1000"_s));
    QVERIFY(!given.isEmpty());
    for (const QJsonObject& a : given) {
        const QString request = a.value(u"request"_s).toObject().value(u"reference"_s).toString();
        const QJsonObject order = http(m_server->port(), "GET", u"/fhir/"_s + request).json();
        QCOMPARE(a.value(u"medicationReference"_s).toObject().value(u"reference"_s),
                 order.value(u"medicationReference"_s).toObject().value(u"reference"_s));
    }
}

void TestSimulatorShapes::homeMedicationAndDeviceStatements()
{
    const QList<QJsonObject> statements = resources(search(u"MedicationStatement?patient=pat-1,pat-2,pat-3,pat-4,pat-5,pat-6"_s));
    QVERIFY(statements.size() >= 3);
    for (const QJsonObject& s : statements) {
        QCOMPARE(s.value(u"status"_s).toString(), u"active"_s);
        QVERIFY(s.value(u"medicationReference"_s).toObject().value(u"reference"_s).toString().startsWith(u"Medication/"_s));
    }
    const QList<QJsonObject> uses = resources(search(u"DeviceUseStatement?_count=1000"_s));
    const QList<QJsonObject> devices = resources(search(u"Device?_count=1000"_s));
    QCOMPARE(uses.size(), devices.size());
    for (const QJsonObject& d : devices)
        QVERIFY(!d.contains(u"patient"_s));
    for (const QJsonObject& u : uses) {
        const QString patient = u.value(u"subject"_s).toObject().value(u"reference"_s).toString();
        QVERIFY(patient.startsWith(u"Patient/"_s));
        const QJsonObject bySubject = search(u"DeviceUseStatement?subject="_s + patient);
        QVERIFY(!resources(bySubject).isEmpty());
    }
}

void TestSimulatorShapes::includeBringsTheMedications()
{
    const QJsonObject bundle = search(u"MedicationRequest?subject=Patient/pat-1&_include=MedicationRequest:medication"_s);
    const QList<QJsonObject> matches = resources(bundle, u"match"_s);
    const QList<QJsonObject> included = resources(bundle, u"include"_s);
    QVERIFY(!matches.isEmpty());
    QSet<QString> wanted;
    for (const QJsonObject& m : matches)
        wanted.insert(m.value(u"medicationReference"_s).toObject().value(u"reference"_s).toString());
    QSet<QString> got;
    for (const QJsonObject& i : included)
        got.insert(u"Medication/"_s + i.value(u"id"_s).toString());
    QCOMPARE(got, wanted);
    QCOMPARE(bundle.value(u"total"_s).toInt(-1) < 0 || bundle.value(u"total"_s).toInt() == matches.size(), true);
    // Search by the medication reference itself.
    const QString first = *wanted.cbegin();
    QVERIFY(!resources(search(u"MedicationRequest?medication="_s + first)).isEmpty());
}

void TestSimulatorShapes::capabilityStatementListsIncludes()
{
    const QJsonObject cs = search(u"metadata"_s);
    QSet<QString> includes;
    for (const QJsonValue& r : cs.value(u"rest"_s).toArray().at(0).toObject().value(u"resource"_s).toArray())
        for (const QJsonValue& i : r.toObject().value(u"searchInclude"_s).toArray())
            includes.insert(i.toString());
    for (const QString& expected : {u"MedicationRequest:medication"_s, u"MedicationStatement:medication"_s,
                                    u"MedicationAdministration:medication"_s, u"DeviceUseStatement:device"_s})
        QVERIFY2(includes.contains(expected), qPrintable(expected));
}

void TestSimulatorShapes::historyAndExportCarryTheNewTypes()
{
    for (const QString& type : {u"Medication"_s, u"MedicationStatement"_s, u"DeviceUseStatement"_s}) {
        const QJsonObject history = search(type + u"/_history?_count=1000"_s);
        QCOMPARE(history.value(u"type"_s).toString(), u"history"_s);
        QVERIFY2(!history.value(u"entry"_s).toArray().isEmpty(), qPrintable(type));
    }
    // A Group export asked for Medication brings the Medications its resources reference.
    sim::ExportSelection selection;
    selection.types = {u"MedicationRequest"_s, u"Medication"_s};
    selection.patients = QSet<QString>{u"Patient/pat-1"_s};
    const auto snapshot = m_server->simulator().store().exportSnapshot(selection);
    QSet<QString> referenced;
    for (const QByteArray& line : snapshot.value(u"MedicationRequest"_s))
        referenced.insert(QJsonDocument::fromJson(line).object().value(u"medicationReference"_s).toObject()
                              .value(u"reference"_s).toString());
    QSet<QString> exported;
    for (const QByteArray& line : snapshot.value(u"Medication"_s))
        exported.insert(u"Medication/"_s + QJsonDocument::fromJson(line).object().value(u"id"_s).toString());
    QVERIFY(!referenced.isEmpty());
    QCOMPARE(exported, referenced);
}

void TestSimulatorShapes::commandLineOption()
{
    QCommandLineParser parser;
    sim::addCommandLineOptions(parser);
    parser.process(QStringList{u"sim"_s, u"--medication-shape"_s, u"reference"_s});
    auto options = sim::optionsFromCommandLine(parser);
    QVERIFY(options.ok());
    QCOMPARE(options->generator.medicationShape, sim::MedicationShape::Reference);

    QCommandLineParser plain;
    sim::addCommandLineOptions(plain);
    plain.process(QStringList{u"sim"_s});
    auto defaults = sim::optionsFromCommandLine(plain);
    QVERIFY(defaults.ok());
    QCOMPARE(defaults->generator.medicationShape, sim::MedicationShape::Inline);

    QVERIFY(!sim::parseMedicationShape(u"epic"_s).ok());
}

void TestSimulatorShapes::sameSeedSameHospital()
{
    // Same seed, same reshaped hospital (ids and content; lastUpdated is the start time).
    sim::SimServer again(shapedOptions());
    QVERIFY(again.start().ok());
    auto summary = [](sim::SimServer& server, const QString& type) {
        QStringList out;
        for (const QByteArray& line : server.simulator().store().exportSnapshot({}).value(type)) {
            QJsonObject r = QJsonDocument::fromJson(line).object();
            r.remove(u"meta"_s);
            out << QString::fromUtf8(QJsonDocument(r).toJson(QJsonDocument::Compact));
        }
        out.sort();
        return out;
    };
    for (const QString& type : {u"Medication"_s, u"MedicationStatement"_s, u"MedicationRequest"_s, u"DeviceUseStatement"_s})
        QCOMPARE(summary(again, type), summary(*m_server, type));
}

QTEST_GUILESS_MAIN(TestSimulatorShapes)
#include "test_simulator_shapes.moc"
