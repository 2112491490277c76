// The status banner follows MirrorStatus updates and the clock; also driven
// by a real EhrHealthMonitor.

#include "ui/banner/StatusBanner.h"
#include "sync/health/EhrHealthMonitor.h"

#include <QTest>

using namespace lantern;

namespace {

sync::MirrorStatus fromMonitor(const sync::EhrHealthMonitor& monitor, const QDateTime& dataAsOf)
{
    sync::MirrorStatus s;
    s.state = monitor.state();
    s.stateSince = monitor.stateSince();
    s.downtime = monitor.currentDowntime();
    s.lastError = monitor.lastError();
    s.dataAsOf = dataAsOf;
    return s;
}

} // namespace

class TestGuiBanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsStatusAndClock()
    {
        ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
        ui::StatusBanner banner(clock);
        banner.show();
        sync::MirrorStatus s;
        s.state = sync::EhrState::Online;
        s.dataAsOf = clock.now().addSecs(-120);
        banner.setStatus(s);
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);
        QVERIFY(banner.stateText().contains(QStringLiteral("online")));
        QVERIFY2(banner.ageText().contains(QStringLiteral("(2 min ago)")), qPrintable(banner.ageText()));

        // Minutes pass without a new status: the age grows, then turns amber.
        clock.advanceSecs(10 * 60);
        banner.refresh();
        QVERIFY(banner.ageText().contains(QStringLiteral("(12 min ago)")));
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);
        clock.advanceSecs(4 * 60);
        banner.refresh();
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Stale);

        // A configurable threshold.
        banner.setStaleThresholdMinutes(30);
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);

        s.state = sync::EhrState::Degraded;
        banner.setStatus(s);
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Stale);
        QVERIFY(banner.stateText().contains(QStringLiteral("degraded")));

        sync::DowntimeRecord d;
        d.id = QUuid::createUuid();
        d.start = QDateTime(QDate(2026, 3, 1), QTime(8, 5), Qt::UTC);
        s.state = sync::EhrState::Downtime;
        s.downtime = d;
        banner.setStatus(s);
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Downtime);
        QCOMPARE(banner.stateText(), QStringLiteral("DOWNTIME since ") + d.start.toLocalTime().toString(QStringLiteral("HH:mm")));

        s.state = sync::EhrState::Recovery;
        s.downtime.reset();
        s.dataAsOf = clock.now();
        banner.setStatus(s);
        QVERIFY(banner.stateText().contains(QStringLiteral("recovery")));
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);

        banner.setStatus(sync::MirrorStatus{});
        QVERIFY(banner.ageText().contains(QStringLiteral("unknown")));
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Stale);
    }

    // The disk line (its own red style) and "Mirror failing since …" come from
    // the status: core decides the disk level and its advice, sync the failure.
    void diskAndFailingLines()
    {
        ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
        ui::StatusBanner banner(clock);
        banner.show();
        sync::MirrorStatus s;
        s.dataAsOf = clock.now();
        banner.setStatus(s);
        QVERIFY(banner.diskText().isEmpty());
        QVERIFY(banner.failingText().isEmpty());
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);

        s.disk.freeBytes = 100 * vault::kMebibyte;
        s.disk.watermarkBytes = 512 * vault::kMebibyte;
        s.disk.reservePresent = true;
        s.disk.level = vault::diskLevelFor(s.disk.freeBytes, s.disk.watermarkBytes, true);
        QCOMPARE(s.disk.level, vault::DiskLevel::AlmostFull);
        banner.setStatus(s);
        QVERIFY2(banner.diskText().startsWith(QLatin1String("Disk almost full: ")), qPrintable(banner.diskText()));
        QVERIFY(banner.diskText().contains(QLatin1String("100 MB free")));
        QVERIFY(banner.styleSheet().contains(QLatin1String("#bannerDisk")));

        s.disk.freeBytes = 2 * vault::kMebibyte;
        s.disk.reservePresent = false;
        s.disk.level = vault::diskLevelFor(s.disk.freeBytes, s.disk.watermarkBytes, false);
        QCOMPARE(s.disk.level, vault::DiskLevel::Full);
        s.lastFailure.kind = QStringLiteral("timeout");
        s.lastFailure.message = QStringLiteral("GET …/Encounter timed out after 10 s");
        s.lastFailure.since = clock.now().addSecs(-600);
        s.lastFailure.at = clock.now();
        banner.setStatus(s);
        QVERIFY(banner.diskText().startsWith(QLatin1String("Disk full: ")));
        QVERIFY2(banner.failingText().startsWith(QLatin1String("Mirror failing since ")), qPrintable(banner.failingText()));
        QVERIFY2(banner.failingText().contains(QStringLiteral("(timeout): GET …/Encounter timed out after 10 s")), qPrintable(banner.failingText()));
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Stale);

        // A held drop has its own line: not repeated as a failure.
        s.lastFailure.kind = QStringLiteral("purge_guard");
        banner.setStatus(s);
        QVERIFY(banner.failingText().isEmpty());

        s.lastFailure = {};
        s.disk = {};
        banner.setStatus(s);
        QVERIFY(banner.diskText().isEmpty());
        QVERIFY(banner.failingText().isEmpty());
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);
    }

    void drivenByHealthMonitor()
    {
        ManualClock clock(QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
        sync::EhrHealthMonitor monitor(clock);
        ui::StatusBanner banner(clock);
        const QDateTime lastSync = clock.now();
        connect(&monitor, &sync::EhrHealthMonitor::stateChanged, &banner,
                [&](sync::EhrState, sync::EhrState) { banner.setStatus(fromMonitor(monitor, lastSync)); });
        monitor.recordSuccess();
        banner.setStatus(fromMonitor(monitor, lastSync));
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Current);

        for (int i = 0; i < 3; ++i) {
            clock.advanceSecs(60);
            monitor.recordFailure(QStringLiteral("connection refused"));
        }
        QCOMPARE(monitor.state(), sync::EhrState::Downtime);
        QCOMPARE(banner.level(), ui::StatusBanner::Level::Downtime);
        QVERIFY2(banner.stateText().startsWith(QStringLiteral("DOWNTIME since ")), qPrintable(banner.stateText()));

        clock.advanceSecs(60);
        monitor.recordSuccess();
        QCOMPARE(monitor.state(), sync::EhrState::Recovery);
        QVERIFY(banner.stateText().contains(QStringLiteral("recovery")));
        monitor.recordFullSyncCompleted();
        QCOMPARE(monitor.state(), sync::EhrState::Online);
        QVERIFY(banner.stateText().contains(QStringLiteral("online")));
    }
};

QTEST_MAIN(TestGuiBanner)
#include "test_gui_banner.moc"
