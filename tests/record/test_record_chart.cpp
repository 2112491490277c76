// What was recorded during the downtime shows in the chart and on the census
// until the EHR has it: administrations (marked local, counted for "last
// given"), order annotations on their order, notes, reported allergies
// (unconfirmed), and a pending-entries count per patient.

#include "RecordFixture.h"
#include "core/import/Importer.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;

namespace {

AdministrationInput give(const QString& patient, const QString& order, const QDateTime& at = {})
{
    AdministrationInput in;
    in.patientId = patient;
    in.orderId = order;
    in.givenAt = at;
    return in;
}

std::optional<records::CensusRow> censusRow(vault::Vault& vault, const QString& patientId)
{
    auto rows = records::CensusQuery(vault).rows();
    if (!rows.ok())
        return std::nullopt;
    for (const records::CensusRow& r : *rows) {
        if (r.patientId == patientId)
            return r;
    }
    return std::nullopt;
}

} // namespace

class TestRecordChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void localAdministrationsInChartAndLastGiven();
    void withdrawnAndSupersededEntriesDisappear();
    void uploadedEntryNotShownTwiceOnceMirrored();
    void annotationsAndNotesUntilUploaded();
    void reportedAllergyShowsUnconfirmed();
    void censusCountsLocalEntries();

private:
    std::unique_ptr<RecordFixture> f;
};

void TestRecordChart::init()
{
    f = std::make_unique<RecordFixture>();
    QVERIFY(f->create());
}

void TestRecordChart::localAdministrationsInChartAndLastGiven()
{
    const QDateTime at = QDateTime(QDate(2026, 3, 1), QTime(11, 55), Qt::UTC);
    auto e = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2, at));
    QVERIFY2(e.ok(), why(e));

    auto chart = records::PatientRecords(*f->vault).chart(kPatientNoAllergy);
    QVERIFY2(chart.ok(), why(chart));
    QVERIFY2(chart->skipped.isEmpty(), qPrintable(chart->skipped.value(0).message));
    QCOMPARE(chart->administrations.size(), 2);
    const model::MedicationAdministration& newest = chart->administrations.first(); // newest first
    QVERIFY(newest.local.has_value());
    QCOMPARE(newest.local->entryUuid, e->uuid);
    QCOMPARE(newest.local->state, QStringLiteral("pending"));
    QCOMPARE(newest.local->author, kNurse);
    QCOMPARE(newest.givenAt().sortKey(), at);
    QVERIFY(!chart->administrations.at(1).local.has_value()); // the EHR's own
    auto last = chart->lastGiven(kOrderPat2);
    QVERIFY(last.has_value());
    QVERIFY(last->local.has_value());
    QCOMPARE(chart->pendingEntries, 1);

    records::PatientRecords ehrOnly(*f->vault);
    ehrOnly.setIncludeLocalEntries(false);
    QCOMPARE(ehrOnly.chart(kPatientNoAllergy)->administrations.size(), 1);
}

void TestRecordChart::withdrawnAndSupersededEntriesDisappear()
{
    auto e = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY2(e.ok(), why(e));
    QVERIFY(f->recorder().markEnteredInError(e->uuid, QStringLiteral("wrong order")).ok());
    auto chart = records::PatientRecords(*f->vault).chart(kPatientNoAllergy);
    QCOMPARE(chart->administrations.size(), 1);
    QVERIFY(!chart->lastGiven(kOrderPat2)->local.has_value());

    // Uploaded, then withdrawn: gone from the chart at once, not only after the upload.
    vault::OutboxRepository outbox(f->vault->db());
    auto g = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY(outbox.markUploaded(g->uuid, QStringLiteral("srv-ma-1"), QStringLiteral("1"), f->clock.now()).ok());
    QCOMPARE(records::PatientRecords(*f->vault).chart(kPatientNoAllergy)->administrations.size(), 2);
    QVERIFY(f->recorder().markEnteredInError(g->uuid, QStringLiteral("double")).ok());
    QCOMPARE(records::PatientRecords(*f->vault).chart(kPatientNoAllergy)->administrations.size(), 1);
}

void TestRecordChart::uploadedEntryNotShownTwiceOnceMirrored()
{
    auto e = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY2(e.ok(), why(e));
    vault::OutboxRepository outbox(f->vault->db());
    QVERIFY(outbox.markUploaded(e->uuid, QStringLiteral("srv-ma-7"), QStringLiteral("1"), f->clock.now()).ok());
    auto uploaded = records::PatientRecords(*f->vault).chart(kPatientNoAllergy);
    QCOMPARE(uploaded->administrations.size(), 2);
    QCOMPARE(uploaded->administrations.first().local->state, QStringLiteral("uploaded"));
    QCOMPARE(uploaded->pendingEntries, 0);

    // The mirror brings the EHR's copy back (server id, same identifier).
    QJsonObject copy = e->resource;
    copy.insert(QStringLiteral("id"), QStringLiteral("srv-ma-7"));
    import::Importer importer(*f->vault);
    auto imported = importer.importJson(QJsonDocument(copy).toJson());
    QVERIFY2(imported.ok() && imported->stored == 1, "import of the EHR copy failed");
    auto mirrored = records::PatientRecords(*f->vault).chart(kPatientNoAllergy);
    QCOMPARE(mirrored->administrations.size(), 2);
    QVERIFY(!mirrored->administrations.first().local.has_value());
}

