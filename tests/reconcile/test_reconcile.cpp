// Reconciliation against the in-process simulator over real HTTP, into real
// vaults: 500 entries from three devices during an outage while the EHR
// changes, a connection dropped mid-batch, a stale version (412), and the
// decisions a physician (not a nurse) takes on conflicts.

#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/audit/AuditLog.h"
#include "sync/reconcile/ConflictDecisions.h"
#include "sync/reconcile/ReconcileEngine.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace lantern;
using namespace lantern::test;
using record::ConflictReason;
using record::EntryState;

class TestReconcile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiveHundredEntriesFromThreeDevicesExactlyOnce();
    void droppedConnectionMidBatchResumesWithoutDuplicates();
    void staleVersionGets412AndIsQueued();
    void decisions();
    void engineRunsInWorkerThread();

private:
    // One device with `entries` entries recorded during an outage.
    std::pair<Device, Expectations> recordedDevice(ReconcileFixture& fixture, int entries, bool ehrChanges);
};

std::pair<Device, Expectations> TestReconcile::recordedDevice(ReconcileFixture& fixture, int entries, bool ehrChanges)
{
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    if (!scenario.record({entries, ehrChanges, false}))
        qFatal("recording failed");
    fixture.server().clearFault();
    return {device, scenario.expected()};
}

void TestReconcile::fiveHundredEntriesFromThreeDevicesExactlyOnce()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(10));
    const QList<Device> devices{fixture.makeDevice(QStringLiteral("device-1")), fixture.makeDevice(QStringLiteral("device-2")),
                                fixture.makeDevice(QStringLiteral("device-3"))};
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, devices);
    QVERIFY(scenario.record({500, true, true}));
    QCOMPARE(scenario.expected().size(), 500);
    QVERIFY(scenario.conflictsExpected() > 30);

    // While the EHR is still down a run stops at once and changes nothing.
    const sync::ReconcileReport down = fixture.reconcile(devices.at(0), 1);
    QCOMPARE(down.end, sync::RunEnd::NetworkFailure);
    QCOMPARE(down.uploaded, 0);

    fixture.server().clearFault();
    int uploaded = 0;
    for (const Device& device : devices) {
        const sync::ReconcileReport report = fixture.reconcile(device);
        QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
        QCOMPARE(report.pendingLeft, 0);
        uploaded += report.uploaded;
    }
    int expectedUploads = 0, expectedAdministrations = 0;
    for (const Expected& e : scenario.expected()) {
        expectedUploads += e.state == EntryState::Uploaded ? 1 : 0;
        expectedAdministrations +=
            e.state == EntryState::Uploaded && e.type == QLatin1String("MedicationAdministration") ? 1 : 0;
    }
    QCOMPARE(uploaded, expectedUploads);
    for (int i = 0; i < devices.size(); ++i) {
        const QString problems = verifyDevice(fixture, devices.at(i), i, scenario.expected());
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
    // Nothing else of ours reached the EHR (no duplicate under another id either).
    QCOMPARE(fixture.lanternAdministrations(), expectedAdministrations);

    // A second run finds nothing to do and posts no second note.
    for (const Device& device : devices) {
        const sync::ReconcileReport again = fixture.reconcile(device);
        QVERIFY2(again.end == sync::RunEnd::Done, describe(again).constData());
        QCOMPARE(again.uploaded, 0);
        QCOMPARE(again.notesPosted, 0);
        QVERIFY(again.conflictsOpen > 0);
    }
}

