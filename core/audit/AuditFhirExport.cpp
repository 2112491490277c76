#include "core/audit/AuditFhirExport.h"

#include "core/audit/AuditFhirCodes.h"
#include "core/vault/Vault.h"

#include <QHash>
#include <QJsonDocument>

namespace lantern::audit {
namespace {

constexpr int kExportBatch = 500;

QJsonObject coding(const QString& system, const QString& code, const QString& display = {})
{
    QJsonObject c{{QStringLiteral("system"), system}, {QStringLiteral("code"), code}};
    if (!display.isEmpty())
        c.insert(QStringLiteral("display"), display);
    return c;
}

QJsonObject chainExtension(const vault::AuditEntryRecord& entry, const vault::AuditCheckpointRecord* checkpoint)
{
    auto part = [](const QString& url, const QString& valueKey, const QJsonValue& value) {
        return QJsonObject{{QStringLiteral("url"), url}, {valueKey, value}};
    };
    QJsonArray parts{
        part(QStringLiteral("seq"), QStringLiteral("valueInteger"), entry.seq),
        part(QStringLiteral("prevHash"), QStringLiteral("valueString"), QString::fromLatin1(entry.prevHash.toHex())),
        part(QStringLiteral("hash"), QStringLiteral("valueString"), QString::fromLatin1(entry.hash.toHex())),
    };
    if (checkpoint) {
        parts.append(QJsonObject{
            {QStringLiteral("url"), QStringLiteral("checkpoint")},
            {QStringLiteral("extension"),
             QJsonArray{
                 part(QStringLiteral("time"), QStringLiteral("valueInstant"), checkpoint->time),
                 part(QStringLiteral("signature"), QStringLiteral("valueBase64Binary"),
                      QString::fromLatin1(checkpoint->signature.toBase64())),
                 part(QStringLiteral("publicKey"), QStringLiteral("valueBase64Binary"),
                      QString::fromLatin1(checkpoint->publicKey.toBase64())),
             }},
        });
    }
    return QJsonObject{{QStringLiteral("url"), QLatin1String(kAuditChainExtensionUrl)}, {QStringLiteral("extension"), parts}};
}

} // namespace

QJsonObject toFhirAuditEvent(const vault::AuditEntryRecord& entry, const vault::AuditCheckpointRecord* checkpoint,
                             const AuditExportContext& context)
{
    const FhirAuditCodes codes = fhirAuditCodesFor(entry.action);
    const QString dcm = QLatin1String(kDicomSystem);

    // R4 types AuditEvent.type and .subtype as Coding (R5 made them CodeableConcepts).
    QJsonArray subtype;
    if (!codes.subtypeCode.isEmpty())
        subtype.append(coding(dcm, codes.subtypeCode, codes.subtypeDisplay));
    subtype.append(coding(QLatin1String(kAuditActionSystem), entry.action));

    QJsonObject event{
        {QStringLiteral("resourceType"), QStringLiteral("AuditEvent")},
        {QStringLiteral("id"), QStringLiteral("%1-%2").arg(context.vaultId).arg(entry.seq)},
        {QStringLiteral("extension"), QJsonArray{chainExtension(entry, checkpoint)}},
        {QStringLiteral("type"), coding(dcm, codes.typeCode, codes.typeDisplay)},
        {QStringLiteral("subtype"), subtype},
        {QStringLiteral("action"), codes.fhirAction},
        {QStringLiteral("recorded"), entry.time},
        {QStringLiteral("outcome"), fhirOutcomeCode(entry.outcome)},
    };
    if (!entry.detail.isEmpty())
        event.insert(QStringLiteral("outcomeDesc"), entry.detail);

    event.insert(QStringLiteral("agent"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("who"),
                      QJsonObject{{QStringLiteral("identifier"), QJsonObject{{QStringLiteral("value"), entry.actor}}}}},
                     {QStringLiteral("requestor"), true},
                 }});
    event.insert(QStringLiteral("source"),
                 QJsonObject{
                     {QStringLiteral("observer"),
                      QJsonObject{
                          {QStringLiteral("display"), context.deviceName},
                          {QStringLiteral("identifier"),
                           QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:ietf:rfc:3986")},
                                       {QStringLiteral("value"), QString(QStringLiteral("urn:uuid:") + context.vaultId)}}},
                      }},
                     {QStringLiteral("type"),
                      QJsonArray{coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/security-source-type"),
                                        QStringLiteral("1"), QStringLiteral("User Device"))}},
                 });
    if (!entry.patientId.isEmpty()) {
        event.insert(
            QStringLiteral("entity"),
            QJsonArray{QJsonObject{
                {QStringLiteral("what"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + entry.patientId)}}},
                {QStringLiteral("type"), coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/audit-entity-type"),
                                                QStringLiteral("1"), QStringLiteral("Person"))},
                {QStringLiteral("role"), coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/object-role"),
                                                QStringLiteral("1"), QStringLiteral("Patient"))},
            }});
    }
    return event;
}

