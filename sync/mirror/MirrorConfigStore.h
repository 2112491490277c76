#pragma once
// MirrorConfig kept in the vault's meta table under "mirror.*" keys, so the
// headless service and the GUI on one device read the same settings (and the
// bearer token is stored encrypted with everything else).

#include "core/common/Result.h"
#include "sync/mirror/MirrorEngine.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

// Every key `lanternctl config set` accepts, e.g. mirror.base_url, mirror.wards.
const QStringList& mirrorConfigKeys();

Result<MirrorConfig> loadMirrorConfig(vault::Vault& vault);
// Validates the value for the key (a URL, a whole number, a comma list of ids ...).
Status setMirrorConfigValue(vault::Vault& vault, const QString& key, const QString& value);
// Key/value pairs for display; secrets are masked.
Result<QList<QPair<QString, QString>>> mirrorConfigForDisplay(vault::Vault& vault);

} // namespace lantern::sync
