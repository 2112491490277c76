#include "sync/auth/SigningKey.h"

#include "core/common/AtomicFile.h"
#include "core/common/SecureBuffer.h"

#include <Poco/Crypto/ECDSADigestEngine.h>
#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Serializer.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/SharedPtr.h>

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <sodium.h>

#include <sstream>

namespace lantern::sync {

namespace {

constexpr char kCurve[] = "secp384r1";
constexpr int kP384CoordinateBytes = 48;

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bytesOf(const std::vector<unsigned char>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

// Copies a stream's text out and overwrites the stream's own buffer: the
// private key PEM must not linger in freed heap memory.
QByteArray takeSecretText(std::stringstream& stream)
{
    std::string text = stream.str();
    QByteArray out(text.data(), static_cast<qsizetype>(text.size()));
    stream.str(std::string(text.size(), '\0'));
    sodium_memzero(text.data(), text.size());
    return out;
}

Error cryptoError(const QString& what, const Poco::Exception& e)
{
    return Error(ErrorCode::Crypto, what + QStringLiteral(": ") + QString::fromStdString(e.displayText()));
}

QByteArray derFromPem(const QByteArray& pem)
{
    QByteArray base64;
    for (const QByteArray& line : pem.split('\n')) {
        if (!line.startsWith("-----"))
            base64 += line.trimmed();
    }
    return QByteArray::fromBase64(base64);
}

} // namespace

QString algorithmName(SigningAlgorithm algorithm)
{
    return algorithm == SigningAlgorithm::ES384 ? QStringLiteral("ES384") : QStringLiteral("RS384");
}

struct SigningKey::Impl
{
    SigningAlgorithm algorithm = SigningAlgorithm::RS384;
    Poco::SharedPtr<Poco::Crypto::RSAKey> rsa;
    Poco::SharedPtr<Poco::Crypto::ECKey> ec;
    QByteArray publicPem;
    QJsonObject thumbprintMembers; // the required JWK members only (RFC 7638)
    QString keyId;

    const Poco::Crypto::KeyPair& pair() const
    {
        if (rsa)
            return *rsa;
        return *ec;
    }

