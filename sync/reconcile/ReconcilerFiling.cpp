#include "sync/reconcile/ReconcilerFiling.h"

#include "sync/reconcile/BundleUploader.h"
#include "sync/reconcile/ReconcileLogging.h"

#include <utility>

namespace lantern::sync {

void ReconcilerFiling::queue(const record::OutboxItem& item, const QJsonObject& resource)
{
    m_queue.append({item, resource});
}

QList<ReconcilerFiling::Filed> ReconcilerFiling::oneByOne(const QList<Queued>& queued) const
{
    QList<Filed> filed;
    const EntryUploader uploader(m_client, m_outbox);
    for (const Queued& q : queued) {
        filed.append({q.item, uploader.upload(q.item, q.resource)});
        if (filed.last().result.stop())
            break;
    }
    return filed;
}

QList<ReconcilerFiling::Filed> ReconcilerFiling::send()
{
    const QList<Queued> queued = std::exchange(m_queue, {});
    // One entry gains nothing from a Bundle: a conditional create is one round trip too.
    if (!m_transactions || queued.size() < 2)
        return oneByOne(queued);
    QList<BundleEntry> entries;
    for (const Queued& q : queued)
        entries.append({q.item.entry.uuid, q.resource});
    const StepResult<QList<UploadedAs>> bundle = BundleUploader(m_client).upload(entries);
    if (bundle.conflict()) {
        qCInfo(lcReconcile).noquote() << "the EHR refused a Bundle of" << queued.size()
                                      << "entries; filing them one by one:" << bundle.finding().detail;
        return oneByOne(queued);
    }
    if (bundle.stop())
        return {Filed{queued.first().item, {bundle.error(), bundle.stopKind}}};
    ++m_sent;
    QList<Filed> filed;
    for (qsizetype i = 0; i < queued.size(); ++i)
        filed.append({queued.at(i).item, {bundle.value().at(i)}});
    return filed;
}

} // namespace lantern::sync
