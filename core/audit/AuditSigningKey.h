#pragma once
// The Ed25519 key that signs audit checkpoints, held only in a SecureBuffer.
//
// Where it lives: its 32-byte seed is wrapped in audit-keyslots.json next to the
// vault, once for the mirror service (device.key) and once per IT administrator
// (passphrase), never in the vault: whoever holds the data key - every nurse's
// unlock - must not be able to sign (see AuditKeyCustody). Its public key is
// recorded in vault meta ('audit_public_key', base64) for a quick self-check, and
// exported at init (audit-public-key.pem) for IT to keep off the device: only that
// off-device copy is a trustworthy reference (verify --trusted-key).
//
// Vaults made before this change kept the seed in the vault's device_secret table
// (name 'audit_signing_key'), readable with the data key. loadLegacy() and
// removeLegacy() exist only to move it out (AuditKeyCustody::adopt).

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QString>

#include <utility>

namespace lantern::vault {
class AuditRepository;
}

namespace lantern::audit {

inline constexpr int kPublicKeyBytes = 32;
inline constexpr int kSignatureBytes = 64;
inline constexpr int kSeedBytes = 32;

QString signingKeySecretName(); // "audit_signing_key" (legacy device_secret row)
QString publicKeyMetaKey();     // "audit_public_key"

class AuditSigningKey
{
public:
    // A new random key.
    static AuditSigningKey generate();
    // The key of a 32-byte seed (as unwrapped from an audit key slot).
    static Result<AuditSigningKey> fromSeed(const SecureBuffer& seed);

    // A key an old vault still stores in device_secret; NotFound when there is none.
    static Result<AuditSigningKey> loadLegacy(vault::AuditRepository& repository);
    // Deletes that row (the caller has wrapped the seed in its slots first).
    static Status removeLegacy(vault::AuditRepository& repository);

    AuditSigningKey(AuditSigningKey&&) noexcept = default;
    AuditSigningKey& operator=(AuditSigningKey&&) noexcept = default;

    QByteArray publicKey() const { return m_publicKey; }
    SecureBuffer seed() const; // the first 32 bytes of libsodium's secret key, for wrapping
    QByteArray sign(const QByteArray& message) const; // 64-byte detached signature

private:
    AuditSigningKey(SecureBuffer secretKey, QByteArray publicKey)
        : m_secretKey(std::move(secretKey)), m_publicKey(std::move(publicKey))
    {
    }

    SecureBuffer m_secretKey; // libsodium's 64-byte form (seed || public key)
    QByteArray m_publicKey;
};

// Ed25519 detached verification; false for malformed keys or signatures.
bool verifySignature(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey);

} // namespace lantern::audit
