#pragma once
// One mirror worker per vault: <vault dir>/mirror.lock, held for the worker's life.

#include "sync/ExclusiveFileLock.h"

namespace lantern::sync {

using MirrorLock = ExclusiveFileLock;

// Conflict when another mirror worker (this or another process) holds the lock.
Result<std::unique_ptr<MirrorLock>> acquireMirrorLock(const QString& vaultDirectory);

} // namespace lantern::sync
