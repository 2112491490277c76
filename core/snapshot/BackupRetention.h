#pragma once
// Which backups to keep: the newest backup of each of the last `keepDaily`
// days that have one, and the newest of each of the last `keepWeekly` ISO weeks
// (like grandfather-father-son rotation). The newest backup is always kept.
// Pure: the caller lists the files and removes what this returns.

#include <QDateTime>
#include <QList>
#include <QString>

namespace lantern::snapshot {

struct BackupFile
{
    QString path;
    QDateTime created; // UTC, from the signed header
    qint64 sequence = 0;
    qint64 bytes = 0;
};

// The backups to remove, of `backups` in any order.
QList<BackupFile> backupsToRemove(QList<BackupFile> backups, int keepDaily, int keepWeekly);

} // namespace lantern::snapshot
