// Which Observations the mirror keeps, against the real simulator over real
// HTTP: vital signs and the pregnancy status of the emergency sheet (LOINC
// 82810-3, not a vital sign), never labs. Initial load, incremental pulls over
// _history and over _lastUpdated searches (a server without _history, with
// its deletion sweep), and Group $export.

#include "MirrorTestSupport.h"
#include "TestSupport.h"

#include "core/fhir/ChartBuilder.h"
#include "core/fhir/PregnancyMapping.h"
#include "sync/mirror/MirrorEngine.h"
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
using lantern::sim::catalog::PregnancyAnswer;

namespace {

const QStringList kWards = {QStringLiteral("ward-1"), QStringLiteral("ward-2")};

QJsonObject loinc(const QString& code, const QString& display)
{
    return QJsonObject{{QStringLiteral("coding"),
                        QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://loinc.org")},
                                               {QStringLiteral("code"), code},
                                               {QStringLiteral("display"), display}}}}};
}

// A haemoglobin result: an Observation the mirror must leave on the server.
QJsonObject labResult(const QString& patientId, double gramsPerDecilitre)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Observation")},
        {QStringLiteral("status"), QStringLiteral("final")},
        {QStringLiteral("category"),
         QJsonArray{QJsonObject{{QStringLiteral("coding"),
                                 QJsonArray{QJsonObject{
                                     {QStringLiteral("system"),
                                      QStringLiteral("http://terminology.hl7.org/CodeSystem/observation-category")},
                                     {QStringLiteral("code"), QStringLiteral("laboratory")}}}}}}},
        {QStringLiteral("code"), loinc(QStringLiteral("718-7"), QStringLiteral("Hemoglobin [Mass/volume] in Blood"))},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patientId)}}},
        {QStringLiteral("effectiveDateTime"), QStringLiteral("2026-03-01T07:30:00+01:00")},
        {QStringLiteral("valueQuantity"), QJsonObject{{QStringLiteral("value"), gramsPerDecilitre},
                                                      {QStringLiteral("unit"), QStringLiteral("g/dL")},
                                                      {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                                                      {QStringLiteral("code"), QStringLiteral("g/dL")}}}};
}

} // namespace

class TestMirrorObservations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pregnancyStatusMirroredLabsNot_data();
    void pregnancyStatusMirroredLabsNot();
    void bulkExportKeepsPregnancyStatusNotLabs();

private:
    std::unique_ptr<MirrorEngine> makeEngine(const Clock& clock, const MirrorConfig& config);
    MirrorConfig baseConfig() const;
    // Pregnancy status Observations the simulator holds for `patients`: id -> patient id.
    QMap<QString, QString> pregnancyStatusesOnServer(const QSet<QString>& patients) const;
    QString createLab(const QString& patientId, double value);
    // The vault's Observation/id (versionId), or empty when it is not there.
    QString vaultVersion(const QString& observationId) const;
    // The pregnancy state the emergency sheet would show for the patient, from the vault.
    std::optional<model::PregnancyState> chartState(const QString& patientId) const;
    void verifyVaultMatches(const QSet<QString>& patients) const;
    QSet<QString> inScope() const { return test::patientsOnWards(m_server->simulator(), kWards); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_vaultPath;
};

void TestMirrorObservations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vaultPath = m_dir->filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
    sim::SimulatorOptions options;
    options.generator.wards = 3;
    options.generator.patientsPerWard = 6;
    options.generator.seed = 7;
    m_server = std::make_unique<sim::SimServer>(options);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
}

void TestMirrorObservations::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

MirrorConfig TestMirrorObservations::baseConfig() const
{
    MirrorConfig c;
    c.baseUrl = QUrl(m_server->baseUrl());
    c.scope.wardLocationIds = kWards;
    c.retryAttempts = 1;
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 2000;
    c.retryMaxDelayMs = 200;
    return c;
}

std::unique_ptr<MirrorEngine> TestMirrorObservations::makeEngine(const Clock& clock, const MirrorConfig& config)
{
    const QString path = m_vaultPath;
    return std::make_unique<MirrorEngine>(config, [path] { return vault::Vault::open(path, test::fixedKey()); }, clock);
}

QMap<QString, QString> TestMirrorObservations::pregnancyStatusesOnServer(const QSet<QString>& patients) const
{
    QMap<QString, QString> out;
    const auto snapshot = m_server->simulator().store().exportSnapshot({{QStringLiteral("Observation")}, std::nullopt, std::nullopt});
    for (const QByteArray& json : snapshot.value(QStringLiteral("Observation"))) {
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        const QString patient = o.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString()
                                    .section(QLatin1Char('/'), -1);
        if (fhir::isPregnancyStatusObservation(o) && patients.contains(patient))
            out.insert(o.value(QLatin1String("id")).toString(), patient);
    }
    return out;
}

QString TestMirrorObservations::createLab(const QString& patientId, double value)
{
    auto written = m_server->simulator().store().create(labResult(patientId, value));
    return written.ok() ? written->id : QString();
}

QString TestMirrorObservations::vaultVersion(const QString& observationId) const
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!vault.ok())
        return QStringLiteral("cannot open the vault");
    return test::actualFromVault(**vault).value(QStringLiteral("Observation/") + observationId);
}

