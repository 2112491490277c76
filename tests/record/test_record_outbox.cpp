// The outbox: a confirmed entry survives closing the vault and a killed
// process; entries are immutable; corrections, decisions and the uploader's
// state changes move only along the allowed transitions.

#include "RecordFixture.h"
#include "core/vault/Database.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using vault::OutboxRepository;

class TestRecordOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outboxRunsWalWithFullSync();
    void entrySurvivesReopen();
    void entrySurvivesSigkillRightAfterRecording();
    void entriesAreImmutable();
    void duplicateUuidRefused();
    void retractingPendingEntrySupersedesIt();
    void retractingUploadedEntryWaitsForUpload();
    void decideTransitions();
    void decideRefusals();
    void amendAfterDecision();
    void uploaderStateChanges();
    void countsAndOpenEntriesByPatient();
    void patientMapAndDowntimeNotes();

private:
    static AdministrationInput paracetamol(const QDateTime& at);
    static RecordEntry given(RecordFixture& f);
};

AdministrationInput TestRecordOutbox::paracetamol(const QDateTime& at)
{
    AdministrationInput in;
    in.patientId = kPatientNoAllergy;
    in.orderId = kOrderPat2;
    in.givenAt = at;
    return in;
}

RecordEntry TestRecordOutbox::given(RecordFixture& f)
{
    // Repeated doses of the same order: the person confirmed the interval warning.
    auto e = f.recorder().recordAdministration(paracetamol({}), {{QStringLiteral("interval"), {}, true}});
    if (!e.ok())
        qFatal("recording failed: %s", qPrintable(e.error().message));
    return *e;
}

void TestRecordOutbox::outboxRunsWalWithFullSync()
{
    RecordFixture f;
    QVERIFY(f.create());
    QCOMPARE(f.vault->db().scalar(QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
    QCOMPARE(f.vault->db().scalar(QStringLiteral("PRAGMA synchronous"))->toInt(), 2); // FULL
}

void TestRecordOutbox::entrySurvivesReopen()
{
    RecordFixture f;
    QVERIFY(f.create());
    AdministrationInput in = paracetamol({});
    in.note = QStringLiteral("took it with water");
    auto recorded = f.recorder().recordAdministration(in);
    QVERIFY2(recorded.ok(), why(recorded));
    auto note = f.recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("slept well"), {}});
    QVERIFY2(note.ok(), why(note));

    QVERIFY(f.reopen());
    OutboxRepository outbox(f.vault->db());
    auto item = outbox.item(recorded->uuid);
    QVERIFY2(item.ok(), why(item));
    QVERIFY(item->has_value());
    const OutboxItem& it = **item;
    QCOMPARE(it.state, EntryState::Pending);
    QCOMPARE(it.entry.kind, EntryKind::Administration);
    QCOMPARE(it.entry.patientId, kPatientNoAllergy);
    QCOMPARE(it.entry.deviceId, kDevice);
    QCOMPARE(it.entry.author, kNurse);
    QCOMPARE(it.entry.downtimeId, kDowntime);
    QCOMPARE(it.entry.orderId, kOrderPat2);
    QCOMPARE(it.entry.orderVersionId, QStringLiteral("2"));
    QCOMPARE(it.entry.recordedAt, f.clock.now());
    QCOMPARE(it.entry.clinicalTime, f.clock.now());
    QCOMPARE(it.entry.resource, recorded->resource);
    QCOMPARE(it.entry.resource.value(QLatin1String("identifier")).toArray().first().toObject().value(QLatin1String("value")).toString(),
             QStringLiteral("urn:uuid:") + recorded->uuid);
    QVERIFY(f.vault->checkIntegrity().ok());

    auto pending = outbox.pending();
    QVERIFY(pending.ok());
    QCOMPARE(pending->size(), 2);
    // Upload order: by patient, then clinical time.
    QCOMPARE(pending->at(0).entry.patientId, kPatient);
    QCOMPARE(pending->at(1).entry.uuid, recorded->uuid);
}

