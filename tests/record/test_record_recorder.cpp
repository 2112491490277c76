// The Recorder: clinical times stay within limits; input errors name the field
// and carry no patient data; witnesses and roles are checked; the FHIR
// resources have the shape the EHR expects; downtime admissions get a number
// and a place on the census; every entry is audited in the same transaction
// and the chain verifies. (Safety checks: test_record_safety.)

#include "RecordFixture.h"
#include "core/audit/AuditLog.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QTest>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using vault::OutboxRepository;

namespace {

AdministrationInput give(const QString& patient, const QString& order, const QDateTime& at = {})
{
    AdministrationInput in;
    in.patientId = patient;
    in.orderId = order;
    in.givenAt = at;
    return in;
}

} // namespace

class TestRecordRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void givenAtLimits();
    void inputErrorsNameTheFieldWithoutPatientData();
    void witness();
    void permissions();
    void administrationResource();
    void noteAnnotationAndAllergyResources();
    void downtimeAdmission();
    void downtimeAdmissionOnAMirroredWardWithoutItsLocation();
    void everyEntryIsAuditedAndTheChainVerifies();

private:
    std::unique_ptr<RecordFixture> f;
};

void TestRecordRecorder::init()
{
    f = std::make_unique<RecordFixture>();
    QVERIFY(f->create());
}

void TestRecordRecorder::givenAtLimits()
{
    const QDateTime now = f->clock.now();
    auto tooOld = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2, now.addSecs(-24 * 3600 - 1)));
    QVERIFY(!tooOld.ok());
    QCOMPARE(tooOld.error().code, ErrorCode::InvalidInput);
    QVERIFY(tooOld.error().message.startsWith(QStringLiteral("givenAt:")));
    auto future = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2, now.addSecs(16 * 60)));
    QVERIFY(!future.ok());
    QVERIFY(future.error().message.startsWith(QStringLiteral("givenAt:")));
    auto edgeOld = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2, now.addSecs(-23 * 3600)));
    QVERIFY2(edgeOld.ok(), why(edgeOld));
    QCOMPARE(edgeOld->clinicalTime, now.addSecs(-23 * 3600));
    QCOMPARE(edgeOld->recordedAt, now);
    auto noteFuture = f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("x"), now.addSecs(3600)});
    QVERIFY(!noteFuture.ok());
    QVERIFY(noteFuture.error().message.startsWith(QStringLiteral("at:")));
}

void TestRecordRecorder::inputErrorsNameTheFieldWithoutPatientData()
{
    QList<Error> errors;
    AdministrationInput noReason = give(kPatient, kOrderHeparin);
    noReason.outcome = AdministrationOutcome::NotGiven;
    errors << f->recorder().recordAdministration(noReason).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("reason:")));
    errors << f->recorder().recordAdministration(give(kPatient, QStringLiteral("mr-unknown"))).error();
    QCOMPARE(errors.last().code, ErrorCode::NotFound);
    QVERIFY(errors.last().message.startsWith(QStringLiteral("orderId:")));
    errors << f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderHeparin)).error(); // another patient's order
    QVERIFY(errors.last().message.startsWith(QStringLiteral("orderId:")));
    errors << f->recorder().recordAdministration(give(QString(), kOrderHeparin)).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("patientId:")));
    errors << f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("  "), {}}).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("text:")));
    errors << f->recorder().recordReportedAllergy({kPatient, QString(), {}, {}}).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("substance:")));
    errors << f->recorder().recordReportedAllergy({kPatient, QStringLiteral("latex"), {}, QStringLiteral("severe")}).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("criticality:")));
    AdministrationInput negative = give(kPatient, kOrderParacetamol);
    negative.dose.value = -1;
    errors << f->recorder().recordAdministration(negative).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("dose:")));
    errors << f->recorder().recordDowntimeAdmission({QStringLiteral("Neu"), QStringLiteral("Anna"), {}, QStringLiteral("female"),
                                                     QStringLiteral("loc-nowhere"), {}}).error();
    QVERIFY(errors.last().message.startsWith(QStringLiteral("ward:")));
    for (const Error& e : errors) {
        for (const QString& phi : {QStringLiteral("Muster"), QStringLiteral("Erika"), QStringLiteral("Neu"), QStringLiteral("Anna"),
                                   QStringLiteral("1950")})
            QVERIFY2(!e.message.contains(phi), qPrintable(e.message));
    }
    QCOMPARE(OutboxRepository(f->vault->db()).counts()->pending, 0);
}

