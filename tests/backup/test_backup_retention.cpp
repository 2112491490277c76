// Which backups retention keeps: the newest of each of the last N days and of the
// last M ISO weeks, always the newest; nothing kept twice, nothing else removed.

#include "core/snapshot/BackupRetention.h"

#include <QSet>
#include <QTest>

using namespace lantern::snapshot;

namespace {

// One backup at 02:00 and one at 14:00 every day for `days` days up to 2026-03-29 (a Sunday).
QList<BackupFile> twiceDaily(int days)
{
    QList<BackupFile> out;
    const QDate last(2026, 3, 29);
    qint64 seq = 0;
    for (int d = days - 1; d >= 0; --d)
        for (int hour : {2, 14})
            out << BackupFile{QStringLiteral("b%1").arg(++seq), QDateTime(last.addDays(-d), QTime(hour, 0), Qt::UTC), seq, 100};
    return out;
}

QSet<QString> kept(const QList<BackupFile>& all, const QList<BackupFile>& removed)
{
    QSet<QString> names;
    for (const BackupFile& f : all)
        names.insert(f.path);
    for (const BackupFile& f : removed)
        names.remove(f.path);
    return names;
}

} // namespace

class TestBackupRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sevenDailyFourWeekly()
    {
        const QList<BackupFile> all = twiceDaily(60);
        const QSet<QString> keep = kept(all, backupsToRemove(all, 7, 4));
        // The 14:00 backup of the last 7 days (Mar 23..29), plus the newest of the 3 weeks before
        // (the week of Mar 23 is counted by the dailies already): Sundays Mar 22, 15, 8.
        QSet<QString> expected;
        for (const BackupFile& f : all) {
            const QDate day = f.created.date();
            const bool daily = day >= QDate(2026, 3, 23) && f.created.time().hour() == 14;
            const bool weekly = (day == QDate(2026, 3, 22) || day == QDate(2026, 3, 15) || day == QDate(2026, 3, 8)) &&
                                f.created.time().hour() == 14;
            if (daily || weekly)
                expected.insert(f.path);
        }
        QCOMPARE(keep, expected);
    }

    void newestAlwaysKept()
    {
        const QList<BackupFile> all = twiceDaily(3);
        const QSet<QString> keep = kept(all, backupsToRemove(all, 0, 0));
        QCOMPARE(keep, QSet<QString>{all.last().path});
    }

    void fewBackupsAllKept()
    {
        const QList<BackupFile> all = twiceDaily(1).mid(1);
        QVERIFY(backupsToRemove(all, 7, 4).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBackupRetention)
#include "test_backup_retention.moc"
