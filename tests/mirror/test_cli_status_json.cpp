// `lanternctl --device status --json` (#12 item 6): after one `sync --once`
// against the simulator, the JSON carries the figures the metrics show (EHR
// state, data age per ward, patients in scope, outbox, heartbeat), decided by
// the same MetricsSnapshot, and no patient id, name or MRN. lanternctl runs as
// a child process; the engine's in-memory counters are not part of it.

#include "MirrorTestSupport.h"
#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"

#include <SimServer.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

class TestCliStatusJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusJsonAfterOneCycle();
};

void TestCliStatusJson::statusJsonAfterOneCycle()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = 3;
    options.generator.seed = 29;
    sim::SimServer server(options);
    auto started = server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    const QString dir = tmp.filePath(QStringLiteral("device"));
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(dir, QStringLiteral("itops"), QStringLiteral("Ward IT"),
                                         QStringLiteral("Lantern-IT-ward-admin-2026"));
        QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.base_url"), server.baseUrl()).ok());
        QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.wards"), QStringLiteral("ward-1")).ok());
    }
    auto ctl = [&](const QStringList& args, int& code) {
        QProcess p;
        p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                QStringList{QStringLiteral("--device"), QStringLiteral("--vault"), dir} + args);
        code = -1;
        if (!p.waitForStarted() || !p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished(10000);
            return QByteArray();
        }
        code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        const QByteArray err = p.readAllStandardError();
        if (!err.isEmpty())
            qInfo().noquote() << QString::fromUtf8(err);
        return p.readAllStandardOutput();
    };
    int code = -1;
    ctl({QStringLiteral("sync"), QStringLiteral("--once")}, code);
    QCOMPARE(code, 0);

    QCOMPARE((ctl({QStringLiteral("status"), QStringLiteral("--bogus")}, code), code), 2); // usage

    const QByteArray out = ctl({QStringLiteral("status"), QStringLiteral("--json")}, code);
    QCOMPARE(code, 0);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &parseError);
    QVERIFY2(doc.isObject(), qPrintable(parseError.errorString() + QLatin1Char(' ') + QString::fromUtf8(out)));
    const QJsonObject j = doc.object();
    QCOMPARE(j.value(QLatin1String("ehr_state")).toString(), QStringLiteral("online"));
    const QSet<QString> patients = test::patientsOnWards(server.simulator(), {QStringLiteral("ward-1")});
    QVERIFY(!patients.isEmpty());
    QCOMPARE(j.value(QLatin1String("patients_in_scope")).toInteger(), qint64(patients.size()));
    QVERIFY(j.value(QLatin1String("resources_in_vault")).toInteger() > 0);
    const QJsonObject ward = j.value(QLatin1String("wards")).toObject().value(QLatin1String("ward-1")).toObject();
    QVERIFY2(ward.value(QLatin1String("data_age_seconds")).isDouble(), out.constData());
    QVERIFY(ward.value(QLatin1String("data_age_seconds")).toInteger() < 120);
    QCOMPARE(ward.value(QLatin1String("held_drop_patients")).toInteger(), 0);
    QCOMPARE(j.value(QLatin1String("outbox")).toObject().value(QLatin1String("pending")).toInteger(), 0);
    QCOMPARE(j.value(QLatin1String("conflicts_waiting")).toInteger(), 0);
    // No service ran on this vault: no heartbeat, and no engine counters in another process.
    QCOMPARE(j.value(QLatin1String("service_running")).toBool(), false);
    QVERIFY(j.value(QLatin1String("service_heartbeat_age_seconds")).isNull());
    QVERIFY(!j.contains(QLatin1String("engine")));

    const QString text = QString::fromUtf8(out);
    const QStringList identifying = test::patientIdentifyingStrings(server.simulator(), patients);
    QVERIFY(identifying.size() > patients.size());
    for (const QString& word : identifying)
        QVERIFY2(!text.contains(word), "status --json names a patient");
}

QTEST_GUILESS_MAIN(TestCliStatusJson)
#include "test_cli_status_json.moc"
