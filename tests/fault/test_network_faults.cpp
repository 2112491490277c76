// The network fault matrix (#13 item 5): each way the network or the EHR can
// fail, played for real on 127.0.0.1 (the simulator's fault modes, a listener
// that never accepts, a name under .invalid, TLS servers with the wrong
// certificates, a redirecting server, a SMART server whose token expires) and
// each row checked for the same things: the kind of failure the engine
// records, the message `lanternctl --device status` prints and `status --json`
// carries as "last_error", the status figure that moves (failed cycles by
// kind, the transport's error counters), and that nothing is lost: the vault's
// resources are unchanged by the failed cycle and, once the fault ends, the
// EHR's change made meanwhile arrives. The 412 row does the same for an
// upload: the downtime entries stay pending or wait as conflicts for a
// person, never lost and never filed twice.
//
// Short timeouts keep a run at about 16 s. Prints "NETWORK FAULTS: <n> of
// <rows> rows as expected". Long mode: LANTERN_NETFAULT_ROUNDS=N plays every
// mirror row N times (fault, then recovery), to shake out flaky rows.

#include "DowntimeScenario.h"
#include "LanternctlRun.h"
#include "MirrorTestSupport.h"
#include "NetworkFaultRig.h"
#include "ReconcileTestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"
#include "sync/auth/SigningKey.h"
#include "sync/health/EhrHealthMonitor.h"
#include "sync/http/HttpTransport.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorCounters.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/ConflictDecisions.h"

#include <SimServer.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace lantern;

namespace {

// How a row brings its fault about.
enum class Arm { SimulatorFault, UnknownHost, StalledConnect, OtherHostCertificate, UntrustedCa, Redirect };

struct Row
{
    const char* name;
    Arm arm;
    sim::FaultMode mode; // for Arm::SimulatorFault
    QString kind;        // the MirrorFailure kind recorded; empty: the cycle succeeds
    int httpStatus;      // in "last_error", 0: none
    QString message;     // part of the message status shows
    QString counter;     // the transport counter that moves: http, timeout, tls, network; empty: none
};

const QString kWard = QStringLiteral("ward-1");
const QString kBearer = QStringLiteral("fault-matrix-bearer-token");
// How often each mirror row is played (LANTERN_NETFAULT_ROUNDS, default 1).
int rounds()
{
    return std::max(1, qEnvironmentVariableIntValue("LANTERN_NETFAULT_ROUNDS"));
}

QList<Row> mirrorRows()
{
    using sim::FaultMode;
    return {
        {"connection refused", Arm::SimulatorFault, FaultMode::Refuse, QStringLiteral("connection"), 0,
         QStringLiteral("connection refused by 127.0.0.1"), QStringLiteral("network")},
        {"DNS failure", Arm::UnknownHost, FaultMode::None, QStringLiteral("connection"), 0,
         QStringLiteral("could not be resolved"), QStringLiteral("network")},
        {"connect timeout", Arm::StalledConnect, FaultMode::None, QStringLiteral("timeout"), 0,
         QStringLiteral("timed out after 0.3 s connecting to 127.0.0.1"), QStringLiteral("timeout")},
        {"read timeout", Arm::SimulatorFault, FaultMode::Timeout, QStringLiteral("timeout"), 0,
         QStringLiteral("timed out after 1 s reading from 127.0.0.1"), QStringLiteral("timeout")},
        // Every read is quick, the answer is not: the per-read timeout never trips, the
        // deadline for a whole answer (responseTimeout) does.
        {"slow trickle", Arm::SimulatorFault, FaultMode::Trickle, QStringLiteral("timeout"), 0,
         QStringLiteral("timed out after 2 s receiving the answer"), QStringLiteral("timeout")},
        {"slow within the timeouts", Arm::SimulatorFault, FaultMode::Slow, QString(), 0, QString(), QString()},
        {"500", Arm::SimulatorFault, FaultMode::Http500, QStringLiteral("http"), 500, QStringLiteral("HTTP 500"),
         QStringLiteral("http")},
        {"503 with Retry-After", Arm::SimulatorFault, FaultMode::Http503, QStringLiteral("http"), 503,
         QStringLiteral("HTTP 503"), QStringLiteral("http")},
        {"429", Arm::SimulatorFault, FaultMode::Http429, QStringLiteral("http"), 429, QStringLiteral("HTTP 429"),
         QStringLiteral("http")},
        {"truncated body", Arm::SimulatorFault, FaultMode::Truncated, QStringLiteral("connection"), 0,
         QStringLiteral("bytes the answer announced"), QStringLiteral("network")},
        {"malformed JSON", Arm::SimulatorFault, FaultMode::Malformed, QStringLiteral("malformed"), 0,
         QStringLiteral("not a FHIR JSON resource"), QString()},
        {"wrong content type (text/html 200)", Arm::SimulatorFault, FaultMode::Html, QStringLiteral("malformed"), 0,
         QStringLiteral("answered with text/html, not FHIR JSON"), QString()},
        {"certificate for another host", Arm::OtherHostCertificate, FaultMode::None, QStringLiteral("tls"), 0,
         QStringLiteral("could not be verified"), QStringLiteral("tls")},
        {"untrusted CA", Arm::UntrustedCa, FaultMode::None, QStringLiteral("tls"), 0,
         QStringLiteral("could not be verified"), QStringLiteral("tls")},
        {"redirect to another host", Arm::Redirect, FaultMode::None, QStringLiteral("http"), 302,
         QStringLiteral("which Lantern does not follow"), QStringLiteral("http")},
    };
}

qint64 trafficCounter(const sync::HttpTrafficCounters& t, const QString& name)
{
    if (name == QLatin1String("http"))
        return t.httpErrors;
    if (name == QLatin1String("timeout"))
        return t.timeouts;
    if (name == QLatin1String("tls"))
        return t.tlsErrors;
    if (name == QLatin1String("network"))
        return t.networkErrors;
    return 0;
}

} // namespace

class TestNetworkFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void mirrorFault_data();
    void mirrorFault();
    void expiredTokenIsRenewed();
    void preconditionFailedOnUpload();
    void streamedBodyCutShortIsNotComplete();

private:
    sync::MirrorConfig baseConfig() const;
    std::unique_ptr<sync::MirrorEngine> makeEngine(const sync::MirrorConfig& config);
    test::VersionMap vaultResources();
    test::VersionMap ehrResources();
    bool changeTheEhr(); // a new version of one patient's record, for the recovery to bring
    QString ctl(const QStringList& args, int& code);
    QJsonObject statusJson();
    bool recovered(QString& why);

    QTemporaryDir m_tmp;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_dir;
    access::VaultAccess m_access{SystemClock::instance(), keys::KdfParameters::minimumForTesting()};
    std::shared_ptr<sync::MirrorCounters> m_counters = std::make_shared<sync::MirrorCounters>();
    test::TestCertificates m_certificates;
    int m_changes = 0;
    bool m_rowRunning = false;
    int m_rowsAsExpected = 0;
    int m_rowsRun = 0;
};

void TestNetworkFaults::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(m_certificates.make());
    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = 2;
    options.generator.seed = 47;
    m_server = std::make_unique<sim::SimServer>(options);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    m_dir = m_tmp.filePath(QStringLiteral("device"));
    auto session = m_access.initialise(m_dir, QStringLiteral("itops"), QStringLiteral("Ward IT"),
                                       QStringLiteral("Lantern-IT-ward-admin-2026"));
    QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.wards"), kWard).ok());
    QString why;
    QVERIFY2(recovered(why), qPrintable(why)); // the first, complete mirror
}

void TestNetworkFaults::cleanup()
{
    if (m_server)
        m_server->clearFault();
    if (!m_rowRunning)
        return;
    m_rowRunning = false;
    ++m_rowsRun;
    if (!QTest::currentTestFailed())
        ++m_rowsAsExpected;
}

void TestNetworkFaults::cleanupTestCase()
{
    // The mirror rows in every round, the expired token, the 412 on upload.
    const int rows = int(mirrorRows().size()) * rounds() + 2;
    std::printf("NETWORK FAULTS: %d of %d rows as expected\n", m_rowsAsExpected, rows);
    std::fflush(stdout);
    if (QCoreApplication::arguments().size() <= 1) // the whole matrix, not rows picked by hand
        QCOMPARE(m_rowsRun, rows);                  // a row left out would pass unseen
}

