#include "core/access/SessionPolicy.h"

#include "core/vault/Vault.h"

namespace lantern::access {
namespace {
const QString IdleLockKey = QStringLiteral("session.idle_lock_secs");
}

Result<int> SessionPolicy::idleLockSecs() const
{
    auto stored = m_vault.meta(IdleLockKey);
    if (!stored.ok())
        return stored.error();
    if (stored->isEmpty())
        return DefaultIdleLockSecs;
    bool ok = false;
    const int secs = stored->toInt(&ok);
    if (!ok || secs < MinIdleLockSecs || secs > MaxIdleLockSecs)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the vault's idle-lock setting \"%1\" is not a number of seconds "
                                    "between %2 and %3; set it again")
                         .arg(*stored)
                         .arg(MinIdleLockSecs)
                         .arg(MaxIdleLockSecs));
    return secs;
}

Status SessionPolicy::setIdleLockSecs(int secs)
{
    if (secs < MinIdleLockSecs || secs > MaxIdleLockSecs)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the idle lock must be between %1 and %2 seconds")
                         .arg(MinIdleLockSecs)
                         .arg(MaxIdleLockSecs));
    return m_vault.setMeta(IdleLockKey, QString::number(secs));
}

} // namespace lantern::access
