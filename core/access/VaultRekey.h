#pragma once
// Re-keying the vault after a user is removed: a new random data key, the
// vault re-encrypted under it, every remaining key slot (users and the device)
// re-sealed to its holder's public key (see keys::KeySlot), the old key gone
// from keyslots.json and from memory. Whoever held the old key (the removed
// user could have copied it) opens nothing any more.
//
// Crash-safe in steps, each atomic:
//   1. keyslots.rekey.json: the new slots (new key) of everyone but the removed
//      user, and the name of that user ("removing"), written atomically;
//   2. the removed user is disabled in the vault, their audit-key slot deleted;
//   3. PRAGMA rekey: vault.db re-encrypted in one SQLite transaction;
//   4. keyslots.rekey.json renamed over keyslots.json.
// A crash before step 1 changes nothing; from step 1 on the removal is certain.
// While keyslots.rekey.json exists it is the truth: unlocking uses its slots
// (so a removed user has none), and the first unlock finishes the re-key by
// trying which key opens vault.db: the new one (step 3 done: only step 4 is
// left) or the old one from the holder's slot in keyslots.json (re-encrypt,
// then step 4), and repeats step 2. Every remaining holder has a slot in both files.
//
// Test hook: LANTERN_TEST_PAUSE_AT=<step> makes the process say "paused at
// <step>" on stderr and wait to be killed, at "slots-written",
// "user-disabled", "vault-rekeyed" and "slots-replaced".

#include "core/access/VaultDirectory.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "core/keys/KeySlotFile.h"
#include "core/vault/Vault.h"

#include <functional>
#include <memory>

namespace lantern::access {

class VaultRekey
{
public:
    explicit VaultRekey(VaultDirectory dir) : m_dir(std::move(dir)) {}

    // Whether an interrupted re-key waits to be finished.
    bool pending() const;
    // The slots to unlock with: keyslots.rekey.json while a re-key is pending.
    Result<keys::KeySlotSet> currentSlots() const;

    // Denied, naming the holders, when a slot cannot receive a new key (older
    // format: its holder has not unlocked since the upgrade). Nothing changes.
    Status checkReady(const keys::KeySlotSet& slots) const;
    // Removes `username` and re-keys the open vault (whose key is `currentKey`)
    // for the other holders in keyslots.json; returns the new key. Denied (see
    // checkReady) before anything changes.
    Result<SecureBuffer> removeAndRekey(vault::Vault& vault, const QString& vaultId, const SecureBuffer& currentKey,
                                        const QString& username) const;

    // The key a holder's slot in keyslots.json yields (the pre-re-key key).
    using UnwrapOld = std::function<Result<SecureBuffer>(const keys::KeySlotSet& oldSlots)>;
    // Opens vault.db with `newKey` (from keyslots.rekey.json), finishing the
    // pending re-key; re-encrypts first when the vault is still under the old key.
    Result<std::unique_ptr<vault::Vault>> finishPending(const SecureBuffer& newKey, const UnwrapOld& unwrapOld) const;

    // The test hook described above.
    static void pausePoint(const char* step);

private:
    Status replaceSlotFile() const;
    // Step 2, repeatable: the user disabled, their audit-key slot gone.
    Status retire(vault::Vault& vault, const QString& vaultId, const QString& username) const;
    QString removingNamedInRekeyFile() const;

    VaultDirectory m_dir;
};

} // namespace lantern::access
