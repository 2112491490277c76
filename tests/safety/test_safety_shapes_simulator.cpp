// Clinical truth (issue 9): EHR data shaped differently from what Lantern was
// built on reaches the nurse unchanged in meaning. The simulator serves the
// shapes of other EHRs (--medication-shape mixed): orders and administrations
// reference Medication resources, every second reference without a display
// (Epic's MedicationRequest), home medication as MedicationStatements, devices
// only through DeviceUseStatements (no Device.patient). The real mirror engine
// copies 20 patients into a real vault; every active medication must then be
// named and coded, through searches, _history, _lastUpdated searches and Bulk
// Data alike, and a Medication changed on the EHR must reach the vault.
//
// Hazard: an order shown without a name ("-") or without codes, so the allergy
// check by code cannot fire; home medication invisible ("0 active medications");
// a pacemaker missing from the emergency sheet.

#include "MirrorTestSupport.h"
#include "TestSupport.h"

#include "sync/mirror/MirrorEngine.h"
#include "core/record/DrugClasses.h"
#include "core/records/PatientRecords.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

namespace {

const QStringList kWards = {QStringLiteral("ward-1"), QStringLiteral("ward-2")};

QJsonObject parse(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestSafetyShapesSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyActiveMedicationNamedAndCoded_data();
    void everyActiveMedicationNamedAndCoded();
    void referencesWithoutDisplayStillNameAndClassTheDrug();
    void changedMedicationReachesTheVault_data();
    void changedMedicationReachesTheVault();
    void deviceUseStatementReachesTheEmergencySheet();
    void purgeKeepsMedicationsKeptPatientsReference();
    void defaultShapeUnchanged();

private:
    void startServer(bool typeHistory, sim::MedicationShape shape = sim::MedicationShape::Mixed);
    std::unique_ptr<MirrorEngine> makeEngine(const Clock& clock, MirrorConfig config = {});
    MirrorConfig baseConfig() const;
    std::unique_ptr<vault::Vault> openVault() const;
    QSet<QString> inScope() { return test::patientsOnWards(m_server->simulator(), kWards); }
    QList<QJsonObject> serverResources(const QString& type);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_vaultPath;
};

void TestSafetyShapesSimulator::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vaultPath = m_dir->filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
}

void TestSafetyShapesSimulator::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestSafetyShapesSimulator::startServer(bool typeHistory, sim::MedicationShape shape)
{
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = 10;
    options.generator.seed = 11;
    options.generator.medicationShape = shape;
    options.typeHistory = typeHistory;
    m_server = std::make_unique<sim::SimServer>(options);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
}

MirrorConfig TestSafetyShapesSimulator::baseConfig() const
{
    MirrorConfig c;
    c.baseUrl = QUrl(m_server->baseUrl());
    c.scope.wardLocationIds = kWards;
    c.retryAttempts = 1;
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 5000;
    c.retryMaxDelayMs = 200;
    c.deletionSweepMinutes = 0;
    return c;
}

std::unique_ptr<MirrorEngine> TestSafetyShapesSimulator::makeEngine(const Clock& clock, MirrorConfig config)
{
    if (config.baseUrl.isEmpty())
        config = baseConfig();
    const QString path = m_vaultPath;
    return std::make_unique<MirrorEngine>(config, [path] { return vault::Vault::open(path, test::fixedKey()); }, clock);
}

std::unique_ptr<vault::Vault> TestSafetyShapesSimulator::openVault() const
{
    auto v = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!v.ok())
        qFatal("cannot open the test vault: %s", qPrintable(v.error().message));
    return std::move(*v);
}

QList<QJsonObject> TestSafetyShapesSimulator::serverResources(const QString& type)
{
    sim::ExportSelection selection;
    selection.types = {type};
    const auto snapshot = m_server->simulator().store().exportSnapshot(selection);
    QList<QJsonObject> out;
    for (const QByteArray& json : snapshot.value(type))
        out.append(parse(json));
    return out;
}

