// Reconciliation in transaction Bundles against a FHIR server written by
// others: Medplum's FHIR router (tests/peer/server), which answers /metadata
// without a CapabilityStatement, so the reconciler asks it once with a
// read-only transaction. Two Synthea patients are mirrored by the real
// MirrorEngine; administrations, notes and an allergy are recorded offline and
// reconciled by the real ReconcileEngine. Every entry must be in Medplum
// exactly once (by identifier), in Bundles (report.transactions), and a Bundle
// sent again after its answer was lost (a crash before the outbox learnt of
// it) must create nothing: Medplum answers 200 for each ifNoneExist entry.

#include "PeerServer.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/record/Recorder.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/BundleUploader.h"
#include "sync/reconcile/ReconcileEngine.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace lantern;

namespace {

const QStringList kPatientFiles = {QStringLiteral("Christin_Stiedemann"), QStringLiteral("Seymour_Kessler")};
const QString kNurse = QStringLiteral("n.berger");
const QString kPassphrase = QStringLiteral("Lantern-ward-test-passphrase-2026");

} // namespace

class TestPeerReconcileTransactions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void entriesGoUpInBundlesExactlyOnce();
    void bundleSentAgainCreatesNothing();

private:
    QList<QJsonObject> search(const QString& relative);
    int identifierHits(const QString& type, const QString& uuid);
    sync::ReconcileReport reconcile();

    test::PeerServer m_server;
    QTemporaryDir m_dir;
    QString m_deviceDir, m_deviceId;
    QStringList m_patients;
};

void TestPeerReconcileTransactions::initTestCase()
{
    if (!QFileInfo::exists(test::fhirDataDir() + QStringLiteral("/synthea")))
        QFAIL(qPrintable(test::fhirDataMissingMessage()));
    Status started = m_server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    const QDir synthea(test::fhirDataDir() + QStringLiteral("/synthea"));
    for (const QString& name : kPatientFiles) {
        const QStringList files = synthea.entryList({name + QStringLiteral("_*.json")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        Status seeded = m_server.seedFile(synthea.filePath(files.first()));
        QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));
    }
    for (const QJsonObject& p : search(QStringLiteral("Patient?_count=1000")))
        m_patients << p.value(QLatin1String("id")).toString();
    QCOMPARE(m_patients.size(), kPatientFiles.size());

    QVERIFY(m_dir.isValid());
    m_deviceDir = m_dir.filePath(QStringLiteral("device"));
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(m_deviceDir, QStringLiteral("it.meyer"), QStringLiteral("IT Meyer"), kPassphrase);
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        const access::User nurse{kNurse, QStringLiteral("Nina Berger"), access::Role::Nurse, {QStringLiteral("ward-1")}, {}, false};
        QVERIFY(access.addUser(*session, nurse, kPassphrase).ok());
        m_deviceId = session->vaultId();
    }
    sync::MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    config.scope.patientIds = m_patients;
    const QString dir = m_deviceDir;
    sync::MirrorEngine engine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    auto cycle = engine.runCycle();
    QVERIFY2(cycle.ok() && cycle->problems.isEmpty(), "the mirror of Medplum failed");
}

QList<QJsonObject> TestPeerReconcileTransactions::search(const QString& relative)
{
    QList<QJsonObject> out;
    auto response = m_server.request("GET", relative);
    if (!response.ok() || response->status != 200)
        return out;
    const QJsonArray entries = response->json.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& e : entries)
        out << e.toObject().value(QLatin1String("resource")).toObject();
    return out;
}

int TestPeerReconcileTransactions::identifierHits(const QString& type, const QString& uuid)
{
    const QByteArray token = QUrl::toPercentEncoding(QStringLiteral("urn:ietf:rfc:3986|urn:uuid:") + uuid);
    auto response = m_server.request("GET", type + QStringLiteral("?identifier=") + QString::fromLatin1(token));
    return response.ok() && response->status == 200 ? int(response->json.value(QLatin1String("entry")).toArray().size()) : -1;
}

sync::ReconcileReport TestPeerReconcileTransactions::reconcile()
{
    sync::ReconcileEngineConfig config;
    config.ehr.baseUrl = m_server.baseUrl();
    config.ehr.retryAttempts = 2;
    config.ehr.retryMaxDelayMs = 100;
    const QString dir = m_deviceDir;
    sync::ReconcileEngine engine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    return engine.runOnce();
}

