#include "core/keys/KeySlot.h"

#include "core/common/Sodium.h"

#include <sodium.h>

namespace lantern::keys {
namespace {

constexpr char DeviceKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "LntDvSlt"; // 8 bytes, fixed forever
constexpr quint64 DeviceKdfSubkeyId = 1;      // wraps the data key
constexpr quint64 AuditDeviceKdfSubkeyId = 2; // wraps the audit signing key's seed
constexpr quint64 DeviceBoxSeedSubkeyId = 3;  // seeds the device's X25519 key pair (sealed device slot)

// "lantern-keyslot/1" NUL kind NUL name NUL vault id, and for a sealed slot
// NUL "sealed" NUL public key (32 bytes) and a one-time marker. Names never
// contain NUL (usernames are validated), so no two different bindings share a
// byte string.
QByteArray additionalData(KeySlot::Kind kind, const QString& name, const QString& vaultId,
                          const QByteArray& publicKey = {}, bool oneTime = false)
{
    QByteArray ad("lantern-keyslot/1");
    ad.append('\0').append(KeySlot::kindName(kind).toUtf8());
    ad.append('\0').append(name.toUtf8());
    ad.append('\0').append(vaultId.toUtf8());
    if (!publicKey.isEmpty()) {
        ad.append('\0').append("sealed").append('\0').append(publicKey);
        if (oneTime)
            ad.append("one-time");
    }
    return ad;
}

// The device's X25519 key pair, derived from device.key: IT can seal a new data
// key to its public key without reading device.key.
Result<SecureBuffer> deriveDeviceBoxKeyPair(const SecureBuffer& deviceKey, QByteArray& publicKey)
{
    if (deviceKey.size() != crypto_kdf_KEYBYTES)
        return Error(ErrorCode::Corrupt, QStringLiteral("the device key has %1 bytes instead of %2")
                                             .arg(deviceKey.size())
                                             .arg(crypto_kdf_KEYBYTES));
    SecureBuffer seed(crypto_box_SEEDBYTES);
    crypto_kdf_derive_from_key(seed.data(), seed.size(), DeviceBoxSeedSubkeyId, DeviceKdfContext, deviceKey.data());
    SecureBuffer secretKey(crypto_box_SECRETKEYBYTES);
    publicKey = QByteArray(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_box_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), seed.data());
    return secretKey;
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
                                     const KdfParameters& kdf, Kind kind, bool oneTime)
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
    if (kind != Kind::User) // the audit seed is never re-keyed: wrapped directly
        return seal(kind, username, vaultId, dataKey, *key, kdf, salt);
    // A data-key slot: sealed to a new key pair whose secret key the passphrase wraps.
    KeySlot slot;
    slot.m_kind = kind;
    slot.m_name = username;
    slot.m_kdf = kdf;
    slot.m_salt = salt;
    slot.m_oneTime = oneTime;
    QByteArray publicKey(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    SecureBuffer secretKey(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data());
    LANTERN_TRY(slot.sealTo(publicKey, vaultId, dataKey));
    LANTERN_TRY(wrapInto(slot, vaultId, secretKey, *key));
    return slot;
}

Result<KeySlot> KeySlot::wrapForDevice(const SecureBuffer& dataKey, const QString& vaultId,
                                       const SecureBuffer& deviceKey, Kind kind)
{
    ensureSodium();
    if (!isDeviceKind(kind))
        return Error(ErrorCode::Internal, QStringLiteral("a %1 key slot is not wrapped with the device key").arg(kindName(kind)));
    if (kind == Kind::Device) { // sealed to the device's key pair; nothing is wrapped
        QByteArray publicKey;
        auto secretKey = deriveDeviceBoxKeyPair(deviceKey, publicKey);
        if (!secretKey.ok())
            return secretKey.error();
        KeySlot slot;
        slot.m_kind = kind;
        slot.m_name = deviceSlotName();
        LANTERN_TRY(slot.sealTo(publicKey, vaultId, dataKey));
        return slot;
    }
    auto key = deriveDeviceSlotKey(deviceKey, AuditDeviceKdfSubkeyId);
    if (!key.ok())
        return key.error();
    return seal(kind, deviceSlotName(), vaultId, dataKey, *key, {}, {});
}

Result<KeySlot> KeySlot::seal(Kind kind, const QString& name, const QString& vaultId,
                              const SecureBuffer& dataKey, const SecureBuffer& wrappingKey, KdfParameters kdf,
                              QByteArray salt)
{
    KeySlot slot;
    slot.m_kind = kind;
    slot.m_name = name;
    slot.m_kdf = kdf;
    slot.m_salt = std::move(salt);
    LANTERN_TRY(wrapInto(slot, vaultId, dataKey, wrappingKey));
    return slot;
}

Status KeySlot::wrapInto(KeySlot& slot, const QString& vaultId, const SecureBuffer& secret,
                         const SecureBuffer& wrappingKey)
{
    if (secret.size() != DataKeyBytes)
        return Error(
            ErrorCode::Internal,
            QStringLiteral("the data key has %1 bytes instead of %2").arg(secret.size()).arg(DataKeyBytes));
    slot.m_nonce = QByteArray(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, Qt::Uninitialized);
    randombytes_buf(slot.m_nonce.data(), static_cast<size_t>(slot.m_nonce.size()));
    slot.m_wrappedKey =
        QByteArray(static_cast<qsizetype>(secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES),
                   Qt::Uninitialized);
    const QByteArray ad = additionalData(slot.m_kind, slot.m_name, vaultId, slot.m_publicKey, slot.m_oneTime);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(slot.m_wrappedKey.data()), &written, secret.data(), secret.size(),
        reinterpret_cast<const unsigned char*>(ad.constData()), static_cast<unsigned long long>(ad.size()),
        nullptr, reinterpret_cast<const unsigned char*>(slot.m_nonce.constData()), wrappingKey.data());
    return {};
}