std::optional<model::PregnancyState> TestMirrorObservations::chartState(const QString& patientId) const
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!vault.ok())
        return std::nullopt;
    auto stored = vault::ResourceRepository((*vault)->db()).forPatient(patientId);
    if (!stored.ok())
        return std::nullopt;
    QList<QJsonObject> resources;
    for (const vault::StoredResource& r : std::as_const(*stored))
        resources.append(QJsonDocument::fromJson(r.json).object());
    const model::PatientChart chart = fhir::buildChart(patientId, resources);
    if (chart.pregnancyStatus.isEmpty())
        return std::nullopt;
    return chart.pregnancyStatus.constFirst().state;
}

void TestMirrorObservations::verifyVaultMatches(const QSet<QString>& patients) const
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    QVERIFY(vault.ok());
    const test::VersionMap expected = test::expectedFromSimulator(m_server->simulator(), patients);
    const test::VersionMap actual = test::actualFromVault(**vault);
    QVERIFY2(expected == actual, qPrintable(test::describeDifference(expected, actual)));
}

void TestMirrorObservations::pregnancyStatusMirroredLabsNot_data()
{
    QTest::addColumn<bool>("typeHistory");
    QTest::newRow("_history") << true;
    QTest::newRow("_lastUpdated search") << false;
}

void TestMirrorObservations::pregnancyStatusMirroredLabsNot()
{
    QFETCH(bool, typeHistory);
    m_server->simulator().fhirApi().setTypeHistory(typeHistory);
    const QSet<QString> patients = inScope();
    const QMap<QString, QString> generated = pregnancyStatusesOnServer(patients);
    QVERIFY2(!generated.isEmpty(), "the generator gave no woman on the mirrored wards a pregnancy status");
    const QString statusId = generated.firstKey();
    const QString patient = generated.first();
    const QString lab = createLab(patient, 11.2);
    QVERIFY(!lab.isEmpty());

    ManualClock clock(QDateTime::currentDateTimeUtc());
    MirrorConfig config = baseConfig();
    config.deletionSweepMinutes = 0; // without _history: sweep every cycle, which must not drop the status
    auto engine = makeEngine(clock, config);
    auto initial = engine->runCycle();
    QVERIFY2(initial.ok(), initial.ok() ? "" : qPrintable(initial.error().message));
    QCOMPARE(initial->patientsLoaded, qint64(patients.size()));
    for (auto it = generated.constBegin(); it != generated.constEnd(); ++it)
        QCOMPARE(vaultVersion(it.key()), QStringLiteral("1"));
    QCOMPARE(vaultVersion(lab), QString());
    verifyVaultMatches(patients);
    const std::optional<model::PregnancyState> before = chartState(patient);
    QVERIFY(before.has_value());

    // A new answer, another lab result, and a first status for a patient who had none.
    const bool wasPregnant = *before == model::PregnancyState::Pregnant;
    const PregnancyAnswer answer = wasPregnant ? PregnancyAnswer::NotPregnant : PregnancyAnswer::Pregnant;
    sim::ClinicalActions& actions = m_server->simulator().actions();
    QVERIFY(actions.recordPregnancyStatus(QStringLiteral("Patient/") + patient, answer).ok());
    QString other;
    for (const QString& p : patients)
        if (!generated.values().contains(p) && (other.isEmpty() || p < other))
            other = p;
    QVERIFY(!other.isEmpty());
    auto first = actions.recordPregnancyStatus(QStringLiteral("Patient/") + other, PregnancyAnswer::NotPregnant);
    QVERIFY(first.ok());
    const QString secondLab = createLab(patient, 9.8);
    QVERIFY(!secondLab.isEmpty());

    auto incremental = engine->runCycle();
    QVERIFY2(incremental.ok(), incremental.ok() ? "" : qPrintable(incremental.error().message));
    QCOMPARE(incremental->patientsLoaded, qint64(0));
    QCOMPARE(vaultVersion(statusId), QStringLiteral("2"));
    QCOMPARE(chartState(patient), std::optional(wasPregnant ? model::PregnancyState::NotPregnant
                                                             : model::PregnancyState::Pregnant));
    QCOMPARE(vaultVersion(first->id), QStringLiteral("1"));
    QCOMPARE(chartState(other), std::optional(model::PregnancyState::NotPregnant));
    QCOMPARE(vaultVersion(lab), QString());
    QCOMPARE(vaultVersion(secondLab), QString());
    verifyVaultMatches(patients);
}

void TestMirrorObservations::bulkExportKeepsPregnancyStatusNotLabs()
{
    const QSet<QString> patients = test::patientsOnWards(m_server->simulator(), {QStringLiteral("ward-2")});
    QVERIFY(!patients.isEmpty());
    QString patient = *patients.constBegin();
    for (const QString& p : patients)
        patient = std::min(patient, p);
    auto status = m_server->simulator().actions().recordPregnancyStatus(QStringLiteral("Patient/") + patient,
                                                                        PregnancyAnswer::Pregnant);
    QVERIFY(status.ok());
    const QString lab = createLab(patient, 12.5);
    QVERIFY(!lab.isEmpty());

    ManualClock clock(QDateTime::currentDateTimeUtc());
    MirrorConfig config = baseConfig();
    config.scope = {};
    config.scope.groupId = QStringLiteral("ward-2");
    auto engine = makeEngine(clock, config);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QVERIFY(report->usedBulkExport);
    QCOMPARE(vaultVersion(status->id), QString::number(status->version.versionId));
    QCOMPARE(chartState(patient), std::optional(model::PregnancyState::Pregnant));
    QCOMPARE(vaultVersion(lab), QString());
    verifyVaultMatches(patients);
}

QTEST_GUILESS_MAIN(TestMirrorObservations)
#include "test_mirror_observations.moc"