void TestSafetyShapesSimulator::everyActiveMedicationNamedAndCoded_data()
{
    QTest::addColumn<bool>("typeHistory");
    QTest::addColumn<bool>("bulk");
    QTest::newRow("searches, _history") << true << false;
    QTest::newRow("searches, no _history") << false << false;
    QTest::newRow("bulk export") << true << true;
}

void TestSafetyShapesSimulator::everyActiveMedicationNamedAndCoded()
{
    QFETCH(bool, typeHistory);
    QFETCH(bool, bulk);
    startServer(typeHistory);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    MirrorConfig config = baseConfig();
    QSet<QString> patients = inScope();
    if (bulk) {
        config.scope = {};
        config.scope.groupId = QStringLiteral("ward-1");
        patients = test::patientsOnWards(m_server->simulator(), {QStringLiteral("ward-1")});
    }
    auto engine = makeEngine(clock, config);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->usedBulkExport, bulk);
    QCOMPARE(patients.size(), bulk ? 10 : 20);

    // The vault holds exactly what the EHR has for these patients, referenced Medications included.
    {
        auto vault = openVault();
        const test::VersionMap expected = test::expectedFromSimulator(m_server->simulator(), patients);
        const test::VersionMap actual = test::actualFromVault(*vault);
        QVERIFY2(expected == actual, qPrintable(test::describeDifference(expected, actual)));
    }

    auto vault = openVault();
    records::PatientRecords records(*vault);
    int orders = 0;
    int statements = 0;
    for (const QString& id : std::as_const(patients)) {
        auto chart = records.chart(id);
        QVERIFY2(chart.ok(), chart.ok() ? "" : qPrintable(chart.error().message));
        for (const model::MedicationOrder& o : chart->activeOrders()) {
            const QString what = QStringLiteral("%1/%2").arg(o.source == model::MedicationOrder::Source::Statement
                                                                 ? QStringLiteral("MedicationStatement")
                                                                 : QStringLiteral("MedicationRequest"),
                                                             o.meta.id);
            QVERIFY2(o.medication.resolved, qPrintable(what + QStringLiteral(": Medication not in the vault")));
            QVERIFY2(!o.medication.text.isEmpty() && o.medication.text != QStringLiteral("-"),
                     qPrintable(what + QStringLiteral(": no name")));
            QVERIFY2(!o.medication.code(model::DrugCodeSystem::Atc).isEmpty(), qPrintable(what + QStringLiteral(": no ATC code")));
            (o.source == model::MedicationOrder::Source::Statement ? statements : orders) += 1;
        }
    }
    QVERIFY2(orders >= patients.size(), qPrintable(QStringLiteral("%1 active orders").arg(orders)));
    QVERIFY2(statements >= patients.size(), qPrintable(QStringLiteral("%1 home medications").arg(statements)));
}

void TestSafetyShapesSimulator::referencesWithoutDisplayStillNameAndClassTheDrug()
{
    startServer(true);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());

    // The orders whose reference carries no display: only the Medication can name them.
    QSet<QString> withoutDisplay;
    const QList<QJsonObject> requests = serverResources(QStringLiteral("MedicationRequest"));
    for (const QJsonObject& r : requests) {
        const QJsonObject ref = r.value(QLatin1String("medicationReference")).toObject();
        QVERIFY2(!ref.isEmpty(), "the reshaped simulator sent an order without a medicationReference");
        if (!ref.contains(QLatin1String("display")))
            withoutDisplay.insert(r.value(QLatin1String("id")).toString());
    }
    QVERIFY(withoutDisplay.size() >= 10);

    auto vault = openVault();
    records::PatientRecords records(*vault);
    int seen = 0;
    int classed = 0;
    for (const QString& id : inScope()) {
        auto chart = records.chart(id);
        QVERIFY(chart.ok());
        for (const model::MedicationOrder& o : std::as_const(chart->orders)) {
            if (!withoutDisplay.contains(o.meta.id))
                continue;
            ++seen;
            QVERIFY2(o.medication.resolved && !o.medication.text.isEmpty(), qPrintable(o.meta.id));
            QVERIFY(o.medication.reference.display.isEmpty());
            // The allergy check by class reads the codes (and the name) the Medication brought.
            if (!record::identifyMedication(o.medication).classes.isEmpty())
                ++classed;
        }
    }
    QVERIFY2(seen >= 10, qPrintable(QString::number(seen)));
    QVERIFY2(classed >= 1, "no order referenced without display can be classed for the allergy check");
}

