#pragma once
// One mirror worker per vault: an exclusive, non-blocking flock() on
// <vault dir>/mirror.lock, held for the worker's life. The kernel drops it when
// the process dies, so a killed worker never leaves a stale lock behind.

#include "common/Result.h"

#include <QString>

#include <memory>

namespace lantern::sync {

class MirrorLock
{
public:
    // Conflict when another worker (this or another process) holds the lock.
    static Result<std::unique_ptr<MirrorLock>> acquire(const QString& vaultDirectory);
    ~MirrorLock();
    MirrorLock(const MirrorLock&) = delete;
    MirrorLock& operator=(const MirrorLock&) = delete;

    QString path() const { return m_path; }

private:
    MirrorLock(int fd, QString path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    QString m_path;
};

} // namespace lantern::sync
