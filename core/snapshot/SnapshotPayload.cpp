#include "core/snapshot/SnapshotPayload.h"

#include "core/snapshot/SnapshotFormat.h"

#include <QJsonDocument>

namespace lantern::snapshot {
namespace {

constexpr quint32 kMaxFieldBytes = 256u * 1024u * 1024u; // a single resource larger than this is damage, not data

QByteArray field(const QByteArray& bytes)
{
    return u32(static_cast<quint32>(bytes.size())) + bytes;
}

Error damaged(const QString& what)
{
    return {ErrorCode::Corrupt, QStringLiteral("the snapshot's content is damaged (%1)").arg(what)};
}

} // namespace

QByteArray encodeResource(const QString& patientId, const QByteArray& json)
{
    return QByteArray(1, 'R') + field(patientId.toUtf8()) + field(json);
}

QByteArray encodeEntry(const QJsonObject& row)
{
    return QByteArray(1, 'O') + field(QJsonDocument(row).toJson(QJsonDocument::Compact));
}

QByteArray encodeEnd(qint64 resources, qint64 entries)
{
    const QJsonObject counts{{QStringLiteral("resources"), resources}, {QStringLiteral("entries"), entries}};
    return QByteArray(1, 'E') + field(QJsonDocument(counts).toJson(QJsonDocument::Compact));
}

Status PayloadParser::feed(const QByteArray& plaintext)
{
    m_buffer.append(plaintext);
    for (bool progressed = true; progressed;)
        LANTERN_TRY(parseOne(progressed));
    return {};
}

Status PayloadParser::parseOne(bool& progressed)
{
    progressed = false;
    if (m_buffer.isEmpty())
        return {};
    if (m_ended)
        return damaged(QStringLiteral("data after the end"));
    const char kind = m_buffer.at(0);
    const int fields = kind == 'R' ? 2 : (kind == 'O' || kind == 'E') ? 1 : 0;
    if (fields == 0)
        return damaged(QStringLiteral("unknown record"));
    QList<QByteArray> values;
    qsizetype at = 1;
    for (int i = 0; i < fields; ++i) {
        if (m_buffer.size() < at + 4)
            return {}; // wait for more
        const quint32 n = readU32(m_buffer.mid(at, 4));
        if (n > kMaxFieldBytes)
            return damaged(QStringLiteral("record too large"));
        if (m_buffer.size() < at + 4 + static_cast<qsizetype>(n))
            return {};
        values << m_buffer.mid(at + 4, n);
        at += 4 + n;
    }
    m_buffer.remove(0, at);
    progressed = true;
    if (kind == 'E') {
        const QJsonObject counts = QJsonDocument::fromJson(values.at(0)).object();
        if (counts.value(QLatin1String("resources")).toInteger(-1) != m_resources ||
            counts.value(QLatin1String("entries")).toInteger(-1) != m_entries)
            return damaged(QStringLiteral("counts do not match"));
        m_ended = true;
        return {};
    }
    PayloadRecord record;
    if (kind == 'R') {
        record.kind = PayloadRecord::Kind::Resource;
        record.patientId = QString::fromUtf8(values.at(0));
        record.json = values.at(1);
        ++m_resources;
    } else {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(values.at(0), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return damaged(QStringLiteral("an outbox entry is not JSON"));
        record.kind = PayloadRecord::Kind::Entry;
        record.entry = doc.object();
        ++m_entries;
    }
    return m_sink ? m_sink(record) : Status();
}

Status PayloadParser::finish() const
{
    if (!m_ended || !m_buffer.isEmpty())
        return damaged(QStringLiteral("it ends early"));
    return {};
}

} // namespace lantern::snapshot
