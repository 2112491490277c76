// Reconciliation against a FHIR server written by others: Medplum's FHIR
// router (tests/peer/server) seeded with four Synthea patients, mirrored by the
// real MirrorEngine into a real device vault, entries recorded through
// record::Recorder during a simulated outage while the EHR changes directly on
// Medplum (an order updated, one stopped, a dose back-charted from paper),
// then the real ReconcileEngine against Medplum. Every entry must be in
// Medplum exactly once (by its identifier) or queued with the right reason; a
// second run creates nothing; one downtime note per patient; a retraction of a
// copy edited on the server gets 412 and is queued.
//
// What Medplum does differently from Lantern's simulator: tests/peer/README.md.

#include "PeerServer.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "sync/fhir/FhirTypes.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/EntryResource.h"
#include "sync/reconcile/DowntimeNotePoster.h"
#include "sync/reconcile/ReconcileEngine.h"
#include "core/record/Recorder.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <optional>

using namespace lantern;
using record::ConflictReason;
using record::EntryState;

namespace {

// Small Synthea patients with active orders (the whole folder takes minutes to seed).
const QStringList kPatientFiles = {QStringLiteral("Christin_Stiedemann"), QStringLiteral("Clint_Champlin"),
                                   QStringLiteral("Judson_Eichmann"), QStringLiteral("Seymour_Kessler")};
const QString kNurse = QStringLiteral("n.berger");
const QString kAdmin = QStringLiteral("it.meyer");
const QString kPassphrase = QStringLiteral("Lantern-ward-test-passphrase-2026");

QString idOf(const QJsonObject& resource)
{
    return resource.value(QLatin1String("id")).toString();
}

QString versionOf(const QJsonObject& resource)
{
    return resource.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString();
}

struct Expected
{
    EntryState state = EntryState::Uploaded;
    std::optional<ConflictReason> reason;
    QString type;
};

QByteArray describe(const sync::ReconcileReport& r)
{
    return QStringLiteral("%1 (%2): processed %3, uploaded %4 (%5 present), conflicts %6, waiting %7, notes %8, "
                          "pending %9, open conflicts %10")
        .arg(sync::runEndName(r.end), r.message)
        .arg(r.processed)
        .arg(r.uploaded)
        .arg(r.alreadyPresent)
        .arg(r.conflicts)
        .arg(r.waiting)
        .arg(r.notesPosted)
        .arg(r.pendingLeft)
        .arg(r.conflictsOpen)
        .toUtf8();
}

} // namespace

class TestPeerReconcile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void entriesReachMedplumExactlyOnceOrAreQueued();
    void secondRunCreatesNothing();
    void retriedCreateFindsTheEntryByIdentifier();
    void staleRetractionGets412AndIsQueued();

private:
    QList<QJsonObject> search(const QString& relative);
    int identifierHits(const QString& type, const QString& uuid);
    int total(const QString& type);
    sync::ReconcileReport reconcile();
    std::unique_ptr<vault::Vault> openVault();

    test::PeerServer m_server;
    QTemporaryDir m_dir;
    QString m_deviceDir, m_deviceId, m_downtimeId;
    QStringList m_patients;
    QHash<QString, Expected> m_expected;
    QDateTime m_t0;
};

void TestPeerReconcile::initTestCase()
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
        m_patients << idOf(p);
    QCOMPARE(m_patients.size(), kPatientFiles.size());

    // A device as `lanternctl init` makes it, with a nurse, mirroring these patients.
    QVERIFY(m_dir.isValid());
    m_deviceDir = m_dir.filePath(QStringLiteral("device"));
    m_downtimeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(m_deviceDir, kAdmin, QStringLiteral("IT Meyer"), kPassphrase);
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        const access::User nurse{kNurse, QStringLiteral("Nina Berger"), access::Role::Nurse, {QStringLiteral("ward-1")}, {}, false};
        Status added = access.addUser(*session, nurse, kPassphrase);
        QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().message));
        m_deviceId = session->vaultId();
    }
    sync::MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    config.scope.patientIds = m_patients;
    config.retryAttempts = 2;
    config.retryMaxDelayMs = 200;
    const QString dir = m_deviceDir;
    sync::MirrorEngine engine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    auto cycle = engine.runCycle();
    QVERIFY2(cycle.ok(), cycle.ok() ? "" : qPrintable(cycle.error().message));
    QVERIFY2(cycle->problems.isEmpty(), cycle->problems.isEmpty() ? "" : qPrintable(cycle->problems.first().message));
}

