// Defect 10 (issue 9): merged-away patients (Patient.link "replaced-by") and
// inactive ones (Patient.active = false) looked like ordinary patients, and
// entries could be recorded against the merged-away record. Now core marks
// them (model::Patient, census row, records::PatientMark), refuses recording
// against them with a message naming the surviving record, and reconciliation
// queues an entry recorded before the merge arrived as a conflict against the
// survivor instead of filing it on the old record.

#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/fhir/PatientMapping.h"
#include "core/import/Importer.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/ConflictDecisions.h"
#include "sync/reconcile/ReconcileEngine.h"
#include "core/record/RecordContext.h"
#include "core/record/Recorder.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <SimServer.h>
#include <Simulator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace lantern;

namespace {

const QString kSurvivor = QStringLiteral("pat-survivor");
const QString kMerged = QStringLiteral("pat-merged");
const QString kInactive = QStringLiteral("pat-inactive");
const QString kMergedOrder = QStringLiteral("mr-merged-para");
const QString kMrnSystem = QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203");

QJsonObject mrn(const QString& value)
{
    return QJsonObject{
        {QStringLiteral("type"), QJsonObject{{QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), kMrnSystem},
                                                                                             {QStringLiteral("code"), QStringLiteral("MR")}}}}}},
        {QStringLiteral("system"), QStringLiteral("https://hospital.example/mrn")},
        {QStringLiteral("value"), value}};
}

QJsonObject patient(const QString& id, const QString& family, const QString& mrnValue)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("1")}}},
                       {QStringLiteral("identifier"), QJsonArray{mrn(mrnValue)}},
                       {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("family"), family},
                                                                       {QStringLiteral("given"), QJsonArray{QStringLiteral("Karl")}}}}},
                       {QStringLiteral("gender"), QStringLiteral("male")},
                       {QStringLiteral("birthDate"), QStringLiteral("1941-07-09")}};
}

// What the EHR makes of the old record on a merge: a forward link, and no longer active.
QJsonObject mergedInto(QJsonObject old, const QString& survivorId)
{
    old.insert(QStringLiteral("active"), false);
    old.insert(QStringLiteral("link"),
               QJsonArray{QJsonObject{{QStringLiteral("other"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + survivorId)}}},
                                      {QStringLiteral("type"), QStringLiteral("replaced-by")}}});
    return old;
}

QJsonObject order(const QString& id, const QString& patientId)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
        {QStringLiteral("id"), id},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("intent"), QStringLiteral("order")},
        {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Paracetamol 500 mg")}}},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patientId)}}},
        {QStringLiteral("dosageInstruction"),
         QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("1 tablet every 6 hours")}}}}};
}

QByteArray bundleOf(const QList<QJsonObject>& resources)
{
    QJsonArray entries;
    for (const QJsonObject& r : resources)
        entries.append(QJsonObject{{QStringLiteral("resource"), r}});
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), entries}})
        .toJson(QJsonDocument::Compact);
}

template <typename T>
const char* why(const Result<T>& r)
{
    static QByteArray text;
    text = r.ok() ? QByteArray("ok") : r.error().message.toUtf8();
    return text.constData();
}

const QString kWard = QStringLiteral("ward-1");
const QString kNurse = QStringLiteral("n.berger");
const QString kPhysician = QStringLiteral("dr.wolf");
const QString kPassphrase = QStringLiteral("Lantern-ward-test-passphrase-2026");

} // namespace

class TestSafetyVersionsMerged : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mappingReadsMergeAndInactive();
    void chartAndCensusMarkMergedAndInactive();
    void recordingAgainstMergedOrInactiveIsRefused();
    void entryRecordedBeforeTheMergeWaitsAsConflictAgainstSurvivor();
};

