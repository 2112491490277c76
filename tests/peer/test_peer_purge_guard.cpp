// The purge guard (issue 10) against a FHIR server written by others:
// Medplum's FHIR router (tests/peer/server). A ward (a Location) with six
// patients in in-progress Encounters is mirrored; then every Encounter of the
// ward ends at once (half finished, half deleted), so the EHR answers the
// ward's Encounter search with an empty 200. With mirror.purge_grace_hours 0
// the old mirror purged the whole ward in that cycle; the guard keeps every
// patient in scope and in the vault, raises the alarm, leaves the ward's
// data-as-of where it was, and applies the drop only after IT confirms it.

#include "PeerServer.h"
#include "TestSupport.h"

#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/mirror/PurgeGuard.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

namespace {

const QString kWard = QStringLiteral("pg-ward-3b");
constexpr int kPatients = 6;

QString patientId(int i)
{
    return QStringLiteral("pg-patient-%1").arg(i);
}

QString encounterId(int i)
{
    return QStringLiteral("pg-encounter-%1").arg(i);
}

QJsonObject reference(const QString& ref)
{
    QJsonObject o;
    o.insert(QStringLiteral("reference"), ref);
    return o;
}

QJsonObject encounter(int i, const QString& status)
{
    QJsonObject cls;
    cls.insert(QStringLiteral("system"), QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode"));
    cls.insert(QStringLiteral("code"), QStringLiteral("IMP"));
    QJsonObject where;
    where.insert(QStringLiteral("location"), reference(QStringLiteral("Location/") + kWard));
    where.insert(QStringLiteral("status"), QStringLiteral("active"));
    QJsonObject e;
    e.insert(QStringLiteral("resourceType"), QStringLiteral("Encounter"));
    e.insert(QStringLiteral("id"), encounterId(i));
    e.insert(QStringLiteral("status"), status);
    e.insert(QStringLiteral("class"), cls);
    e.insert(QStringLiteral("subject"), reference(QStringLiteral("Patient/") + patientId(i)));
    e.insert(QStringLiteral("location"), QJsonArray{where});
    return e;
}

} // namespace

class TestPeerPurgeGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void emptyAnswerForTheWardIsHeld();

private:
    void put(const QString& relative, const QJsonObject& body);
    bool inVault(const QString& id);

    test::PeerServer m_server;
    QTemporaryDir m_dir;
    QString m_vaultPath;
};

void TestPeerPurgeGuard::put(const QString& relative, const QJsonObject& body)
{
    auto response = m_server.request("PUT", relative, body);
    QVERIFY2(response.ok(), response.ok() ? "" : qPrintable(response.error().message));
    QVERIFY2(response->status == 200 || response->status == 201, response->body.constData());
}

bool TestPeerPurgeGuard::inVault(const QString& id)
{
    auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!vault.ok())
        return false;
    auto p = vault::ResourceRepository((*vault)->db()).patient(id);
    return p.ok() && p->has_value();
}

void TestPeerPurgeGuard::initTestCase()
{
    Status started = m_server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    put(QStringLiteral("Location/") + kWard, {{QStringLiteral("resourceType"), QStringLiteral("Location")},
                                              {QStringLiteral("id"), kWard},
                                              {QStringLiteral("name"), QStringLiteral("Station 3B")}});
    for (int i = 1; i <= kPatients; ++i) {
        QJsonObject name;
        name.insert(QStringLiteral("family"), QStringLiteral("Test%1").arg(i));
        QJsonObject patient;
        patient.insert(QStringLiteral("resourceType"), QStringLiteral("Patient"));
        patient.insert(QStringLiteral("id"), patientId(i));
        patient.insert(QStringLiteral("name"), QJsonArray{name});
        put(QStringLiteral("Patient/") + patientId(i), patient);
        put(QStringLiteral("Encounter/") + encounterId(i), encounter(i, QStringLiteral("in-progress")));
    }
    QVERIFY(m_dir.isValid());
    m_vaultPath = m_dir.filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
}

void TestPeerPurgeGuard::cleanupTestCase()
{
    m_server.stop();
}

void TestPeerPurgeGuard::emptyAnswerForTheWardIsHeld()
{
    MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    config.scope.wardLocationIds = {kWard};
    config.purgeGraceHours = 0; // the defect: the whole ward gone in one cycle
    config.deletionSweepMinutes = 0;
    config.administrationHistoryDays = 365 * 100;
    config.retryAttempts = 2;
    config.retryMaxDelayMs = 200;
    const QString path = m_vaultPath;
    MirrorEngine engine(config, [path] { return vault::Vault::open(path, test::fixedKey()); });

    auto report = engine.runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(engine.status().patientsInScope, qint64(kPatients));
    for (int i = 1; i <= kPatients; ++i)
        QVERIFY2(inVault(patientId(i)), qPrintable(patientId(i)));
    const QDateTime asOf = engine.status().dataAsOfByWard.value(kWard);
    QVERIFY(asOf.isValid());

    // Every Encounter of the ward ends at once: half finished, half deleted.
    for (int i = 1; i <= kPatients; ++i) {
        if (i % 2 == 0) {
            put(QStringLiteral("Encounter/") + encounterId(i), encounter(i, QStringLiteral("finished")));
        } else {
            auto deleted = m_server.request("DELETE", QStringLiteral("Encounter/") + encounterId(i));
            QVERIFY(deleted.ok() && deleted->status < 300);
        }
    }
    auto search = m_server.request("GET", QStringLiteral("Encounter?location=Location/%1&status=in-progress").arg(kWard));
    QVERIFY(search.ok() && search->status == 200);
    QVERIFY2(search->json.value(QLatin1String("entry")).toArray().isEmpty(), "the server still names Encounters of the ward");

    QTest::qWait(1100); // the server's Date header has whole seconds: the next cycle's time must differ
    report = engine.runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsPurged, qint64(0));
    QCOMPARE(report->dropsHeld.size(), 1);
    QCOMPARE(report->dropsHeld.first().ward, kWard);
    QCOMPARE(report->dropsHeld.first().before, qint64(kPatients));
    QCOMPARE(report->dropsHeld.first().after, qint64(0));
    for (int i = 1; i <= kPatients; ++i)
        QVERIFY2(inVault(patientId(i)), "a patient of the ward was purged on an empty answer");
    const MirrorStatus status = engine.status();
    QCOMPARE(status.patientsInScope, qint64(kPatients));
    QCOMPARE(status.dropAlarms.size(), 1);
    QCOMPARE(status.dataAsOfByWard.value(kWard), asOf);
    QVERIFY(report->serverTime > asOf);

    // IT checked the EHR: the ward really is empty. The next cycle applies it.
    {
        auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
        QVERIFY(vault.ok());
        QVERIFY(confirmHeldDrops(**vault, kWard, QStringLiteral("it.meyer"), SystemClock::instance()).ok());
    }
    report = engine.runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QVERIFY(report->dropsHeld.isEmpty());
    QCOMPARE(report->patientsPurged, qint64(kPatients));
    for (int i = 1; i <= kPatients; ++i)
        QVERIFY(!inVault(patientId(i)));
    QVERIFY(engine.status().dropAlarms.isEmpty());
}

QTEST_GUILESS_MAIN(TestPeerPurgeGuard)
#include "test_peer_purge_guard.moc"