Status KeySlot::sealTo(QByteArray publicKey, const QString& vaultId, const SecureBuffer& dataKey)
{
    if (dataKey.size() != DataKeyBytes || publicKey.size() != crypto_box_PUBLICKEYBYTES)
        return Error(ErrorCode::Internal, QStringLiteral("a data key or public key of the wrong length"));
    m_publicKey = std::move(publicKey);
    m_sealedKey = QByteArray(static_cast<qsizetype>(DataKeyBytes + crypto_box_SEALBYTES), Qt::Uninitialized);
    crypto_box_seal(reinterpret_cast<unsigned char*>(m_sealedKey.data()), dataKey.data(), dataKey.size(),
                    reinterpret_cast<const unsigned char*>(m_publicKey.constData()));
    m_publicKeyTag = tagFor(vaultId, dataKey);
    return {};
}

QByteArray KeySlot::tagFor(const QString& vaultId, const SecureBuffer& dataKey) const
{
    QByteArray message("lantern-slot-public-key/1");
    message.append('\0').append(kindName(m_kind).toUtf8());
    message.append('\0').append(m_name.toUtf8());
    message.append('\0').append(vaultId.toUtf8());
    message.append('\0').append(m_publicKey);
    QByteArray tag(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(tag.data()), static_cast<size_t>(tag.size()),
                       reinterpret_cast<const unsigned char*>(message.constData()),
                       static_cast<unsigned long long>(message.size()), dataKey.data(), dataKey.size());
    return tag;
}

KeySlot KeySlot::withSealing(QByteArray publicKey, QByteArray sealedKey, QByteArray publicKeyTag, bool oneTime) const
{
    KeySlot slot = *this;
    slot.m_publicKey = std::move(publicKey);
    slot.m_sealedKey = std::move(sealedKey);
    slot.m_publicKeyTag = std::move(publicKeyTag);
    slot.m_oneTime = oneTime;
    return slot;
}

Status KeySlot::checkPublicKeyTag(const QString& vaultId, const SecureBuffer& dataKey) const
{
    ensureSodium();
    if (!isSealed())
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("the %1 key slot of %2 is in the older format").arg(kindName(m_kind), m_name));
    const QByteArray expected = tagFor(vaultId, dataKey);
    if (expected.size() != m_publicKeyTag.size() ||
        sodium_memcmp(expected.constData(), m_publicKeyTag.constData(), static_cast<size_t>(expected.size())) != 0)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the public key in the %1 key slot of %2 was not written with this vault's "
                                    "key (the key slot file was altered); restore keyslots.json from a backup")
                         .arg(kindName(m_kind), m_name));
    return {};
}

Result<KeySlot> KeySlot::resealed(const QString& vaultId, const SecureBuffer& currentDataKey,
                                  const SecureBuffer& newDataKey) const
{
    LANTERN_TRY(checkPublicKeyTag(vaultId, currentDataKey));
    KeySlot slot = *this;
    LANTERN_TRY(slot.sealTo(m_publicKey, vaultId, newDataKey));
    return slot;
}

Result<SecureBuffer> KeySlot::openSealed(const SecureBuffer& secretKey) const
{
    if (m_publicKey.size() != crypto_box_PUBLICKEYBYTES ||
        m_sealedKey.size() != static_cast<qsizetype>(DataKeyBytes + crypto_box_SEALBYTES))
        return Error(ErrorCode::Corrupt, QStringLiteral("the %1 key slot %2 has a public key or sealed key of the wrong length")
                                             .arg(kindName(m_kind), m_name));
    SecureBuffer dataKey(DataKeyBytes);
    if (crypto_box_seal_open(dataKey.data(), reinterpret_cast<const unsigned char*>(m_sealedKey.constData()),
                             static_cast<unsigned long long>(m_sealedKey.size()),
                             reinterpret_cast<const unsigned char*>(m_publicKey.constData()), secretKey.data()) != 0)
        return Error(ErrorCode::WrongKey, QStringLiteral("the %1 key slot of %2 does not open").arg(kindName(m_kind), m_name));
    return dataKey;
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
    auto opened = open(vaultId, *key);
    if (!opened.ok() || !isSealed())
        return opened;
    return openSealed(*opened); // `opened` is the slot's secret key
}

Result<SecureBuffer> KeySlot::unwrapWithDeviceKey(const QString& vaultId, const SecureBuffer& deviceKey) const
{
    ensureSodium();
    if (!isDeviceKind(m_kind))
        return Error(
            ErrorCode::Internal,
            QStringLiteral("a %1 key slot cannot be opened with the device key").arg(kindName(m_kind)));
    if (isSealed()) {
        QByteArray publicKey;
        auto secretKey = deriveDeviceBoxKeyPair(deviceKey, publicKey);
        if (!secretKey.ok())
            return secretKey.error();
        if (publicKey != m_publicKey)
            return Error(ErrorCode::WrongKey, QStringLiteral("the device key does not open the %1 key slot").arg(kindName(m_kind)));
        return openSealed(*secretKey);
    }
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
    const QByteArray ad = additionalData(m_kind, m_name, vaultId, m_publicKey, m_oneTime);
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