void TestRecordRecorder::witness()
{
    AdministrationInput in = give(kPatientNoAllergy, kOrderPat2);
    in.witness = kNurse;
    QVERIFY(f->recorder().recordAdministration(in).error().message.startsWith(QStringLiteral("witness:")));
    in.witness = QStringLiteral("nobody.here");
    QVERIFY(f->recorder().recordAdministration(in).error().message.startsWith(QStringLiteral("witness:")));
    in.witness = kNurse2;
    auto e = f->recorder().recordAdministration(in);
    QVERIFY2(e.ok(), why(e));
    QCOMPARE(e->witness, kNurse2);
    const QJsonArray performers = e->resource.value(QLatin1String("performer")).toArray();
    QCOMPARE(performers.size(), 2);
    const QJsonObject second = performers.at(1).toObject();
    QCOMPARE(second.value(QLatin1String("function")).toObject().value(QLatin1String("coding")).toArray().first()
                 .toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("witness"));
    QCOMPARE(second.value(QLatin1String("actor")).toObject().value(QLatin1String("display")).toString(), QStringLiteral("Nils Koch"));
}

void TestRecordRecorder::permissions()
{
    auto it = f->recorder(QStringLiteral("it.meyer")).recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("x"), {}});
    QVERIFY(!it.ok());
    QCOMPARE(it.error().code, ErrorCode::Denied);
    auto nurseAnnotation = f->recorder().recordOrderAnnotation({kPatient, kOrderHeparin, AnnotationKind::Hold, QStringLiteral("HIT?")});
    QVERIFY(!nurseAnnotation.ok());
    QCOMPARE(nurseAnnotation.error().code, ErrorCode::Denied);
    auto annotation = f->recorder(kPhysician).recordOrderAnnotation({kPatient, kOrderHeparin, AnnotationKind::Hold, QStringLiteral("HIT?")});
    QVERIFY2(annotation.ok(), why(annotation));
}

void TestRecordRecorder::administrationResource()
{
    AdministrationInput in = give(kPatientNoAllergy, kOrderPat2);
    in.site = QStringLiteral("left arm");
    in.note = QStringLiteral("with water");
    auto e = f->recorder().recordAdministration(in);
    QVERIFY2(e.ok(), why(e));
    const QJsonObject r = e->resource;
    QCOMPARE(r.value(QLatin1String("resourceType")).toString(), QStringLiteral("MedicationAdministration"));
    QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    const QJsonObject id = r.value(QLatin1String("identifier")).toArray().first().toObject();
    QCOMPARE(id.value(QLatin1String("system")).toString(), QStringLiteral("urn:ietf:rfc:3986"));
    QCOMPARE(id.value(QLatin1String("value")).toString(), QStringLiteral("urn:uuid:") + e->uuid);
    QCOMPARE(r.value(QLatin1String("medicationCodeableConcept")).toObject().value(QLatin1String("coding")).toArray().first()
                 .toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("N02BE01"));
    QCOMPARE(r.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString(),
             QStringLiteral("Patient/") + kPatientNoAllergy);
    QCOMPARE(r.value(QLatin1String("context")).toObject().value(QLatin1String("reference")).toString(),
             QStringLiteral("Encounter/enc-") + kPatientNoAllergy);
    QCOMPARE(r.value(QLatin1String("request")).toObject().value(QLatin1String("reference")).toString(),
             QStringLiteral("MedicationRequest/") + kOrderPat2);
    QCOMPARE(r.value(QLatin1String("effectiveDateTime")).toString(), QStringLiteral("2026-03-01T12:00:00.000Z"));
    const QJsonObject performer = r.value(QLatin1String("performer")).toArray().first().toObject();
    QCOMPARE(performer.value(QLatin1String("actor")).toObject().value(QLatin1String("display")).toString(), QStringLiteral("Nina Berger"));
    const QJsonObject dosage = r.value(QLatin1String("dosage")).toObject();
    QCOMPARE(dosage.value(QLatin1String("dose")).toObject().value(QLatin1String("value")).toDouble(), 1000.0); // from the order
    QCOMPARE(dosage.value(QLatin1String("route")).toObject().value(QLatin1String("text")).toString(), QStringLiteral("p.o."));
    QCOMPARE(dosage.value(QLatin1String("site")).toObject().value(QLatin1String("text")).toString(), QStringLiteral("left arm"));
    QCOMPARE(r.value(QLatin1String("note")).toArray().first().toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("with water"));
}

