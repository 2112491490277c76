#include "core/snapshot/BackupRetention.h"

#include <QSet>

#include <algorithm>

namespace lantern::snapshot {

QList<BackupFile> backupsToRemove(QList<BackupFile> backups, int keepDaily, int keepWeekly)
{
    std::sort(backups.begin(), backups.end(), [](const BackupFile& a, const BackupFile& b) {
        return a.created != b.created ? a.created > b.created : a.sequence > b.sequence;
    });
    QSet<QString> days;
    QSet<QString> weeks;
    QList<BackupFile> remove;
    for (qsizetype i = 0; i < backups.size(); ++i) {
        const QDate date = backups.at(i).created.toUTC().date();
        int weekYear = 0;
        const int week = date.weekNumber(&weekYear);
        const QString day = date.toString(Qt::ISODate);
        const QString weekKey = QStringLiteral("%1-W%2").arg(weekYear).arg(week);
        bool keep = i == 0;
        if (!days.contains(day) && days.size() < keepDaily) {
            days.insert(day);
            keep = true;
        }
        if (!weeks.contains(weekKey) && weeks.size() < keepWeekly) {
            weeks.insert(weekKey);
            keep = true;
        }
        if (!keep)
            remove << backups.at(i);
    }
    return remove;
}

} // namespace lantern::snapshot
