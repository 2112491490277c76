#pragma once
// The key pair Lantern signs its SMART Backend Services client assertions
// with: generated here, private half stored as PEM with mode 0600, public
// half printed as JWK / JWKS for registration at the EHR.

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace lantern::sync {

enum class SigningAlgorithm {
    RS384, // RSA PKCS#1 v1.5 with SHA-384: required by SMART, the default
    ES384  // ECDSA on P-384 with SHA-384
};
QString algorithmName(SigningAlgorithm algorithm);

// RFC 7519 registered claims: what a client assertion needs.
struct JwtClaims
{
    QString issuer;
    QString subject;
    QString audience;
    QDateTime issuedAt;
    QDateTime expiresAt;
    QString jwtId;
};

class SigningKey
{
public:
    static Result<SigningKey> generate(SigningAlgorithm algorithm, int rsaBits = 3072);
    // PEM private key; RSA keys sign RS384, P-384 keys ES384. Refused when the
    // file is readable by other users (the key would identify them as us).
    static Result<SigningKey> loadPrivateKeyFile(const QString& path);

    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    ~SigningKey();

    // Written atomically with mode 0600; an existing file is kept unless `overwrite`.
    Status savePrivateKeyFile(const QString& path, bool overwrite = false) const;

    SigningAlgorithm algorithm() const;
    QString keyId() const; // RFC 7638 JWK thumbprint (SHA-256, base64url)
    QByteArray publicKeyPem() const;
    QJsonObject publicJwk() const; // kty, n/e or crv/x/y, kid, alg, use = sig
    QJsonObject publicJwks() const; // {"keys": [publicJwk()]}

    // Compact JWS with header {alg, typ: JWT, kid}.
    Result<QByteArray> signJwt(const JwtClaims& claims) const;

private:
    struct Impl;
    explicit SigningKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace lantern::sync
