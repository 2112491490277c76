#pragma once
// The device's Ed25519 key that signs audit checkpoints. Generated on first use;
// its 32-byte seed is stored in the vault's device_secret table (name
// 'audit_signing_key') and only ever held in a SecureBuffer. The public key is
// also recorded in vault meta ('audit_public_key', base64) so that a person can
// copy it off the device and check exported checkpoints elsewhere.

#include "common/Result.h"
#include "common/SecureBuffer.h"

#include <QByteArray>
#include <QString>

#include <utility>

namespace lantern::vault {
class AuditRepository;
}

namespace lantern::audit {

inline constexpr int kPublicKeyBytes = 32;
inline constexpr int kSignatureBytes = 64;

QString signingKeySecretName(); // "audit_signing_key"
QString publicKeyMetaKey();     // "audit_public_key"

class AuditSigningKey
{
public:
    // The stored key; ErrorCode::NotFound when this vault has none yet.
    static Result<AuditSigningKey> load(vault::AuditRepository& repository);
    // The stored key, or a new one stored together with its meta entry. Writes:
    // the caller holds a transaction so that the key and its first use commit together.
    static Result<AuditSigningKey> loadOrCreate(vault::AuditRepository& repository);

    AuditSigningKey(AuditSigningKey&&) noexcept = default;
    AuditSigningKey& operator=(AuditSigningKey&&) noexcept = default;

    QByteArray publicKey() const { return m_publicKey; }
    QByteArray sign(const QByteArray& message) const; // 64-byte detached signature

private:
    AuditSigningKey(SecureBuffer secretKey, QByteArray publicKey)
        : m_secretKey(std::move(secretKey)), m_publicKey(std::move(publicKey))
    {
    }
    static Result<AuditSigningKey> fromSeed(const SecureBuffer& seed);

    SecureBuffer m_secretKey; // libsodium's 64-byte form (seed || public key)
    QByteArray m_publicKey;
};

// Ed25519 detached verification; false for malformed keys or signatures.
bool verifySignature(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey);

} // namespace lantern::audit
