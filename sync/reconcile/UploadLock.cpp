#include "sync/reconcile/UploadLock.h"

namespace lantern::sync {

Result<std::unique_ptr<UploadLock>> acquireUploadLock(const QString& vaultDirectory)
{
    return ExclusiveFileLock::acquire(vaultDirectory + QStringLiteral("/reconcile.lock"),
                                      QStringLiteral("another reconciliation is already uploading from this vault (%1 is locked); "
                                                     "wait for it to finish"));
}

} // namespace lantern::sync
