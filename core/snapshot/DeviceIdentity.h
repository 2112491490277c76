#pragma once
// The device's identity for snapshot files: an Ed25519 key pair that signs what
// the device exports, and the X25519 key pair converted from it
// (crypto_sign_ed25519_*_to_curve25519) that opens snapshot keys sealed to it.
// Peers and IT know a device by the Ed25519 public key, base64 (44 characters).
//
// Where the secret lives: the seed is derived from device.key (crypto_kdf, a
// context of its own), so it is stored nowhere else and is exactly as protected
// as device.key: the mirror service and IT acting as the service account
// (`lanternctl --device`) can use it; the data key alone (every nurse's unlock)
// cannot, so nobody who merely opens the vault can sign a snapshot another
// device would accept. The public key is recorded in vault meta at init (and by
// the first `device show` of an older vault), so people can see it without
// device.key. A new device.key is a new identity: peers must trust it again.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::snapshot {

inline constexpr int kPublicKeyBytes = 32;
inline constexpr int kSignatureBytes = 64;

class DeviceIdentity
{
public:
    // The identity of the 32-byte device key.
    static Result<DeviceIdentity> fromDeviceKey(const SecureBuffer& deviceKey);
    // device.key of a vault folder (DeviceKey::load's checks and messages).
    static Result<DeviceIdentity> load(const QString& vaultDir);
    // A random identity: IT's backup recovery key (RecoveryKey), tests.
    static DeviceIdentity generate();
    // The identity of a 32-byte Ed25519 seed (a recovery key file).
    static DeviceIdentity fromSeed(const SecureBuffer& seed);
    SecureBuffer seed() const; // for writing a recovery key file

    DeviceIdentity(DeviceIdentity&&) noexcept = default;
    DeviceIdentity& operator=(DeviceIdentity&&) noexcept = default;

    QByteArray publicKey() const { return m_publicKey; }
    QString publicKeyText() const { return QString::fromLatin1(m_publicKey.toBase64()); }
    QByteArray sign(const QByteArray& message) const;
    // Opens a crypto_box_seal'ed message addressed to this device's X25519 key.
    Result<SecureBuffer> openSealed(const QByteArray& sealed) const;

    // Records the public key in vault meta (idempotent), so `device show` works without device.key.
    Status publish(vault::Vault& vault) const;
    // The public key recorded in the vault; empty when none was recorded yet.
    static Result<QString> publishedPublicKey(vault::Vault& vault);

private:
    DeviceIdentity(SecureBuffer secretKey, QByteArray publicKey) : m_secretKey(std::move(secretKey)), m_publicKey(std::move(publicKey)) {}

    SecureBuffer m_secretKey; // libsodium's 64-byte Ed25519 form
    QByteArray m_publicKey;
};

// A base64 Ed25519 public key as a person typed it: InvalidInput with a clear
// message for anything that is not 32 bytes of base64 or not a point on the curve.
Result<QByteArray> parsePublicKey(const QString& text);
// crypto_box_seal of `message` to the X25519 key of an Ed25519 public key.
Result<QByteArray> sealTo(const QByteArray& ed25519PublicKey, const SecureBuffer& message);
bool verifySignature(const QByteArray& message, const QByteArray& signature, const QByteArray& publicKey);
// A short fingerprint for messages and audit details: the first 12 characters of the key's base64.
QString shortKey(const QString& publicKeyText);

} // namespace lantern::snapshot
