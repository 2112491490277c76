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
#include "core/access/UserLifecycle.h"
#include "core/access/VaultRekey.h"
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
    // Denied for a disabled user or a one-time passphrase (see mustChangePassphrase),
    // Corrupt for a damaged keyslots.json. Finishes an interrupted re-key
    // (VaultRekey) and converts an older key slot to the sealed form.
    Result<Session> unlock(const QString& directory, const QString& username, const QString& passphrase);
    // For the headless mirror service: opens the vault with device.key.
    Result<std::unique_ptr<vault::Vault>> unlockAsDevice(const QString& directory);
    // Seconds before `username` may try to unlock again (0: now). For the UI's countdown.
    qint64 secondsToWait(const QString& directory, const QString& username) const;
    // Whether the user's passphrase was issued by IT for one use (reset, enable):
    // it opens only changePassphrase. Reads no secret.
    bool mustChangePassphrase(const QString& directory, const QString& username) const;

    // A user changing their own passphrase: the old one must open their slot
    // (counted by the throttle like an unlock), the new one must pass the policy.
    // Crash-safe: at every instant the old or the new passphrase works. Audited.
    // Also how a one-time passphrase from IT is replaced.
    Status changePassphrase(const QString& directory, const QString& username, const QString& oldPassphrase,
                            const QString& newPassphrase);

    // User administration by an IT administrator's session (Denied otherwise).
    Status addUser(Session& admin, const User& newUser, const QString& passphrase)
    {
        return m_users.addUser(admin, newUser, passphrase);
    }
    // The life cycle (disable, enable, reset, remove with re-key): see UserLifecycle.
    UserLifecycle& lifecycle() { return m_lifecycle; }
    Status removeUser(Session& admin, const QString& username) { return m_lifecycle.remove(admin, username); }
    Status disableUser(Session& admin, const QString& username) { return m_lifecycle.disable(admin, username); }
    Status enableUser(Session& admin, const QString& username, const QString& oneTimePassphrase)
    {
        return m_lifecycle.enable(admin, username, oneTimePassphrase);
    }
    Status resetPassphrase(Session& admin, const QString& username, const QString& oneTimePassphrase)
    {
        return m_lifecycle.reset(admin, username, oneTimePassphrase);
    }

private:
    // Throttle check, slot unwrap, vault open, user load: everything an unlock
    // with a passphrase needs.
    // `forPassphraseChange`: a one-time slot opens too.
    Result<Session> authenticate(const VaultDirectory& dir, const QString& username,
                                 const SecureBuffer& passphrase, bool forPassphraseChange);
    Result<Session> createIn(const VaultDirectory& dir, const User& admin, const SecureBuffer& passphrase);
    // `unwrapOld`: the holder's pre-re-key key, to finish an interrupted re-key.
    static Result<std::unique_ptr<vault::Vault>>
    openVault(const VaultDirectory& dir, const QString& slotVaultId, const SecureBuffer& dataKey,
              const VaultRekey::UnwrapOld& unwrapOld);

    const Clock& m_clock;
    UserAdministration m_users;
    UserLifecycle m_lifecycle;
};

} // namespace lantern::access
