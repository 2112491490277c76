#include "sync/ExclusiveFileLock.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace lantern::sync {

Result<std::unique_ptr<ExclusiveFileLock>> ExclusiveFileLock::acquire(const QString& path, const QString& busyMessage)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error(ErrorCode::Io, QStringLiteral("cannot open the lock file %1: %2")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK)
            return Error(ErrorCode::Conflict, busyMessage.arg(path));
        return Error(ErrorCode::Io, QStringLiteral("cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
    }
    return std::unique_ptr<ExclusiveFileLock>(new ExclusiveFileLock(fd, path));
}

ExclusiveFileLock::~ExclusiveFileLock()
{
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace lantern::sync
