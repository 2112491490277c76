#include "sync/reconcile/EntryUploader.h"

#include "sync/reconcile/EntryResource.h"
#include "core/vault/OutboxRepository.h"

namespace lantern::sync {

StepResult<UploadedAs> EntryUploader::upload(const record::OutboxItem& item, const QJsonObject& resource) const
{
    const record::RecordEntry& entry = item.entry;
    // An amendment is a new resource; only a retraction changes the EHR's copy.
    if (entry.corrects.isEmpty() || !record::isRetraction(entry))
        return create(entry, resource);
    auto corrected = m_outbox.item(entry.corrects);
    if (!corrected.ok())
        return {corrected.error(), FailureKind::Local};
    const bool inEhr = *corrected && !(*corrected)->serverId.isEmpty() &&
                       ((*corrected)->state == record::EntryState::Uploaded ||
                        (*corrected)->state == record::EntryState::EnteredInError);
    if (!inEhr)
        return {ConflictFinding{record::ConflictReason::ServerRejected,
                                QStringLiteral("entry %1 withdraws %2, which is not in the EHR").arg(entry.uuid, entry.corrects)}};
    return correct(entry, **corrected, resource);
}

StepResult<UploadedAs> EntryUploader::create(const record::RecordEntry& entry, const QJsonObject& resource) const
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    auto created = m_client.create(forCreate(withEntryIdentifier(resource, entry.uuid)), entryIdentifierQuery(entry.uuid));
    if (!created.ok())
        return fromFailure<UploadedAs>(created);
    UploadedAs as{serverIdOf(*created, type), created->versionId(), created->info.status == 201};
    if (as.serverId.isEmpty())
        return {Error(ErrorCode::Server, QStringLiteral("the EHR accepted entry %1 but named no resource id").arg(entry.uuid)),
                FailureKind::Transient};
    return {as};
}

StepResult<UploadedAs> EntryUploader::correct(const record::RecordEntry& entry, const record::OutboxItem& corrected,
                                              QJsonObject resource) const
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    // The server copy keeps the original entry's identifier and gains the correction's,
    // so a search by either finds exactly this one resource.
    resource = withEntryIdentifier(withEntryIdentifier(resource, corrected.entry.uuid), entry.uuid);
    resource.remove(QStringLiteral("meta"));
    resource.insert(QStringLiteral("id"), corrected.serverId);
    auto updated = m_client.update(resource, corrected.serverVersionId);
    if (updated.ok())
        return {UploadedAs{corrected.serverId, updated->versionId(), false}};
    if (updated.httpStatus() == 412) {
        // Did an earlier attempt of this correction get through before a crash?
        auto current = m_client.read(type, corrected.serverId);
        if (current.ok() && entryUuidsOf(current->json).contains(entry.uuid))
            return {UploadedAs{corrected.serverId, current->versionId(), false}};
        const QString now = current.ok() ? current->versionId() : QStringLiteral("?");
        return {ConflictFinding{record::ConflictReason::ServerRejected,
                                QStringLiteral("HTTP 412: the EHR copy %1/%2 changed since upload (now v%3, uploaded as v%4): %5")
                                    .arg(type, corrected.serverId, now, corrected.serverVersionId, updated.error().message)}};
    }
    return fromFailure<UploadedAs>(updated);
}

} // namespace lantern::sync