void TestRecordChart::annotationsAndNotesUntilUploaded()
{
    auto hold = f->recorder(kPhysician).recordOrderAnnotation(
        {kPatient, kOrderHeparin, AnnotationKind::Hold, QStringLiteral("Thrombozyten abwarten")});
    QVERIFY2(hold.ok(), why(hold));
    auto note = f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Patient schläft"), {}});
    QVERIFY2(note.ok(), why(note));

    auto chart = records::PatientRecords(*f->vault).chart(kPatient);
    QVERIFY2(chart.ok(), why(chart));
    const QList<model::LocalAnnotation> onOrder = chart->annotationsFor(QStringLiteral("MedicationRequest/") + kOrderHeparin);
    QCOMPARE(onOrder.size(), 1);
    QCOMPARE(onOrder.first().kind, QStringLiteral("hold"));
    QCOMPARE(onOrder.first().text, QStringLiteral("Thrombozyten abwarten"));
    QCOMPARE(onOrder.first().local.author, kPhysician);
    QVERIFY(chart->annotationsFor(kOrderAmoxicillin).isEmpty());
    QCOMPARE(chart->localNotes.size(), 1);
    QCOMPARE(chart->localNotes.first().kind, QStringLiteral("nursing-note"));
    QCOMPARE(chart->localNotes.first().text, QStringLiteral("Patient schläft"));
    QCOMPARE(chart->pendingEntries, 2);

    vault::OutboxRepository outbox(f->vault->db());
    QVERIFY(outbox.markUploaded(hold->uuid, QStringLiteral("doc-1"), QStringLiteral("1"), f->clock.now()).ok());
    QVERIFY(records::PatientRecords(*f->vault).chart(kPatient)->annotationsFor(kOrderHeparin).isEmpty());
    // In conflict it still shows: the EHR does not have it.
    QVERIFY(outbox.markConflict(note->uuid, ConflictReason::ServerRejected, QStringLiteral("422"), f->clock.now()).ok());
    QCOMPARE(records::PatientRecords(*f->vault).chart(kPatient)->localNotes.first().local.state, QStringLiteral("conflict"));
}

void TestRecordChart::reportedAllergyShowsUnconfirmed()
{
    auto before = records::PatientRecords(*f->vault).chart(kPatientNoAllergy);
    QCOMPARE(before->allergyStatus, model::AllergyStatus::NoInformation);
    auto reported = f->recorder().recordReportedAllergy({kPatientNoAllergy, QStringLiteral("Pflaster"), QStringLiteral("Rötung"), {}});
    QVERIFY2(reported.ok(), why(reported));
    auto chart = records::PatientRecords(*f->vault).chart(kPatientNoAllergy);
    QVERIFY2(chart->skipped.isEmpty(), qPrintable(chart->skipped.value(0).message));
    QCOMPARE(chart->allergies.size(), 1);
    const model::Allergy& a = chart->allergies.first();
    QCOMPARE(a.verificationStatus, QStringLiteral("unconfirmed"));
    QCOMPARE(a.substance.displayText(), QStringLiteral("Pflaster"));
    QVERIFY(a.local.has_value());
    QCOMPARE(chart->allergyStatus, model::AllergyStatus::HasAllergies);
}

void TestRecordChart::censusCountsLocalEntries()
{
    auto row = censusRow(*f->vault, kPatientNoAllergy);
    QVERIFY(row.has_value());
    QCOMPARE(row->pendingEntries, 0);
    QCOMPARE(row->lastAdministration, QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
    QCOMPARE(row->allergyStatus, model::AllergyStatus::NoInformation);

    const QDateTime at = QDateTime(QDate(2026, 3, 1), QTime(11, 50), Qt::UTC);
    QVERIFY(f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2, at)).ok());
    QVERIFY(f->recorder().recordNote({kPatientNoAllergy, NoteCategory::Nursing, QStringLiteral("ok"), {}}).ok());
    QVERIFY(f->recorder().recordReportedAllergy({kPatientNoAllergy, QStringLiteral("Jod"), {}, {}}).ok());
    row = censusRow(*f->vault, kPatientNoAllergy);
    QCOMPARE(row->pendingEntries, 3);
    QCOMPARE(row->lastAdministration, at);
    QCOMPARE(row->allergyStatus, model::AllergyStatus::HasAllergies);
    QVERIFY(row->allergies.contains(QStringLiteral("Jod")));
    QCOMPARE(vault::OutboxRepository(f->vault->db()).openEntriesByPatient()->value(kPatientNoAllergy), 3);
    QCOMPARE(censusRow(*f->vault, kPatient)->pendingEntries, 0);
}

QTEST_GUILESS_MAIN(TestRecordChart)
#include "test_record_chart.moc"
