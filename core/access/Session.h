#pragma once
// An unlocked vault together with the person who unlocked it. Dropping the
// Session is locking: the database closes and the data key is wiped.

#include "core/access/User.h"
#include "core/access/VaultDirectory.h"
#include "core/common/SecureBuffer.h"
#include "core/vault/Vault.h"

#include <memory>

namespace lantern::access {

class Session
{
public:
    Session(Session&&) noexcept = default;
    Session& operator=(Session&&) noexcept = default;

    vault::Vault& vault() { return *m_vault; }
    // The user as of unlocking. Permission checks re-read the user from the vault,
    // so a role change or disabling takes effect at once.
    const User& user() const { return m_user; }
    const VaultDirectory& directory() const { return m_directory; }
    QString vaultId() const { return m_vaultId; }

private:
    friend class VaultAccess;
    friend class UserAdministration;
    friend class UserLifecycle; // swaps in the new data key after a re-key
    friend class KeySlotHealth; // checks every slot's binding against the data key
    Session(std::unique_ptr<vault::Vault> vault, User user, VaultDirectory directory, QString vaultId,
            SecureBuffer dataKey)
        : m_vault(std::move(vault)), m_user(std::move(user)), m_directory(std::move(directory)),
          m_vaultId(std::move(vaultId)), m_dataKey(std::move(dataKey))
    {
    }

    std::unique_ptr<vault::Vault> m_vault;
    User m_user;
    VaultDirectory m_directory;
    QString m_vaultId;
    // Kept so an IT administrator can add a user's key slot without re-entering a passphrase.
    SecureBuffer m_dataKey;
};

} // namespace lantern::access
