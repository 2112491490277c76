#include "sync/mirror/MirrorLock.h"

namespace lantern::sync {

Result<std::unique_ptr<MirrorLock>> acquireMirrorLock(const QString& vaultDirectory)
{
    return ExclusiveFileLock::acquire(vaultDirectory + QStringLiteral("/mirror.lock"),
                                      QStringLiteral("another mirror worker is already running for this vault (%1 is locked); "
                                                     "stop it (e.g. systemctl stop lantern-mirror) before starting a second one"));
}

} // namespace lantern::sync
