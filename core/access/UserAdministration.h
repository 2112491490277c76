#pragma once
// Adding users (vault row and key slot together) and the checks every user
// administration shares: the acting user, re-read from the vault, needs
// Permission::ManageUsers; the last enabled IT administrator can never be
// removed or disabled. Disabling, enabling, resets and removal: UserLifecycle.
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

    // A key slot of `username` for the session's data key, after the policy check;
    // `oneTime`: a passphrase IT issues, to be changed at the first unlock.
    Result<keys::KeySlot> makeUserSlot(const Session& session, const QString& username,
                                       const SecureBuffer& passphrase,
                                       const SecureBuffer* oldPassphrase = nullptr, bool oneTime = false) const;

    Status requireAdmin(Session& admin) const;
    // Denied if `target` is an enabled IT administrator and the only one, or the acting user.
    Status requireNotLastAdminOrSelf(Session& admin, const User& target, const QString& action) const;

private:
    const Clock& m_clock;
    keys::KdfParameters m_kdf;
    PassphrasePolicy m_policy;
};

} // namespace lantern::access
