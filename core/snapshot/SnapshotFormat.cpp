#include "core/snapshot/SnapshotFormat.h"

#include "core/common/Sodium.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <sodium.h>

namespace lantern::snapshot {
namespace {

QString b64(const QByteArray& b)
{
    return QString::fromLatin1(b.toBase64());
}

// Strict base64: a changed character is an error, never silently skipped.
bool fromB64(const QJsonValue& v, QByteArray& out)
{
    if (!v.isString())
        return false;
    auto decoded = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    out = decoded.decoded;
    return true;
}

Error corrupt(const QString& what)
{
    return {ErrorCode::Corrupt, QStringLiteral("the snapshot header is damaged (%1)").arg(what)};
}

} // namespace

QByteArray magic()
{
    return QByteArrayLiteral("LANTERN-SNAPSHOT");
}

QByteArray headerContext()
{
    return QByteArrayLiteral("lantern-snapshot-header-v1");
}

QByteArray chunksContext()
{
    return QByteArrayLiteral("lantern-snapshot-chunks-v1");
}

QByteArray SnapshotHeader::toJson() const
{
    QJsonArray list;
    for (const SnapshotRecipient& r : recipients)
        list.append(QJsonObject{{QStringLiteral("public_key"), b64(r.publicKey)}, {QStringLiteral("sealed_key"), b64(r.sealedKey)}});
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("lantern-snapshot")},
                        {QStringLiteral("version"), version},
                        {QStringLiteral("snapshot_id"), snapshotId},
                        {QStringLiteral("purpose"), purpose},
                        {QStringLiteral("signer"), b64(signer)},
                        {QStringLiteral("sequence"), QString::number(sequence)},
                        {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("wards"), QJsonArray::fromStringList(wards)},
                        {QStringLiteral("chunk_size"), chunkSize},
                        {QStringLiteral("stream_header"), b64(streamHeader)},
                        {QStringLiteral("recipients"), list}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<SnapshotHeader> SnapshotHeader::fromJson(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return corrupt(QStringLiteral("not JSON"));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String("lantern-snapshot"))
        return corrupt(QStringLiteral("format"));
    SnapshotHeader h;
    h.version = o.value(QLatin1String("version")).toInt(-1);
    if (h.version > kFormatVersion)
        return Error(ErrorCode::Unsupported, QStringLiteral("the snapshot has format version %1, newer than this Lantern (%2); "
                                                            "update Lantern on this device")
                                                 .arg(h.version)
                                                 .arg(kFormatVersion));
    if (h.version != kFormatVersion)
        return corrupt(QStringLiteral("version"));
    h.snapshotId = o.value(QLatin1String("snapshot_id")).toString();
    h.purpose = o.value(QLatin1String("purpose")).toString();
    bool seqOk = false;
    h.sequence = o.value(QLatin1String("sequence")).toString().toLongLong(&seqOk);
    h.created = QDateTime::fromString(o.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
    h.chunkSize = o.value(QLatin1String("chunk_size")).toInt(0);
    for (const QJsonValue& w : o.value(QLatin1String("wards")).toArray())
        h.wards << w.toString();
    if (h.snapshotId.isEmpty() || h.purpose.isEmpty() || !seqOk || h.sequence < 1 || !h.created.isValid())
        return corrupt(QStringLiteral("id, purpose, sequence or time"));
    if (h.chunkSize < kMinChunkSize || h.chunkSize > kMaxChunkSize)
        return corrupt(QStringLiteral("chunk size"));
    if (!fromB64(o.value(QLatin1String("signer")), h.signer) || h.signer.size() != crypto_sign_PUBLICKEYBYTES)
        return corrupt(QStringLiteral("signer"));
    if (!fromB64(o.value(QLatin1String("stream_header")), h.streamHeader) ||
        h.streamHeader.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES)
        return corrupt(QStringLiteral("stream header"));
    for (const QJsonValue& v : o.value(QLatin1String("recipients")).toArray()) {
        SnapshotRecipient r;
        if (!fromB64(v.toObject().value(QLatin1String("public_key")), r.publicKey) ||
            !fromB64(v.toObject().value(QLatin1String("sealed_key")), r.sealedKey) || r.publicKey.size() != crypto_sign_PUBLICKEYBYTES)
            return corrupt(QStringLiteral("recipient"));
        h.recipients << r;
    }
    if (h.recipients.isEmpty())
        return corrupt(QStringLiteral("no recipient"));
    return h;
}

const SnapshotRecipient* SnapshotHeader::recipient(const QByteArray& publicKey) const
{
    for (const SnapshotRecipient& r : recipients)
        if (r.publicKey == publicKey)
            return &r;
    return nullptr;
}

QByteArray u32(quint32 value)
{
    QByteArray b(4, '\0');
    qToBigEndian(value, b.data());
    return b;
}

QByteArray u64(quint64 value)
{
    QByteArray b(8, '\0');
    qToBigEndian(value, b.data());
    return b;
}

quint32 readU32(const QByteArray& four)
{
    return qFromBigEndian<quint32>(four.constData());
}

quint64 readU64(const QByteArray& eight)
{
    return qFromBigEndian<quint64>(eight.constData());
}

QByteArray hash(const QByteArray& data)
{
    ensureSodium();
    QByteArray out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), 32, reinterpret_cast<const unsigned char*>(data.constData()),
                       static_cast<unsigned long long>(data.size()), nullptr, 0);
    return out;
}

} // namespace lantern::snapshot
