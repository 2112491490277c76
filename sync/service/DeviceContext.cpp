#include "sync/service/DeviceContext.h"

#include "core/access/VaultAccess.h"
#include "core/access/VaultDirectory.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"

#include <QFileInfo>

namespace lantern::sync {

Result<DeviceContext> DeviceContext::open(const QString& vaultDirectory, const Clock& clock)
{
    DeviceContext device;
    device.directory = access::VaultDirectory(vaultDirectory).path();
    const QString directory = device.directory;
    const Clock* clk = &clock;
    device.openVault = [directory, clk] { return access::VaultAccess(*clk).unlockAsDevice(directory); };
    auto vault = device.openVault();
    if (!vault.ok())
        return vault.error().prefixed(QStringLiteral("the mirror and reconciliation run with the device key"));
    auto config = loadMirrorConfig(**vault);
    if (!config.ok())
        return config.error();
    device.mirror = *config;
    // The locks sit next to vault.db (the folder the engines lock, see MirrorLock).
    device.directory = QFileInfo((*vault)->path()).absolutePath();
    return device;
}

Status DeviceContext::requireEhr() const
{
    if (hasEhr())
        return {};
    return Error(ErrorCode::NotFound,
                 QStringLiteral("no EHR configured: lanternctl --device config set mirror.base_url URL"));
}

} // namespace lantern::sync