void TestSafetyVersionsMerged::mappingReadsMergeAndInactive()
{
    auto merged = fhir::mapPatient(mergedInto(patient(kMerged, QStringLiteral("Brandt"), QStringLiteral("M-100")), kSurvivor));
    QVERIFY2(merged.ok(), why(merged));
    QVERIFY(merged->isMergedAway());
    QVERIFY(merged->isInactive());
    QCOMPARE(merged->replacedBy->survivorId, kSurvivor);
    QCOMPARE(merged->mergedInto(), kSurvivor);

    // A link naming the survivor by identifier (a logical reference): its MRN is what people look up.
    QJsonObject logical = patient(kMerged, QStringLiteral("Brandt"), QStringLiteral("M-100"));
    logical.insert(QStringLiteral("link"),
                   QJsonArray{QJsonObject{{QStringLiteral("other"), QJsonObject{{QStringLiteral("identifier"), mrn(QStringLiteral("M-200"))}}},
                                          {QStringLiteral("type"), QStringLiteral("replaced-by")}}});
    QCOMPARE(fhir::mapPatient(logical)->mergedInto(), QStringLiteral("M-200"));

    // "replaces" and "seealso" links are the survivor's side: not merged away.
    QJsonObject survivor = patient(kSurvivor, QStringLiteral("Brandt"), QStringLiteral("M-200"));
    survivor.insert(QStringLiteral("link"),
                    QJsonArray{QJsonObject{{QStringLiteral("other"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + kMerged)}}},
                                           {QStringLiteral("type"), QStringLiteral("replaces")}}});
    QVERIFY(!fhir::mapPatient(survivor)->isMergedAway());
    QVERIFY(!fhir::mapPatient(survivor)->isInactive());

    QJsonObject inactive = patient(kInactive, QStringLiteral("Roth"), QStringLiteral("M-300"));
    inactive.insert(QStringLiteral("active"), false);
    QVERIFY(fhir::mapPatient(inactive)->isInactive());
    QVERIFY(!fhir::mapPatient(inactive)->isMergedAway());
}

namespace {

std::unique_ptr<vault::Vault> wardVault(QTemporaryDir& dir)
{
    auto created = vault::Vault::create(dir.filePath(QStringLiteral("vault.db")), test::fixedKey());
    if (!created.ok())
        qFatal("cannot create the vault: %s", qPrintable(created.error().message));
    QJsonObject inactive = patient(kInactive, QStringLiteral("Roth"), QStringLiteral("M-300"));
    inactive.insert(QStringLiteral("active"), false);
    const QByteArray bundle = bundleOf(
        {patient(kSurvivor, QStringLiteral("Brandt"), QStringLiteral("M-200")),
         mergedInto(patient(kMerged, QStringLiteral("Brandt"), QStringLiteral("M-100")), kSurvivor), inactive,
         order(kMergedOrder, kMerged), order(QStringLiteral("mr-inactive-para"), kInactive),
         order(QStringLiteral("mr-survivor-para"), kSurvivor)});
    auto report = import::Importer(**created).importJson(bundle, QStringLiteral("ward"));
    if (!report.ok() || report->stored != 6)
        qFatal("cannot import the ward");
    return std::move(*created);
}

} // namespace

void TestSafetyVersionsMerged::chartAndCensusMarkMergedAndInactive()
{
    QTemporaryDir dir;
    auto vault = wardVault(dir);

    auto merged = records::PatientRecords(*vault).chart(kMerged);
    QVERIFY2(merged.ok(), why(merged));
    QVERIFY(merged->patient && merged->patient->isMergedAway());
    const records::PatientMark chartMark = records::markOf(*merged->patient);
    QCOMPARE(chartMark.text(), QStringLiteral("MERGED into %1 - do not use").arg(kSurvivor));

    auto rows = records::CensusQuery(*vault).rows();
    QVERIFY2(rows.ok(), why(rows));
    QHash<QString, records::CensusRow> byId;
    for (const records::CensusRow& r : *rows)
        byId.insert(r.patientId, r);
    QCOMPARE(int(byId.size()), 3);
    // The census names the survivor by its MRN, which the vault holds.
    QCOMPARE(byId.value(kMerged).mark.kind, records::PatientMark::Kind::MergedAway);
    QCOMPARE(byId.value(kMerged).mark.text(), QStringLiteral("MERGED into M-200 - do not use"));
    QCOMPARE(byId.value(kInactive).mark.kind, records::PatientMark::Kind::Inactive);
    QCOMPARE(byId.value(kInactive).mark.text(), QStringLiteral("INACTIVE record"));
    QVERIFY(!byId.value(kSurvivor).mark.isMarked());

    auto marks = records::patientMarks(*vault);
    QVERIFY(marks.ok());
    QCOMPARE(int(marks->size()), 2);
}

