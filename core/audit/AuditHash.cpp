#include "core/audit/AuditHash.h"

#include "core/common/Sodium.h"

#include <QtEndian>

#include <sodium.h>

namespace lantern::audit {
namespace {

void appendU64(QByteArray& out, qint64 value)
{
    char bytes[8];
    qToBigEndian(static_cast<quint64>(value), bytes);
    out.append(bytes, sizeof bytes);
}

void appendField(QByteArray& out, const QByteArray& bytes)
{
    char length[4];
    qToBigEndian(static_cast<quint32>(bytes.size()), length);
    out.append(length, sizeof length);
    out.append(bytes);
}

void appendField(QByteArray& out, const QString& text)
{
    appendField(out, text.toUtf8());
}

QByteArray blake2b256(const QByteArray& data)
{
    ensureSodium();
    QByteArray out(kHashBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), kHashBytes,
                       reinterpret_cast<const unsigned char*>(data.constData()),
                       static_cast<unsigned long long>(data.size()), nullptr, 0);
    return out;
}

} // namespace

QByteArray canonicalEntryBytes(const vault::AuditEntryRecord& e)
{
    QByteArray out;
    appendField(out, QByteArrayLiteral("lantern.audit.entry.v1"));
    appendU64(out, e.seq);
    appendField(out, e.time);
    appendField(out, e.actor);
    appendField(out, e.action);
    appendField(out, e.patientId);
    appendField(out, e.outcome);
    appendField(out, e.detail);
    appendField(out, e.prevHash);
    return out;
}

QByteArray computeEntryHash(const vault::AuditEntryRecord& entry)
{
    return blake2b256(canonicalEntryBytes(entry));
}

QByteArray genesisHash(const QString& vaultId)
{
    QByteArray out;
    appendField(out, QByteArrayLiteral("lantern.audit.genesis.v1"));
    appendField(out, vaultId);
    return blake2b256(out);
}

QByteArray checkpointMessage(qint64 seq, const QByteArray& hash, const QString& time)
{
    QByteArray out;
    appendField(out, QByteArrayLiteral("lantern.audit.checkpoint.v1"));
    appendU64(out, seq);
    appendField(out, hash);
    appendField(out, time);
    return out;
}

} // namespace lantern::audit
