#pragma once
// What the free space under the vault means, decided once for `lanternctl
// status`, the desktop's banner and the metrics:
//  - ok: more free than the mirror's watermark (mirror.min_free_mb);
//  - almost_full: below the watermark: the mirror writes no more EHR data,
//    reading, recording and unlocking go on;
//  - full: less than the disk reserve is free, or the reserve was used up and
//    there is no room to make it again: unlock, audit and downtime entries run
//    on the reserve's room; free space now.

#include <QDateTime>
#include <QString>

namespace lantern::vault {

enum class DiskLevel { Ok, AlmostFull, Full };

struct DiskStatus
{
    DiskLevel level = DiskLevel::Ok;
    qint64 freeBytes = -1;      // -1: unknown (the level is then ok)
    qint64 watermarkBytes = 0;  // the mirror stops writing below this
    bool reservePresent = false;

    bool known() const { return freeBytes >= 0; }
};

// Level of the filesystem holding `vaultFolder` against `watermarkBytes`.
DiskStatus assessDisk(const QString& vaultFolder, qint64 watermarkBytes);
// The rule alone, for tests and for figures read elsewhere.
DiskLevel diskLevelFor(qint64 freeBytes, qint64 watermarkBytes, bool reservePresent);

QString diskLevelName(DiskLevel level); // ok, almost_full, full
// One line a person can act on: what the level means and what to do
// (empty for ok). Translated (context "lantern::vault::DiskStatus").
QString diskAdvice(const DiskStatus& status);

inline constexpr qint64 kMebibyte = 1024 * 1024;

} // namespace lantern::vault