void TestSafetyShapesSimulator::changedMedicationReachesTheVault_data()
{
    QTest::addColumn<bool>("typeHistory");
    QTest::newRow("_history") << true;
    QTest::newRow("_lastUpdated search") << false;
}

void TestSafetyShapesSimulator::changedMedicationReachesTheVault()
{
    QFETCH(bool, typeHistory);
    startServer(typeHistory);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());

    // A Medication an active order of a patient in scope references.
    QString orderId;
    QString medicationId;
    QString patientId;
    const QSet<QString> patients = inScope();
    for (const QJsonObject& r : serverResources(QStringLiteral("MedicationRequest"))) {
        const QString patient = r.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString().section(QLatin1Char('/'), 1);
        if (r.value(QLatin1String("status")).toString() != QLatin1String("active") || !patients.contains(patient))
            continue;
        orderId = r.value(QLatin1String("id")).toString();
        patientId = patient;
        medicationId = r.value(QLatin1String("medicationReference")).toObject().value(QLatin1String("reference")).toString().section(QLatin1Char('/'), 1);
        break;
    }
    QVERIFY(!medicationId.isEmpty());

    auto current = m_server->simulator().store().readObject(QStringLiteral("Medication"), medicationId);
    QVERIFY(current);
    QJsonObject changed = *current;
    QJsonObject code = changed.value(QLatin1String("code")).toObject();
    code.insert(QStringLiteral("text"), QStringLiteral("Neuer Handelsname 5 mg"));
    changed.insert(QStringLiteral("code"), code);
    auto written = m_server->simulator().store().put(changed);
    QVERIFY(written.ok());
    const QString newVersion = QString::number(written->version.versionId);

    clock.advanceSecs(30);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));

    auto vault = openVault();
    auto versions = vault::MirrorRepository(vault->db()).versionsOfType(QStringLiteral("Medication"));
    QVERIFY(versions.ok());
    QCOMPARE(versions->value(medicationId), newVersion);
    auto chart = records::PatientRecords(*vault).chart(patientId);
    QVERIFY(chart.ok());
    bool found = false;
    for (const model::MedicationOrder& o : std::as_const(chart->orders))
        if (o.meta.id == orderId) {
            found = true;
            QCOMPARE(o.medication.text, QStringLiteral("Neuer Handelsname 5 mg"));
        }
    QVERIFY(found);
}

void TestSafetyShapesSimulator::deviceUseStatementReachesTheEmergencySheet()
{
    startServer(false);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());

    const QSet<QString> patients = inScope();
    QHash<QString, QString> deviceNameOfPatient;
    for (const QJsonObject& s : serverResources(QStringLiteral("DeviceUseStatement"))) {
        const QString patient = s.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString().section(QLatin1Char('/'), 1);
        const QString device = s.value(QLatin1String("device")).toObject().value(QLatin1String("reference")).toString().section(QLatin1Char('/'), 1);
        auto d = m_server->simulator().store().readObject(QStringLiteral("Device"), device);
        QVERIFY(d);
        QVERIFY2(!d->contains(QLatin1String("patient")), "the reshaped simulator kept Device.patient");
        if (patients.contains(patient))
            deviceNameOfPatient.insert(patient, d->value(QLatin1String("deviceName")).toArray().at(0).toObject()
                                                    .value(QLatin1String("name")).toString());
    }
    QVERIFY2(!deviceNameOfPatient.isEmpty(), "no patient in scope has a device");

    auto vault = openVault();
    records::PatientRecords records(*vault);
    for (auto it = deviceNameOfPatient.constBegin(); it != deviceNameOfPatient.constEnd(); ++it) {
        auto chart = records.chart(it.key());
        QVERIFY(chart.ok());
        QStringList names;
        for (const model::Device& d : std::as_const(chart->devices))
            names << d.deviceName;
        QVERIFY2(names.contains(it.value()), qPrintable(names.join(QLatin1Char(','))));
    }
}