void TestPeerReconcile::cleanupTestCase()
{
    m_server.stop();
}

QList<QJsonObject> TestPeerReconcile::search(const QString& relative)
{
    QList<QJsonObject> out;
    auto response = m_server.request("GET", relative);
    if (!response.ok() || response->status != 200) {
        qWarning("GET %s failed (HTTP %d)", qPrintable(relative), response.ok() ? response->status : 0);
        return out;
    }
    const QJsonArray entries = response->json.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& e : entries)
        out << e.toObject().value(QLatin1String("resource")).toObject();
    return out;
}

int TestPeerReconcile::identifierHits(const QString& type, const QString& uuid)
{
    const QByteArray token = QUrl::toPercentEncoding(QStringLiteral("urn:ietf:rfc:3986|urn:uuid:") + uuid);
    auto response = m_server.request("GET", type + QStringLiteral("?identifier=") + QString::fromLatin1(token));
    if (!response.ok() || response->status != 200)
        return -1;
    return response->json.value(QLatin1String("entry")).toArray().size();
}

int TestPeerReconcile::total(const QString& type)
{
    auto response = m_server.request("GET", type + QStringLiteral("?_summary=count"));
    return response.ok() ? response->json.value(QLatin1String("total")).toInt(-1) : -1;
}

std::unique_ptr<vault::Vault> TestPeerReconcile::openVault()
{
    auto vault = access::VaultAccess().unlockAsDevice(m_deviceDir);
    if (!vault.ok())
        qFatal("cannot open the device vault: %s", qPrintable(vault.error().message));
    return std::move(*vault);
}

sync::ReconcileReport TestPeerReconcile::reconcile()
{
    sync::ReconcileEngineConfig config;
    config.ehr.baseUrl = m_server.baseUrl();
    config.ehr.retryAttempts = 2;
    config.ehr.retryMaxDelayMs = 100;
    config.ehr.connectTimeoutMs = 2000;
    config.ehr.readTimeoutMs = 10000;
    const QString dir = m_deviceDir;
    sync::ReconcileEngine engine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    return engine.runOnce();
}

