// Clinical truth (issue 9): the HL7 IPS example bundle, served by a FHIR
// server written by others (Medplum, tests/peer) and mirrored by the real
// mirror engine. Its medication list is two active MedicationStatements whose
// medication is a medicationReference to a Medication resource: before the
// fix the mirror fetched neither, and the nurse saw "Active medications: 0".
//
// Hazard: home medication invisible, or shown without the codes the allergy
// check by code reads; a Medication corrected on the EHR never reaching the ward.

#include "PeerServer.h"
#include "TestSupport.h"

#include "sync/mirror/MirrorEngine.h"
#include "core/records/PatientRecords.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

namespace {

const QString kPatient = QStringLiteral("2b90dd2b-2dab-4c75-9bb9-a355e07401e8");
const QString kAnastrozole = QStringLiteral("976d0804-cae0-45ae-afe3-a19f3ceba6bc");
const QString kCimicifuga = QStringLiteral("8adc0999-9468-4ac9-9557-680fa133d626");

bool hasCode(const model::MedicationInfo& m, const QString& system, const QString& code)
{
    for (const model::DrugCode& c : m.codes)
        if (c.system == system && c.code == code)
            return true;
    return false;
}

} // namespace

class TestSafetyShapesIps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void bothStatementsNamedAndCoded();
    void changedMedicationReachesTheVault();

private:
    Result<model::PatientChart> chart();

    test::PeerServer m_server;
    QTemporaryDir m_dir;
    QString m_vaultPath;
    std::unique_ptr<MirrorEngine> m_engine;
};

void TestSafetyShapesIps::initTestCase()
{
    const QString file = test::fhirDataDir() + QStringLiteral("/ips/Bundle-IPS-examples-Bundle-01.json");
    if (!QFileInfo::exists(file))
        QFAIL(qPrintable(test::fhirDataMissingMessage()));
    Status started = m_server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    Status seeded = m_server.seedFile(file);
    QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));

    QVERIFY(m_dir.isValid());
    m_vaultPath = m_dir.filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
    MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    config.scope.patientIds = {kPatient};
    config.deletionSweepMinutes = 0;
    config.administrationHistoryDays = 365 * 100;
    config.retryAttempts = 2;
    config.retryMaxDelayMs = 200;
    const QString path = m_vaultPath;
    m_engine = std::make_unique<MirrorEngine>(config, [path] { return vault::Vault::open(path, test::fixedKey()); });
    auto report = m_engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsLoaded, qint64(1));
}

void TestSafetyShapesIps::cleanupTestCase()
{
    m_engine.reset();
    m_server.stop();
}

Result<model::PatientChart> TestSafetyShapesIps::chart()
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!vault.ok())
        return vault.error();
    return records::PatientRecords(**vault).chart(kPatient);
}

void TestSafetyShapesIps::bothStatementsNamedAndCoded()
{
    auto c = chart();
    QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
    const QList<model::MedicationOrder> active = c->activeOrders();
    QCOMPARE(active.size(), 2);
    bool anastrozole = false;
    bool cimicifuga = false;
    for (const model::MedicationOrder& o : active) {
        QCOMPARE(o.source, model::MedicationOrder::Source::Statement);
        QVERIFY2(o.medication.resolved, qPrintable(o.medication.reference.reference));
        QVERIFY(!o.medication.text.isEmpty());
        // The Medication's own codes, not a display copied into the reference.
        if (o.medication.reference.reference.endsWith(kAnastrozole)) {
            anastrozole = true;
            QVERIFY(hasCode(o.medication, QStringLiteral("http://snomed.info/sct"), QStringLiteral("108774000")));
            QVERIFY(o.medication.text.contains(QStringLiteral("anastrozole"), Qt::CaseInsensitive));
        } else if (o.medication.reference.reference.endsWith(kCimicifuga)) {
            cimicifuga = true;
            QVERIFY(hasCode(o.medication, QStringLiteral("http://snomed.info/sct"), QStringLiteral("412588001")));
        }
    }
    QVERIFY(anastrozole);
    QVERIFY(cimicifuga);
}

void TestSafetyShapesIps::changedMedicationReachesTheVault()
{
    auto current = m_server.request("GET", QStringLiteral("Medication/") + kAnastrozole);
    QVERIFY(current.ok() && current->status == 200);
    QJsonObject medication = current->json;
    medication.remove(QStringLiteral("meta"));
    QJsonObject code = medication.value(QLatin1String("code")).toObject();
    code.insert(QStringLiteral("text"), QStringLiteral("Anastrozol 1 mg (korrigiert)"));
    medication.insert(QStringLiteral("code"), code);
    auto put = m_server.request("PUT", QStringLiteral("Medication/") + kAnastrozole, medication);
    QVERIFY(put.ok() && put->status == 200);

    auto report = m_engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    auto c = chart();
    QVERIFY(c.ok());
    bool seen = false;
    for (const model::MedicationOrder& o : c->activeOrders())
        if (o.medication.reference.reference.endsWith(kAnastrozole)) {
            seen = true;
            QCOMPARE(o.medication.text, QStringLiteral("Anastrozol 1 mg (korrigiert)"));
        }
    QVERIFY(seen);
}

QTEST_GUILESS_MAIN(TestSafetyShapesIps)
#include "test_safety_shapes_ips.moc"
