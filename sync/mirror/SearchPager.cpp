#include "sync/mirror/SearchPager.h"

#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/ServerTime.h"

#include <QJsonArray>

namespace lantern::sync {
namespace {

constexpr int kMaxPages = 100'000;

// Is the page the whole rest of the result? `matchesSoFar` includes this page.
bool looksComplete(const BundlePage& page, qint64 matchesOnPage, qint64 matchesSoFar, int pageSize)
{
    if (const std::optional<qint64> total = page.total())
        return *total <= matchesSoFar;
    return matchesOnPage < pageSize;
}

} // namespace

qint64 SearchPager::matchCount(const BundlePage& page)
{
    qint64 n = 0;
    const QJsonArray entries = page.bundle.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& e : entries) {
        const QString mode = e.toObject().value(QLatin1String("search")).toObject().value(QLatin1String("mode")).toString();
        if (mode.isEmpty() || mode == QLatin1String("match"))
            ++n;
    }
    return n;
}

SearchParams SearchPager::withPaging(SearchParams params, bool sorted) const
{
    if (sorted)
        params.append({QStringLiteral("_sort"), QStringLiteral("_lastUpdated")});
    params.append({QStringLiteral("_count"), QString::number(m_pageSize)});
    return params;
}

Status SearchPager::pageAll(const QString& type, const SearchParams& params, const PageCallback& onPage) const
{
    FhirResult<BundlePage> page = m_client.search(type, withPaging(params, false));
    qint64 matches = 0;
    QString previousLink;
    for (int pages = 1;; ++pages) {
        if (!page.ok())
            return page.error();
        const qint64 onThisPage = matchCount(page.value());
        matches += onThisPage;
        LANTERN_TRY(onPage(page.value()));
        const QString link = page.value().nextLink();
        if (link.isEmpty()) {
            // A server that pages by next links is trusted to end them, unless its total says otherwise.
            const std::optional<qint64> total = page.value().total();
            if (total ? *total <= matches : (pages > 1 || onThisPage < m_pageSize))
                return {};
            if (pages > 1) // the server pages, yet its last page says there is more: do not guess
                return Error(ErrorCode::Server,
                             QStringLiteral("the EHR's %1 search ended after %2 of %3 matches; Lantern does not mirror "
                                            "part of the data (check the server's paging)")
                                 .arg(type).arg(matches).arg(page.value().total().value_or(-1)));
            qCInfo(lcMirror).noquote() << type << "search: the server sent" << matches
                                       << "matches and no next link for more; paging by _lastUpdated";
            LANTERN_TRY(stopped());
            return keysetWalk(type, params, onPage);
        }
        if (link == previousLink)
            return Error(ErrorCode::Server, QStringLiteral("the EHR sent the same next link twice in a %1 search").arg(type));
        if (pages >= kMaxPages)
            return Error(ErrorCode::Server, QStringLiteral("the EHR's %1 search did not end after %2 pages").arg(type).arg(pages));
        LANTERN_TRY(stopped());
        previousLink = link;
        page = m_client.followNext(page.value());
    }
}

Status SearchPager::keysetWalk(const QString& type, const SearchParams& params, const PageCallback& onPage) const
{
    QDateTime floor;
    for (int pages = 1; pages <= kMaxPages; ++pages) {
        SearchParams p = params;
        if (floor.isValid())
            p.append({QStringLiteral("_lastUpdated"), QStringLiteral("ge") + fhirInstant(floor)});
        FhirResult<BundlePage> page = m_client.search(type, withPaging(p, true));
        if (!page.ok())
            return page.error();
        const qint64 onThisPage = matchCount(page.value());
        // Sorted ascending, the last match is the newest; check the order instead of trusting it.
        QDateTime newest;
        bool sorted = true;
        const QJsonArray entries = page.value().bundle.value(QLatin1String("entry")).toArray();
        for (const QJsonValue& e : entries) {
            const QJsonObject entry = e.toObject();
            const QString mode = entry.value(QLatin1String("search")).toObject().value(QLatin1String("mode")).toString();
            if (!mode.isEmpty() && mode != QLatin1String("match"))
                continue;
            const QDateTime updated = parseFhirInstant(entry.value(QLatin1String("resource")).toObject()
                                                           .value(QLatin1String("meta")).toObject()
                                                           .value(QLatin1String("lastUpdated")).toString());
            if (!updated.isValid() || (newest.isValid() && updated < newest))
                sorted = false;
            else
                newest = updated;
        }
        LANTERN_TRY(onPage(page.value()));
        if (looksComplete(page.value(), onThisPage, onThisPage, m_pageSize))
            return {};
        if (!sorted)
            return Error(ErrorCode::Server,
                         QStringLiteral("the EHR sends no next links for its %1 search and does not sort it by "
                                        "_lastUpdated; Lantern cannot page it without losing data")
                             .arg(type));
        if (!newest.isValid() || (floor.isValid() && newest <= floor))
            return Error(ErrorCode::Server,
                         QStringLiteral("the EHR sends no next links for its %1 search and more than %2 of its resources "
                                        "share one lastUpdated; Lantern stops rather than mirror part of the data")
                             .arg(type).arg(m_pageSize));
        floor = newest;
        LANTERN_TRY(stopped());
    }
    return Error(ErrorCode::Server, QStringLiteral("the EHR's %1 search did not end after %2 pages").arg(type).arg(kMaxPages));
}

} // namespace lantern::sync
