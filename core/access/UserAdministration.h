#pragma once
// What an IT administrator does to other users: add them (vault row and key slot
// together), remove or disable them, reset a forgotten passphrase. Every action
// re-reads the acting user from the vault and needs Permission::ManageUsers.
// The last enabled IT administrator can never be removed or disabled.
// Used through VaultAccess.

#include "core/access/PassphrasePolicy.h"
#include "core/access/User.h"
#include "core/common/Clock.h"
#include "core/keys/KdfParameters.h"
#include "core/keys/KeySlot.h"

namespace lantern::access {

class Session;

class UserAdministration
{
public:
    UserAdministration(const Clock& clock, keys::KdfParameters kdf) : m_clock(clock), m_kdf(kdf) {}

    // Denied unless an IT administrator; InvalidInput for a bad user;
    // WeakPassphrase; Conflict for a taken username.
    Status addUser(Session& admin, const User& newUser, const QString& passphrase);
    // Disables the user (the row stays for the audit trail; the username is never
    // reused) and deletes their key slot.
    Status removeUser(Session& admin, const QString& username);
    // Disabling keeps the key slot, so re-enabling restores access as before.
    Status setUserDisabled(Session& admin, const QString& username, bool disabled);
    // For a forgotten passphrase: replaces the user's key slot with a new one.
    Status resetPassphrase(Session& admin, const QString& username, const QString& newPassphrase);

    // A key slot of `username` for the session's data key, after the policy check.
    Result<keys::KeySlot> makeUserSlot(const Session& session, const QString& username,
                                       const SecureBuffer& passphrase,
                                       const SecureBuffer* oldPassphrase = nullptr) const;

private:
    Status requireAdmin(Session& admin) const;
    // Denied if `target` is an enabled IT administrator and the only one, or the acting user.
    Status requireNotLastAdminOrSelf(Session& admin, const User& target, const QString& action) const;

    const Clock& m_clock;
    keys::KdfParameters m_kdf;
    PassphrasePolicy m_policy;
};

} // namespace lantern::access