AuditFhirExporter::AuditFhirExporter(vault::Vault& vault, const Clock& clock, QString deviceName)
    : m_repository(vault), m_clock(clock), m_deviceName(std::move(deviceName))
{
}

template <typename Sink>
Status AuditFhirExporter::forEachEvent(qint64 fromSeq, qint64 toSeq, Sink&& sink)
{
    auto vaultId = m_repository.vault().meta(QStringLiteral("vault_id"));
    if (!vaultId.ok())
        return vaultId.error();
    const AuditExportContext context{*vaultId, m_deviceName};
    auto checkpoints = m_repository.readCheckpoints();
    if (!checkpoints.ok())
        return checkpoints.error();
    QHash<qint64, vault::AuditCheckpointRecord> bySeq;
    for (const auto& checkpoint : std::as_const(*checkpoints))
        bySeq.insert(checkpoint.seq, checkpoint);

    qint64 from = fromSeq;
    for (;;) {
        auto batch = m_repository.readEntries(from, kExportBatch);
        if (!batch.ok())
            return batch.error().prefixed(QStringLiteral("exporting the audit log"));
        for (const auto& entry : std::as_const(*batch)) {
            if (toSeq >= 0 && entry.seq > toSeq)
                return {};
            const auto checkpoint = bySeq.constFind(entry.seq);
            LANTERN_TRY(sink(toFhirAuditEvent(entry, checkpoint == bySeq.constEnd() ? nullptr : &*checkpoint, context)));
        }
        if (batch->size() < kExportBatch)
            return {};
        from = batch->constLast().seq + 1;
    }
}

Result<QJsonArray> AuditFhirExporter::auditEvents(qint64 fromSeq, qint64 toSeq)
{
    QJsonArray events;
    LANTERN_TRY(forEachEvent(fromSeq, toSeq, [&](const QJsonObject& event) -> Status {
        events.append(event);
        return {};
    }));
    return events;
}

Result<QJsonObject> AuditFhirExporter::bundle(qint64 fromSeq, qint64 toSeq)
{
    auto events = auditEvents(fromSeq, toSeq);
    if (!events.ok())
        return events.error();
    QJsonArray entries;
    for (const QJsonValue& event : std::as_const(*events))
        entries.append(QJsonObject{{QStringLiteral("resource"), event}});
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Bundle")},
        {QStringLiteral("type"), QStringLiteral("collection")},
        {QStringLiteral("timestamp"), m_clock.now().toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("entry"), entries},
    };
}

Status AuditFhirExporter::writeNdjson(QIODevice& out, qint64 fromSeq, qint64 toSeq)
{
    return forEachEvent(fromSeq, toSeq, [&](const QJsonObject& event) -> Status {
        const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
        if (out.write(line) != line.size())
            return Error(ErrorCode::Io, QStringLiteral("writing the audit export failed (%1); check the target's free "
                                                       "space and permissions")
                                            .arg(out.errorString()));
        return {};
    });
}

QJsonArray auditEventsFromBundle(const QJsonObject& bundle)
{
    QJsonArray events;
    const QJsonArray entries = bundle.value(QStringLiteral("entry")).toArray();
    for (const QJsonValue& entry : entries) {
        const QJsonObject resource = entry.toObject().value(QStringLiteral("resource")).toObject();
        if (resource.value(QStringLiteral("resourceType")).toString() == QStringLiteral("AuditEvent"))
            events.append(resource);
    }
    return events;
}

} // namespace lantern::audit
