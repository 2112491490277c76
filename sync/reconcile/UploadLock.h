#pragma once
// One uploader per vault: <vault dir>/reconcile.lock, held while a
// reconciliation runs (the GUI's engine, `lanternctl reconcile run`, tests).

#include "sync/ExclusiveFileLock.h"

namespace lantern::sync {

using UploadLock = ExclusiveFileLock;

// Conflict when another uploader (this or another process) holds the lock.
Result<std::unique_ptr<UploadLock>> acquireUploadLock(const QString& vaultDirectory);

} // namespace lantern::sync
