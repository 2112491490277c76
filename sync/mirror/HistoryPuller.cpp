#include "sync/mirror/HistoryPuller.h"

#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/ReferenceFollower.h"
#include "sync/mirror/ServerTime.h"

#include <QJsonArray>
#include <QSet>

namespace lantern::sync {

Status HistoryPuller::pull(const QString& type, int overlapSeconds, const ScopeFilter& filter,
                           MirrorCycleReport& report) const
{
    auto cursor = m_ctx.mirror.cursor(cursorName(type));
    if (!cursor.ok())
        return cursor.error();
    if (!cursor->has_value() || !(*cursor)->isValid())
        return Error(ErrorCode::Internal, QStringLiteral("no cursor for %1").arg(type));
    const QDateTime since = (*cursor)->addSecs(-overlapSeconds);

    QDateTime newCursor;
    QSet<QString> seen; // ids only: bounded by the changes since the cursor
    const SearchParams extra = {{QStringLiteral("_count"), QString::number(m_ctx.pageSize())}};
    auto paged = m_ctx.client.forEachPage(m_ctx.client.history(type, since, extra), [&](const BundlePage& page) -> Status {
        if (!newCursor.isValid()) {
            auto time = serverTimeOf(page);
            if (!time.ok())
                return time.error();
            newCursor = *time;
        }
        QList<QJsonObject> resources;
        QList<ResourceKey> deletions;
        const QJsonArray entries = page.bundle.value(QLatin1String("entry")).toArray();
        for (const QJsonValue& e : entries) {
            const QJsonObject entry = e.toObject();
            const QJsonObject request = entry.value(QLatin1String("request")).toObject();
            const QJsonObject resource = entry.value(QLatin1String("resource")).toObject();
            QString id = resource.value(QLatin1String("id")).toString();
            if (request.value(QLatin1String("method")).toString() == QLatin1String("DELETE")) {
                const QStringList parts = request.value(QLatin1String("url")).toString().split(QLatin1Char('/'));
                id = parts.size() >= 2 && parts.at(parts.size() - 2) == type ? parts.last() : QString();
                if (id.isEmpty() || seen.contains(id))
                    continue;
                seen.insert(id);
                deletions.append({type, id});
                continue;
            }
            if (resource.isEmpty())
                continue;
            if (!id.isEmpty()) {
                if (seen.contains(id))
                    continue; // an older version of something already applied
                seen.insert(id);
            }
            resources.append(resource);
        }
        const bool last = page.nextLink().isEmpty();
        LANTERN_TRY(ReferenceFollower(m_ctx).commitPage(resources, deletions, filter, [&]() -> Status {
            return last ? m_ctx.mirror.setCursor(cursorName(type), newCursor) : Status();
        }, report));
        return m_ctx.checkStop();
    });
    if (!paged.ok())
        return paged.error().prefixed(QStringLiteral("incremental pull of %1").arg(type));
    return {};
}

} // namespace lantern::sync