void TestSafetyVersionsMerged::recordingAgainstMergedOrInactiveIsRefused()
{
    QTemporaryDir dir;
    auto vault = wardVault(dir);
    ManualClock clock(QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
    record::Recorder nurse(*vault, kNurse, QStringLiteral("device-1"), QStringLiteral("downtime-1"), clock);
    record::Recorder physician(*vault, kPhysician, QStringLiteral("device-1"), QStringLiteral("downtime-1"), clock);

    auto note = nurse.recordNote({kMerged, record::NoteCategory::Nursing, QStringLiteral("schläft"), {}, {}});
    QVERIFY(!note.ok());
    QCOMPARE(note.error().code, ErrorCode::Denied);
    QVERIFY2(note.error().message.contains(QString(QStringLiteral("Patient/") + kSurvivor)), why(note));
    QVERIFY2(note.error().message.contains(QStringLiteral("merged")), why(note));

    record::AdministrationInput dose;
    dose.patientId = kMerged;
    dose.orderId = kMergedOrder;
    auto given = nurse.recordAdministration(dose);
    QVERIFY(!given.ok());
    QCOMPARE(given.error().code, ErrorCode::Denied);
    QVERIFY(given.error().message.contains(QString(QStringLiteral("Patient/") + kSurvivor)));
    QVERIFY(!nurse.checkAdministration(dose).ok());

    auto allergy = nurse.recordReportedAllergy({kMerged, QStringLiteral("Penicillin"), {}, {}, {}});
    QCOMPARE(allergy.error().code, ErrorCode::Denied);
    auto annotation = physician.recordOrderAnnotation({kMerged, kMergedOrder, record::AnnotationKind::Hold, {}, {}});
    QCOMPARE(annotation.error().code, ErrorCode::Denied);

    auto inactiveNote = nurse.recordNote({kInactive, record::NoteCategory::Nursing, QStringLiteral("schläft"), {}, {}});
    QCOMPARE(inactiveNote.error().code, ErrorCode::Denied);
    QVERIFY2(inactiveNote.error().message.contains(QStringLiteral("inactive")), why(inactiveNote));
    record::AdministrationInput inactiveDose;
    inactiveDose.patientId = kInactive;
    inactiveDose.orderId = QStringLiteral("mr-inactive-para");
    QCOMPARE(nurse.recordAdministration(inactiveDose).error().code, ErrorCode::Denied);

    // Nothing reached the outbox; the survivor takes entries as before.
    QCOMPARE(int(vault::OutboxRepository(vault->db()).items()->size()), 0);
    auto survivorNote = nurse.recordNote({kSurvivor, record::NoteCategory::Nursing, QStringLiteral("schläft"), {}, {}});
    QVERIFY2(survivorNote.ok(), why(survivorNote));
    // The desktop asks the same rule to disable its record actions.
    QVERIFY(!record::mayRecordFor(*records::PatientRecords(*vault).chart(kMerged)).ok());
    QVERIFY(record::mayRecordFor(*records::PatientRecords(*vault).chart(kSurvivor)).ok());
}

void TestSafetyVersionsMerged::entryRecordedBeforeTheMergeWaitsAsConflictAgainstSurvivor()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = 3;
    options.generator.seed = 29;
    sim::SimServer server(options);
    QVERIFY(server.start().ok());

    // A ward device, set up like `lanternctl init`, mirroring the ward.
    const QString deviceDir = dir.filePath(QStringLiteral("device"));
    QString deviceId;
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(deviceDir, QStringLiteral("it.meyer"), QStringLiteral("IT Meyer"), kPassphrase);
        QVERIFY2(session.ok(), why(session));
        const access::User nurse{kNurse, QStringLiteral("Nina Berger"), access::Role::Nurse, {kWard}, {}, false};
        const access::User physician{kPhysician, QStringLiteral("Dr. Wolf"), access::Role::Physician, {kWard}, {}, false};
        for (const access::User& user : {nurse, physician})
            QVERIFY(access.addUser(*session, user, kPassphrase).ok());
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.base_url"), server.baseUrl()).ok());
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.wards"), kWard).ok());
        deviceId = session->vaultId();
    }
    const auto openDevice = [deviceDir] { return access::VaultAccess().unlockAsDevice(deviceDir); };
    sync::MirrorConfig mirrorConfig;
    mirrorConfig.baseUrl = QUrl(server.baseUrl());
    mirrorConfig.scope.wardLocationIds = {kWard};
    mirrorConfig.retryAttempts = 2;
    mirrorConfig.retryMaxDelayMs = 200;
    const auto mirrorOnce = [&] { return sync::MirrorEngine(mirrorConfig, openDevice).runCycle(); };
    auto mirrored = mirrorOnce();
    QVERIFY2(mirrored.ok(), why(mirrored));
    const auto reconcile = [&] {
        sync::ReconcileEngineConfig config;
        config.ehr.baseUrl = QUrl(server.baseUrl());
        config.ehr.retryAttempts = 2;
        config.ehr.retryMaxDelayMs = 100;
        return sync::ReconcileEngine(config, openDevice).runOnce();
    };

    QStringList patients;
    for (const sim::Stay& stay : server.simulator().census().stays())
        if (stay.wardId == kWard)
            patients << stay.patientRef.section(QLatin1Char('/'), -1);
    patients.sort();
    QVERIFY(patients.size() >= 2);
    const QString old = patients.at(0);
    const QString survivor = patients.at(1);

    // The EHR goes down; the ward records a note for the patient.
    server.setFault({sim::FaultMode::Down});
    QString uuid;
    {
        auto vault = openDevice();
        QVERIFY2(vault.ok(), why(vault));
        record::Recorder recorder(**vault, kNurse, deviceId, QStringLiteral("downtime-merge"), SystemClock::instance());
        auto note = recorder.recordNote({old, record::NoteCategory::Nursing, QStringLiteral("Sturz um 03:10"), {}, {}});
        QVERIFY2(note.ok(), why(note));
        uuid = note->uuid;
    }
    // Meanwhile the EHR merges the record into the other one.
    auto oldRecord = server.simulator().store().readObject(QStringLiteral("Patient"), old);
    QVERIFY(oldRecord);
    QVERIFY(server.simulator().store().put(mergedInto(*oldRecord, survivor)).ok());
    server.clearFault();

    const auto identifierHits = [&] {
        auto query = sim::parseSearch(QStringLiteral("DocumentReference"),
                                      {{QStringLiteral("identifier"), QStringLiteral("urn:ietf:rfc:3986|urn:uuid:") + uuid}}, false);
        return query.ok() ? int(server.simulator().store().matchIds(*query).size()) : -1;
    };
    const sync::ReconcileReport first = reconcile();
    QCOMPARE(first.end, sync::RunEnd::Done);
    QCOMPARE(first.conflicts, 1);
    QCOMPARE(first.uploaded, 0);
    QCOMPARE(identifierHits(), 0); // not filed on the old record, nor anywhere
    {
        auto vault = openDevice();
        auto item = vault::OutboxRepository((*vault)->db()).item(uuid);
        QVERIFY(item.ok() && item->has_value());
        QCOMPARE((*item)->state, record::EntryState::Conflict);
        QCOMPARE((*item)->conflict, std::optional<record::ConflictReason>(record::ConflictReason::PatientMerged));
        QVERIFY2((*item)->conflictDetail.contains(QStringLiteral("patient merged into Patient/") + survivor),
                 qPrintable((*item)->conflictDetail));
    }

    // The mirror brings the merge: the device marks the record and takes no new entries for it.
    mirrored = mirrorOnce();
    QVERIFY2(mirrored.ok(), why(mirrored));
    {
        auto vault = openDevice();
        auto rows = records::CensusQuery(**vault).rows();
        QVERIFY2(rows.ok(), why(rows));
        bool marked = false;
        for (const records::CensusRow& r : *rows)
            if (r.patientId == old)
                marked = r.mark.kind == records::PatientMark::Kind::MergedAway;
        QVERIFY(marked);
        record::Recorder recorder(**vault, kNurse, deviceId, QStringLiteral("downtime-merge"), SystemClock::instance());
        auto again = recorder.recordNote({old, record::NoteCategory::Nursing, QStringLiteral("noch einmal"), {}, {}});
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QString(QStringLiteral("Patient/") + survivor)), why(again));
    }

    // A physician decides: filed on the surviving record, never on the old one.
    {
        auto physician = access::VaultAccess().unlock(deviceDir, kPhysician, kPassphrase);
        QVERIFY2(physician.ok(), why(physician));
        QVERIFY(sync::decideConflict(*physician, uuid, record::Decision::UploadAnyway, QStringLiteral("same patient")).ok());
    }
    const sync::ReconcileReport second = reconcile();
    QCOMPARE(second.end, sync::RunEnd::Done);
    QCOMPARE(second.uploaded, 1);
    QCOMPARE(identifierHits(), 1);
    auto vault = openDevice();
    auto item = vault::OutboxRepository((*vault)->db()).item(uuid);
    QCOMPARE((*item)->state, record::EntryState::Uploaded);
    auto filed = server.simulator().store().readObject(QStringLiteral("DocumentReference"), (*item)->serverId);
    QVERIFY(filed);
    QCOMPARE(filed->value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString(),
             QString(QStringLiteral("Patient/") + survivor));
}

QTEST_GUILESS_MAIN(TestSafetyVersionsMerged)
#include "test_safety_versions_merged.moc"
