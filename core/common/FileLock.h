#pragma once
// A blocking, exclusive flock() on one file, held for the object's life. Used
// where processes must take turns rather than give up (the unlock throttle's
// check → key derivation → count). The kernel drops it when the process dies,
// so a killed process never leaves a stale lock behind.
// (sync's ExclusiveFileLock is the non-blocking kind, for "one service only".)

#include "core/common/Result.h"

#include <QString>

#include <memory>

namespace lantern {

class FileLock
{
public:
    // Waits until no other holder, in this or another process, has the lock.
    // Io when the file cannot be opened or locked. The file is created 0600
    // and never followed through a symlink.
    static Result<std::unique_ptr<FileLock>> acquire(const QString& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    explicit FileLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace lantern
