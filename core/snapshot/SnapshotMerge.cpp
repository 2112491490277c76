#include "core/snapshot/SnapshotMerge.h"

#include "core/fhir/ResourceIndex.h"
#include "core/snapshot/SnapshotReader.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>

namespace lantern::snapshot {

SnapshotMerge::SnapshotMerge(vault::Vault& vault, ImportReport& report)
    : m_report(report), m_resources(vault.db()), m_writer(m_resources), m_entries(vault.db())
{
}

Status SnapshotMerge::apply(const PayloadRecord& record)
{
    return record.kind == PayloadRecord::Kind::Resource ? applyResource(record) : applyEntry(record);
}

Status SnapshotMerge::applyResource(const PayloadRecord& record)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(record.json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::Corrupt, QStringLiteral("resource %1 of the snapshot is not JSON").arg(m_report.resources + 1));
    auto index = fhir::indexResource(doc.object());
    if (!index.ok())
        return index.error().prefixed(QStringLiteral("a resource of the snapshot cannot be stored"));
    auto prepared = import::prepareResource(*index, doc.object(), record.json);
    if (!prepared.ok())
        return prepared.error().prefixed(QStringLiteral("a resource of the snapshot cannot be stored"));
    // The exporting vault resolved the patient with the Bundle it came in; keep its answer.
    prepared->resource.patientId = record.patientId;
    auto written = m_writer.writeUnlessOlder(*prepared);
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("storing %1/%2").arg(index->type, index->id));
    switch (*written) {
    case import::VersionVerdict::Newer:
        ++m_report.stored;
        break;
    case import::VersionVerdict::Same:
        ++m_report.unchanged;
        break;
    case import::VersionVerdict::Older:
        ++m_report.olderNotApplied;
        break;
    }
    return {};
}

Status SnapshotMerge::applyEntry(const PayloadRecord& record)
{
    const QString state = record.entry.value(QLatin1String("state")).toString();
    if (state != QLatin1String("pending") && state != QLatin1String("conflict"))
        return Error(ErrorCode::Corrupt, QStringLiteral("an outbox entry of the snapshot is in state \"%1\"; only "
                                                        "unreconciled entries travel in snapshots")
                                             .arg(state.left(40)));
    auto inserted = m_entries.insertEntryIfAbsent(record.entry);
    if (!inserted.ok())
        return inserted.error().prefixed(QStringLiteral("an outbox entry of the snapshot cannot be stored"));
    ++(*inserted ? m_report.entriesAdded : m_report.entriesKnown);
    return {};
}

} // namespace lantern::snapshot
