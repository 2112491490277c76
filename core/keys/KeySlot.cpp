#include "core/keys/KeySlot.h"

#include "core/common/Sodium.h"

#include <sodium.h>

namespace lantern::keys {
namespace {

constexpr char DeviceKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "LntDvSlt"; // 8 bytes, fixed forever
constexpr quint64 DeviceKdfSubkeyId = 1;      // wraps the data key
constexpr quint64 AuditDeviceKdfSubkeyId = 2; // wraps the audit signing key's seed

// "lantern-keyslot/1" NUL kind NUL name NUL vault id. Names never contain NUL
// (usernames are validated), so no two different bindings share a byte string.
QByteArray additionalData(KeySlot::Kind kind, const QString& name, const QString& vaultId)
{
    QByteArray ad("lantern-keyslot/1");
    ad.append('\0').append(KeySlot::kindName(kind).toUtf8());
    ad.append('\0').append(name.toUtf8());
    ad.append('\0').append(vaultId.toUtf8());
    return ad;
}

Result<SecureBuffer> derivePassphraseKey(const SecureBuffer& passphrase, const QByteArray& salt,
                                         const KdfParameters& kdf)
{
    SecureBuffer key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (crypto_pwhash(key.data(), key.size(), passphrase.chars(), passphrase.size(),
                      reinterpret_cast<const unsigned char*>(salt.constData()), kdf.opsLimit,
                      static_cast<size_t>(kdf.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error(
            ErrorCode::Crypto,
            QStringLiteral("deriving the key from the passphrase failed (%1); the computer may not have "
                           "enough free memory: close other programs and try again")
                .arg(kdf.describe()));
    return key;
}

Result<SecureBuffer> deriveDeviceSlotKey(const SecureBuffer& deviceKey, quint64 subkeyId)
{
    if (deviceKey.size() != crypto_kdf_KEYBYTES)
        return Error(ErrorCode::Corrupt, QStringLiteral("the device key has %1 bytes instead of %2")
                                             .arg(deviceKey.size())
                                             .arg(crypto_kdf_KEYBYTES));
    SecureBuffer key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (crypto_kdf_derive_from_key(key.data(), key.size(), subkeyId, DeviceKdfContext,
                                   deviceKey.data()) != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("deriving the device slot key failed"));
    return key;
}

} // namespace

QString KeySlot::kindName(Kind kind)
{
    switch (kind) {
    case Kind::User:
        return QStringLiteral("user");
    case Kind::Device:
        return QStringLiteral("device");
    case Kind::AuditUser:
        return QStringLiteral("audit-user");
    case Kind::AuditDevice:
        return QStringLiteral("audit-device");
    }
    return QStringLiteral("unknown");
}

KeySlot KeySlot::fromStored(Kind kind, QString name, KdfParameters kdf, QByteArray salt, QByteArray nonce,
                            QByteArray wrappedKey)
{
    KeySlot slot;
    slot.m_kind = kind;
    slot.m_name = std::move(name);
    slot.m_kdf = kdf;
    slot.m_salt = std::move(salt);
    slot.m_nonce = std::move(nonce);
    slot.m_wrappedKey = std::move(wrappedKey);
    return slot;
}

Result<KeySlot> KeySlot::wrapForUser(const SecureBuffer& dataKey, const QString& vaultId,
                                     const QString& username, const SecureBuffer& passphrase,
                                     const KdfParameters& kdf, Kind kind)
{
    ensureSodium();
    if (!isPassphraseKind(kind))
        return Error(ErrorCode::Internal, QStringLiteral("a %1 key slot is not wrapped with a passphrase").arg(kindName(kind)));
    if (!kdf.isAcceptable())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("key derivation parameters (%1) are outside the accepted range")
                         .arg(kdf.describe()));
    if (username.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a user key slot needs a username"));
    QByteArray salt(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    randombytes_buf(salt.data(), static_cast<size_t>(salt.size()));
    auto key = derivePassphraseKey(passphrase, salt, kdf);
    if (!key.ok())
        return key.error();
    return seal(kind, username, vaultId, dataKey, *key, kdf, salt);
}

Result<KeySlot> KeySlot::wrapForDevice(const SecureBuffer& dataKey, const QString& vaultId,
                                       const SecureBuffer& deviceKey, Kind kind)
{
    ensureSodium();
    if (!isDeviceKind(kind))
        return Error(ErrorCode::Internal, QStringLiteral("a %1 key slot is not wrapped with the device key").arg(kindName(kind)));
    auto key = deriveDeviceSlotKey(deviceKey, kind == Kind::Device ? DeviceKdfSubkeyId : AuditDeviceKdfSubkeyId);
    if (!key.ok())
        return key.error();
    return seal(kind, deviceSlotName(), vaultId, dataKey, *key, {}, {});
}

Result<KeySlot> KeySlot::seal(Kind kind, const QString& name, const QString& vaultId,
                              const SecureBuffer& dataKey, const SecureBuffer& wrappingKey, KdfParameters kdf,
                              QByteArray salt)
{
    if (dataKey.size() != DataKeyBytes)
        return Error(
            ErrorCode::Internal,
            QStringLiteral("the data key has %1 bytes instead of %2").arg(dataKey.size()).arg(DataKeyBytes));
    KeySlot slot;
    slot.m_kind = kind;
    slot.m_name = name;
    slot.m_kdf = kdf;
    slot.m_salt = std::move(salt);
    slot.m_nonce = QByteArray(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, Qt::Uninitialized);
    randombytes_buf(slot.m_nonce.data(), static_cast<size_t>(slot.m_nonce.size()));
    slot.m_wrappedKey =
        QByteArray(static_cast<qsizetype>(dataKey.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES),
                   Qt::Uninitialized);
    const QByteArray ad = additionalData(kind, name, vaultId);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(slot.m_wrappedKey.data()), &written, dataKey.data(), dataKey.size(),
        reinterpret_cast<const unsigned char*>(ad.constData()), static_cast<unsigned long long>(ad.size()),
        nullptr, reinterpret_cast<const unsigned char*>(slot.m_nonce.constData()), wrappingKey.data());
    return slot;
}

Result<SecureBuffer> KeySlot::unwrapWithPassphrase(const QString& vaultId,
                                                   const SecureBuffer& passphrase) const
{
    ensureSodium();
    if (!isPassphraseKind(m_kind))
        return Error(
            ErrorCode::Internal,
            QStringLiteral("a %1 key slot cannot be opened with a passphrase").arg(kindName(m_kind)));
    // A slot file that claims weaker parameters than libsodium allows was not
    // written by Lantern: refuse rather than derive a key cheaply.
    if (!m_kdf.isAcceptable())
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the key slot of %1 has key derivation parameters outside the "
                                    "accepted range (%2)")
                         .arg(m_name, m_kdf.describe()));
    if (m_salt.size() != crypto_pwhash_SALTBYTES)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the key slot of %1 has a salt of %2 bytes instead of %3")
                         .arg(m_name)
                         .arg(m_salt.size())
                         .arg(crypto_pwhash_SALTBYTES));
    auto key = derivePassphraseKey(passphrase, m_salt, m_kdf);
    if (!key.ok())
        return key.error();
    return open(vaultId, *key);
}

Result<SecureBuffer> KeySlot::unwrapWithDeviceKey(const QString& vaultId, const SecureBuffer& deviceKey) const
{
    ensureSodium();
    if (!isDeviceKind(m_kind))
        return Error(
            ErrorCode::Internal,
            QStringLiteral("a %1 key slot cannot be opened with the device key").arg(kindName(m_kind)));
    auto key = deriveDeviceSlotKey(deviceKey, m_kind == Kind::Device ? DeviceKdfSubkeyId : AuditDeviceKdfSubkeyId);
    if (!key.ok())
        return key.error();
    return open(vaultId, *key);
}

Result<SecureBuffer> KeySlot::open(const QString& vaultId, const SecureBuffer& wrappingKey) const
{
    if (m_nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
        m_wrappedKey.size() !=
            static_cast<qsizetype>(DataKeyBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES))
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the %1 key slot %2 has a nonce or wrapped key of the wrong length")
                         .arg(kindName(m_kind), m_name));
    SecureBuffer dataKey(DataKeyBytes);
    const QByteArray ad = additionalData(m_kind, m_name, vaultId);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            dataKey.data(), &written, nullptr,
            reinterpret_cast<const unsigned char*>(m_wrappedKey.constData()),
            static_cast<unsigned long long>(m_wrappedKey.size()),
            reinterpret_cast<const unsigned char*>(ad.constData()),
            static_cast<unsigned long long>(ad.size()),
            reinterpret_cast<const unsigned char*>(m_nonce.constData()), wrappingKey.data()) != 0 ||
        written != DataKeyBytes)
        return Error(ErrorCode::WrongKey,
                     isPassphraseKind(m_kind)
                         ? QStringLiteral("the passphrase does not open the %1 key slot of %2").arg(kindName(m_kind), m_name)
                         : QStringLiteral("the device key does not open the %1 key slot").arg(kindName(m_kind)));
    return dataKey;
}

} // namespace lantern::keys