void TestPeerReconcile::entriesReachMedplumExactlyOnceOrAreQueued()
{
    QList<QJsonObject> orders;
    for (const QString& patient : std::as_const(m_patients))
        orders += search(QStringLiteral("MedicationRequest?status=active&patient=Patient/") + patient);
    QVERIFY(orders.size() >= 8);
    const QString changedOrder = idOf(orders.at(0));
    const QString stoppedOrder = idOf(orders.at(1));
    const QString backChartedOrder = idOf(orders.at(2));

    // The EHR changes while the ward is offline (the vault still holds the old versions).
    QJsonObject changed = orders.at(0);
    changed.insert(QStringLiteral("note"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("dose reviewed")}}});
    auto put = m_server.request("PUT", QStringLiteral("MedicationRequest/") + changedOrder, changed,
                                {{"If-Match", "W/\"" + versionOf(orders.at(0)).toLatin1() + '"'}});
    QVERIFY(put.ok());
    QCOMPARE(put->status, 200);
    QVERIFY(versionOf(put->json) != versionOf(orders.at(0)));
    QJsonObject stopped = orders.at(1);
    stopped.insert(QStringLiteral("status"), QStringLiteral("stopped"));
    auto stop = m_server.request("PUT", QStringLiteral("MedicationRequest/") + stoppedOrder, stopped);
    QVERIFY(stop.ok());
    QCOMPARE(stop->status, 200);

    // Recording: administrations 150 min apart per order (outside each other's
    // duplicate window), notes and a reported allergy per patient.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_t0 = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()), Qt::UTC).addSecs(90 * 60);
    auto vault = openVault();
    ManualClock clock(m_t0);
    record::Recorder recorder(*vault, kNurse, m_deviceId, m_downtimeId, clock);
    int administrations = 0;
    bool backCharted = false;
    for (int k = 0; k < 6; ++k) {
        for (qsizetype i = 0; i < orders.size(); ++i) {
            const QJsonObject& order = orders.at(i);
            const QDateTime at = m_t0.addSecs(qint64(k) * 150 * 60 + i * 60);
            clock.set(at);
            record::AdministrationInput input;
            input.patientId = order.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString().section(QLatin1Char('/'), -1);
            input.orderId = idOf(order);
            input.witness = kAdmin; // a second known user: high-alert drugs need one
            auto warnings = recorder.checkAdministration(input);
            QVERIFY2(warnings.ok(), warnings.ok() ? "" : qPrintable(warnings.error().message));
            auto entry = recorder.recordAdministration(input, *warnings);
            if (!entry.ok()) {
                qWarning("administration refused: %s", qPrintable(entry.error().message));
                continue;
            }
            ++administrations;
            Expected expected{EntryState::Uploaded, std::nullopt, QStringLiteral("MedicationAdministration")};
            if (input.orderId == changedOrder)
                expected = {EntryState::Conflict, ConflictReason::OrderChanged, expected.type};
            else if (input.orderId == stoppedOrder)
                expected = {EntryState::Conflict, ConflictReason::OrderDiscontinued, expected.type};
            else if (input.orderId == backChartedOrder && k == 2) {
                // The same dose charted on paper and entered into the EHR by hand.
                QJsonObject paper{
                    {QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                    {QStringLiteral("status"), QStringLiteral("completed")},
                    {QStringLiteral("identifier"),
                     QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("https://lantern.example/paper-mar")},
                                            {QStringLiteral("value"), QStringLiteral("paper-1")}}}},
                    {QStringLiteral("medicationCodeableConcept"), order.value(QLatin1String("medicationCodeableConcept"))},
                    {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + input.patientId)}}},
                    {QStringLiteral("request"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("MedicationRequest/") + input.orderId)}}},
                    {QStringLiteral("effectiveDateTime"), sync::fhirInstant(at.addSecs(10 * 60))}};
                auto posted = m_server.request("POST", QStringLiteral("MedicationAdministration"), paper);
                QVERIFY(posted.ok());
                QCOMPARE(posted->status, 201);
                expected = {EntryState::Conflict, ConflictReason::PossibleDuplicate, expected.type};
                backCharted = true;
            }
            m_expected.insert(entry->uuid, expected);
        }
    }
    QVERIFY(administrations >= 40);
    qInfo("%d administrations recorded against %d orders", administrations, int(orders.size()));
    QVERIFY(backCharted);
    for (const QString& patient : std::as_const(m_patients)) {
        clock.set(m_t0.addSecs(20 * 60));
        for (int n = 0; n < 3; ++n) {
            clock.advanceSecs(30 * 60);
            auto note = recorder.recordNote({patient, record::NoteCategory::Nursing,
                                             QStringLiteral("Resting, observations unremarkable."), {}});
            QVERIFY2(note.ok(), note.ok() ? "" : qPrintable(note.error().message));
            m_expected.insert(note->uuid, {EntryState::Uploaded, std::nullopt, QStringLiteral("DocumentReference")});
        }
    }
    auto allergy = recorder.recordReportedAllergy({m_patients.first(), QStringLiteral("penicillin"), QStringLiteral("rash"),
                                                   QStringLiteral("low")});
    QVERIFY2(allergy.ok(), allergy.ok() ? "" : qPrintable(allergy.error().message));
    m_expected.insert(allergy->uuid, {EntryState::Uploaded, std::nullopt, QStringLiteral("AllergyIntolerance")});
    vault.reset();

    const sync::ReconcileReport report = reconcile();
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    qInfo("%s", describe(report).constData());
    QCOMPARE(report.pendingLeft, 0);
    QCOMPARE(report.processed, int(m_expected.size()));

    vault = openVault();
    vault::OutboxRepository outbox(vault->db());
    auto items = outbox.items();
    QVERIFY(items.ok());
    QCOMPARE(items->size(), m_expected.size());
    QStringList problems;
    QSet<QString> filed;
    QSet<ConflictReason> reasons;
    for (const record::OutboxItem& item : std::as_const(*items)) {
        const Expected want = m_expected.value(item.entry.uuid);
        if (item.state != want.state)
            problems << QStringLiteral("%1 %2: %3, expected %4 (%5)")
                            .arg(item.entry.uuid, want.type, record::entryStateName(item.state),
                                 record::entryStateName(want.state), item.conflictDetail);
        else if (want.reason && item.conflict != want.reason)
            problems << QStringLiteral("%1: reason %2, expected %3")
                            .arg(item.entry.uuid, item.conflict ? record::conflictReasonName(*item.conflict) : QString(),
                                 record::conflictReasonName(*want.reason));
        if (item.conflict)
            reasons.insert(*item.conflict);
        const int hits = identifierHits(want.type, item.entry.uuid);
        const int wantHits = want.state == EntryState::Uploaded ? 1 : 0;
        if (hits != wantHits)
            problems << QStringLiteral("%1 %2 is %3 times in Medplum, expected %4").arg(item.entry.uuid, want.type).arg(hits).arg(wantHits);
        if (item.state == EntryState::Uploaded)
            filed.insert(item.entry.patientId);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 15).join(QLatin1Char('\n'))));
    QCOMPARE(reasons, (QSet<ConflictReason>{ConflictReason::OrderChanged, ConflictReason::OrderDiscontinued,
                                            ConflictReason::PossibleDuplicate}));
    QCOMPARE(filed.size(), m_patients.size());
    for (const QString& patient : std::as_const(filed)) {
        QCOMPARE(identifierHits(QStringLiteral("DocumentReference"), sync::DowntimeNotePoster::noteUuid(m_downtimeId, patient)), 1);
        auto posted = outbox.downtimeNotePosted(m_downtimeId, patient);
        QVERIFY(posted.ok() && *posted);
    }
    QCOMPARE(report.notesPosted, int(filed.size()));
}

