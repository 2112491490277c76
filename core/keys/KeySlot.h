#pragma once
// A key slot: the vault's 32-byte data key wrapped (XChaCha20-Poly1305, IETF) under
// a key that belongs to one holder, as in LUKS.
//   - kind User:   wrapping key = Argon2id(passphrase, salt, opslimit, memlimit)
//   - kind Device: wrapping key = crypto_kdf subkey of the device key file
// The same construction wraps the audit checkpoint signing key's 32-byte seed
// (kinds AuditUser / AuditDevice, kept in their own file, audit-keyslots.json):
// a different kind in the additional data, and for the device a different
// subkey, so a data-key slot can never be opened as an audit-key slot or back.
// The additional data binds each slot to its kind, its holder's name and the vault
// id, so a slot copied onto another user's entry (or onto the device entry, or into
// another vault's slot file) fails authentication instead of opening anything.
// This class does only the cryptography; KeySlotFile stores slots.
//
// Sealed slots (kinds User and Device, written since the user lifecycle): the
// holder has an X25519 key pair; the slot keeps the public key, the secret key
// wrapped as above (the passphrase or device key opens it), and the data key
// sealed to the public key (crypto_box_seal). Whoever holds the data key can
// so re-seal a NEW data key for every holder without knowing their
// passphrases (VaultRekey, after a user is removed). A tag (keyed BLAKE2b under
// the data key) binds the public key to holder and vault, so someone who can
// only write keyslots.json cannot slip in their own public key to receive the
// next data key. Older slots (the data key wrapped directly) still open; they
// are converted on their holder's next unlock.
// A one-time slot (IT reset or re-enabled the user) opens only for choosing a
// new passphrase; the flag is bound into the additional data, so stripping it
// from the file makes the slot fail instead of turning it into a normal one.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "core/keys/KdfParameters.h"

#include <QByteArray>
#include <QString>
#include <cstddef>

namespace lantern::keys {

inline constexpr std::size_t DataKeyBytes = 32;

class KeySlot
{
public:
    enum class Kind
    {
        User,
        Device,
        AuditUser,  // the audit signing key, for an IT administrator's passphrase
        AuditDevice // the audit signing key, for the mirror service's device.key
    };

    // Wraps dataKey for `username` under a key derived from the UTF-8 passphrase
    // with a fresh random salt. Refuses KDF parameters outside the accepted range.
    // `kind`: User, or AuditUser when the 32 bytes are the audit key's seed.
    static Result<KeySlot> wrapForUser(const SecureBuffer& dataKey, const QString& vaultId,
                                       const QString& username, const SecureBuffer& passphrase,
                                       const KdfParameters& kdf, Kind kind = Kind::User, bool oneTime = false);
    // Wraps dataKey under a subkey of the 32-byte device key. `kind`: Device or AuditDevice.
    static Result<KeySlot> wrapForDevice(const SecureBuffer& dataKey, const QString& vaultId,
                                         const SecureBuffer& deviceKey, Kind kind = Kind::Device);

    // WrongKey if the passphrase (or key) does not open this slot or the slot was
    // moved to another name; Corrupt if the slot's fields are malformed or its KDF
    // parameters are below libsodium's minimums.
    Result<SecureBuffer> unwrapWithPassphrase(const QString& vaultId, const SecureBuffer& passphrase) const;
    Result<SecureBuffer> unwrapWithDeviceKey(const QString& vaultId, const SecureBuffer& deviceKey) const;

    // Rebuilds a slot from stored fields (KeySlotFile). No validation here: unwrap does it.
    static KeySlot fromStored(Kind kind, QString name, KdfParameters kdf, QByteArray salt, QByteArray nonce,
                              QByteArray wrappedKey);
    // The sealed fields of a stored slot (KeySlotFile): empty public key = an older slot.
    KeySlot withSealing(QByteArray publicKey, QByteArray sealedKey, QByteArray publicKeyTag, bool oneTime) const;

    // For re-keying: checks the public key's tag with the current data key, then
    // seals `newDataKey` to it with a tag under the new key. Unsupported for an
    // older slot (its holder has not unlocked since the upgrade); Corrupt for a
    // public key that the current data key did not vouch for.
    Result<KeySlot> resealed(const QString& vaultId, const SecureBuffer& currentDataKey,
                             const SecureBuffer& newDataKey) const;
    // Corrupt when the public key's tag was not made with `dataKey` for this
    // holder and vault (the slot file was altered); Unsupported for an older slot.
    Status checkPublicKeyTag(const QString& vaultId, const SecureBuffer& dataKey) const;
    bool isSealed() const { return !m_publicKey.isEmpty(); }
    bool isOneTime() const { return m_oneTime; }
    QByteArray publicKey() const { return m_publicKey; }
    QByteArray sealedKey() const { return m_sealedKey; }
    QByteArray publicKeyTag() const { return m_publicKeyTag; }

    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }     // the username, or "device"
    KdfParameters kdf() const { return m_kdf; } // zero for device slots
    QByteArray salt() const { return m_salt; }  // empty for device slots
    QByteArray nonce() const { return m_nonce; }
    QByteArray wrappedKey() const { return m_wrappedKey; } // ciphertext + tag

    bool sameHolder(Kind kind, const QString& name) const { return m_kind == kind && m_name == name; }
    bool operator==(const KeySlot&) const = default;

    static QString kindName(Kind kind); // "user", "device", "audit-user", "audit-device"
    static bool isPassphraseKind(Kind kind) { return kind == Kind::User || kind == Kind::AuditUser; }
    static bool isDeviceKind(Kind kind) { return kind == Kind::Device || kind == Kind::AuditDevice; }
    static QString deviceSlotName() { return QStringLiteral("device"); }

private:
    KeySlot() = default;
    static Result<KeySlot> seal(Kind kind, const QString& name, const QString& vaultId,
                                const SecureBuffer& dataKey, const SecureBuffer& wrappingKey,
                                KdfParameters kdf, QByteArray salt);
    // Wraps 32 bytes (a data key, an audit seed, or a sealed slot's secret key)
    // into `slot`, whose kind, name, kdf, salt and sealed fields are set.
    static Status wrapInto(KeySlot& slot, const QString& vaultId, const SecureBuffer& secret,
                           const SecureBuffer& wrappingKey);
    // Fills the sealed fields: `dataKey` sealed to `publicKey`, and its tag.
    Status sealTo(QByteArray publicKey, const QString& vaultId, const SecureBuffer& dataKey);
    Result<SecureBuffer> open(const QString& vaultId, const SecureBuffer& wrappingKey) const;
    // Opens the sealed data key with the holder's X25519 secret key.
    Result<SecureBuffer> openSealed(const SecureBuffer& secretKey) const;
    QByteArray tagFor(const QString& vaultId, const SecureBuffer& dataKey) const;

    Kind m_kind = Kind::User;
    QString m_name;
    KdfParameters m_kdf;
    QByteArray m_salt;
    QByteArray m_nonce;
    QByteArray m_wrappedKey;
    QByteArray m_publicKey;    // X25519; empty for an older slot
    QByteArray m_sealedKey;    // crypto_box_seal(data key, public key)
    QByteArray m_publicKeyTag; // keyed BLAKE2b of the binding, under the data key
    bool m_oneTime = false;
};

} // namespace lantern::keys
