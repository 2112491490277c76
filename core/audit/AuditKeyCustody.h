#pragma once
// Who holds the audit checkpoint signing key, and how it gets there.
//
// The seed is wrapped (core/keys/KeySlot, XChaCha20-Poly1305) in
// audit-keyslots.json next to the vault: an "audit-device" slot under a subkey of
// device.key for the mirror service, and an "audit-user" slot per IT
// administrator under their passphrase (Argon2id). The data key opens none of
// them, so nurses and physicians - and anyone who only has the data key - can
// append to the audit log but cannot sign a checkpoint; a shortened or rewritten
// log can then no longer be re-signed with the key IT trusts.
//
// Life cycle:
//  - create(): at vault creation, for the device and the first IT administrator.
//  - adopt(): on every unlock by the service or an IT administrator. Moves a key
//    an old vault still stores in device_secret into slots (then deletes it from
//    the vault: it was readable with the data key until then, so such a key is
//    exposed: see README), and gives an IT administrator without a slot one when
//    this process can read device.key. A vault that never had a key gets one.
//  - open(): unwrap for signing.
// Further IT administrators get a slot on their first unlock where device.key is
// readable (e.g. lanternctl run as the service account); otherwise the service
// alone signs, which suffices: checkpoints are signed late, not on append. On
// each service unlock, slots of people who are no longer enabled IT
// administrators are removed.

#include "core/audit/AuditSigningKey.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "core/keys/KdfParameters.h"
#include "core/keys/KeySlot.h"
#include "core/keys/KeySlotFile.h"

#include <QList>
#include <QString>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::audit {

QString auditKeySlotFileName();   // "audit-keyslots.json"
QString auditPublicKeyFileName(); // "audit-public-key.pem"

// One holder of the audit key and the secret that opens their slot (not owned).
struct AuditKeyHolder
{
    keys::KeySlot::Kind kind = keys::KeySlot::Kind::AuditDevice;
    QString name;
    const SecureBuffer* secret = nullptr; // device key or UTF-8 passphrase
    keys::KdfParameters kdf;              // for a passphrase slot

    static AuditKeyHolder device(const SecureBuffer& deviceKey);
    static AuditKeyHolder user(const QString& username, const SecureBuffer& passphrase, keys::KdfParameters kdf);
};

class AuditKeyCustody
{
public:
    // `vaultDir`: the vault folder; `vaultId`: binds the slots to this vault.
    AuditKeyCustody(QString vaultDir, QString vaultId);

    QString slotFile() const;
    QString publicKeyFile() const;
    bool exists() const;

    // A new key wrapped for every holder; records its public key in vault meta and
    // in audit-public-key.pem. Conflict if audit-keyslots.json exists already.
    Result<QByteArray> create(vault::Vault& vault, const QList<AuditKeyHolder>& holders);
    // The key, unwrapped from the holder's slot. NotFound when there is no file or
    // no slot for that holder; WrongKey when the secret does not open it.
    Result<AuditSigningKey> open(const AuditKeyHolder& holder) const;
    // The holder's key; when their slot is missing or no longer opens (a changed
    // passphrase) and this process can read device.key, the key from the device
    // slot, and the holder gets a fresh slot.
    Result<AuditSigningKey> openOrEnrol(const AuditKeyHolder& holder) const;
    // Wraps `key` for the holder, replacing any slot they had.
    Status addSlot(const AuditSigningKey& key, const AuditKeyHolder& holder) const;
    // See the life cycle above. Idempotent; cheap when nothing is to do (one file read).
    Status adopt(vault::Vault& vault, const AuditKeyHolder& holder);
    // The device key, when this process may read device.key (nullopt otherwise).
    std::optional<SecureBuffer> readableDeviceKey() const;

private:
    Status migrateLegacy(vault::Vault& vault, const AuditSigningKey& legacy, const AuditKeyHolder& holder);
    Status publish(vault::Vault& vault, const QByteArray& publicKey) const;
    Status pruneFormerAdministrators(vault::Vault& vault, const keys::KeySlotSet& set) const;

    QString m_dir;
    QString m_vaultId;
};

} // namespace lantern::audit
