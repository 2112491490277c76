#pragma once
// One wording for a damaged vault file, whoever finds it (the first page at
// unlock, a page in the integrity check): "vault file damaged: <path>: <what>;
// restore ...". Code Corrupt, so that no caller mistakes damage for a wrong
// passphrase (exit 1, not 3, in lanternctl).

#include "core/common/Result.h"

#include <QString>

namespace lantern::vault {

Error vaultDamaged(const QString& path, const QString& what);

} // namespace lantern::vault
