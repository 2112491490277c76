#pragma once
// Room kept back for the moments a full disk must not stop: a pre-allocated
// file `disk-reserve` (4 MiB, mode 0600) beside the vault. When a vault write
// fails because the disk is full, the file is deleted and the write tried once
// more, so unlocking, audit entries and downtime entries (the outbox) still
// succeed during the outage the vault exists for. It is created again at
// initialisation, at unlock and before mirror cycles, once there is room.
//
// How "the disk was full" is known: Database.cpp tells noteDiskFullFailure()
// whenever SQLite answers SQLITE_FULL, or an I/O error whose errno is ENOSPC
// or EDQUOT, and the count is kept per thread, so retryOnceWhenDiskFull sees
// only what its own operation hit. No message text is matched.

#include "core/common/Result.h"

#include <QString>

#include <optional>

namespace lantern::vault {

class DiskReserve
{
public:
    static constexpr qint64 kBytes = 4 * 1024 * 1024;
    static constexpr const char* kFileName = "disk-reserve";

    // `folder`: the vault's folder (the reserve must lie on the vault's filesystem).
    explicit DiskReserve(QString folder) : m_folder(std::move(folder)) {}
    static DiskReserve besideFile(const QString& vaultFile);

    QString path() const;
    bool present() const;

    // Creates the reserve when it is missing and at least twice its size is free
    // (it never takes the last room itself). Ok when it exists afterwards or
    // there was no room to make it yet; an error only for a failing disk.
    Status ensure() const;
    // Gives the reserve's room to the vault. True when there was a reserve to release.
    bool release() const;

private:
    QString m_folder;
};

// Bytes available to this process on the filesystem holding `folder`; nullopt when unknown.
std::optional<qint64> freeDiskBytes(const QString& folder);

// Called by Database.cpp when SQLite failed because the disk was full.
void noteDiskFullFailure();
// How many vault operations on this thread failed because the disk was full.
quint64 diskFullFailuresOnThisThread();

// Releases the reserve beside `vaultFile` after a disk-full failure; logs it.
bool releaseReserveAfterDiskFull(const QString& vaultFile);

// Runs `operation` (returning a Result); when it failed because the disk was
// full and a reserve was there to release, runs it once more. Only for
// operations that are whole transactions: a failed one left nothing behind.
template <typename Operation>
auto retryOnceWhenDiskFull(const QString& vaultFile, Operation&& operation) -> decltype(operation())
{
    const quint64 before = diskFullFailuresOnThisThread();
    auto result = operation();
    if (!result.ok() && diskFullFailuresOnThisThread() != before && releaseReserveAfterDiskFull(vaultFile))
        result = operation();
    return result;
}

} // namespace lantern::vault
