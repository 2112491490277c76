#pragma once
// An exclusive, non-blocking flock() on one file, held for the object's life.
// The kernel drops it when the process dies, so a killed worker never leaves a
// stale lock behind. MirrorLock and UploadLock name the files and the messages.

#include "core/common/Result.h"

#include <QString>

#include <memory>

namespace lantern::sync {

class ExclusiveFileLock
{
public:
    // Conflict (with `busyMessage`, "%1" = the path) when another holder, in this
    // or another process, has the lock; Io when the file cannot be opened.
    static Result<std::unique_ptr<ExclusiveFileLock>> acquire(const QString& path, const QString& busyMessage);
    ~ExclusiveFileLock();
    ExclusiveFileLock(const ExclusiveFileLock&) = delete;
    ExclusiveFileLock& operator=(const ExclusiveFileLock&) = delete;

    QString path() const { return m_path; }

private:
    ExclusiveFileLock(int fd, QString path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    QString m_path;
};

} // namespace lantern::sync