void TestRecordRecorder::noteAnnotationAndAllergyResources()
{
    auto nurse = f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Schläft gut"), {}});
    QVERIFY2(nurse.ok(), why(nurse));
    const QJsonObject n = nurse->resource;
    QCOMPARE(n.value(QLatin1String("resourceType")).toString(), QStringLiteral("DocumentReference"));
    QCOMPARE(n.value(QLatin1String("type")).toObject().value(QLatin1String("coding")).toArray().first().toObject()
                 .value(QLatin1String("code")).toString(),
             QStringLiteral("34746-8"));
    const QJsonObject attachment =
        n.value(QLatin1String("content")).toArray().first().toObject().value(QLatin1String("attachment")).toObject();
    QVERIFY(attachment.value(QLatin1String("contentType")).toString().startsWith(QStringLiteral("text/plain")));
    QCOMPARE(QString::fromUtf8(QByteArray::fromBase64(attachment.value(QLatin1String("data")).toString().toLatin1())),
             QStringLiteral("Schläft gut"));
    auto physician = f->recorder(kPhysician).recordNote({kPatient, NoteCategory::Physician, QStringLiteral("Visite"), {}});
    QCOMPARE(physician->resource.value(QLatin1String("type")).toObject().value(QLatin1String("coding")).toArray().first()
                 .toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("11506-3"));

    auto annotation = f->recorder(kPhysician).recordOrderAnnotation(
        {kPatient, kOrderAmoxicillin, AnnotationKind::DoseConcern, QStringLiteral("renal function?")});
    QVERIFY2(annotation.ok(), why(annotation));
    QCOMPARE(annotation->orderId, kOrderAmoxicillin);
    QCOMPARE(annotation->orderVersionId, QStringLiteral("2"));
    const QJsonObject a = annotation->resource;
    QCOMPARE(a.value(QLatin1String("context")).toObject().value(QLatin1String("related")).toArray().first().toObject()
                 .value(QLatin1String("reference")).toString(),
             QStringLiteral("MedicationRequest/") + kOrderAmoxicillin);
    bool concern = false;
    for (const QJsonValue& c : a.value(QLatin1String("category")).toArray()) {
        for (const QJsonValue& coding : c.toObject().value(QLatin1String("coding")).toArray())
            concern = concern || coding.toObject().value(QLatin1String("code")).toString() == QStringLiteral("dose-concern");
    }
    QVERIFY(concern);

    auto allergy = f->recorder().recordReportedAllergy({kPatient, QStringLiteral("Latex"), QStringLiteral("Urtikaria"),
                                                        QStringLiteral("high")});
    QVERIFY2(allergy.ok(), why(allergy));
    const QJsonObject ai = allergy->resource;
    QCOMPARE(ai.value(QLatin1String("verificationStatus")).toObject().value(QLatin1String("coding")).toArray().first()
                 .toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("unconfirmed"));
    QCOMPARE(ai.value(QLatin1String("clinicalStatus")).toObject().value(QLatin1String("coding")).toArray().first()
                 .toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("active"));
    QCOMPARE(ai.value(QLatin1String("code")).toObject().value(QLatin1String("text")).toString(), QStringLiteral("Latex"));
    QCOMPARE(ai.value(QLatin1String("criticality")).toString(), QStringLiteral("high"));
    QCOMPARE(ai.value(QLatin1String("reaction")).toArray().first().toObject().value(QLatin1String("manifestation"))
                 .toArray().first().toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("Urtikaria"));
    QCOMPARE(ai.value(QLatin1String("recorder")).toObject().value(QLatin1String("display")).toString(), QStringLiteral("Nina Berger"));
}

