#include "core/audit/AuditPublicKeyFile.h"

#include "core/audit/AuditSigningKey.h"
#include "core/common/AtomicFile.h"

#include <QFile>
#include <QFileInfo>

#include <optional>

namespace lantern::audit {
namespace {

// DER of SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) }, before the key.
const QByteArray kSpkiPrefix = QByteArray::fromHex("302a300506032b6570032100");
const QByteArray kBegin = "-----BEGIN PUBLIC KEY-----";
const QByteArray kEnd = "-----END PUBLIC KEY-----";

Error notAKey(const QString& what)
{
    return {ErrorCode::InvalidInput,
            QStringLiteral("not an audit public key (%1); give the audit-public-key.pem written by "
                           "`lanternctl init` or printed by `lanternctl audit public-key`")
                .arg(what)};
}

std::optional<QByteArray> decodeBase64(const QByteArray& text)
{
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

} // namespace

QByteArray publicKeyToPem(const QByteArray& publicKey)
{
    const QByteArray der = kSpkiPrefix + publicKey;
    return kBegin + '\n' + der.toBase64() + '\n' + kEnd + '\n';
}

Result<QByteArray> publicKeyFromText(const QByteArray& text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return notAKey(QStringLiteral("the text is empty"));
    if (trimmed.startsWith(kBegin)) {
        const qsizetype end = trimmed.indexOf(kEnd);
        if (end < 0)
            return notAKey(QStringLiteral("the PEM block has no END line"));
        if (trimmed.indexOf(kBegin, end) >= 0)
            return notAKey(QStringLiteral("the file holds more than one key"));
        QByteArray body = trimmed.mid(kBegin.size(), end - kBegin.size());
        body = body.simplified().replace(' ', QByteArray());
        const auto der = decodeBase64(body);
        if (!der || der->size() != kSpkiPrefix.size() + kPublicKeyBytes || !der->startsWith(kSpkiPrefix))
            return notAKey(QStringLiteral("the PEM block is not an Ed25519 public key"));
        return der->mid(kSpkiPrefix.size());
    }
    const auto raw = decodeBase64(trimmed);
    if (!raw || raw->size() != kPublicKeyBytes)
        return notAKey(QStringLiteral("neither PEM nor the base64 of 32 key bytes"));
    return *raw;
}

Result<QByteArray> readPublicKeyFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return Error(ErrorCode::NotFound, QStringLiteral("the trusted key file %1 does not exist").arg(path));
    if (QFileInfo(path).size() > 64 * 1024)
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is too large to be an audit public key").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io,
                     QStringLiteral("could not read the trusted key file %1: %2").arg(path, file.errorString()));
    auto key = publicKeyFromText(file.readAll());
    if (!key.ok())
        return key.error().prefixed(path);
    return key;
}

Status writePublicKeyFile(const QString& path, const QByteArray& publicKey)
{
    // Public: readable by everyone, so IT can copy it without the service account.
    return writeFileAtomically(path, publicKeyToPem(publicKey), AtomicWriteOptions{0644});
}

} // namespace lantern::audit
