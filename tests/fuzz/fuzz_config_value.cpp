// Fuzz target: `lanternctl config set KEY VALUE` as hospital IT types it.
// Property: whatever the settings table accepts, the mirror can load (a value
// that passes `config set` must never stop the service at its next start).
// The first byte picks one of the real keys so the fuzzer reaches every rule;
// the rest is the value.

#include "FuzzInput.h"
#include "FuzzVault.h"

#include "sync/mirror/MirrorConfigStore.h"

using namespace lantern;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const QStringList& keys = sync::mirrorConfigKeys();
    const QString key = data[0] == 0xff ? QStringLiteral("mirror.no_such_key") : keys.at(data[0] % keys.size());
    const QString value = QString::fromUtf8(fuzz::bytes(data + 1, size - 1));
    vault::Vault& vault = fuzz::sharedVault();
    const Status set = sync::setMirrorConfigValue(vault, key, value);
    if (!set.ok()) {
        fuzz::require(!set.error().message.isEmpty(), "a refused setting without a reason");
        return 0;
    }
    auto loaded = sync::loadMirrorConfig(vault);
    fuzz::require(loaded.ok(), "a value config set accepted stops the mirror configuration from loading");
    // Back to the default, so one input's setting does not decide the next one's verdict.
    fuzz::require(sync::setMirrorConfigValue(vault, key, QString()).ok(), "a setting cannot be reset to its default");
    return 0;
}