void TestRecordOutbox::entrySurvivesSigkillRightAfterRecording()
{
    RecordFixture f;
    QVERIFY(f.create());
    f.close(); // the child opens its own connection; none is shared across fork()

    int fds[2];
    QVERIFY(::pipe(fds) == 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        auto opened = vault::Vault::open(f.path(), fixedKey());
        if (!opened.ok())
            ::_exit(3);
        record::Recorder recorder(**opened, kNurse, kDevice, kDowntime, f.clock);
        auto e = recorder.recordAdministration(paracetamol({}));
        if (!e.ok())
            ::_exit(4);
        const QByteArray uuid = e->uuid.toLatin1();
        if (::write(fds[1], uuid.constData(), size_t(uuid.size())) != uuid.size())
            ::_exit(5);
        ::kill(::getpid(), SIGKILL); // the screen has confirmed; now the power goes
        ::_exit(6);
    }
    ::close(fds[1]);
    char buffer[64] = {};
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer - 1);
    ::close(fds[0]);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
             qPrintable(QStringLiteral("child exit status %1").arg(WIFEXITED(status) ? WEXITSTATUS(status) : -1)));
    QVERIFY(n > 0);
    const QString uuid = QString::fromLatin1(buffer, int(n));

    QVERIFY(f.reopen());
    QVERIFY(f.vault->checkIntegrity().ok());
    auto item = OutboxRepository(f.vault->db()).item(uuid);
    QVERIFY2(item.ok(), why(item));
    QVERIFY(item->has_value());
    QCOMPARE((*item)->state, EntryState::Pending);
    QCOMPARE((*item)->entry.orderId, kOrderPat2);
}

void TestRecordOutbox::entriesAreImmutable()
{
    RecordFixture f;
    QVERIFY(f.create());
    const RecordEntry e = given(f);
    const Status updated = f.vault->db().exec(
        QStringLiteral("UPDATE outbox_entry SET author = 'someone.else' WHERE uuid = '%1'").arg(e.uuid));
    QVERIFY(!updated.ok());
    QVERIFY(updated.error().message.contains(QStringLiteral("immutable")));
    QVERIFY(!f.vault->db().exec(QStringLiteral("DELETE FROM outbox_entry")).ok());
    auto item = OutboxRepository(f.vault->db()).item(e.uuid);
    QCOMPARE((*item)->entry.author, kNurse);
}

void TestRecordOutbox::duplicateUuidRefused()
{
    RecordFixture f;
    QVERIFY(f.create());
    const RecordEntry e = given(f);
    const Status again = OutboxRepository(f.vault->db()).append(e);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(OutboxRepository(f.vault->db()).counts()->pending, 1);
}

void TestRecordOutbox::retractingPendingEntrySupersedesIt()
{
    RecordFixture f;
    QVERIFY(f.create());
    const RecordEntry e = given(f);
    f.clock.advanceSecs(60);
    auto retraction = f.recorder().markEnteredInError(e.uuid, QStringLiteral("wrong patient"));
    QVERIFY2(retraction.ok(), why(retraction));
    QCOMPARE(retraction->corrects, e.uuid);
    QVERIFY(isRetraction(*retraction));
    OutboxRepository outbox(f.vault->db());
    QCOMPARE((*outbox.item(e.uuid))->state, EntryState::Superseded);
    // Never reached the EHR: nothing to withdraw there, nothing to upload.
    QCOMPARE((*outbox.item(retraction->uuid))->state, EntryState::EnteredInError);
    QCOMPARE(outbox.pending()->size(), 0);
    // One correction per entry; a retraction is not itself retracted.
    QVERIFY(!f.recorder().markEnteredInError(e.uuid, QStringLiteral("again")).ok());
    QVERIFY(!f.recorder().markEnteredInError(retraction->uuid, QStringLiteral("undo")).ok());
    // The reason is required and named.
    auto noReason = f.recorder().markEnteredInError(given(f).uuid, QString());
    QVERIFY(!noReason.ok());
    QVERIFY(noReason.error().message.startsWith(QStringLiteral("reason")));
}

