// MetricsText: a MetricsSnapshot rendered as Prometheus text exposition 0.0.4
// (HELP and TYPE for each lantern_ metric, label escaping, +Inf for "never",
// engine counters left out when the snapshot has none). Pure: no server, no vault.

#include "sync/service/MetricsSnapshot.h"
#include "sync/service/MetricsText.h"

#include <QJsonObject>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

class TestMetricsText : public QObject
{
    Q_OBJECT

    static MetricsSnapshot sample()
    {
        MetricsSnapshot s;
        s.takenAt = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        s.ehrState = EhrState::Degraded;
        s.dataAgeSecondsByWard = {{QStringLiteral("ward-1"), 42}, {QStringLiteral("ward-2"), -1}};
        s.heldDropByWard = {{QStringLiteral("ward-1"), 0}, {QStringLiteral("ward-2"), 10}};
        s.patientsInScope = 7;
        s.resourcesInVault = 321;
        s.outboxByState = {{QStringLiteral("pending"), 2}, {QStringLiteral("conflict"), 1}};
        s.conflictsWaiting = 1;
        s.heartbeatAgeSeconds = 3;
        return s;
    }

private Q_SLOTS:
    void everyMetricHasHelpAndType()
    {
        MetricsSnapshot s = sample();
        EngineFigures e;
        e.lastCycleSeconds = 1.5;
        e.cycles = 4;
        e.failedCycles = 1;
        e.requests = 99;
        e.bytesSent = 10;
        e.bytesReceived = 2048;
        e.resourcesWritten = 55;
        for (const QString& kind : errorKinds())
            e.errorsByKind.insert(kind, 0);
        e.errorsByKind[QStringLiteral("timeout")] = 3;
        s.engine = e;
        const QString text = QString::fromUtf8(renderMetricsText(s));
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QSet<QString> helped, typed, sampled;
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1String("# HELP ")))
                helped.insert(line.section(QLatin1Char(' '), 2, 2));
            else if (line.startsWith(QLatin1String("# TYPE ")))
                typed.insert(line.section(QLatin1Char(' '), 2, 2));
            else
                sampled.insert(line.section(QLatin1Char('{'), 0, 0).section(QLatin1Char(' '), 0, 0));
        }
        for (const QString& name : std::as_const(sampled)) {
            QVERIFY2(name.startsWith(QLatin1String("lantern_")), qPrintable(name));
            QVERIFY2(helped.contains(name) && typed.contains(name), qPrintable(name));
        }
        QCOMPARE(helped, typed);
        for (const char* name : {"lantern_ehr_state", "lantern_data_age_seconds", "lantern_last_cycle_duration_seconds",
                                 "lantern_cycles_total", "lantern_cycles_failed_total", "lantern_ehr_requests_total",
                                 "lantern_ehr_sent_bytes_total", "lantern_ehr_received_bytes_total",
                                 "lantern_resources_mirrored_total", "lantern_vault_resources", "lantern_patients_in_scope",
                                 "lantern_outbox_entries", "lantern_conflicts_waiting", "lantern_errors_total",
                                 "lantern_purge_guard_held_patients", "lantern_service_heartbeat_age_seconds"})
            QVERIFY2(sampled.contains(QString::fromLatin1(name)), name);

        QVERIFY(lines.contains(QStringLiteral("lantern_ehr_state{state=\"degraded\"} 1")));
        QVERIFY(lines.contains(QStringLiteral("lantern_ehr_state{state=\"online\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("lantern_ehr_state{state=\"downtime\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("lantern_ehr_state{state=\"recovery\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("lantern_data_age_seconds{ward=\"ward-1\"} 42")));
        QVERIFY(lines.contains(QStringLiteral("lantern_data_age_seconds{ward=\"ward-2\"} +Inf"))); // never: stale
        QVERIFY(lines.contains(QStringLiteral("lantern_last_cycle_duration_seconds 1.500")));
        QVERIFY(lines.contains(QStringLiteral("lantern_cycles_total 4")));
        QVERIFY(lines.contains(QStringLiteral("lantern_cycles_failed_total 1")));
        QVERIFY(lines.contains(QStringLiteral("lantern_ehr_requests_total 99")));
        QVERIFY(lines.contains(QStringLiteral("lantern_ehr_received_bytes_total 2048")));
        QVERIFY(lines.contains(QStringLiteral("lantern_resources_mirrored_total 55")));
        QVERIFY(lines.contains(QStringLiteral("lantern_errors_total{kind=\"timeout\"} 3")));
        QVERIFY(lines.contains(QStringLiteral("lantern_errors_total{kind=\"purge_guard\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("# TYPE lantern_errors_total counter")));
        QVERIFY(lines.contains(QStringLiteral("# TYPE lantern_data_age_seconds gauge")));
        QVERIFY(lines.contains(QStringLiteral("lantern_outbox_entries{state=\"pending\"} 2")));
        QVERIFY(lines.contains(QStringLiteral("lantern_conflicts_waiting 1")));
        QVERIFY(lines.contains(QStringLiteral("lantern_purge_guard_held_patients{ward=\"ward-2\"} 10")));
        QVERIFY(lines.contains(QStringLiteral("lantern_service_heartbeat_age_seconds 3")));
        QVERIFY(lines.contains(QStringLiteral("lantern_patients_in_scope 7")));
        QVERIFY(lines.contains(QStringLiteral("lantern_vault_resources 321")));
        QVERIFY(text.endsWith(QLatin1Char('\n')));
    }

    void withoutEngineNoCounters()
    {
        MetricsSnapshot s = sample();
        s.heartbeatAgeSeconds = -1;
        const QString text = QString::fromUtf8(renderMetricsText(s));
        QVERIFY(!text.contains(QLatin1String("lantern_cycles_total")));
        QVERIFY(!text.contains(QLatin1String("lantern_errors_total")));
        QVERIFY(text.contains(QLatin1String("\nlantern_service_heartbeat_age_seconds +Inf\n")));
        QVERIFY(!metricsToJson(s).contains(QLatin1String("engine")));
        QVERIFY(metricsToJson(s).value(QLatin1String("service_heartbeat_age_seconds")).isNull());
    }

    void labelValuesEscaped()
    {
        MetricsSnapshot s;
        s.dataAgeSecondsByWard = {{QStringLiteral("a\"b\\c\nd"), 1}};
        const QString text = QString::fromUtf8(renderMetricsText(s));
        QVERIFY2(text.contains(QLatin1String("lantern_data_age_seconds{ward=\"a\\\"b\\\\c\\nd\"} 1\n")), qPrintable(text));
    }

    // #13: disk level and free space, the last failure's kind and age, failed cycles by kind.
    void diskAndLastError()
    {
        MetricsSnapshot s = sample();
        s.disk.freeBytes = 300 * vault::kMebibyte;
        s.disk.watermarkBytes = 512 * vault::kMebibyte;
        s.disk.reservePresent = true;
        s.disk.level = vault::DiskLevel::AlmostFull;
        s.lastFailure.kind = QStringLiteral("http");
        s.lastFailure.message = QStringLiteral("GET Encounter: HTTP 503");
        s.lastFailure.httpStatus = 503;
        s.lastFailure.since = s.takenAt.addSecs(-90);
        s.lastFailure.at = s.takenAt.addSecs(-5);
        EngineFigures e;
        for (const QString& kind : failureKinds())
            e.failedCyclesByKind.insert(kind, 0);
        e.failedCyclesByKind[QStringLiteral("http")] = 4;
        s.engine = e;
        const QStringList lines = QString::fromUtf8(renderMetricsText(s)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.contains(QStringLiteral("lantern_disk_free_bytes %1").arg(300 * vault::kMebibyte)));
        QVERIFY(lines.contains(QStringLiteral("lantern_disk_level{level=\"almost_full\"} 1")));
        QVERIFY(lines.contains(QStringLiteral("lantern_disk_level{level=\"ok\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("lantern_last_error{kind=\"http\"} 1")));
        QVERIFY(lines.contains(QStringLiteral("lantern_last_error{kind=\"none\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("lantern_last_error{kind=\"timeout\"} 0")));
        QVERIFY(lines.contains(QStringLiteral("lantern_last_error_since_seconds 90")));
        QVERIFY(lines.contains(QStringLiteral("lantern_cycles_failed_by_kind_total{kind=\"http\"} 4")));
        QVERIFY(lines.contains(QStringLiteral("lantern_cycles_failed_by_kind_total{kind=\"malformed\"} 0")));

        const QJsonObject j = metricsToJson(s);
        const QJsonObject disk = j.value(QLatin1String("disk")).toObject();
        QCOMPARE(disk.value(QLatin1String("level")).toString(), QStringLiteral("almost_full"));
        QCOMPARE(disk.value(QLatin1String("free_bytes")).toInteger(), 300 * vault::kMebibyte);
        QVERIFY(disk.value(QLatin1String("advice")).toString().contains(QLatin1String("mirror.min_free_mb")));
        const QJsonObject last = j.value(QLatin1String("last_error")).toObject();
        QCOMPARE(last.value(QLatin1String("kind")).toString(), QStringLiteral("http"));
        QCOMPARE(last.value(QLatin1String("http_status")).toInt(), 503);
        QCOMPARE(last.value(QLatin1String("since")).toString(), QStringLiteral("2026-03-01T11:58:30Z"));

        // While the mirror works: kind none, age 0, last_error null.
        s.lastFailure = {};
        s.disk = {};
        const QStringList fine = QString::fromUtf8(renderMetricsText(s)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(fine.contains(QStringLiteral("lantern_last_error{kind=\"none\"} 1")));
        QVERIFY(fine.contains(QStringLiteral("lantern_last_error_since_seconds 0")));
        QVERIFY(fine.contains(QStringLiteral("lantern_disk_level{level=\"ok\"} 1")));
        QVERIFY(metricsToJson(s).value(QLatin1String("last_error")).isNull());
    }

    void jsonHasTheSameFigures()
    {
        const QJsonObject j = metricsToJson(sample());
        QCOMPARE(j.value(QLatin1String("ehr_state")).toString(), QStringLiteral("degraded"));
        QCOMPARE(j.value(QLatin1String("patients_in_scope")).toInt(), 7);
        QCOMPARE(j.value(QLatin1String("wards")).toObject().value(QLatin1String("ward-1")).toObject()
                     .value(QLatin1String("data_age_seconds")).toInt(), 42);
        QVERIFY(j.value(QLatin1String("wards")).toObject().value(QLatin1String("ward-2")).toObject()
                    .value(QLatin1String("data_age_seconds")).isNull());
        QCOMPARE(j.value(QLatin1String("conflicts_waiting")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMetricsText)
#include "test_metrics_text.moc"