sync::MirrorConfig TestNetworkFaults::baseConfig() const
{
    sync::MirrorConfig config;
    config.baseUrl = QUrl(m_server->baseUrl());
    config.scope.wardLocationIds = {kWard};
    config.minFreeMb = 8;
    config.retryAttempts = 1; // one failure per cycle: the figures count exactly
    config.connectTimeoutMs = 2000;
    config.readTimeoutMs = 1000;
    config.responseTimeoutMs = 2000;
    config.retryMaxDelayMs = 5000;
    return config;
}

std::unique_ptr<sync::MirrorEngine> TestNetworkFaults::makeEngine(const sync::MirrorConfig& config)
{
    const QString dir = m_dir;
    access::VaultAccess* access = &m_access;
    auto engine = std::make_unique<sync::MirrorEngine>(config, [access, dir] { return access->unlockAsDevice(dir); });
    engine->setCounters(m_counters);
    return engine;
}

test::VersionMap TestNetworkFaults::vaultResources()
{
    auto vault = m_access.unlockAsDevice(m_dir);
    return vault.ok() ? test::actualFromVault(**vault) : test::VersionMap{};
}

test::VersionMap TestNetworkFaults::ehrResources()
{
    sim::Simulator& sim = m_server->simulator();
    return test::expectedFromSimulator(sim, test::patientsOnWards(sim, {kWard}));
}

bool TestNetworkFaults::changeTheEhr()
{
    const QSet<QString> patients = test::patientsOnWards(m_server->simulator(), {kWard});
    if (patients.isEmpty())
        return false;
    auto patient = m_server->simulator().store().readObject(QStringLiteral("Patient"), *patients.constBegin());
    if (!patient)
        return false;
    patient->insert(QStringLiteral("active"), ++m_changes % 2 == 1);
    return m_server->simulator().store().put(*patient).ok();
}

QString TestNetworkFaults::ctl(const QStringList& args, int& code)
{
    const test::CtlRun run =
        test::runLanternctl(QStringList{QStringLiteral("--device"), QStringLiteral("--vault"), m_dir} + args, {});
    code = run.exitCode;
    if (!run.err.isEmpty())
        qInfo().noquote() << run.err;
    return run.out;
}

QJsonObject TestNetworkFaults::statusJson()
{
    int code = -1;
    const QString out = ctl({QStringLiteral("status"), QStringLiteral("--json")}, code);
    return code == 0 ? QJsonDocument::fromJson(out.toUtf8()).object() : QJsonObject{};
}

// The fault has ended: a cycle against the simulator succeeds, the vault holds
// what the EHR holds, and status says "none".
bool TestNetworkFaults::recovered(QString& why)
{
    auto engine = makeEngine(baseConfig());
    auto cycle = engine->runCycle();
    if (!cycle.ok()) {
        why = QStringLiteral("recovery cycle failed: ") + cycle.error().message;
        return false;
    }
    engine.reset();
    const test::VersionMap expected = ehrResources();
    const test::VersionMap actual = vaultResources();
    if (expected.isEmpty() || actual != expected) {
        why = QStringLiteral("after recovery the vault differs from the EHR: ") + test::describeDifference(expected, actual);
        return false;
    }
    if (!statusJson().value(QLatin1String("last_error")).isNull()) {
        why = QStringLiteral("status still names an error after recovery");
        return false;
    }
    return true;
}

void TestNetworkFaults::mirrorFault_data()
{
    QTest::addColumn<int>("row");
    const QList<Row> rows = mirrorRows();
    for (int round = 1; round <= rounds(); ++round)
        for (int i = 0; i < rows.size(); ++i)
            QTest::addRow("%s%s", rows.at(i).name, round > 1 ? qPrintable(QStringLiteral(" (round %1)").arg(round)) : "") << i;
}

