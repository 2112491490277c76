// Decisions on conflicts (who may decide, audited, amend as a new entry) and
// the reconciliation report of a downtime as JSON.

#include "RecordFixture.h"
#include "core/audit/AuditLog.h"
#include "core/record/ConflictResolver.h"
#include "core/record/ReconcileReport.h"
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

QStringList auditDetails(vault::Vault& vault, const QString& action)
{
    QStringList out;
    auto rows = vault.db().prepare(QStringLiteral("SELECT detail, outcome, actor FROM audit_entry WHERE action = ? ORDER BY seq"));
    rows->bind(1, action);
    while (*rows->step())
        out << rows->text(0) + QLatin1Char('|') + rows->text(1) + QLatin1Char('|') + rows->text(2);
    return out;
}

} // namespace

class TestRecordReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void onlyPhysiciansDecideAndEveryDecisionIsAudited();
    void amendingAConflictRecordsANewEntry();
    void reportJson();

private:
    std::unique_ptr<RecordFixture> f;
};

void TestRecordReport::init()
{
    f = std::make_unique<RecordFixture>();
    QVERIFY(f->create());
}

void TestRecordReport::onlyPhysiciansDecideAndEveryDecisionIsAudited()
{
    vault::OutboxRepository outbox(f->vault->db());
    auto e = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY2(e.ok(), why(e));
    QVERIFY(outbox.markConflict(e->uuid, ConflictReason::OrderChanged, QStringLiteral("order now v3"), f->clock.now()).ok());

    const Status byNurse = ConflictResolver(*f->vault, kNurse, f->clock).decide(e->uuid, Decision::UploadAnyway);
    QVERIFY(!byNurse.ok());
    QCOMPARE(byNurse.error().code, ErrorCode::Denied);
    QCOMPARE((*outbox.item(e->uuid))->state, EntryState::Conflict);
    QVERIFY(!ConflictResolver(*f->vault, QStringLiteral("stranger"), f->clock).decide(e->uuid, Decision::UploadAnyway).ok());

    f->clock.advanceSecs(120);
    const Status byPhysician =
        ConflictResolver(*f->vault, kPhysician, f->clock).decide(e->uuid, Decision::UploadAnyway, QStringLiteral("still right"));
    QVERIFY2(byPhysician.ok(), why(byPhysician));
    auto item = outbox.item(e->uuid);
    QCOMPARE((*item)->state, EntryState::Pending);
    QCOMPARE((*item)->decidedBy, kPhysician);
    QCOMPARE((*item)->decidedAt, f->clock.now());
    // Not in conflict any more: a second decision is refused.
    QCOMPARE(ConflictResolver(*f->vault, kPhysician, f->clock).decide(e->uuid, Decision::MarkDuplicate).error().code,
             ErrorCode::Conflict);

    QCOMPARE(auditDetails(*f->vault, QStringLiteral("resolve-conflict")),
             (QStringList{QStringLiteral("upload-anyway order-changed|denied|n.berger"),
                          QStringLiteral("upload-anyway order-changed|denied|stranger"),
                          QStringLiteral("upload-anyway order-changed|success|dr.wolf")}));
    QVERIFY(audit::AuditLog(*f->vault, f->clock).verify()->ok);
}

