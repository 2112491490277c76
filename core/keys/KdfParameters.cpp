#include "core/keys/KdfParameters.h"

#include <sodium.h>

namespace lantern::keys {

KdfParameters KdfParameters::minimumForTesting()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

bool KdfParameters::isAcceptable() const
{
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= MaxOpsLimit &&
           memLimit >= crypto_pwhash_MEMLIMIT_MIN && memLimit <= MaxMemLimit;
}

QString KdfParameters::describe() const
{
    if (memLimit >= 1024 * 1024 && memLimit % (1024 * 1024) == 0)
        return QStringLiteral("opslimit %1, memlimit %2 MiB").arg(opsLimit).arg(memLimit / (1024 * 1024));
    return QStringLiteral("opslimit %1, memlimit %2 bytes").arg(opsLimit).arg(memLimit);
}

} // namespace lantern::keys
