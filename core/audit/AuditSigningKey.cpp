#include "core/audit/AuditSigningKey.h"

#include "core/common/Sodium.h"
#include "core/vault/AuditRepository.h"

#include <sodium.h>

#include <cstring>

namespace lantern::audit {

QString signingKeySecretName()
{
    return QStringLiteral("audit_signing_key");
}

QString publicKeyMetaKey()
{
    return QStringLiteral("audit_public_key");
}

AuditSigningKey AuditSigningKey::generate()
{
    ensureSodium();
    const SecureBuffer seed = SecureBuffer::random(crypto_sign_SEEDBYTES);
    SecureBuffer secretKey(crypto_sign_SECRETKEYBYTES);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), seed.data());
    return AuditSigningKey(std::move(secretKey), std::move(publicKey));
}

Result<AuditSigningKey> AuditSigningKey::fromSeed(const SecureBuffer& seed)
{
    ensureSodium();
    if (seed.size() != crypto_sign_SEEDBYTES)
        return Error(ErrorCode::Corrupt, QStringLiteral("the stored audit signing key has the wrong size; restore "
                                                        "audit-keyslots.json from a backup"));
    SecureBuffer secretKey(crypto_sign_SECRETKEYBYTES);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    if (crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), seed.data()) != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("deriving the audit signing key failed"));
    return AuditSigningKey(std::move(secretKey), std::move(publicKey));
}

Result<AuditSigningKey> AuditSigningKey::loadLegacy(vault::AuditRepository& repository)
{
    auto seed = repository.deviceSecret(signingKeySecretName());
    if (!seed.ok())
        return seed.error();
    if (seed->isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("the vault stores no audit signing key"));
    return fromSeed(*seed);
}

Status AuditSigningKey::removeLegacy(vault::AuditRepository& repository)
{
    return repository.deleteDeviceSecret(signingKeySecretName());
}

SecureBuffer AuditSigningKey::seed() const
{
    SecureBuffer seed(crypto_sign_SEEDBYTES);
    std::memcpy(seed.data(), m_secretKey.data(), crypto_sign_SEEDBYTES);
    return seed;
}

QByteArray AuditSigningKey::sign(const QByteArray& message) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         static_cast<unsigned long long>(message.size()), m_secretKey.data());
    return signature;
}

bool verifySignature(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey)
{
    ensureSodium();
    if (signature.size() != crypto_sign_BYTES || publicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

} // namespace lantern::audit
