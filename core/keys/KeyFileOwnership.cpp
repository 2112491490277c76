#include "core/keys/KeyFileOwnership.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lantern::keys {
namespace {

QString accountName(uid_t uid)
{
    if (const passwd* pw = ::getpwuid(uid))
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(uid);
}

QString octal(mode_t mode)
{
    return QStringLiteral("%1").arg(mode & 07777, 4, 8, QLatin1Char('0'));
}

Result<FileFacts> factsOf(const QString& path)
{
    struct stat st
    {
    };
    // lstat: a symlink named device.key is refused below, not followed.
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        const int err = errno;
        return Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                     QStringLiteral("could not inspect %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    return FileFacts{st.st_uid, st.st_mode};
}

} // namespace

Status KeyFileOwnership::checkKey(const QString& keyPath, const FileFacts& key, uid_t account)
{
    if (!S_ISREG(key.mode))
        return Error(ErrorCode::Denied, QStringLiteral("the device key %1 is not a plain file (a link or a folder?); "
                                                       "replace it with the service's own key file")
                                            .arg(keyPath));
    if (key.owner != account)
        return Error(ErrorCode::Denied,
                     QStringLiteral("the device key %1 belongs to %2, but this process runs as %3: only the mirror "
                                    "service's account may hold it; run the service as %2, or (IT, as root) "
                                    "chown %3 %1 if %3 is the service account")
                         .arg(keyPath, accountName(key.owner), accountName(account)));
    const mode_t perms = key.mode & 07777;
    if (perms != 0600 && perms != 0400)
        return Error(ErrorCode::Denied, QStringLiteral("the device key %1 has mode %2; it must be readable by its owner "
                                                       "alone: run chmod 600 %1, then try again")
                                            .arg(keyPath, octal(perms)));
    return {};
}

Status KeyFileOwnership::checkFolder(const QString& folderPath, const FileFacts& folder)
{
    // Writable by the desktop users' group is how the package shares the vault
    // (vault.db, its WAL); the sticky bit then keeps anyone but device.key's
    // owner from renaming or deleting it, as in /tmp.
    if ((folder.mode & (S_IWGRP | S_IWOTH)) != 0 && (folder.mode & S_ISVTX) == 0)
        return Error(ErrorCode::Denied,
                     QStringLiteral("the vault folder %1 is writable by other accounts (mode %2), so the device key "
                                    "in it could be replaced; run chmod 750 %1, or chmod 3770 %1 for a folder shared with the desktop users' group")
                         .arg(folderPath, octal(folder.mode)));
    return {};
}

Status KeyFileOwnership::check(const QString& keyPath, uid_t account)
{
    const QString folderPath = QFileInfo(keyPath).absolutePath();
    auto folder = factsOf(folderPath);
    if (!folder.ok())
        return folder.error();
    LANTERN_TRY(checkFolder(folderPath, *folder));
    auto key = factsOf(keyPath);
    if (!key.ok()) {
        if (key.error().code == ErrorCode::NotFound)
            return Error(ErrorCode::NotFound, QStringLiteral("the device key %1 does not exist; this device cannot open "
                                                             "the vault unattended")
                                                  .arg(keyPath));
        return key.error();
    }
    return checkKey(keyPath, *key, account);
}

Status KeyFileOwnership::checkForCurrentAccount(const QString& keyPath)
{
    return check(keyPath, ::geteuid());
}

} // namespace lantern::keys