void TestSafetyShapesSimulator::purgeKeepsMedicationsKeptPatientsReference()
{
    startServer(true);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto engine = makeEngine(clock);
    QVERIFY(engine->runCycle().ok());

    const QSet<QString> scope = inScope();
    QStringList patients(scope.cbegin(), scope.cend());
    patients.sort();
    const QString leaving = patients.at(0);
    const QString staying = patients.at(1);
    // The staying patient's home medication names a Medication of the leaving patient's orders.
    QString shared;
    QSet<QString> leavingMedications;
    for (const QJsonObject& r : serverResources(QStringLiteral("MedicationRequest"))) {
        if (r.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString() != QStringLiteral("Patient/") + leaving)
            continue;
        leavingMedications.insert(r.value(QLatin1String("medicationReference")).toObject().value(QLatin1String("reference")).toString());
    }
    QVERIFY(leavingMedications.size() >= 2);
    QStringList leavingSorted(leavingMedications.cbegin(), leavingMedications.cend());
    leavingSorted.sort();
    shared = leavingSorted.first();
    const QJsonObject statement{{QStringLiteral("resourceType"), QStringLiteral("MedicationStatement")},
                                {QStringLiteral("status"), QStringLiteral("active")},
                                {QStringLiteral("medicationReference"), QJsonObject{{QStringLiteral("reference"), shared}}},
                                {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + staying)}}}};
    QVERIFY(m_server->simulator().store().create(statement).ok());
    QVERIFY(m_server->simulator().actions().discharge(QStringLiteral("Patient/") + leaving).ok());
    clock.advanceSecs(30);
    QVERIFY(engine->runCycle().ok());
    clock.advanceSecs(25 * 3600);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsPurged, qint64(1));

    auto vault = openVault();
    vault::ResourceRepository repository(vault->db());
    for (const QString& ref : std::as_const(leavingSorted)) {
        auto stored = repository.get(QStringLiteral("Medication"), ref.section(QLatin1Char('/'), 1));
        QVERIFY(stored.ok());
        QCOMPARE(stored->has_value(), ref == shared); // only the one a kept patient still references
    }
    auto chart = records::PatientRecords(*vault).chart(staying);
    QVERIFY(chart.ok());
    bool named = false;
    for (const model::MedicationOrder& o : std::as_const(chart->orders))
        if (o.medication.reference.reference == shared)
            named = o.medication.resolved && !o.medication.text.isEmpty();
    QVERIFY(named);
}

void TestSafetyShapesSimulator::defaultShapeUnchanged()
{
    // Without --medication-shape the hospital is what it always was: codes in every order.
    startServer(true, sim::MedicationShape::Inline);
    QVERIFY(serverResources(QStringLiteral("Medication")).isEmpty());
    QVERIFY(serverResources(QStringLiteral("MedicationStatement")).isEmpty());
    QVERIFY(serverResources(QStringLiteral("DeviceUseStatement")).isEmpty());
    for (const QJsonObject& r : serverResources(QStringLiteral("MedicationRequest")))
        QVERIFY(r.contains(QLatin1String("medicationCodeableConcept")));
    for (const QJsonObject& d : serverResources(QStringLiteral("Device")))
        QVERIFY(d.contains(QLatin1String("patient")));
}

QTEST_GUILESS_MAIN(TestSafetyShapesSimulator)
#include "test_safety_shapes_simulator.moc"
