#pragma once
// One uploader per vault: an exclusive, non-blocking flock() on
// <vault dir>/reconcile.lock, held while a reconciliation runs (the GUI's
// engine, `lanternctl reconcile run`, tests). The kernel drops it when the
// process dies, so a killed uploader never leaves a stale lock behind.

#include "common/Result.h"

#include <QString>

#include <memory>

namespace lantern::sync {

class UploadLock
{
public:
    // Conflict when another uploader (this or another process) holds the lock.
    static Result<std::unique_ptr<UploadLock>> acquire(const QString& vaultDirectory);
    ~UploadLock();
    UploadLock(const UploadLock&) = delete;
    UploadLock& operator=(const UploadLock&) = delete;

private:
    explicit UploadLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace lantern::sync
