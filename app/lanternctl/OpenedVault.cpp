#include "OpenedVault.h"

namespace lantern::cli {

int OpenedVault::open(CliContext& ctx, bool allowDevice)
{
    if (ctx.device) {
        if (!allowDevice)
            return ctx.fail(QStringLiteral("a person does this under their own name: unlock with your passphrase, not --device"),
                            AuthFailed);
        auto vault = m_access.unlockAsDevice(ctx.vaultDir);
        if (!vault.ok())
            return ctx.fail(vault.error());
        m_device = std::move(*vault);
        m_gate.emplace(access::PatientAccess::forDevice(*m_device));
        return Ok;
    }
    m_session = ctx.unlock(m_access);
    if (!m_session)
        return ctx.unlockFailure();
    m_gate.emplace(*m_session);
    return Ok;
}

} // namespace lantern::cli
