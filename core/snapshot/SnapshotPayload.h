#pragma once
// The plaintext inside a snapshot file: a sequence of records, cut into chunks
// wherever the chunk size falls (a record may span chunks).
//   'R' u32 n patient id, u32 n resource JSON      one stored resource, verbatim
//   'O' u32 n outbox row JSON                      one unreconciled entry with its state
//   'E' u32 n {"resources": N, "entries": M}       the end: counts, nothing may follow
// Length-prefixed rather than NDJSON: resource JSON is kept byte for byte as the
// EHR sent it, newlines included.

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace lantern::snapshot {

struct PayloadRecord
{
    enum class Kind { Resource, Entry };
    Kind kind = Kind::Resource;
    QString patientId;  // Resource
    QByteArray json;    // Resource: the FHIR JSON
    QJsonObject entry;  // Entry: the outbox row
};

QByteArray encodeResource(const QString& patientId, const QByteArray& json);
QByteArray encodeEntry(const QJsonObject& row);
QByteArray encodeEnd(qint64 resources, qint64 entries);

// Reads records from plaintext fed in pieces of any size.
class PayloadParser
{
public:
    using Sink = std::function<Status(const PayloadRecord&)>;
    explicit PayloadParser(Sink sink) : m_sink(std::move(sink)) {}

    Status feed(const QByteArray& plaintext);
    // Corrupt unless the end record came, its counts matched, and nothing followed.
    Status finish() const;
    qint64 resources() const { return m_resources; }
    qint64 entries() const { return m_entries; }

private:
    Status parseOne(bool& progressed);

    Sink m_sink;
    QByteArray m_buffer;
    qint64 m_resources = 0;
    qint64 m_entries = 0;
    bool m_ended = false;
};

} // namespace lantern::snapshot