void TestPeerReconcile::secondRunCreatesNothing()
{
    const int administrations = total(QStringLiteral("MedicationAdministration"));
    const int documents = total(QStringLiteral("DocumentReference"));
    const int allergies = total(QStringLiteral("AllergyIntolerance"));
    const sync::ReconcileReport again = reconcile();
    QVERIFY2(again.end == sync::RunEnd::Done, describe(again).constData());
    QCOMPARE(again.uploaded, 0);
    QCOMPARE(again.conflicts, 0);
    QCOMPARE(again.notesPosted, 0);
    QCOMPARE(total(QStringLiteral("MedicationAdministration")), administrations);
    QCOMPARE(total(QStringLiteral("DocumentReference")), documents);
    QCOMPARE(total(QStringLiteral("AllergyIntolerance")), allergies);
}

void TestPeerReconcile::retriedCreateFindsTheEntryByIdentifier()
{
    // What EntryUploader sends when an upload is repeated after a crash (the
    // Uploaded mark lost): a conditional create keyed on the entry's identifier,
    // whose value has colons. Medplum must answer with the copy it holds (200),
    // not create a second one.
    auto vault = openVault();
    vault::OutboxRepository outbox(vault->db());
    for (const record::EntryKind kind : {record::EntryKind::Administration, record::EntryKind::Note, record::EntryKind::ReportedAllergy}) {
        auto items = outbox.items({EntryState::Uploaded, {}, {}, kind, {}});
        QVERIFY(items.ok() && !items->isEmpty());
        const record::OutboxItem item = items->first();
        sync::MirrorConfig config;
        config.baseUrl = m_server.baseUrl();
        auto client = sync::makeMirrorClient(config, SystemClock::instance(), {});
        QVERIFY(client.ok());
        auto again = client->client->create(sync::forCreate(sync::withEntryIdentifier(item.entry.resource, item.entry.uuid)),
                                            sync::entryIdentifierQuery(item.entry.uuid));
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
        QCOMPARE(again->info.status, 200);
        const QString type = item.entry.resource.value(QLatin1String("resourceType")).toString();
        QCOMPARE(sync::serverIdOf(*again, type), item.serverId);
        QCOMPARE(identifierHits(type, item.entry.uuid), 1);
    }
}