void TestNetworkFaults::mirrorFault()
{
    QFETCH(int, row);
    const Row r = mirrorRows().at(row);
    m_rowRunning = true;

    // The EHR changes; the vault, complete before, has yet to see it.
    QVERIFY(changeTheEhr());
    const test::VersionMap before = vaultResources();
    QVERIFY(!before.isEmpty());
    QVERIFY(before != ehrResources());

    sync::MirrorConfig config = baseConfig();
    std::unique_ptr<test::StalledListener> stalled;
    std::unique_ptr<test::FakeHttpServer> front;
    std::unique_ptr<test::FakeHttpServer> elsewhere; // where the redirect points
    const auto hello = [](const test::RecordedRequest&) {
        return test::FakeResponse::json(200, QByteArrayLiteral("{\"resourceType\":\"CapabilityStatement\"}"));
    };
    switch (r.arm) {
    case Arm::SimulatorFault: {
        sim::FaultSpec fault;
        fault.mode = r.mode;
        fault.retryAfterSeconds = 1;
        fault.delayMs = r.mode == sim::FaultMode::Trickle ? 100 : 20;
        m_server->setFault(fault);
        break;
    }
    case Arm::UnknownHost:
        config.baseUrl = QUrl(QStringLiteral("https://ehr.lantern-fault-matrix.invalid/fhir"));
        break;
    case Arm::StalledConnect:
        stalled = std::make_unique<test::StalledListener>();
        QVERIFY(stalled->ready());
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/fhir").arg(stalled->port()));
        config.connectTimeoutMs = 300;
        break;
    case Arm::OtherHostCertificate:
        front = std::make_unique<test::FakeHttpServer>(hello, m_certificates.otherHostCert(), m_certificates.otherHostKey());
        config.baseUrl = front->url(QStringLiteral("/fhir"));
        config.caBundleFile = m_certificates.caFile(); // the CA is trusted, the name is wrong
        break;
    case Arm::UntrustedCa:
        front = std::make_unique<test::FakeHttpServer>(hello, m_certificates.loopbackCert(), m_certificates.loopbackKey());
        config.baseUrl = front->url(QStringLiteral("/fhir"));
        break;
    case Arm::Redirect: {
        elsewhere = std::make_unique<test::FakeHttpServer>(hello);
        const QUrl target = elsewhere->url();
        front = std::make_unique<test::FakeHttpServer>([target](const test::RecordedRequest& request) {
            test::FakeResponse moved;
            moved.status = 302;
            const QByteArray location = target.toEncoded(QUrl::RemovePath) + request.target;
            return test::withHeader(moved, "Location", location);
        });
        config.baseUrl = front->url(QStringLiteral("/fhir"));
        config.authMode = QStringLiteral("bearer");
        config.bearerToken = kBearer;
        break;
    }
    }

    const QMap<QString, qint64> failedBefore = m_counters->failedCyclesByKind();
    const qint64 counterBefore = trafficCounter(*m_counters->traffic, r.counter);
    auto engine = makeEngine(config);
    auto cycle = engine->runCycle();
    const sync::MirrorFailure failure = engine->status().lastFailure;
    const sync::EhrState state = engine->health().state();
    engine.reset();
    m_server->clearFault();

    if (r.kind.isEmpty()) { // a fault Lantern must ride out
        QVERIFY2(cycle.ok(), cycle.ok() ? "" : qPrintable(cycle.error().message));
        QVERIFY(failure.isNone());
        QCOMPARE(state, sync::EhrState::Online);
        QCOMPARE(m_counters->failedCyclesByKind(), failedBefore);
        QCOMPARE(vaultResources(), ehrResources());
        return;
    }

    // Kind, message and HTTP status as the engine records them.
    QVERIFY2(!cycle.ok(), qPrintable(QStringLiteral("the cycle succeeded under fault ") + QLatin1String(r.name)));
    QCOMPARE(failure.kind, r.kind);
    QCOMPARE(state, sync::EhrState::Degraded); // one failed cycle: degraded, not yet downtime
    QCOMPARE(failure.httpStatus, r.httpStatus);
    QVERIFY2(failure.message.contains(r.message), qPrintable(failure.message));

    // Nothing lost, nothing half-written: the vault is as it was.
    const test::VersionMap during = vaultResources();
    QVERIFY2(during == before, qPrintable(test::describeDifference(before, during)));

    // The figures: one failed cycle of this kind; the transport's counter moved.
    QMap<QString, qint64> failedExpected = failedBefore;
    failedExpected[r.kind] += 1;
    QCOMPARE(m_counters->failedCyclesByKind(), failedExpected);
    if (!r.counter.isEmpty())
        QVERIFY(trafficCounter(*m_counters->traffic, r.counter) > counterBefore);

    // What IT sees: `status` and `status --json`.
    int code = -1;
    const QString text = ctl({QStringLiteral("status")}, code);
    QCOMPARE(code, 0);
    QVERIFY2(text.contains(QStringLiteral("last error:         %1: ").arg(r.kind)), qPrintable(text));
    QVERIFY2(text.contains(r.message), qPrintable(text));
    const QJsonObject lastError = statusJson().value(QLatin1String("last_error")).toObject();
    QCOMPARE(lastError.value(QLatin1String("kind")).toString(), r.kind);
    QVERIFY(lastError.value(QLatin1String("message")).toString().contains(r.message));
    if (r.httpStatus > 0)
        QCOMPARE(lastError.value(QLatin1String("http_status")).toInt(), r.httpStatus);
    else
        QVERIFY(lastError.value(QLatin1String("http_status")).isNull());
    qInfo().noquote() << "row" << r.name << "->" << failure.kind << failure.message;

    if (r.arm == Arm::Redirect) {
        // The credential went to the configured EHR only, never where the redirect pointed.
        QVERIFY(!front->requests().isEmpty());
        QCOMPARE(front->requests().first().header("Authorization"), kBearer.toLatin1().prepend("Bearer "));
        QCOMPARE(elsewhere->requests().size(), 0);
    }

    // The fault ends: everything, the change made meanwhile too, arrives.
    front.reset();
    elsewhere.reset();
    stalled.reset();
    QString why;
    QVERIFY2(recovered(why), qPrintable(why));
}

