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

StepResult<bool> OrderVersionCheck::check(const record::RecordEntry& entry) const
{
    using record::ConflictReason;
    auto order = m_client.read(QStringLiteral("MedicationRequest"), entry.orderId);
    if (!order.ok()) {
        if (order.httpStatus() == 404 || order.httpStatus() == 410)
            return {ConflictFinding{ConflictReason::OrderDiscontinued,
                                    QStringLiteral("order %1 no longer exists in the EHR (HTTP %2)")
                                        .arg(entry.orderId)
                                        .arg(order.httpStatus())}};
        return fromFailure<bool>(order);
    }
    const QString status = order->json.value(QLatin1String("status")).toString();
    const QString version = order->versionId();
    if (isDiscontinued(status))
        return {ConflictFinding{ConflictReason::OrderDiscontinued,
                                QStringLiteral("order %1 is now %2 (v%3)").arg(entry.orderId, status, version)}};
    if (!entry.orderVersionId.isEmpty() && !version.isEmpty() && isNewer(version, entry.orderVersionId))
        return {ConflictFinding{ConflictReason::OrderChanged, QStringLiteral("order %1 is now v%2, recorded against v%3")
                                                                  .arg(entry.orderId, version, entry.orderVersionId)}};
    return {true};
}

} // namespace lantern::sync