void TestRecordRecorder::downtimeAdmission()
{
    const DowntimeAdmissionInput person{QStringLiteral("Neu"), QStringLiteral("Anna"), QDate(1980, 5, 17),
                                        QStringLiteral("female"), kWard, QStringLiteral("Flur 1")};
    auto noRange = f->recorder().recordDowntimeAdmission(person);
    QVERIFY(!noRange.ok());
    QCOMPARE(noRange.error().code, ErrorCode::NotFound);
    QVERIFY(vault::DowntimeIdRangeRepository(f->vault->db())
                .configure({QStringLiteral("urn:oid:1.2.276.0.76.4711"), QStringLiteral("DT-"), 5000, 5099, 0})
                .ok());
    auto admitted = f->recorder().recordDowntimeAdmission(person);
    QVERIFY2(admitted.ok(), why(admitted));
    QVERIFY(admitted->patientId.startsWith(QStringLiteral("lantern-")));
    const QJsonArray ids = admitted->resource.value(QLatin1String("identifier")).toArray();
    QCOMPARE(ids.at(1).toObject().value(QLatin1String("value")).toString(), QStringLiteral("DT-5000"));
    QCOMPARE(ids.at(1).toObject().value(QLatin1String("system")).toString(), QStringLiteral("urn:oid:1.2.276.0.76.4711"));
    QCOMPARE(admitted->resource.value(QLatin1String("birthDate")).toString(), QStringLiteral("1980-05-17"));
    QCOMPARE(admitted->resource.value(QLatin1String("gender")).toString(), QStringLiteral("female"));

    DowntimeAdmissionInput second = person;
    second.given = QStringLiteral("Bert");
    second.bed = QStringLiteral("3B-02"); // a bed the vault knows
    auto admitted2 = f->recorder().recordDowntimeAdmission(second);
    QVERIFY2(admitted2.ok(), why(admitted2));

    auto census = records::CensusQuery(*f->vault).rows();
    QVERIFY2(census.ok(), why(census));
    int found = 0;
    for (const records::CensusRow& row : *census) {
        if (row.patientId == admitted->patientId) {
            ++found;
            QCOMPARE(row.mrn, QStringLiteral("DT-5000"));
            QCOMPARE(row.ward, QStringLiteral("Station 3B"));
            QCOMPARE(row.bed, QStringLiteral("Flur 1"));
            QCOMPARE(row.pendingEntries, 1);
        } else if (row.patientId == admitted2->patientId) {
            ++found;
            QCOMPARE(row.mrn, QStringLiteral("DT-5001"));
            QCOMPARE(row.ward, QStringLiteral("Station 3B"));
            QCOMPARE(row.bed, QStringLiteral("3B-02"));
        }
    }
    QCOMPARE(found, 2);
    auto chart = records::PatientRecords(*f->vault).chart(admitted->patientId);
    QVERIFY2(chart.ok(), why(chart));
    QVERIFY(chart->patient.has_value());
    // The admitted patient can be charted at once.
    auto note = f->recorder().recordNote({admitted->patientId, NoteCategory::Nursing, QStringLiteral("arrived"), {}});
    QVERIFY2(note.ok(), why(note));

    // Admitted in error: off the census; the number stays used.
    auto retraction = f->recorder().markEnteredInError(admitted2->uuid, QStringLiteral("duplicate admission"));
    QVERIFY2(retraction.ok(), why(retraction));
    QCOMPARE(retraction->resource.value(QLatin1String("active")).toBool(true), false);
    auto after = records::CensusQuery(*f->vault).rows();
    for (const records::CensusRow& row : *after)
        QVERIFY(row.patientId != admitted2->patientId);
    auto third = f->recorder().recordDowntimeAdmission(person);
    QCOMPARE(third->resource.value(QLatin1String("identifier")).toArray().at(1).toObject().value(QLatin1String("value")).toString(),
             QStringLiteral("DT-5002"));
}