void TestNetworkFaults::expiredTokenIsRenewed()
{
    m_rowRunning = true;
    QTemporaryDir keys;
    QVERIFY(keys.isValid());
    auto key = sync::SigningKey::generate(sync::SigningAlgorithm::ES384);
    QVERIFY(key.ok());
    const QString keyFile = keys.filePath(QStringLiteral("smart.pem"));
    QVERIFY(key->savePrivateKeyFile(keyFile).ok());

    test::SmartFront front(m_server->port());
    sync::MirrorConfig config = baseConfig();
    config.baseUrl = front.baseUrl();
    config.authMode = QStringLiteral("smart");
    config.smartClientId = QStringLiteral("lantern-fault-matrix");
    config.smartKeyFile = keyFile;
    auto engine = makeEngine(config);
    auto first = engine->runCycle();
    QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
    QCOMPARE(front.tokensIssued(), 1);
    QCOMPARE(front.unauthorized(), 0);

    // The server lets the token expire: the next request is a 401, the engine fetches
    // a fresh token once and the cycle goes on to the end.
    QVERIFY(changeTheEhr());
    front.expireIssuedTokens();
    const qint64 httpErrorsBefore = m_counters->traffic->httpErrors;
    const QMap<QString, qint64> failedBefore = m_counters->failedCyclesByKind();
    auto second = engine->runCycle();
    QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
    QVERIFY(engine->status().lastFailure.isNone());
    engine.reset();
    QCOMPARE(front.tokensIssued(), 2);
    QCOMPARE(front.unauthorized(), 1);
    QCOMPARE(m_counters->traffic->httpErrors - httpErrorsBefore, qint64(1)); // the one 401
    QCOMPARE(m_counters->failedCyclesByKind(), failedBefore);
    QCOMPARE(vaultResources(), ehrResources());
    QVERIFY(statusJson().value(QLatin1String("last_error")).isNull());
}

