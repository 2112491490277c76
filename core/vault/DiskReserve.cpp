#include "core/vault/DiskReserve.h"

#include "core/common/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace lantern::vault {
namespace {

thread_local quint64 t_diskFullFailures = 0;

} // namespace

DiskReserve DiskReserve::besideFile(const QString& vaultFile)
{
    return DiskReserve(QFileInfo(vaultFile).absolutePath());
}

QString DiskReserve::path() const
{
    return QDir(m_folder).filePath(QString::fromLatin1(kFileName));
}

bool DiskReserve::present() const
{
    const QFileInfo info(path());
    return info.exists() && info.size() >= kBytes;
}

Status DiskReserve::ensure() const
{
    if (present())
        return {};
    const std::optional<qint64> free = freeDiskBytes(m_folder);
    if (!free || *free < 2 * kBytes)
        return {}; // no room yet: made again by a later unlock or mirror cycle
    const QByteArray file = QFile::encodeName(path());
    const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return Error(ErrorCode::Io, QStringLiteral("cannot create the disk reserve %1: %2")
                                        .arg(path(), QString::fromLocal8Bit(strerror(errno))));
    // Real blocks, not a sparse file: the room has to be there when it is released.
    const int rc = ::posix_fallocate(fd, 0, kBytes);
    const bool synced = rc == 0 && ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        ::unlink(file.constData());
        return Error(ErrorCode::Io, QStringLiteral("cannot allocate the disk reserve %1: %2")
                                        .arg(path(), QString::fromLocal8Bit(strerror(rc != 0 ? rc : errno))));
    }
    qCInfo(lcVault) << "disk reserve of" << kBytes / (1024 * 1024) << "MiB in place beside the vault";
    return {};
}

bool DiskReserve::release() const
{
    const QByteArray file = QFile::encodeName(path());
    return ::unlink(file.constData()) == 0;
}

std::optional<qint64> freeDiskBytes(const QString& folder)
{
    struct statvfs fs {};
    if (::statvfs(QFile::encodeName(folder).constData(), &fs) != 0)
        return std::nullopt;
    return static_cast<qint64>(fs.f_bavail) * static_cast<qint64>(fs.f_frsize);
}

void noteDiskFullFailure()
{
    ++t_diskFullFailures;
}

quint64 diskFullFailuresOnThisThread()
{
    return t_diskFullFailures;
}

bool releaseReserveAfterDiskFull(const QString& vaultFile)
{
    if (vaultFile.isEmpty()) // an in-memory database has no disk, and no reserve
        return false;
    if (!DiskReserve::besideFile(vaultFile).release())
        return false;
    qCWarning(lcVault) << "the disk holding the vault is full: released the disk reserve and trying once more; "
                          "free space on that disk";
    return true;
}

} // namespace lantern::vault