void TestRecordRecorder::downtimeAdmissionOnAMirroredWardWithoutItsLocation()
{
    // A device that mirrors by ward knows the ward's id from its configuration
    // even when the EHR's Location resource is not in the vault.
    QVERIFY(vault::DowntimeIdRangeRepository(f->vault->db())
                .configure({QStringLiteral("urn:oid:1.2.276.0.76.4711"), QStringLiteral("DT-"), 7000, 7099, 0})
                .ok());
    DowntimeAdmissionInput person{QStringLiteral("Neu"), QStringLiteral("Anna"), {}, QStringLiteral("female"),
                                  QStringLiteral("ward-7"), QStringLiteral("12")};
    auto unknown = f->recorder().recordDowntimeAdmission(person);
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message.startsWith(QStringLiteral("ward:")));
    QVERIFY(f->vault->setMeta(QStringLiteral("mirror.wards"), QStringLiteral("ward-6, ward-7")).ok());
    auto admitted = f->recorder().recordDowntimeAdmission(person);
    QVERIFY2(admitted.ok(), why(admitted));
    QCOMPARE(admitted->resource.value(QLatin1String("identifier")).toArray().at(1).toObject().value(QLatin1String("value")).toString(),
             QStringLiteral("DT-7000"));
}

void TestRecordRecorder::everyEntryIsAuditedAndTheChainVerifies()
{
    QVERIFY(f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2)).ok());
    QVERIFY(f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Geheimer Text"), {}}).ok());
    QVERIFY(f->recorder().recordReportedAllergy({kPatient, QStringLiteral("Latex"), {}, {}}).ok());
    auto e = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2, f->clock.now().addSecs(-600)),
                                                {{QStringLiteral("interval"), {}, true}});
    QVERIFY2(e.ok(), why(e));
    QVERIFY(f->recorder().markEnteredInError(e->uuid, QStringLiteral("double")).ok());
    // A refused recording leaves no audit entry and no outbox entry behind.
    QVERIFY(!f->recorder().recordAdministration(give(kPatient, kOrderHeparin)).ok());

    audit::AuditLog log(*f->vault, f->clock);
    auto report = log.verify();
    QVERIFY2(report.ok(), why(report));
    QVERIFY(report->ok);
    auto head = log.head();
    QVERIFY(head->has_value());
    QCOMPARE((*head)->seq, 5);
    auto rows = f->vault->db().prepare(QStringLiteral("SELECT action, patient_id, detail, actor FROM audit_entry ORDER BY seq"));
    QStringList details;
    while (*rows->step()) {
        QCOMPARE(rows->text(0), QStringLiteral("record-entry"));
        QCOMPARE(rows->text(3), kNurse);
        QVERIFY(!rows->text(1).isEmpty());
        details << rows->text(2);
    }
    QCOMPARE(details, (QStringList{QStringLiteral("administration"), QStringLiteral("note"), QStringLiteral("reported-allergy"),
                                   QStringLiteral("administration"), QStringLiteral("administration entered-in-error")}));
}

QTEST_GUILESS_MAIN(TestRecordRecorder)
#include "test_record_recorder.moc"
