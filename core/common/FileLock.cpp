#include "core/common/FileLock.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace lantern {

Result<std::unique_ptr<FileLock>> FileLock::acquire(const QString& path)
{
    const auto failed = [&](const char* what, int err) {
        return Error(ErrorCode::Io, QStringLiteral("cannot %1 the lock file %2: %3")
                                        .arg(QLatin1String(what), path, QString::fromLocal8Bit(std::strerror(err))));
    };
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return failed("open", errno);
    int rc;
    do
        rc = ::flock(fd, LOCK_EX);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int err = errno;
        ::close(fd);
        return failed("lock", err);
    }
    return std::unique_ptr<FileLock>(new FileLock(fd));
}

FileLock::~FileLock()
{
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
}

} // namespace lantern
