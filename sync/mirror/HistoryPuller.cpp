#include "sync/mirror/HistoryPuller.h"

#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/ReferenceFollower.h"
#include "sync/mirror/ServerTime.h"

#include <QJsonArray>

namespace lantern::sync {
namespace {

// "Type/id" of a DELETE entry's request.url (relative, or absolute as some servers write it).
ResourceKey deletedKey(const QJsonObject& request)
{
    QStringList parts = request.value(QLatin1String("url")).toString().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() >= 4 && parts.at(parts.size() - 2) == QLatin1String("_history"))
        parts.resize(parts.size() - 2);
    if (parts.size() < 2)
        return {};
    return {parts.at(parts.size() - 2), parts.last()};
}

} // namespace

Result<QDateTime> HistoryPuller::sinceOf(const QString& type, int overlapSeconds) const
{
    auto cursor = m_ctx.mirror.cursor(cursorName(type));
    if (!cursor.ok())
        return cursor.error();
    if (!cursor->has_value() || !(*cursor)->isValid())
        return Error(ErrorCode::Internal, QStringLiteral("no cursor for %1").arg(type));
    return (*cursor)->addSecs(-overlapSeconds);
}

Status HistoryPuller::pull(const QString& type, int overlapSeconds, const ScopeFilter& filter,
                           MirrorCycleReport& report) const
{
    auto since = sinceOf(type, overlapSeconds);
    if (!since.ok())
        return since.error();
    const Status walked = walk(type, {type}, *since, filter, report);
    return walked.ok() ? walked : walked.error().prefixed(QStringLiteral("incremental pull of %1").arg(type));
}

Status HistoryPuller::pullAll(const QStringList& types, const std::function<int(const QString&)>& overlapSecondsFor,
                              const ScopeFilter& filter, MirrorCycleReport& report) const
{
    QDateTime since;
    for (const QString& type : types) {
        auto from = sinceOf(type, overlapSecondsFor(type));
        if (!from.ok())
            return from.error();
        if (!since.isValid() || *from < since)
            since = *from;
    }
    if (!since.isValid())
        return {};
    const Status walked = walk(QString(), types, since, filter, report);
    return walked.ok() ? walked : walked.error().prefixed(QStringLiteral("incremental pull of the EHR's history"));
}

Status HistoryPuller::walk(const QString& pathType, const QStringList& types, const QDateTime& since,
                           const ScopeFilter& filter, MirrorCycleReport& report) const
{
    const QSet<QString> kept(types.cbegin(), types.cend());
    QDateTime newCursor;
    QSet<QString> seen; // "Type/id" only: bounded by the changes since the cursor
    const SearchParams extra = {{QStringLiteral("_count"), QString::number(m_ctx.pageSize())}};
    auto paged = m_ctx.client.forEachPage(m_ctx.client.history(pathType, since, extra), [&](const BundlePage& page) -> Status {
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
            if (request.value(QLatin1String("method")).toString() == QLatin1String("DELETE")) {
                const ResourceKey key = deletedKey(request);
                const QString typeAndId = key.type + QLatin1Char('/') + key.id;
                if (key.id.isEmpty() || !kept.contains(key.type) || seen.contains(typeAndId))
                    continue;
                seen.insert(typeAndId);
                deletions.append(key);
                continue;
            }
            const QJsonObject resource = entry.value(QLatin1String("resource")).toObject();
            if (resource.isEmpty())
                continue;
            const QString type = resource.value(QLatin1String("resourceType")).toString();
            if (pathType.isEmpty() && !kept.contains(type))
                continue; // the server's other types
            const QString id = resource.value(QLatin1String("id")).toString();
            if (!id.isEmpty()) {
                const QString typeAndId = type + QLatin1Char('/') + id;
                if (seen.contains(typeAndId))
                    continue; // an older version of something already applied
                seen.insert(typeAndId);
            }
            resources.append(resource);
        }
        const bool last = page.nextLink().isEmpty();
        LANTERN_TRY(ReferenceFollower(m_ctx).commitPage(resources, deletions, filter, [&]() -> Status {
            if (!last)
                return {};
            for (const QString& type : types)
                LANTERN_TRY(m_ctx.mirror.setCursor(cursorName(type), newCursor));
            return {};
        }, report));
        return m_ctx.checkStop();
    });
    return paged.ok() ? Status() : Status(paged.error());
}

} // namespace lantern::sync