void TestPeerReconcile::staleRetractionGets412AndIsQueued()
{
    auto vault = openVault();
    vault::OutboxRepository outbox(vault->db());
    auto items = outbox.items({EntryState::Uploaded, {}, {}, record::EntryKind::Administration, {}});
    QVERIFY(items.ok() && items->size() >= 2);
    const record::OutboxItem changed = items->at(0);
    const record::OutboxItem untouched = items->at(1);

    // Someone edits the Medplum copy of the first administration after the upload.
    auto copy = m_server.request("GET", QStringLiteral("MedicationAdministration/") + changed.serverId);
    QVERIFY(copy.ok() && copy->status == 200);
    QJsonObject edited = copy->json;
    edited.insert(QStringLiteral("note"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("checked")}}});
    auto put = m_server.request("PUT", QStringLiteral("MedicationAdministration/") + changed.serverId, edited);
    QVERIFY(put.ok());
    QCOMPARE(put->status, 200);

    ManualClock clock(m_t0.addSecs(20 * 3600));
    record::Recorder recorder(*vault, kNurse, m_deviceId, m_downtimeId, clock);
    auto staleRetraction = recorder.markEnteredInError(changed.entry.uuid, QStringLiteral("wrong patient"));
    auto retraction = recorder.markEnteredInError(untouched.entry.uuid, QStringLiteral("wrong patient"));
    QVERIFY2(staleRetraction.ok(), staleRetraction.ok() ? "" : qPrintable(staleRetraction.error().message));
    QVERIFY2(retraction.ok(), retraction.ok() ? "" : qPrintable(retraction.error().message));
    vault.reset();

    const sync::ReconcileReport report = reconcile();
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    vault = openVault();
    vault::OutboxRepository after(vault->db());
    auto stale = after.item(staleRetraction->uuid);
    QVERIFY(stale.ok() && *stale);
    QCOMPARE((*stale)->state, EntryState::Conflict);
    QCOMPARE((*stale)->conflict, std::optional<ConflictReason>(ConflictReason::ServerRejected));
    QVERIFY2((*stale)->conflictDetail.contains(QLatin1String("412")), qPrintable((*stale)->conflictDetail));
    auto kept = m_server.request("GET", QStringLiteral("MedicationAdministration/") + changed.serverId);
    QVERIFY(kept.ok());
    QVERIFY(kept->json.value(QLatin1String("status")).toString() != QLatin1String("entered-in-error"));
    auto withdrawn = m_server.request("GET", QStringLiteral("MedicationAdministration/") + untouched.serverId);
    QVERIFY(withdrawn.ok());
    QCOMPARE(withdrawn->json.value(QLatin1String("status")).toString(), QStringLiteral("entered-in-error"));
    auto original = after.item(untouched.entry.uuid);
    QVERIFY(original.ok() && *original);
    QCOMPARE((*original)->state, EntryState::EnteredInError);
    QCOMPARE(identifierHits(QStringLiteral("MedicationAdministration"), untouched.entry.uuid), 1);
    QCOMPARE(identifierHits(QStringLiteral("MedicationAdministration"), retraction->uuid), 1);
}

QTEST_GUILESS_MAIN(TestPeerReconcile)
#include "test_peer_reconcile.moc"
