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
                                       const KdfParameters& kdf, Kind kind = Kind::User);
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
    Result<SecureBuffer> open(const QString& vaultId, const SecureBuffer& wrappingKey) const;

    Kind m_kind = Kind::User;
    QString m_name;
    KdfParameters m_kdf;
    QByteArray m_salt;
    QByteArray m_nonce;
    QByteArray m_wrappedKey;
};

} // namespace lantern::keys