void TestRecordOutbox::retractingUploadedEntryWaitsForUpload()
{
    RecordFixture f;
    QVERIFY(f.create());
    const RecordEntry e = given(f);
    OutboxRepository outbox(f.vault->db());
    QVERIFY(outbox.markUploaded(e.uuid, QStringLiteral("srv-1"), QStringLiteral("1"), f.clock.now()).ok());
    auto retraction = f.recorder().markEnteredInError(e.uuid, QStringLiteral("charted twice"));
    QVERIFY2(retraction.ok(), why(retraction));
    QCOMPARE((*outbox.item(e.uuid))->state, EntryState::Uploaded);
    QCOMPARE((*outbox.item(retraction->uuid))->state, EntryState::Pending);
    // The withdrawn resource is the original one: same identifier, status entered-in-error.
    QCOMPARE(retraction->resource.value(QLatin1String("status")).toString(), QStringLiteral("entered-in-error"));
    QCOMPARE(retraction->resource.value(QLatin1String("identifier")), e.resource.value(QLatin1String("identifier")));
    // An uploaded entry cannot be "amended" by a new resource: only withdrawn.
    const RecordEntry other = given(f);
    QVERIFY(outbox.markUploaded(other.uuid, QStringLiteral("srv-2"), QStringLiteral("1"), f.clock.now()).ok());
    RecordEntry amend = other;
    amend.uuid = QStringLiteral("11111111-2222-3333-4444-555555555555");
    amend.corrects = other.uuid;
    const Status amended = outbox.append(amend);
    QVERIFY(!amended.ok());
    QCOMPARE(amended.error().code, ErrorCode::Conflict);

    QVERIFY(outbox.markUploaded(retraction->uuid, QStringLiteral("srv-1"), QStringLiteral("2"), f.clock.now()).ok());
    QCOMPARE((*outbox.item(e.uuid))->state, EntryState::EnteredInError);
    QCOMPARE((*outbox.item(retraction->uuid))->state, EntryState::Uploaded);
}

void TestRecordOutbox::decideTransitions()
{
    RecordFixture f;
    QVERIFY(f.create());
    OutboxRepository outbox(f.vault->db());
    const QDateTime at = f.clock.now();

    const RecordEntry a = given(f);
    QVERIFY(outbox.markConflict(a.uuid, ConflictReason::OrderChanged, QStringLiteral("order now v3"), at).ok());
    auto conflicted = outbox.item(a.uuid);
    QCOMPARE((*conflicted)->state, EntryState::Conflict);
    QCOMPARE((*conflicted)->conflict, ConflictReason::OrderChanged);
    QCOMPARE((*conflicted)->conflictDetail, QStringLiteral("order now v3"));
    QVERIFY(outbox.decide(a.uuid, Decision::UploadAnyway, kPhysician, QStringLiteral("dose still right"), at).ok());
    auto decided = outbox.item(a.uuid);
    QCOMPARE((*decided)->state, EntryState::Pending);
    QCOMPARE((*decided)->decision, Decision::UploadAnyway);
    QCOMPARE((*decided)->decidedBy, kPhysician);
    QCOMPARE((*decided)->decidedAt, at);
    QCOMPARE((*decided)->decisionNote, QStringLiteral("dose still right"));
    QCOMPARE((*decided)->conflict, ConflictReason::OrderChanged); // kept for the report

    const RecordEntry b = given(f);
    QVERIFY(outbox.markConflict(b.uuid, ConflictReason::PossibleDuplicate, QStringLiteral("MedicationAdministration/x"), at).ok());
    QVERIFY(outbox.decide(b.uuid, Decision::MarkDuplicate, kPhysician, {}, at).ok());
    QCOMPARE((*outbox.item(b.uuid))->state, EntryState::Duplicate);

    const RecordEntry c = given(f);
    QVERIFY(outbox.markConflict(c.uuid, ConflictReason::ServerRejected, QStringLiteral("422"), at).ok());
    QVERIFY(outbox.decide(c.uuid, Decision::Amend, kPhysician, {}, at).ok());
    QCOMPARE((*outbox.item(c.uuid))->state, EntryState::Superseded);
}