void TestPeerReconcileTransactions::entriesGoUpInBundlesExactlyOnce()
{
    QList<QJsonObject> orders;
    for (const QString& patient : std::as_const(m_patients))
        orders += search(QStringLiteral("MedicationRequest?status=active&patient=Patient/") + patient);
    QVERIFY(!orders.isEmpty());
    auto vault = access::VaultAccess().unlockAsDevice(m_deviceDir);
    QVERIFY(vault.ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime t0 = QDateTime(now.date(), QTime(now.time().hour(), 0), Qt::UTC).addSecs(2 * 3600);
    ManualClock clock(t0);
    record::Recorder recorder(**vault, kNurse, m_deviceId, QUuid::createUuid().toString(QUuid::WithoutBraces), clock);
    QStringList uuids, types;
    for (int k = 0; k < 4; ++k) {
        for (qsizetype i = 0; i < orders.size(); ++i) {
            clock.set(t0.addSecs(qint64(k) * 150 * 60 + i * 60));
            record::AdministrationInput input;
            input.patientId = orders.at(i).value(QLatin1String("subject")).toObject().value(QLatin1String("reference"))
                                  .toString().section(QLatin1Char('/'), -1);
            input.orderId = orders.at(i).value(QLatin1String("id")).toString();
            input.witness = QStringLiteral("it.meyer");
            auto warnings = recorder.checkAdministration(input);
            QVERIFY(warnings.ok());
            auto entry = recorder.recordAdministration(input, *warnings);
            if (!entry.ok())
                continue;
            uuids << entry->uuid;
            types << QStringLiteral("MedicationAdministration");
        }
    }
    for (const QString& patient : std::as_const(m_patients)) {
        auto note = recorder.recordNote({patient, record::NoteCategory::Nursing, QStringLiteral("Resting."), {}});
        QVERIFY(note.ok());
        uuids << note->uuid;
        types << QStringLiteral("DocumentReference");
    }
    auto allergy = recorder.recordReportedAllergy({m_patients.first(), QStringLiteral("penicillin"), QStringLiteral("rash"),
                                                   QStringLiteral("low")});
    QVERIFY(allergy.ok());
    uuids << allergy->uuid;
    types << QStringLiteral("AllergyIntolerance");
    vault->reset();

    const sync::ReconcileReport report = reconcile();
    QVERIFY2(report.end == sync::RunEnd::Done, qPrintable(report.message));
    QCOMPARE(report.uploaded, int(uuids.size()));
    QVERIFY2(report.transactions >= 1 && report.transactions <= int(m_patients.size()),
             qPrintable(QString::number(report.transactions)));
    for (qsizetype i = 0; i < uuids.size(); ++i)
        QCOMPARE(identifierHits(types.at(i), uuids.at(i)), 1);

    const sync::ReconcileReport again = reconcile();
    QVERIFY2(again.end == sync::RunEnd::Done, qPrintable(again.message));
    QCOMPARE(again.uploaded, 0);
    QCOMPARE(again.transactions, 0);
}

void TestPeerReconcileTransactions::bundleSentAgainCreatesNothing()
{
    // The Bundle the uploader would send for entries already filed: as after a crash
    // between Medplum's answer and the outbox's Uploaded marks.
    auto vault = access::VaultAccess().unlockAsDevice(m_deviceDir);
    QVERIFY(vault.ok());
    auto items = vault::OutboxRepository((*vault)->db()).items({record::EntryState::Uploaded, {}, {}, {}, {}});
    QVERIFY(items.ok() && items->size() >= 3);
    QList<sync::BundleEntry> entries;
    QStringList serverIds;
    for (qsizetype i = 0; i < 3; ++i) {
        entries.append({items->at(i).entry.uuid, items->at(i).entry.resource});
        serverIds << items->at(i).serverId;
    }
    sync::MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    auto client = sync::makeMirrorClient(config, SystemClock::instance(), {});
    QVERIFY(client.ok());
    const auto filed = sync::BundleUploader(*client->client).upload(entries);
    QVERIFY2(filed.ok(), filed.stop() ? qPrintable(filed.error().message) : "conflict");
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QVERIFY(!filed.value().at(i).created);
        QCOMPARE(filed.value().at(i).serverId, serverIds.at(i));
        const QString type = entries.at(i).resource.value(QLatin1String("resourceType")).toString();
        QCOMPARE(identifierHits(type, entries.at(i).uuid), 1);
    }
}

QTEST_GUILESS_MAIN(TestPeerReconcileTransactions)
#include "test_peer_reconcile_transactions.moc"
