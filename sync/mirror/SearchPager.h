#pragma once
// Every page of a search, whatever the server does about paging. Servers that
// send `next` links are followed. A server that sends none (Medplum's FHIR
// router) must not be mistaken for one that sent everything: when the last
// page says there is more (Bundle.total above what arrived) or, from a server
// that never sent a next link, is full (as many matches as _count asked for,
// without a total), the search starts again
// sorted by _lastUpdated and walks forward with _lastUpdated=ge<last seen>.
// Pages seen twice are harmless (the writer de-duplicates by version). When
// that cannot make progress (more than a page of resources share one instant,
// or the server ignores _sort) the search fails with an error; it never hands
// back part of the data as if it were all.

#include "core/common/Result.h"
#include "sync/fhir/FhirClient.h"

#include <functional>

namespace lantern::sync {

class SearchPager
{
public:
    // `stopRequested` is checked between requests (may be empty).
    SearchPager(const FhirClient& client, int pageSize, std::function<Status()> checkStop = {})
        : m_client(client), m_pageSize(pageSize), m_checkStop(std::move(checkStop))
    {
    }

    // `params` without _count or _sort; onPage sees every page in order.
    Status pageAll(const QString& type, const SearchParams& params, const PageCallback& onPage) const;

    // Entries of the page that are matches (not _include'd extras).
    static qint64 matchCount(const BundlePage& page);

private:
    Status keysetWalk(const QString& type, const SearchParams& params, const PageCallback& onPage) const;
    SearchParams withPaging(SearchParams params, bool sorted) const;
    Status stopped() const { return m_checkStop ? m_checkStop() : Status(); }

    const FhirClient& m_client;
    int m_pageSize;
    std::function<Status()> m_checkStop;
};

} // namespace lantern::sync