void TestReconcile::droppedConnectionMidBatchResumesWithoutDuplicates()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(6, 9));
    auto [device, expected] = recordedDevice(fixture, 80, false);

    // After 10 requests every write's answer is lost (the work is done, the connection
    // closes): by then a few patients' Bundles are through (about four requests each).
    sim::FaultSpec drop{sim::FaultMode::Drop};
    drop.afterRequests = 10;
    fixture.server().setFault(drop);
    const sync::ReconcileReport broken = fixture.reconcile(device, 2);
    QVERIFY2(broken.end == sync::RunEnd::NetworkFailure, describe(broken).constData());
    QVERIFY(broken.uploaded > 0);
    QVERIFY(broken.pendingLeft > 0);
    {
        auto vault = fixture.open(device);
        auto pending = vault::OutboxRepository(vault->db()).pending();
        QVERIFY(pending.ok());
        QVERIFY2(std::any_of(pending->begin(), pending->end(), [](const record::OutboxItem& i) { return i.attempts > 0; }),
                 "the failed attempt was not noted");
    }
    fixture.server().clearFault();
    const sync::ReconcileReport resumed = fixture.reconcile(device);
    QVERIFY2(resumed.end == sync::RunEnd::Done, describe(resumed).constData());
    QVERIFY2(resumed.alreadyPresent >= 1, "the entry whose answer was lost should be found by its identifier");
    QCOMPARE(broken.uploaded + resumed.uploaded, int(expected.size()));
    const QString problems = verifyDevice(fixture, device, 0, expected);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCOMPARE(fixture.lanternAdministrations(), int(std::count_if(expected.begin(), expected.end(), [](const Expected& e) {
                 return e.type == QLatin1String("MedicationAdministration");
             })));
}

void TestReconcile::staleVersionGets412AndIsQueued()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(3, 13));
    auto [device, expected] = recordedDevice(fixture, 12, false);
    QVERIFY(fixture.reconcile(device).end == sync::RunEnd::Done);

    auto vault = fixture.open(device);
    vault::OutboxRepository outbox(vault->db());
    auto items = outbox.items({EntryState::Uploaded, {}, {}, record::EntryKind::Administration, {}});
    QVERIFY(items.ok() && items->size() >= 2);
    const record::OutboxItem changed = items->at(0);
    const record::OutboxItem untouched = items->at(1);

    // Someone edits the EHR copy of the first administration after the upload.
    auto copy = fixture.sim().store().readObject(QStringLiteral("MedicationAdministration"), changed.serverId);
    QVERIFY(copy);
    copy->insert(QStringLiteral("note"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("checked")}}});
    QVERIFY(fixture.sim().store().put(*copy).ok());

    ManualClock clock(QDateTime::currentDateTimeUtc().addSecs(3600));
    record::Recorder recorder = fixture.recorder(*vault, device, clock);
    auto staleRetraction = recorder.markEnteredInError(changed.entry.uuid, QStringLiteral("wrong patient"));
    auto retraction = recorder.markEnteredInError(untouched.entry.uuid, QStringLiteral("wrong patient"));
    QVERIFY2(staleRetraction.ok(), staleRetraction.ok() ? "" : qPrintable(staleRetraction.error().message));
    QVERIFY(retraction.ok());
    vault.reset();

    const sync::ReconcileReport report = fixture.reconcile(device);
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    vault = fixture.open(device);
    vault::OutboxRepository after(vault->db());
    auto stale = after.item(staleRetraction->uuid);
    QVERIFY(stale.ok() && *stale);
    QCOMPARE((*stale)->state, EntryState::Conflict);
    QCOMPARE((*stale)->conflict, std::optional<ConflictReason>(ConflictReason::ServerRejected));
    QVERIFY2((*stale)->conflictDetail.contains(QLatin1String("412")), qPrintable((*stale)->conflictDetail));
    // The EHR copy someone edited keeps its status; the other is withdrawn.
    auto kept = fixture.sim().store().readObject(QStringLiteral("MedicationAdministration"), changed.serverId);
    QVERIFY(kept && kept->value(QLatin1String("status")).toString() != QLatin1String("entered-in-error"));
    auto withdrawn = fixture.sim().store().readObject(QStringLiteral("MedicationAdministration"), untouched.serverId);
    QCOMPARE(withdrawn->value(QLatin1String("status")).toString(), QStringLiteral("entered-in-error"));
    auto original = after.item(untouched.entry.uuid);
    QCOMPARE((*original)->state, EntryState::EnteredInError);
    QCOMPARE(fixture.identifierHits(QStringLiteral("MedicationAdministration"), untouched.entry.uuid), 1);
}