// 412 on upload: the EHR refuses the downtime entries' writes. Each entry stays
// pending or waits as a conflict a physician sees; none is lost, none reaches the
// EHR. Once the EHR takes writes again (and the physician has decided to file the
// conflicts), every entry is in the EHR exactly once.
void TestNetworkFaults::preconditionFailedOnUpload()
{
    m_rowRunning = true;
    test::ReconcileFixture fixture;
    QVERIFY(fixture.start(2, 19));
    const test::Device device = fixture.makeDevice(QStringLiteral("device"));
    fixture.server().setFault({sim::FaultMode::Down});
    test::DowntimeScenario scenario(fixture, {device});
    QVERIFY(scenario.record({6, false, false}));
    const test::Expectations expected = scenario.expected();
    QCOMPARE(int(expected.size()), 6);

    sim::FaultSpec refuseWrites;
    refuseWrites.mode = sim::FaultMode::Http412;
    fixture.server().setFault(refuseWrites);
    const sync::ReconcileReport refused = fixture.reconcile(device);
    fixture.server().clearFault();
    qInfo().noquote() << "412 run:" << test::describe(refused);
    QCOMPARE(refused.uploaded, 0);
    QCOMPARE(refused.conflictsOpen + refused.pendingLeft, 6); // every entry still there, none filed
    QStringList conflicts;
    {
        auto vault = fixture.open(device);
        vault::OutboxRepository outbox(vault->db());
        for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
            auto item = outbox.item(it.key());
            QVERIFY(item.ok() && *item);
            const record::EntryState state = (*item)->state;
            QVERIFY2(state == record::EntryState::Pending || state == record::EntryState::Conflict,
                     qPrintable(QStringLiteral("entry in state %1 after a 412").arg(int(state))));
            if (state == record::EntryState::Conflict) {
                QCOMPARE((*item)->conflict, std::optional(record::ConflictReason::ServerRejected));
                QVERIFY2((*item)->conflictDetail.contains(QLatin1String("412")), qPrintable((*item)->conflictDetail));
                conflicts << it.key();
            }
            QCOMPARE(fixture.identifierHits(it->type, it.key()), 0);
        }
    }
    QCOMPARE(int(conflicts.size()), refused.conflictsOpen);

    // What IT sees: the conflicts waiting for a person, and no mirror error.
    const test::CtlRun run = test::runLanternctl(
        {QStringLiteral("--device"), QStringLiteral("--vault"), device.dir, QStringLiteral("status"), QStringLiteral("--json")}, {});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject status = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(status.value(QLatin1String("conflicts_waiting")).toInt(), refused.conflictsOpen);

    // The physician files them anyway; the EHR takes writes again.
    {
        access::VaultAccess access;
        auto physician = access.unlock(device.dir, test::kPhysician, test::kPassphrase);
        QVERIFY(physician.ok());
        for (const QString& uuid : std::as_const(conflicts))
            QVERIFY(sync::decideConflict(*physician, uuid, record::Decision::UploadAnyway, QStringLiteral("filed after a 412")).ok());
    }
    const sync::ReconcileReport filed = fixture.reconcile(device);
    QVERIFY2(filed.end == sync::RunEnd::Done, test::describe(filed).constData());
    QCOMPARE(filed.uploaded, 6);
    QCOMPARE(filed.conflictsOpen, 0);
    QCOMPARE(filed.pendingLeft, 0);
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
        QCOMPARE(fixture.identifierHits(it->type, it.key()), 1);
}

// The streamed path (bulk NDJSON files go to a sink as they arrive) had the same
// gap as pages: a file cut short ended like a complete one. Not a matrix row: the
// transport alone, against the simulator's truncated answers.
void TestNetworkFaults::streamedBodyCutShortIsNotComplete()
{
    auto transport = sync::makeHttpTransport(sync::HttpOptions{});
    QVERIFY(transport.ok());
    sync::HttpRequest request;
    request.url = QUrl(m_server->baseUrl() + QStringLiteral("/Patient"));
    qint64 streamed = 0;
    const sync::BodySink sink = [&streamed](const char*, qsizetype size) -> Status {
        streamed += size;
        return {};
    };
    const sync::HttpResult whole = (*transport)->send(request, sink);
    QVERIFY2(whole.ok() && whole.value().status == 200, whole.ok() ? "" : qPrintable(whole.error().message));
    const qint64 wholeSize = streamed;
    QVERIFY(wholeSize > 0);

    m_server->setFault({sim::FaultMode::Truncated});
    streamed = 0;
    const sync::HttpResult cut = (*transport)->send(request, sink);
    m_server->clearFault();
    QVERIFY2(!cut.ok(), "a body cut short was taken as complete");
    QCOMPARE(cut.error().code, ErrorCode::Network);
    QVERIFY(cut.transient());
    QVERIFY2(cut.error().message.contains(QLatin1String("bytes the answer announced")), qPrintable(cut.error().message));
    QVERIFY(streamed > 0 && streamed < wholeSize); // the sink saw the first part only: the caller must not keep it
}

QTEST_GUILESS_MAIN(TestNetworkFaults)
#include "test_network_faults.moc"
