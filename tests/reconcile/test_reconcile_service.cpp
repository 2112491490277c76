// The device's reconciliation service (sync/service, no widgets): one
// ReconcileService on its own thread uploads a recorded downtime exactly once;
// a person's request left in the vault (core/access/ServiceRequests) is picked
// up by the running MirrorService, run under that person's name, and its
// progress and result come back through the vault; who may not ask is refused
// and nothing is posted; a device without an EHR says what to configure.

#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"

#include "core/access/PatientAccess.h"
#include "core/access/ServiceRequests.h"
#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/service/ServiceMailbox.h"
#include "sync/service/DeviceContext.h"
#include "sync/service/MirrorService.h"
#include "sync/service/ReconcileService.h"

#include <QSignalSpy>
#include <QTest>

using namespace lantern;
using namespace lantern::test;

namespace {

void shortRetries(sync::MirrorConfig& c)
{
    c.retryAttempts = 2;
    c.retryMaxDelayMs = 100;
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 5000;
    c.intervalSeconds = 1;
    c.heartbeatSeconds = 1;
}

} // namespace

class TestReconcileService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsOnItsThreadExactlyOnce();
    void personsRequestRunByTheMirrorService();
    void refusedRequestPostsNothing();
    void noEhrConfigured();
};

void TestReconcileService::runsOnItsThreadExactlyOnce()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(4, 21));
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({24, false, false}));
    fixture.server().clearFault();

    auto context = sync::DeviceContext::open(device.dir);
    QVERIFY2(context.ok(), context.ok() ? "" : qPrintable(context.error().message));
    sync::ReconcileService service(*context);
    service.setConfigAdjuster(shortRetries);
    QSignalSpy progress(&service, &sync::ReconcileService::progress);
    const sync::ReconcileReport report = service.run(kNurse);
    QVERIFY2(report.end == sync::RunEnd::Done, describe(report).constData());
    QCOMPARE(report.uploaded, 24);
    QVERIFY(!progress.isEmpty()); // delivered to this thread through the queue
    const QString problems = verifyDevice(fixture, device, 0, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // A second pass has nothing left; a pass while one runs is refused.
    QVERIFY(service.start(kNurse).ok());
    QCOMPARE(service.start(kNurse).error().code, ErrorCode::Conflict);
    QSignalSpy finished(&service, &sync::ReconcileService::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().value<sync::ReconcileReport>().uploaded, 0);
}

void TestReconcileService::personsRequestRunByTheMirrorService()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(4, 22));
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({12, false, false}));
    fixture.server().clearFault();

    auto context = sync::DeviceContext::open(device.dir);
    QVERIFY(context.ok());
    sync::MirrorService::Options options;
    options.beatSeconds = 1;
    options.adjust = shortRetries;
    sync::MirrorService service(*context, SystemClock::instance(), options);
    QSignalSpy finishedRuns(&service, &sync::MirrorService::reconcileFinished);
    service.start();
    QTRY_COMPARE_WITH_TIMEOUT(service.mode(), sync::MirrorService::Mode::Leader, 10000);

    // The nurse asks through her own key slot, as the desktop does.
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto session = access.unlock(device.dir, kNurse, kPassphrase);
    QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
    access::PatientAccess gate(*session);
    auto request = access::ServiceRequests(gate, session->vault()).requestReconciliation();
    QVERIFY2(request.ok(), request.ok() ? "" : qPrintable(request.error().message));

    QVERIFY(finishedRuns.wait(60000));
    service::ServiceMailbox mailbox(session->vault());
    std::optional<service::ReconcileProgress> result;
    QTRY_VERIFY_WITH_TIMEOUT((result = *mailbox.reconcileProgress()).has_value() && result->finished, 5000);
    QCOMPARE(result->requestId, request->id);
    QCOMPARE(result->by, kNurse);
    QCOMPARE(result->end, QStringLiteral("done"));
    QCOMPARE(result->uploaded, 12);
    QCOMPARE(result->pendingLeft, 0);
    QVERIFY(!mailbox.reconcileRequest()->has_value()); // taken, not run twice
    const QString problems = verifyDevice(fixture, device, 0, scenario.expected());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // The heartbeat is fresh while it runs; a clean stop says so.
    QVERIFY(mailbox.liveness()->running);
    QSignalSpy stopped(&service, &sync::MirrorService::finished);
    service.stop();
    QVERIFY(stopped.wait(30000));
    QCOMPARE(stopped.first().first().toBool(), false);
    const service::Liveness after = *mailbox.liveness();
    QVERIFY(!after.running);
    QVERIFY(after.downSince.isValid());
}

void TestReconcileService::refusedRequestPostsNothing()
{
    ReconcileFixture fixture;
    QVERIFY(fixture.start(2, 23));
    const Device device = fixture.makeDevice(QStringLiteral("device"));
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    // IT runs the device and records nothing, so it does not send entries either.
    auto admin = access.unlock(device.dir, kAdmin, kPassphrase);
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    access::PatientAccess gate(*admin);
    auto request = access::ServiceRequests(gate, admin->vault()).requestReconciliation();
    QVERIFY(!request.ok());
    QCOMPARE(request.error().code, ErrorCode::Denied);
    QVERIFY(!service::ServiceMailbox(admin->vault()).reconcileRequest()->has_value());
}

void TestReconcileService::noEhrConfigured()
{
    QTemporaryDir dir;
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    QVERIFY(access.initialise(dir.path(), kAdmin, QStringLiteral("IT"), kPassphrase).ok());
    auto context = sync::DeviceContext::open(dir.path());
    QVERIFY(context.ok());
    QVERIFY(!context->hasEhr());
    sync::ReconcileService service(*context);
    const sync::ReconcileReport report = service.run(kNurse);
    QCOMPARE(report.end, sync::RunEnd::LocalFailure);
    QVERIFY2(report.message.contains(QLatin1String("config set mirror.base_url")), qPrintable(report.message));
}

QTEST_GUILESS_MAIN(TestReconcileService)
#include "test_reconcile_service.moc"