void TestRecordReport::amendingAConflictRecordsANewEntry()
{
    vault::OutboxRepository outbox(f->vault->db());
    auto e = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY(outbox.markConflict(e->uuid, ConflictReason::ServerRejected, QStringLiteral("dose unit invalid"), f->clock.now()).ok());

    f->clock.advanceSecs(3 * 24 * 3600); // the EHR came back days later
    AdministrationInput fixed = give(kPatientNoAllergy, kOrderPat2, e->clinicalTime);
    // Three days back is too old for a new entry ...
    QVERIFY(f->recorder(kPhysician).recordAdministration(fixed).error().message.startsWith(QStringLiteral("givenAt:")));
    // ... but not for the amendment of an entry of that time.
    fixed.dose.value = 500;
    fixed.dose.unit = QStringLiteral("mg");
    fixed.amends = e->uuid;
    // 500 mg is not the ordered 1000 mg: that warning is confirmed.
    const QList<SafetyWarning> doseConfirmed{{QStringLiteral("dose"), {}, true}};
    // A nurse may not take the Amend decision on a conflict.
    auto byNurse = f->recorder().recordAdministration(fixed, doseConfirmed);
    QVERIFY(!byNurse.ok());
    QCOMPARE(byNurse.error().code, ErrorCode::Denied);
    QCOMPARE((*outbox.item(e->uuid))->state, EntryState::Conflict);

    auto amended = f->recorder(kPhysician).recordAdministration(fixed, doseConfirmed); // the old dose does not count as a previous one
    QVERIFY2(amended.ok(), why(amended));
    QCOMPARE(amended->corrects, e->uuid);
    QCOMPARE(amended->clinicalTime, e->clinicalTime);
    auto old = outbox.item(e->uuid);
    QCOMPARE((*old)->state, EntryState::Superseded);
    QCOMPARE((*old)->decision, Decision::Amend);
    QCOMPARE((*old)->decidedBy, kPhysician);
    QCOMPARE((*outbox.item(amended->uuid))->state, EntryState::Pending);
    QVERIFY(auditDetails(*f->vault, QStringLiteral("resolve-conflict"))
                .contains(QStringLiteral("amend server-rejected|success|dr.wolf")));
    QVERIFY(auditDetails(*f->vault, QStringLiteral("record-entry"))
                .contains(QStringLiteral("administration amends|success|dr.wolf")));

    // Decided first, amended afterwards: the same result.
    auto second = f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Text 1"), {}});
    QVERIFY(outbox.markConflict(second->uuid, ConflictReason::ServerRejected, QStringLiteral("422"), f->clock.now()).ok());
    QVERIFY(ConflictResolver(*f->vault, kPhysician, f->clock).decide(second->uuid, Decision::Amend).ok());
    auto amendedNote = f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Text 2"), {}, second->uuid});
    QVERIFY2(amendedNote.ok(), why(amendedNote));
    // Only once, and only with the same kind and patient.
    QVERIFY(!f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Text 3"), {}, second->uuid}).ok());
    QVERIFY(f->recorder().recordNote({kPatientNoAllergy, NoteCategory::Nursing, QStringLiteral("x"), {}, amendedNote->uuid})
                .error().message.startsWith(QStringLiteral("amends:")));
}

void TestRecordReport::reportJson()
{
    vault::OutboxRepository outbox(f->vault->db());
    auto a = f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2));
    AdministrationInput heparin = give(kPatient, kOrderHeparin);
    heparin.witness = kNurse2; // high-alert: the Recorder wants a second person
    auto hep = f->recorder().checkAdministration(heparin);
    auto b = f->recorder().recordAdministration(heparin, *hep);
    auto n = f->recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("Streng vertraulich"), {}});
    auto c = f->recorder().recordReportedAllergy({kPatient, QStringLiteral("Latex"), {}, {}});
    record::Recorder elsewhere(*f->vault, kNurse, kDevice, QStringLiteral("dt-other"), f->clock);
    QVERIFY(elsewhere.recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("other downtime"), {}}).ok());
    QVERIFY(a.ok() && b.ok() && n.ok() && c.ok());

    f->clock.advanceSecs(3600);
    QVERIFY(outbox.markUploaded(a->uuid, QStringLiteral("srv-1"), QStringLiteral("1"), f->clock.now()).ok());
    QVERIFY(outbox.markConflict(b->uuid, ConflictReason::OrderDiscontinued, QStringLiteral("order stopped at v3"), f->clock.now()).ok());
    QVERIFY(outbox.markConflict(n->uuid, ConflictReason::PossibleDuplicate, QStringLiteral("DocumentReference/d9"), f->clock.now()).ok());
    QVERIFY(ConflictResolver(*f->vault, kPhysician, f->clock).decide(n->uuid, Decision::MarkDuplicate, QStringLiteral("back-charted")).ok());
    QVERIFY(outbox.noteAttempt(c->uuid, QStringLiteral("timeout"), f->clock.now()).ok());
    QVERIFY(outbox.markDowntimeNotePosted(kDowntime, kPatientNoAllergy, QStringLiteral("doc-dt-1")).ok());

    auto json = ReconcileReport::buildJson(*f->vault, kDowntime, f->clock);
    QVERIFY2(json.ok(), why(json));
    QVERIFY(!json->contains("Heparin")); // no drug names
    QVERIFY(!json->contains("Streng vertraulich")); // no note texts
    QVERIFY(!json->contains("Latex"));
    QVERIFY(!json->contains("Muster"));
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(*json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(report.value(QLatin1String("report")).toString(), QStringLiteral("lantern-reconciliation"));
    QCOMPARE(report.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(report.value(QLatin1String("downtimeId")).toString(), kDowntime);
    QCOMPARE(report.value(QLatin1String("deviceId")).toString(), *f->vault->meta(QStringLiteral("vault_id")));
    QCOMPARE(report.value(QLatin1String("generatedAt")).toString(), QStringLiteral("2026-03-01T13:00:00.000Z"));

    const QJsonObject counts = report.value(QLatin1String("counts")).toObject();
    QCOMPARE(counts.value(QLatin1String("total")).toInt(), 4);
    QCOMPARE(counts.value(QLatin1String("uploaded")).toInt(), 1);
    QCOMPARE(counts.value(QLatin1String("conflict")).toInt(), 1);
    QCOMPARE(counts.value(QLatin1String("duplicate")).toInt(), 1);
    QCOMPARE(counts.value(QLatin1String("pending")).toInt(), 1);
    QCOMPARE(report.value(QLatin1String("byKind")).toObject().value(QLatin1String("administration")).toObject()
                 .value(QLatin1String("uploaded")).toInt(), 1);

    const QJsonArray conflicts = report.value(QLatin1String("conflicts")).toArray();
    QCOMPARE(conflicts.size(), 2);
    QJsonObject open, resolved;
    for (const QJsonValue& v : conflicts) {
        if (v.toObject().value(QLatin1String("uuid")).toString() == b->uuid)
            open = v.toObject();
        else
            resolved = v.toObject();
    }
    QCOMPARE(open.value(QLatin1String("reason")).toString(), QStringLiteral("order-discontinued"));
    QCOMPARE(open.value(QLatin1String("detail")).toString(), QStringLiteral("order stopped at v3"));
    QCOMPARE(open.value(QLatin1String("resolution")).toString(), QStringLiteral("open"));
    QCOMPARE(open.value(QLatin1String("patientId")).toString(), kPatient);
    const QJsonObject resolution = resolved.value(QLatin1String("resolution")).toObject();
    QCOMPARE(resolved.value(QLatin1String("uuid")).toString(), n->uuid);
    QCOMPARE(resolution.value(QLatin1String("decision")).toString(), QStringLiteral("mark-duplicate"));
    QCOMPARE(resolution.value(QLatin1String("decidedBy")).toString(), kPhysician);
    QCOMPARE(resolution.value(QLatin1String("decidedAt")).toString(), QStringLiteral("2026-03-01T13:00:00.000Z"));
    QCOMPARE(resolution.value(QLatin1String("note")).toString(), QStringLiteral("back-charted"));

    const QJsonArray entries = report.value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), 4);
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        QVERIFY(!e.value(QLatin1String("uuid")).toString().isEmpty());
        QVERIFY(!e.value(QLatin1String("clinicalTime")).toString().isEmpty());
        if (e.value(QLatin1String("uuid")).toString() == b->uuid) {
            QCOMPARE(e.value(QLatin1String("warnings")).toArray().first().toObject().value(QLatin1String("kind")).toString(),
                     QStringLiteral("allergy"));
            QVERIFY(e.value(QLatin1String("warnings")).toArray().first().toObject().value(QLatin1String("overridden")).toBool());
            QCOMPARE(e.value(QLatin1String("orderId")).toString(), kOrderHeparin);
        }
        if (e.value(QLatin1String("uuid")).toString() == c->uuid) {
            QCOMPARE(e.value(QLatin1String("attempts")).toInt(), 1);
            QCOMPARE(e.value(QLatin1String("lastError")).toString(), QStringLiteral("timeout"));
        }
    }
    const QJsonArray patients = report.value(QLatin1String("patients")).toArray();
    QCOMPARE(patients.size(), 2);
    for (const QJsonValue& v : patients) {
        const QJsonObject p = v.toObject();
        QCOMPARE(p.value(QLatin1String("downtimeNotePosted")).toBool(), p.value(QLatin1String("patientId")).toString() == kPatientNoAllergy);
    }

    auto all = ReconcileReport::build(*f->vault, {}, f->clock);
    QCOMPARE(all->value(QLatin1String("counts")).toObject().value(QLatin1String("total")).toInt(), 5);
    QCOMPARE(*ReconcileReport::downtimes(*f->vault), (QStringList{kDowntime, QStringLiteral("dt-other")}));
}

QTEST_GUILESS_MAIN(TestRecordReport)
#include "test_record_report.moc"