void TestReconcile::decisions()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(6, 21));
    auto [device, expected] = recordedDevice(fixture, 60, true);
    QVERIFY(fixture.reconcile(device).end == sync::RunEnd::Done);
    QStringList conflicts;
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
        if (it->state == EntryState::Conflict)
            conflicts << it.key();
    QVERIFY(conflicts.size() >= 3);

    access::VaultAccess access;
    {
        auto nurse = access.unlock(device.dir, kNurse, kPassphrase);
        QVERIFY(nurse.ok());
        Status denied = sync::decideConflict(*nurse, conflicts.at(0), record::Decision::UploadAnyway, {});
        QCOMPARE(denied.error().code, ErrorCode::Denied);
        auto last = vault::AuditRepository(nurse->vault()).lastEntry();
        QVERIFY(last.ok() && *last);
        QCOMPARE((*last)->action, QStringLiteral("resolve-conflict"));
        QCOMPARE((*last)->outcome, QStringLiteral("denied"));
    }
    {
        auto physician = access.unlock(device.dir, kPhysician, kPassphrase);
        QVERIFY(physician.ok());
        QVERIFY(sync::decideConflict(*physician, conflicts.at(0), record::Decision::UploadAnyway, QStringLiteral("given as charted")).ok());
        QVERIFY(sync::decideConflict(*physician, conflicts.at(1), record::Decision::MarkDuplicate, {}).ok());
        // Not waiting any more: a second decision is refused.
        QCOMPARE(sync::decideConflict(*physician, conflicts.at(1), record::Decision::UploadAnyway, {}).error().code,
                 ErrorCode::Conflict);
    }
    const sync::ReconcileReport report = fixture.reconcile(device);
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    QCOMPARE(report.uploaded, 1);
    auto vault = fixture.open(device);
    vault::OutboxRepository outbox(vault->db());
    QCOMPARE((*outbox.item(conflicts.at(0)))->state, EntryState::Uploaded);
    QCOMPARE((*outbox.item(conflicts.at(1)))->state, EntryState::Duplicate);
    QCOMPARE(fixture.identifierHits(expected.value(conflicts.at(0)).type, conflicts.at(0)), 1);
    QCOMPARE(fixture.identifierHits(expected.value(conflicts.at(1)).type, conflicts.at(1)), 0);
    QCOMPARE((*outbox.item(conflicts.at(2)))->state, EntryState::Conflict);
}

void TestReconcile::engineRunsInWorkerThread()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(3, 17));
    auto [device, expected] = recordedDevice(fixture, 20, false);
    sync::ReconcileEngineConfig config;
    config.ehr.baseUrl = QUrl(fixture.baseUrl());
    config.ehr.retryAttempts = 1;
    const QString dir = device.dir;
    QThread worker;
    auto* engine = new sync::ReconcileEngine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    engine->moveToThread(&worker);
    QSignalSpy progress(engine, &sync::ReconcileEngine::progress);
    QSignalSpy finished(engine, &sync::ReconcileEngine::finished);
    worker.start();
    QMetaObject::invokeMethod(engine, &sync::ReconcileEngine::start, Qt::QueuedConnection);
    QVERIFY(finished.wait(30000));
    worker.quit();
    worker.wait();
    delete engine;
    const auto report = finished.first().first().value<sync::ReconcileReport>();
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    QCOMPARE(report.uploaded, int(expected.size()));
    QCOMPARE(progress.last().at(0).toInt(), int(expected.size()));
}

QTEST_GUILESS_MAIN(TestReconcile)
#include "test_reconcile.moc"
