#include "core/snapshot/DeviceIdentity.h"

#include "core/access/VaultDirectory.h"
#include "core/common/Sodium.h"
#include "core/keys/DeviceKey.h"
#include "core/vault/Vault.h"

#include <sodium.h>

namespace lantern::snapshot {
namespace {

constexpr char kIdentityKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "LntDvIdn"; // 8 bytes, fixed forever
constexpr quint64 kIdentitySubkeyId = 1;
const QString kMetaKey = QStringLiteral("device_identity_public_key");

const unsigned char* bytes(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

} // namespace

DeviceIdentity DeviceIdentity::fromSeed(const SecureBuffer& seed)
{
    ensureSodium();
    SecureBuffer secret(crypto_sign_SECRETKEYBYTES);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, '\0');
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secret.data(), seed.data());
    return DeviceIdentity(std::move(secret), publicKey);
}

Result<DeviceIdentity> DeviceIdentity::fromDeviceKey(const SecureBuffer& deviceKey)
{
    ensureSodium();
    if (deviceKey.size() != crypto_kdf_KEYBYTES)
        return Error(ErrorCode::Corrupt, QStringLiteral("the device key is not %1 bytes").arg(crypto_kdf_KEYBYTES));
    SecureBuffer seed(crypto_sign_SEEDBYTES);
    if (crypto_kdf_derive_from_key(seed.data(), seed.size(), kIdentitySubkeyId, kIdentityKdfContext, deviceKey.data()) != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("cannot derive the device identity"));
    return fromSeed(seed);
}

Result<DeviceIdentity> DeviceIdentity::load(const QString& vaultDir)
{
    auto key = keys::DeviceKey::load(access::VaultDirectory(vaultDir).deviceKeyFile());
    if (!key.ok())
        return key.error().prefixed(QStringLiteral("the device identity needs device.key (run as the service account, "
                                                   "lanternctl --device)"));
    return fromDeviceKey(*key);
}

DeviceIdentity DeviceIdentity::generate()
{
    ensureSodium();
    return fromSeed(SecureBuffer::random(crypto_sign_SEEDBYTES));
}

SecureBuffer DeviceIdentity::seed() const
{
    return SecureBuffer::fromBytes(m_secretKey.data(), crypto_sign_SEEDBYTES); // libsodium: seed || public key
}

QByteArray DeviceIdentity::sign(const QByteArray& message) const
{
    QByteArray signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr, bytes(message),
                         static_cast<unsigned long long>(message.size()), m_secretKey.data());
    return signature;
}

Result<SecureBuffer> DeviceIdentity::openSealed(const QByteArray& sealed) const
{
    if (sealed.size() <= static_cast<qsizetype>(crypto_box_SEALBYTES))
        return Error(ErrorCode::Corrupt, QStringLiteral("a sealed key is too short"));
    SecureBuffer boxSecret(crypto_box_SECRETKEYBYTES);
    unsigned char boxPublic[crypto_box_PUBLICKEYBYTES];
    if (crypto_sign_ed25519_sk_to_curve25519(boxSecret.data(), m_secretKey.data()) != 0 ||
        crypto_sign_ed25519_pk_to_curve25519(boxPublic, bytes(m_publicKey)) != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("cannot convert the device identity to X25519"));
    SecureBuffer opened(static_cast<std::size_t>(sealed.size()) - crypto_box_SEALBYTES);
    if (crypto_box_seal_open(opened.data(), bytes(sealed), static_cast<unsigned long long>(sealed.size()), boxPublic,
                             boxSecret.data()) != 0)
        return Error(ErrorCode::WrongKey, QStringLiteral("the sealed key does not open with this device's key"));
    return opened;
}

Status DeviceIdentity::publish(vault::Vault& vault) const
{
    auto recorded = publishedPublicKey(vault);
    if (!recorded.ok())
        return recorded.error();
    if (*recorded == publicKeyText())
        return {};
    return vault.setMeta(kMetaKey, publicKeyText());
}

Result<QString> DeviceIdentity::publishedPublicKey(vault::Vault& vault)
{
    return vault.meta(kMetaKey);
}

Result<QByteArray> parsePublicKey(const QString& text)
{
    const QByteArray trimmed = text.trimmed().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != crypto_sign_PUBLICKEYBYTES)
        return Error(ErrorCode::InvalidInput, QStringLiteral("\"%1\" is not a device public key (44 characters of base64, "
                                                             "as `lanternctl device show` prints it)")
                                                  .arg(text.left(60)));
    ensureSodium();
    unsigned char x[crypto_box_PUBLICKEYBYTES];
    if (crypto_sign_ed25519_pk_to_curve25519(x, bytes(decoded.decoded)) != 0)
        return Error(ErrorCode::InvalidInput, QStringLiteral("\"%1\" is not a valid Ed25519 public key").arg(text.left(60)));
    return decoded.decoded;
}

Result<QByteArray> sealTo(const QByteArray& ed25519PublicKey, const SecureBuffer& message)
{
    ensureSodium();
    unsigned char x[crypto_box_PUBLICKEYBYTES];
    if (ed25519PublicKey.size() != crypto_sign_PUBLICKEYBYTES || crypto_sign_ed25519_pk_to_curve25519(x, bytes(ed25519PublicKey)) != 0)
        return Error(ErrorCode::InvalidInput, QStringLiteral("a recipient key is not a valid Ed25519 public key"));
    QByteArray sealed(static_cast<qsizetype>(message.size() + crypto_box_SEALBYTES), '\0');
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), message.data(), message.size(), x) != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("cannot seal the snapshot key"));
    return sealed;
}

bool verifySignature(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey)
{
    ensureSodium();
    if (signature.size() != crypto_sign_BYTES || publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    return crypto_sign_verify_detached(bytes(signature), bytes(message), static_cast<unsigned long long>(message.size()),
                                       bytes(publicKey)) == 0;
}

QString shortKey(const QString& publicKeyText)
{
    return publicKeyText.left(12);
}

} // namespace lantern::snapshot
