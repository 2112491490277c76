#pragma once
// The one door the CLI and the GUI use to create, unlock and administer a vault
// folder (see VaultDirectory). It ties together the pieces that each do one job:
// KeySlot (crypto), KeySlotFile (keyslots.json), DeviceKey (device.key),
// UnlockThrottle (throttle.json), PassphrasePolicy, UserRepository (app_user).
//
// Passphrases come in as QString from the UI; they are turned into UTF-8 in
// secure memory at once, and callers should wipe() their own QString afterwards.
// Unlock failures never say whether the username or the passphrase was wrong.

#include "core/access/Session.h"
#include "core/access/UserAdministration.h"
#include "core/common/Clock.h"
#include "core/keys/KdfParameters.h"

#include <QString>
#include <memory>

namespace lantern::access {

class VaultAccess
{
public:
    // `kdf` is used for every key slot this object creates (production: the
    // defaults; tests: KdfParameters::minimumForTesting()). Existing slots are
    // always opened with the parameters stored in them.
    explicit VaultAccess(const Clock& clock = SystemClock::instance(),
                         keys::KdfParameters kdf = keys::KdfParameters::defaults());

    // Creates vault.db with a random data key, the first IT administrator and
    // their key slot, device.key and the device slot. Conflict if the folder holds
    // a vault already; WeakPassphrase if the passphrase fails the policy.
    Result<Session> initialise(const QString& directory, const QString& adminUsername,
                               const QString& adminDisplayName, const QString& adminPassphrase);

    // Throttled (see secondsToWait), WrongKey for a wrong username or passphrase,
    // Denied for a disabled user, Corrupt for a damaged keyslots.json.
    Result<Session> unlock(const QString& directory, const QString& username, const QString& passphrase);
    // For the headless mirror service: opens the vault with device.key.
    Result<std::unique_ptr<vault::Vault>> unlockAsDevice(const QString& directory);
    // Seconds before `username` may try to unlock again (0: now). For the UI's countdown.
    qint64 secondsToWait(const QString& directory, const QString& username) const;

    // A user changing their own passphrase: the old one must open their slot
    // (counted by the throttle like an unlock), the new one must pass the policy.
    // Crash-safe: at every instant the old or the new passphrase works.
    Status changePassphrase(const QString& directory, const QString& username, const QString& oldPassphrase,
                            const QString& newPassphrase);

    // User administration by an IT administrator's session (Denied otherwise).
    Status addUser(Session& admin, const User& newUser, const QString& passphrase)
    {
        return m_users.addUser(admin, newUser, passphrase);
    }
    Status removeUser(Session& admin, const QString& username) { return m_users.removeUser(admin, username); }
    Status setUserDisabled(Session& admin, const QString& username, bool disabled)
    {
        return m_users.setUserDisabled(admin, username, disabled);
    }
    Status resetPassphrase(Session& admin, const QString& username, const QString& newPassphrase)
    {
        return m_users.resetPassphrase(admin, username, newPassphrase);
    }

private:
    // Throttle check, slot unwrap, vault open, user load: everything an unlock
    // with a passphrase needs.
    Result<Session> authenticate(const VaultDirectory& dir, const QString& username,
                                 const SecureBuffer& passphrase);
    Result<Session> createIn(const VaultDirectory& dir, const User& admin, const SecureBuffer& passphrase);
    static Result<std::unique_ptr<vault::Vault>>
    openVault(const VaultDirectory& dir, const QString& slotVaultId, const SecureBuffer& dataKey);

    const Clock& m_clock;
    UserAdministration m_users;
};

} // namespace lantern::access
