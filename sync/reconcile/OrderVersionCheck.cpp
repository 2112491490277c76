#include "sync/reconcile/OrderVersionCheck.h"

namespace lantern::sync {

namespace {

bool isDiscontinued(const QString& status)
{
    return status == QLatin1String("stopped") || status == QLatin1String("cancelled") ||
           status == QLatin1String("completed") || status == QLatin1String("entered-in-error");
}

// "3" newer than "2"; non-numeric versions count as newer when they differ.
bool isNewer(const QString& current, const QString& seen)
{
    bool currentNumeric = false, seenNumeric = false;
    const qint64 a = current.toLongLong(&currentNumeric);
    const qint64 b = seen.toLongLong(&seenNumeric);
    if (currentNumeric && seenNumeric)
        return a > b;
    return current != seen;
}

} // namespace

bool OrderVersionCheck::appliesTo(const record::RecordEntry& entry)
{
    return !entry.orderId.isEmpty() &&
           (entry.kind == record::EntryKind::Administration || entry.kind == record::EntryKind::OrderAnnotation);
}

StepResult<bool> OrderVersionCheck::prepare(const QList<record::RecordEntry>& entries)
{
    QStringList ids;
    for (const record::RecordEntry& entry : entries)
        if (appliesTo(entry) && !ids.contains(entry.orderId) && !m_orders.contains(entry.orderId))
            ids.append(entry.orderId);
    if (ids.isEmpty())
        return {true};
    const SearchParams params{{QStringLiteral("_id"), ids.join(QLatin1Char(','))},
                              {QStringLiteral("_count"), QString::number(ids.size())}};
    QHash<QString, OrderState> found;
    auto paged = m_client.searchAll(QStringLiteral("MedicationRequest"), params, [&](const BundlePage& page) {
        const QList<QJsonObject> resources = page.resources();
        for (const QJsonObject& order : resources) {
            const QString id = order.value(QLatin1String("id")).toString();
            const QString version = order.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString();
            // Without a version in the body the read (and its ETag) decides, as before.
            if (order.value(QLatin1String("resourceType")).toString() == QLatin1String("MedicationRequest") && ids.contains(id) &&
                !version.isEmpty())
                found.insert(id, {order.value(QLatin1String("status")).toString(), version});
        }
        return Status();
    });
    if (!paged.ok()) {
        const StepResult<bool> failed = fromFailure<bool>(paged);
        return failed.conflict() ? StepResult<bool>{true} : failed;
    }
    m_orders.insert(found);
    return {true};
}

StepResult<bool> OrderVersionCheck::check(const record::RecordEntry& entry) const
{
    using record::ConflictReason;
    if (auto prepared = m_orders.constFind(entry.orderId); prepared != m_orders.constEnd())
        return judge(entry, *prepared);
    auto order = m_client.read(QStringLiteral("MedicationRequest"), entry.orderId);
    if (!order.ok()) {
        if (order.httpStatus() == 404 || order.httpStatus() == 410)
            return {ConflictFinding{ConflictReason::OrderDiscontinued,
                                    QStringLiteral("order %1 no longer exists in the EHR (HTTP %2)")
                                        .arg(entry.orderId)
                                        .arg(order.httpStatus())}};
        return fromFailure<bool>(order);
    }
    return judge(entry, {order->json.value(QLatin1String("status")).toString(), order->versionId()});
}

StepResult<bool> OrderVersionCheck::judge(const record::RecordEntry& entry, const OrderState& order) const
{
    using record::ConflictReason;
    const QString& status = order.status;
    const QString& version = order.versionId;
    if (isDiscontinued(status))
        return {ConflictFinding{ConflictReason::OrderDiscontinued,
                                QStringLiteral("order %1 is now %2 (v%3)").arg(entry.orderId, status, version)}};
    if (!entry.orderVersionId.isEmpty() && !version.isEmpty() && isNewer(version, entry.orderVersionId))
        return {ConflictFinding{ConflictReason::OrderChanged, QStringLiteral("order %1 is now v%2, recorded against v%3")
                                                                  .arg(entry.orderId, version, entry.orderVersionId)}};
    return {true};
}

} // namespace lantern::sync
