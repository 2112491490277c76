#pragma once
// One encrypted vault per fuzzing process, in a private temp folder removed
// at exit: opening a vault per input would measure SQLCipher's key setup
// instead of the code under test.

#include "core/common/SecureBuffer.h"
#include "core/common/Sodium.h"
#include "core/vault/Vault.h"

#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace lantern::fuzz {

inline vault::Vault& sharedVault()
{
    static QTemporaryDir dir;
    static std::unique_ptr<vault::Vault> vault = [] {
        ensureSodium();
        auto created = vault::Vault::create(dir.filePath(QStringLiteral("vault.db")), SecureBuffer::random(32));
        if (!created.ok()) {
            std::fprintf(stderr, "fuzz: cannot create the vault: %s\n", qPrintable(created.error().message));
            std::abort();
        }
        return std::move(*created);
    }();
    return *vault;
}

} // namespace lantern::fuzz
