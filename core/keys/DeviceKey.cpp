#include "core/keys/DeviceKey.h"

#include "core/common/AtomicFile.h"
#include "core/keys/KeyFileOwnership.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lantern::keys {

Result<SecureBuffer> DeviceKey::create(const QString& path)
{
    SecureBuffer key = SecureBuffer::random(KeyBytes);
    // writeFileAtomically takes a QByteArray: give it a transient copy and wipe it.
    QByteArray bytes(key.chars(), static_cast<qsizetype>(key.size()));
    Status written = writeFileAtomically(path, bytes, AtomicWriteOptions{0600});
    wipe(bytes);
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("writing the device key"));
    return key;
}

Result<SecureBuffer> DeviceKey::load(const QString& path)
{
    // Owner, mode and folder first: a key another account could read or swap
    // protects nothing (as ssh refuses such private keys).
    LANTERN_TRY(KeyFileOwnership::checkForCurrentAccount(path));
    // Read with POSIX calls straight into secure memory: no QFile buffers holding the key.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            return Error(ErrorCode::NotFound,
                         QStringLiteral("the device key %1 does not exist; this device cannot open "
                                        "the vault unattended")
                             .arg(path));
        return Error(ErrorCode::Io, QStringLiteral("could not read the device key %1: %2")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return Error(ErrorCode::Io, QStringLiteral("could not inspect the device key %1: %2")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    if (!S_ISREG(st.st_mode) || st.st_size != static_cast<off_t>(KeyBytes)) {
        ::close(fd);
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the device key %1 is not a %2-byte key file").arg(path).arg(KeyBytes));
    }
    SecureBuffer key(KeyBytes);
    std::size_t got = 0;
    while (got < KeyBytes) {
        const ssize_t n = ::read(fd, key.data() + got, KeyBytes - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (got != KeyBytes)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the device key %1 could not be read completely").arg(path));
    return key;
}

} // namespace lantern::keys
