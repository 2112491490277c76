#pragma once
// What the device's own services start from: a way to open the vault with the
// device key (each engine opens its own connection in its own thread) and the
// mirror configuration stored in the vault. Written once here for the mirror
// service, reconciliation, `lanternctl sync --once` and the tests.
//
//     auto device = DeviceContext::open(vaultDir);
//     if (!device.ok()) return fail(device.error());   // "… runs with the device key: …"
//     MirrorEngine engine(device->mirror, device->openVault);

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "sync/mirror/MirrorEngine.h"

#include <QString>

namespace lantern::sync {

struct DeviceContext
{
    QString directory;                 // the vault folder, absolute
    MirrorEngine::VaultOpener openVault; // device.key → the device's key slot → vault
    MirrorConfig mirror;

    // Opens the vault once with the device key (checking owner and mode of
    // device.key: Denied otherwise) and reads the mirror configuration.
    static Result<DeviceContext> open(const QString& vaultDirectory, const Clock& clock = SystemClock::instance());

    // Usage error with the command that fixes it when no EHR is configured.
    Status requireEhr() const;
    bool hasEhr() const { return mirror.baseUrl.isValid() && !mirror.baseUrl.isEmpty(); }
    // Where mirror.lock and reconcile.lock live.
    QString lockFolder() const { return directory; }
};

} // namespace lantern::sync
