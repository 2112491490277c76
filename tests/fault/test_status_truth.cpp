// Truthful status (#13, defect 2): against the simulator's faults (503 with
// Retry-After, 429, a read timeout, a refused connection, malformed JSON) the
// mirror's failed cycles record kind, message, HTTP status and since when;
// `lanternctl --device status` prints "last error: <kind>: <msg> since <time>"
// and `status --json` carries the same as "last_error"; the first failure of
// a run of failures stays the "since"; a successful cycle clears it all. A
// retry that waits in the middle of a cycle is recorded while it waits.
// The engine runs in-process with short timeouts; lanternctl runs as a child.

#include "LanternctlRun.h"

#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorEngine.h"

#include <SimServer.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

class TestStatusTruth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void faultIsToldWithKindAndSince_data();
    void faultIsToldWithKindAndSince();
    void retryIsRecordedWhileTheCycleWaits();

private:
    std::unique_ptr<sync::MirrorEngine> makeEngine(int attempts = 1);
    QByteArray ctl(const QStringList& args, int& code);
    QJsonObject statusJson();

    QTemporaryDir m_tmp;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_dir;
    access::VaultAccess m_access{SystemClock::instance(), keys::KdfParameters::minimumForTesting()};
};

void TestStatusTruth::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = 2;
    options.generator.seed = 31;
    m_server = std::make_unique<sim::SimServer>(options);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    m_dir = m_tmp.filePath(QStringLiteral("device"));
    auto session = m_access.initialise(m_dir, QStringLiteral("itops"), QStringLiteral("Ward IT"),
                                       QStringLiteral("Lantern-IT-ward-admin-2026"));
    QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.wards"), QStringLiteral("ward-1")).ok());
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.min_free_mb"), QStringLiteral("8")).ok());
}

std::unique_ptr<sync::MirrorEngine> TestStatusTruth::makeEngine(int attempts)
{
    sync::MirrorConfig config;
    config.baseUrl = QUrl(m_server->baseUrl());
    config.scope.wardLocationIds = {QStringLiteral("ward-1")};
    config.minFreeMb = 8;
    config.retryAttempts = attempts;
    config.connectTimeoutMs = 2000;
    config.readTimeoutMs = 1000;
    config.retryMaxDelayMs = 5000;
    const QString dir = m_dir;
    access::VaultAccess* access = &m_access;
    return std::make_unique<sync::MirrorEngine>(config, [access, dir] { return access->unlockAsDevice(dir); });
}

QByteArray TestStatusTruth::ctl(const QStringList& args, int& code)
{
    const test::CtlRun run =
        test::runLanternctl(QStringList{QStringLiteral("--device"), QStringLiteral("--vault"), m_dir} + args, {});
    code = run.exitCode;
    if (!run.err.isEmpty())
        qInfo().noquote() << run.err;
    return run.out.toUtf8();
}

QJsonObject TestStatusTruth::statusJson()
{
    int code = -1;
    const QByteArray out = ctl({QStringLiteral("status"), QStringLiteral("--json")}, code);
    if (code != 0)
        return {};
    return QJsonDocument::fromJson(out).object();
}

void TestStatusTruth::faultIsToldWithKindAndSince_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("httpStatus");
    QTest::newRow("503 with Retry-After") << int(sim::FaultMode::Http503) << QStringLiteral("http") << 503;
    QTest::newRow("planned downtime 503") << int(sim::FaultMode::Down) << QStringLiteral("http") << 503;
    QTest::newRow("429") << int(sim::FaultMode::Http429) << QStringLiteral("http") << 429;
    QTest::newRow("read timeout") << int(sim::FaultMode::Timeout) << QStringLiteral("timeout") << 0;
    QTest::newRow("connection refused") << int(sim::FaultMode::Refuse) << QStringLiteral("connection") << 0;
    QTest::newRow("malformed JSON") << int(sim::FaultMode::Malformed) << QStringLiteral("malformed") << 0;
}

void TestStatusTruth::faultIsToldWithKindAndSince()
{
    QFETCH(int, mode);
    QFETCH(QString, kind);
    QFETCH(int, httpStatus);
    auto engine = makeEngine();
    auto good = engine->runCycle();
    QVERIFY2(good.ok(), good.ok() ? "" : qPrintable(good.error().message));
    int code = -1;
    QVERIFY(QString::fromUtf8(ctl({QStringLiteral("status")}, code)).contains(QLatin1String("last error:         none\n")));
    QCOMPARE(code, 0);

    sim::FaultSpec fault;
    fault.mode = sim::FaultMode(mode);
    fault.retryAfterSeconds = 1;
    m_server->setFault(fault);
    (void)engine->runCycle(); // malformed JSON may be a skipped resource of a completed cycle: still told
    QCOMPARE(engine->status().lastFailure.kind, kind);
    const QJsonObject first = statusJson().value(QLatin1String("last_error")).toObject();
    QCOMPARE(first.value(QLatin1String("kind")).toString(), kind);
    QVERIFY(!first.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(!first.value(QLatin1String("since")).toString().isEmpty());
    if (httpStatus > 0)
        QCOMPARE(first.value(QLatin1String("http_status")).toInt(), httpStatus);
    else
        QVERIFY(first.value(QLatin1String("http_status")).isNull());

    // A second failure continues the run: "since" stays the first one's.
    QTest::qWait(1100); // so a reset "since" would show in second-resolution times
    (void)engine->runCycle();
    const QJsonObject second = statusJson().value(QLatin1String("last_error")).toObject();
    QCOMPARE(second.value(QLatin1String("kind")).toString(), kind);
    QCOMPARE(second.value(QLatin1String("since")).toString(), first.value(QLatin1String("since")).toString());
    QVERIFY(second.value(QLatin1String("at")).toString() > first.value(QLatin1String("since")).toString());

    const QString text = QString::fromUtf8(ctl({QStringLiteral("status")}, code));
    QCOMPARE(code, 0);
    const QString expected = QStringLiteral("last error:         %1: ").arg(kind);
    QVERIFY2(text.contains(expected), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(" since ") + first.value(QLatin1String("since")).toString()), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("last error:         none")));

    m_server->clearFault();
    auto recovered = engine->runCycle();
    QVERIFY2(recovered.ok(), recovered.ok() ? "" : qPrintable(recovered.error().message));
    QVERIFY(engine->status().lastFailure.isNone());
    QVERIFY(statusJson().value(QLatin1String("last_error")).isNull());
    QVERIFY(QString::fromUtf8(ctl({QStringLiteral("status")}, code)).contains(QLatin1String("last error:         none\n")));
}

void TestStatusTruth::retryIsRecordedWhileTheCycleWaits()
{
    auto engine = makeEngine(2);
    QVERIFY(engine->runCycle().ok());
    sim::FaultSpec fault;
    fault.mode = sim::FaultMode::Http429;
    fault.retryAfterSeconds = 1;
    m_server->setFault(fault);
    QSignalSpy errors(engine.get(), &sync::MirrorEngine::errorOccurred);
    (void)engine->runCycle();
    m_server->clearFault();
    QStringList messages;
    for (const QList<QVariant>& e : std::as_const(errors))
        messages << e.value(0).toString();
    QVERIFY2(messages.contains(QStringLiteral("the EHR answered HTTP 429; retrying")), qPrintable(messages.join(u'\n')));
    QCOMPARE(engine->status().lastFailure.kind, QStringLiteral("http"));
    QCOMPARE(engine->status().lastFailure.httpStatus, 429);
    QVERIFY(engine->runCycle().ok());
}

QTEST_GUILESS_MAIN(TestStatusTruth)
#include "test_status_truth.moc"