void TestRecordOutbox::decideRefusals()
{
    RecordFixture f;
    QVERIFY(f.create());
    OutboxRepository outbox(f.vault->db());
    const QDateTime at = f.clock.now();
    const RecordEntry a = given(f);
    const Status onPending = outbox.decide(a.uuid, Decision::MarkDuplicate, kPhysician, {}, at);
    QVERIFY(!onPending.ok());
    QCOMPARE(onPending.error().code, ErrorCode::Conflict);
    QCOMPARE((*outbox.item(a.uuid))->state, EntryState::Pending);

    QVERIFY(outbox.markConflict(a.uuid, ConflictReason::OrderDiscontinued, {}, at).ok());
    QVERIFY(!outbox.decide(a.uuid, Decision::UploadAnyway, QString(), {}, at).ok()); // who decided is required
    QVERIFY(outbox.decide(a.uuid, Decision::MarkDuplicate, kPhysician, {}, at).ok());
    QVERIFY(!outbox.decide(a.uuid, Decision::UploadAnyway, kPhysician, {}, at).ok()); // Duplicate is final
    QVERIFY(!outbox.markConflict(a.uuid, ConflictReason::OrderChanged, {}, at).ok());
    QVERIFY(!outbox.markUploaded(a.uuid, QStringLiteral("srv"), QStringLiteral("1"), at).ok());

    const Status unknown = outbox.decide(QStringLiteral("no-such-entry"), Decision::Amend, kPhysician, {}, at);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void TestRecordOutbox::amendAfterDecision()
{
    RecordFixture f;
    QVERIFY(f.create());
    OutboxRepository outbox(f.vault->db());
    const RecordEntry a = given(f);
    QVERIFY(outbox.markConflict(a.uuid, ConflictReason::OrderChanged, QStringLiteral("v3"), f.clock.now()).ok());
    QVERIFY(outbox.decide(a.uuid, Decision::Amend, kPhysician, {}, f.clock.now()).ok());
    RecordEntry amended = a;
    amended.uuid = QStringLiteral("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    amended.corrects = a.uuid;
    amended.orderVersionId = QStringLiteral("3");
    QVERIFY(outbox.append(amended).ok());
    QCOMPARE((*outbox.item(amended.uuid))->state, EntryState::Pending);
    QCOMPARE((*outbox.item(a.uuid))->state, EntryState::Superseded);
    QCOMPARE((*outbox.correctionOf(a.uuid))->entry.uuid, amended.uuid);

    // Correcting an entry in conflict directly counts as the Amend decision.
    const RecordEntry b = given(f);
    QVERIFY(outbox.markConflict(b.uuid, ConflictReason::OrderChanged, {}, f.clock.now()).ok());
    RecordEntry amendB = b;
    amendB.uuid = QStringLiteral("bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee");
    amendB.corrects = b.uuid;
    QVERIFY(outbox.append(amendB).ok());
    auto old = outbox.item(b.uuid);
    QCOMPARE((*old)->state, EntryState::Superseded);
    QCOMPARE((*old)->decision, Decision::Amend);
    QCOMPARE((*old)->decidedBy, kNurse);
}

void TestRecordOutbox::uploaderStateChanges()
{
    RecordFixture f;
    QVERIFY(f.create());
    OutboxRepository outbox(f.vault->db());
    const RecordEntry a = given(f);
    QVERIFY(outbox.noteAttempt(a.uuid, QStringLiteral("connection refused"), f.clock.now()).ok());
    QVERIFY(outbox.noteAttempt(a.uuid, QStringLiteral("timeout"), f.clock.now()).ok());
    auto item = outbox.item(a.uuid);
    QCOMPARE((*item)->attempts, 2);
    QCOMPARE((*item)->lastError, QStringLiteral("timeout"));
    QCOMPARE((*item)->state, EntryState::Pending);
    QVERIFY(!outbox.noteAttempt(QStringLiteral("nope"), {}, f.clock.now()).ok());

    QVERIFY(outbox.markUploaded(a.uuid, QStringLiteral("srv-9"), QStringLiteral("1"), f.clock.now()).ok());
    QVERIFY(outbox.markUploaded(a.uuid, QStringLiteral("srv-9"), QStringLiteral("1"), f.clock.now()).ok()); // idempotent
    item = outbox.item(a.uuid);
    QCOMPARE((*item)->state, EntryState::Uploaded);
    QCOMPARE((*item)->serverId, QStringLiteral("srv-9"));
    QCOMPARE((*item)->serverVersionId, QStringLiteral("1"));
    QVERIFY((*item)->lastError.isEmpty());
    QVERIFY(!outbox.markConflict(a.uuid, ConflictReason::ServerRejected, {}, f.clock.now()).ok());
}

void TestRecordOutbox::countsAndOpenEntriesByPatient()
{
    RecordFixture f;
    QVERIFY(f.create());
    OutboxRepository outbox(f.vault->db());
    const RecordEntry a = given(f);
    given(f);
    QVERIFY(f.recorder().recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("ok"), {}}).ok());
    record::Recorder other(*f.vault, kNurse, kDevice, QStringLiteral("dt-other"), f.clock);
    QVERIFY(other.recordNote({kPatient, NoteCategory::Nursing, QStringLiteral("later"), {}}).ok());
    QVERIFY(outbox.markConflict(a.uuid, ConflictReason::OrderChanged, {}, f.clock.now()).ok());

    auto open = outbox.openEntriesByPatient();
    QVERIFY(open.ok());
    QCOMPARE(open->value(kPatientNoAllergy), 2);
    QCOMPARE(open->value(kPatient), 2);
    auto all = outbox.counts();
    QCOMPARE(all->pending, 3);
    QCOMPARE(all->conflict, 1);
    auto ofDowntime = outbox.counts(kDowntime);
    QCOMPARE(ofDowntime->pending, 2);
    QCOMPARE(ofDowntime->conflict, 1);
    vault::OutboxFilter filter;
    filter.state = EntryState::Conflict;
    QCOMPARE(outbox.items(filter)->size(), 1);
    filter = {};
    filter.kind = EntryKind::Note;
    filter.downtimeId = kDowntime;
    QCOMPARE(outbox.items(filter)->size(), 1);
}

void TestRecordOutbox::patientMapAndDowntimeNotes()
{
    RecordFixture f;
    QVERIFY(f.create());
    OutboxRepository outbox(f.vault->db());
    QVERIFY(!outbox.mappedPatient(QStringLiteral("lantern-x"))->has_value());
    QVERIFY(outbox.mapPatient(QStringLiteral("lantern-x"), QStringLiteral("srv-pat-7")).ok());
    QCOMPARE(**outbox.mappedPatient(QStringLiteral("lantern-x")), QStringLiteral("srv-pat-7"));
    QVERIFY(!*outbox.downtimeNotePosted(kDowntime, kPatient));
    QVERIFY(outbox.markDowntimeNotePosted(kDowntime, kPatient, QStringLiteral("doc-1")).ok());
    QVERIFY(*outbox.downtimeNotePosted(kDowntime, kPatient));
    QVERIFY(!*outbox.downtimeNotePosted(QStringLiteral("dt-other"), kPatient));
}

QTEST_GUILESS_MAIN(TestRecordOutbox)
#include "test_record_outbox.moc"