    Status derivePublicParts()
    {
        std::stringstream pem;
        pair().save(&pem, nullptr);
        publicPem = QByteArray::fromStdString(pem.str());
        if (rsa) {
            thumbprintMembers = {{QStringLiteral("kty"), QStringLiteral("RSA")},
                                 {QStringLiteral("n"), QString::fromLatin1(base64Url(bytesOf(rsa->modulus())))},
                                 {QStringLiteral("e"), QString::fromLatin1(base64Url(bytesOf(rsa->encryptionExponent())))}};
        } else {
            // SubjectPublicKeyInfo of a named-curve key ends with the uncompressed point 04 || X || Y.
            const QByteArray der = derFromPem(publicPem);
            const qsizetype pointSize = 1 + 2 * kP384CoordinateBytes;
            if (der.size() <= pointSize || der.at(der.size() - pointSize) != 0x04)
                return Error(ErrorCode::Crypto, QStringLiteral("the EC public key is not an uncompressed P-384 point"));
            const QByteArray point = der.right(pointSize);
            thumbprintMembers = {{QStringLiteral("kty"), QStringLiteral("EC")},
                                 {QStringLiteral("crv"), QStringLiteral("P-384")},
                                 {QStringLiteral("x"), QString::fromLatin1(base64Url(point.mid(1, kP384CoordinateBytes)))},
                                 {QStringLiteral("y"), QString::fromLatin1(base64Url(point.mid(1 + kP384CoordinateBytes)))}};
        }
        // QJsonObject keeps keys sorted and Compact adds no whitespace: the canonical form RFC 7638 hashes.
        const QByteArray canonical = QJsonDocument(thumbprintMembers).toJson(QJsonDocument::Compact);
        keyId = QString::fromLatin1(base64Url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
        return {};
    }
};

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

Result<SigningKey> SigningKey::generate(SigningAlgorithm algorithm, int rsaBits)
{
    auto impl = std::make_unique<Impl>();
    impl->algorithm = algorithm;
    try {
        if (algorithm == SigningAlgorithm::RS384) {
            if (rsaBits < 2048)
                return Error(ErrorCode::InvalidInput, QStringLiteral("RSA keys need at least 2048 bits"));
            impl->rsa = new Poco::Crypto::RSAKey(static_cast<Poco::Crypto::RSAKey::KeyLength>(rsaBits), Poco::Crypto::RSAKey::EXP_LARGE);
        } else {
            impl->ec = new Poco::Crypto::ECKey(kCurve);
        }
    } catch (const Poco::Exception& e) {
        return cryptoError(QStringLiteral("generating the %1 key pair failed").arg(algorithmName(algorithm)), e);
    }
    LANTERN_TRY(impl->derivePublicParts());
    return SigningKey(std::move(impl));
}

Result<SigningKey> SigningKey::loadPrivateKeyFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isReadable())
        return Error(ErrorCode::Io, QStringLiteral("the private key file %1 does not exist or cannot be read").arg(path));
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
    if (info.permissions() & others) {
        return Error(ErrorCode::Denied, QStringLiteral("the private key file %1 is accessible to other users; restrict it with "
                                                       "\"chmod 600 %1\" and load it again")
                                            .arg(path));
    }
    auto impl = std::make_unique<Impl>();
    try {
        // Read by OpenSSL straight from the file: no copy of the PEM in our heap.
        const Poco::Crypto::EVPPKey key(std::string(), path.toStdString());
        if (key.type() == EVP_PKEY_RSA) {
            impl->algorithm = SigningAlgorithm::RS384;
            impl->rsa = new Poco::Crypto::RSAKey(key);
            if (impl->rsa->modulus().size() * 8 < 2048)
                return Error(ErrorCode::Unsupported, QStringLiteral("the RSA key in %1 is shorter than 2048 bits").arg(path));
        } else if (key.type() == EVP_PKEY_EC) {
            impl->algorithm = SigningAlgorithm::ES384;
            impl->ec = new Poco::Crypto::ECKey(key);
            if (impl->ec->impl()->groupName() != kCurve)
                return Error(ErrorCode::Unsupported, QStringLiteral("the EC key in %1 is not on curve P-384 (secp384r1)").arg(path));
        } else {
            return Error(ErrorCode::Unsupported, QStringLiteral("the key in %1 is neither RSA nor EC").arg(path));
        }
    } catch (const Poco::Exception& e) {
        return cryptoError(QStringLiteral("the private key file %1 could not be loaded").arg(path), e);
    }
    LANTERN_TRY(impl->derivePublicParts());
    return SigningKey(std::move(impl));
}

Status SigningKey::savePrivateKeyFile(const QString& path, bool overwrite) const
{
    if (!overwrite && QFileInfo::exists(path))
        return Error(ErrorCode::Conflict, QStringLiteral("%1 already exists; keeping the key that is registered at the EHR").arg(path));
    QByteArray pem;
    try {
        std::stringstream stream;
        d->pair().save(nullptr, &stream);
        pem = takeSecretText(stream);
    } catch (const Poco::Exception& e) {
        return cryptoError(QStringLiteral("the private key could not be encoded"), e);
    }
    const Status written = writeFileAtomically(path, pem, AtomicWriteOptions{0600});
    wipe(pem);
    return written;
}

SigningAlgorithm SigningKey::algorithm() const
{
    return d->algorithm;
}

QString SigningKey::keyId() const
{
    return d->keyId;
}

QByteArray SigningKey::publicKeyPem() const
{
    return d->publicPem;
}

QJsonObject SigningKey::publicJwk() const
{
    QJsonObject jwk = d->thumbprintMembers;
    jwk.insert(QStringLiteral("kid"), d->keyId);
    jwk.insert(QStringLiteral("alg"), algorithmName(d->algorithm));
    jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
    return jwk;
}

QJsonObject SigningKey::publicJwks() const
{
    return QJsonObject{{QStringLiteral("keys"), QJsonArray{publicJwk()}}};
}

Result<QByteArray> SigningKey::signJwt(const JwtClaims& claims) const
{
    const auto timestamp = [](const QDateTime& t) { return Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(t.toSecsSinceEpoch())); };
    try {
        Poco::JWT::Token token;
        token.setType("JWT");
        token.header().set("kid", d->keyId.toStdString());
        token.setIssuer(claims.issuer.toStdString());
        token.setSubject(claims.subject.toStdString());
        token.setAudience(claims.audience.toStdString());
        token.setIssuedAt(timestamp(claims.issuedAt));
        token.setExpiration(timestamp(claims.expiresAt));
        token.setId(claims.jwtId.toStdString());

        if (d->algorithm == SigningAlgorithm::RS384) {
            Poco::JWT::Signer signer(d->rsa);
            return QByteArray::fromStdString(signer.sign(token, Poco::JWT::Signer::ALGO_RS384));
        }
        // Poco::JWT's ES384 pads R and S to 32 bytes (P-256 sizes); a P-384
        // signature needs exactly 48 each (RFC 7518 section 3.4), so the
        // signature is assembled here.
        token.setAlgorithm(Poco::JWT::Signer::ALGO_ES384);
        const std::string signingInput =
            Poco::JWT::Serializer::serialize(token.header()) + '.' + Poco::JWT::Serializer::serialize(token.payload());
        Poco::Crypto::ECDSADigestEngine engine(*d->ec, "SHA384");
        engine.update(signingInput);
        const Poco::Crypto::ECDSASignature signature(engine.signature());
        QByteArray raw;
        for (const auto& part : {signature.rawR(), signature.rawS()}) {
            if (part.size() > static_cast<std::size_t>(kP384CoordinateBytes))
                return Error(ErrorCode::Crypto, QStringLiteral("the ECDSA signature has an unexpected size"));
            raw += QByteArray(kP384CoordinateBytes - static_cast<qsizetype>(part.size()), '\0') + bytesOf(part);
        }
        return QByteArray(QByteArray::fromStdString(signingInput) + '.' + base64Url(raw));
    } catch (const Poco::Exception& e) {
        return cryptoError(QStringLiteral("signing the JWT failed"), e);
    }
}

} // namespace lantern::sync
