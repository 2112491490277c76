#include "core/vault/DiskStatus.h"

#include "core/vault/DiskReserve.h"

#include <QCoreApplication>

namespace lantern::vault {
namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(bytes / kMebibyte);
}

} // namespace

DiskLevel diskLevelFor(qint64 freeBytes, qint64 watermarkBytes, bool reservePresent)
{
    if (freeBytes < 0)
        return DiskLevel::Ok; // unknown: nothing to claim
    // Without its reserve and without room to make it again, the vault lives on borrowed space.
    if (freeBytes < DiskReserve::kBytes || (!reservePresent && freeBytes < 2 * DiskReserve::kBytes))
        return DiskLevel::Full;
    if (freeBytes < watermarkBytes)
        return DiskLevel::AlmostFull;
    return DiskLevel::Ok;
}

DiskStatus assessDisk(const QString& vaultFolder, qint64 watermarkBytes)
{
    DiskStatus s;
    s.watermarkBytes = watermarkBytes;
    s.freeBytes = freeDiskBytes(vaultFolder).value_or(-1);
    s.reservePresent = DiskReserve(vaultFolder).present();
    s.level = diskLevelFor(s.freeBytes, s.watermarkBytes, s.reservePresent);
    return s;
}

QString diskLevelName(DiskLevel level)
{
    switch (level) {
    case DiskLevel::Ok: return QStringLiteral("ok");
    case DiskLevel::AlmostFull: return QStringLiteral("almost_full");
    case DiskLevel::Full: return QStringLiteral("full");
    }
    return QStringLiteral("ok");
}

QString diskAdvice(const DiskStatus& s)
{
    switch (s.level) {
    case DiskLevel::Ok:
        return {};
    case DiskLevel::AlmostFull:
        return QCoreApplication::translate(
                   "lantern::vault::DiskStatus",
                   "%1 MB free, below mirror.min_free_mb (%2 MB); the mirror has stopped writing EHR "
                   "data, reading and recording go on. Free space on the vault's disk (old logs, printouts, exports) "
                   "or give it more room; the mirror resumes by itself")
            .arg(megabytes(s.freeBytes), megabytes(s.watermarkBytes));
    case DiskLevel::Full:
        return QCoreApplication::translate(
                   "lantern::vault::DiskStatus",
                   "%1 MB free; unlock, audit and downtime entries use the vault's reserve, the mirror "
                   "writes nothing. Free space on the vault's disk now (old logs, printouts, exports); nothing "
                   "recorded is lost and everything resumes once there is room")
            .arg(megabytes(s.freeBytes));
    }
    return {};
}

} // namespace lantern::vault
