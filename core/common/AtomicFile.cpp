#include "core/common/AtomicFile.h"

#include "core/common/Sodium.h"

#include <sodium.h>

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lantern {
namespace {

AtomicWriteCrashPoint g_crashPoint = AtomicWriteCrashPoint::None;
qint64 g_diskSpace = -1;

Error ioError(const QString& what, const QString& path, int err)
{
    return {ErrorCode::Io, QStringLiteral("%1 %2 failed: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err)))};
}

Status writeAll(int fd, const QByteArray& content, const QString& path)
{
    const char* p = content.constData();
    qsizetype left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("writing"), path, errno);
        }
        p += n;
        left -= n;
    }
    return {};
}

Status fsyncDirectory(const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError(QStringLiteral("opening folder"), dir, errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return ioError(QStringLiteral("syncing folder"), dir, err);
    return {};
}

// A name no one can guess in advance: a fixed ".name.tmp" would let anyone with
// write access to the folder plant a symlink there and have us write through it.
QString randomTempName(const QFileInfo& target)
{
    ensureSodium();
    unsigned char bytes[8];
    randombytes_buf(bytes, sizeof bytes);
    const QByteArray suffix = QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes).toHex();
    return target.absolutePath() + QStringLiteral("/.") + target.fileName() + QLatin1Char('.') +
           QString::fromLatin1(suffix) + QStringLiteral(".tmp");
}

} // namespace

void setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint point)
{
    g_crashPoint = point;
}

void setAtomicWriterDiskSpaceForTesting(qint64 bytes)
{
    g_diskSpace = bytes;
}

Status writeFileAtomically(const QString& path, const QByteArray& content, AtomicWriteOptions options)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    const QString temp = randomTempName(info);
    const QByteArray tempName = QFile::encodeName(temp);

    // O_EXCL|O_NOFOLLOW: only a file this call creates itself, never one planted there.
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError(QStringLiteral("creating"), temp, errno);
    mode_t mode = static_cast<mode_t>(options.permissions);
    struct stat existing {};
    if (options.keepExistingMode && ::lstat(QFile::encodeName(path).constData(), &existing) == 0 && S_ISREG(existing.st_mode))
        mode = existing.st_mode & 0660;
    ::fchmod(fd, mode); // umask must not widen or narrow it
    Status written = writeAll(fd, content, temp);
    if (written.ok() && ::fsync(fd) != 0)
        written = ioError(QStringLiteral("syncing"), temp, errno);
    ::close(fd);
    if (!written.ok()) {
        ::unlink(tempName.constData()); // the old file is untouched
        return written;
    }
    if (g_crashPoint == AtomicWriteCrashPoint::AfterTempWritten)
        return Error(ErrorCode::Internal, QStringLiteral("simulated crash after writing the temp file"));

    if (::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        ::unlink(tempName.constData());
        return ioError(QStringLiteral("replacing"), path, err);
    }
    if (g_crashPoint == AtomicWriteCrashPoint::AfterRename)
        return Error(ErrorCode::Internal, QStringLiteral("simulated crash after rename"));
    return fsyncDirectory(dir);
}

AtomicFileWriter::~AtomicFileWriter()
{
    discard();
}

void AtomicFileWriter::discard()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temp.isEmpty())
        ::unlink(QFile::encodeName(m_temp).constData());
    m_temp.clear();
}

Status AtomicFileWriter::open(const QString& path, int permissions)
{
    discard();
    const QFileInfo info(path);
    m_path = info.absoluteFilePath();
    const QString temp = randomTempName(info);
    m_fd = ::open(QFile::encodeName(temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (m_fd < 0)
        return ioError(QStringLiteral("creating"), temp, errno);
    m_temp = temp;
    m_written = 0;
    ::fchmod(m_fd, static_cast<mode_t>(permissions));
    return {};
}

Status AtomicFileWriter::write(const QByteArray& bytes)
{
    if (m_fd < 0)
        return Error(ErrorCode::Internal, QStringLiteral("writing %1 after it was closed").arg(m_path));
    Status written = g_diskSpace >= 0 && m_written + bytes.size() > g_diskSpace ? Status(ioError(QStringLiteral("writing"), m_path, ENOSPC))
                                                                                 : writeAll(m_fd, bytes, m_path);
    m_written += bytes.size();
    if (!written.ok())
        discard(); // a full disk leaves no partial file behind
    return written;
}

Status AtomicFileWriter::commit()
{
    if (m_fd < 0)
        return Error(ErrorCode::Internal, QStringLiteral("committing %1 twice").arg(m_path));
    if (::fsync(m_fd) != 0) {
        const Error error = ioError(QStringLiteral("syncing"), m_path, errno);
        discard();
        return error;
    }
    ::close(m_fd);
    m_fd = -1;
    if (::rename(QFile::encodeName(m_temp).constData(), QFile::encodeName(m_path).constData()) != 0) {
        const Error error = ioError(QStringLiteral("replacing"), m_path, errno);
        discard();
        return error;
    }
    m_temp.clear();
    return fsyncDirectory(QFileInfo(m_path).absolutePath());
}

} // namespace lantern
