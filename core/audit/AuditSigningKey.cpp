#include "audit/AuditSigningKey.h"

#include "common/Logging.h"
#include "common/Sodium.h"
#include "vault/AuditRepository.h"
#include "vault/Vault.h"

#include <sodium.h>

namespace lantern::audit {

QString signingKeySecretName()
{
    return QStringLiteral("audit_signing_key");
}

QString publicKeyMetaKey()
{
    return QStringLiteral("audit_public_key");
}

Result<AuditSigningKey> AuditSigningKey::fromSeed(const SecureBuffer& seed)
{
    if (seed.size() != crypto_sign_SEEDBYTES)
        return Error(ErrorCode::Corrupt, QStringLiteral("the stored audit signing key has the wrong size; the vault's "
                                                        "device secrets are damaged (restore from a backup)"));
    SecureBuffer secretKey(crypto_sign_SECRETKEYBYTES);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    if (crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), seed.data()) != 0)
        return Error(ErrorCode::Crypto, QStringLiteral("deriving the audit signing key failed"));
    return AuditSigningKey(std::move(secretKey), std::move(publicKey));
}

Result<AuditSigningKey> AuditSigningKey::load(vault::AuditRepository& repository)
{
    auto seed = repository.deviceSecret(signingKeySecretName());
    if (!seed.ok())
        return seed.error();
    if (seed->isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("this vault has no audit signing key yet"));
    return fromSeed(*seed);
}

Result<AuditSigningKey> AuditSigningKey::loadOrCreate(vault::AuditRepository& repository)
{
    auto existing = load(repository);
    if (existing.ok() || existing.error().code != ErrorCode::NotFound)
        return existing;
    ensureSodium();
    const SecureBuffer seed = SecureBuffer::random(crypto_sign_SEEDBYTES);
    auto key = fromSeed(seed);
    if (!key.ok())
        return key.error();
    LANTERN_TRY(repository.putDeviceSecret(signingKeySecretName(), seed));
    LANTERN_TRY(repository.vault().setMeta(publicKeyMetaKey(), QString::fromLatin1(key->publicKey().toBase64())));
    qCInfo(lcAudit) << "created the device's audit signing key; public key"
                    << key->publicKey().toBase64().constData();
    return key;
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
