#pragma once
// A parsed FHIR search: which resources match, in which order, from where.
// Results are ordered by (lastUpdated, id); a page continues after the key of
// the last resource of the previous page (keyset paging), so paging costs the
// same on page 1 and page 1,000 and never skips or repeats a resource that
// does not change while the client pages.

#include "FhirJson.h"
#include "SearchIndex.h"

#include "core/common/Result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::sim {

using QueryItems = QList<QPair<QString, QString>>;

struct TokenFilter
{
    Param param;
    QStringList anyOf;
};

struct DateFilter
{
    QString prefix; // eq ne gt ge lt le sa eb
    fhir::TimeRange range;
};

// A date parameter of the resource itself (effective-time, date), not _lastUpdated.
struct ResourceDateFilter
{
    DateParam param;
    DateFilter filter;
};

struct SearchCursor
{
    qint64 searchTimeMs = 0; // when page 1 was served; reported as Bundle.meta.lastUpdated on every page
    qint64 lastUpdatedMs = 0;
    QString id;
};

struct SearchQuery
{
    QString type;
    QStringList ids;      // _id, any of
    QStringList patients; // "Patient/x", any of; empty: no restriction
    QList<TokenFilter> filters;
    QList<DateFilter> lastUpdated;
    QList<ResourceDateFilter> dates;
    int count = 50;
    bool summaryCount = false;
    bool wantTotal = false;
    std::optional<SearchCursor> after;
    QList<Param> includes; // _include: reference parameters whose targets come along (mode include)

    bool matchesLastUpdated(qint64 ms) const;
    bool matchesIndex(const IndexFields& index) const;
    // The narrowest [lo, hi] of lastUpdated the date filters allow.
    qint64 lowerBound() const;
    qint64 upperBound() const;
};

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

// Parses search parameters of `type`. Unknown parameters are ignored unless
// `strict` (Prefer: handling=strict). Errors are InvalidInput (HTTP 400).
Result<SearchQuery> parseSearch(const QString& type, const QueryItems& items, bool strict);

QString encodeCursor(const SearchCursor& c);
std::optional<SearchCursor> decodeCursor(const QString& token);

// The query items of `items` without paging state, for building self/next links.
QueryItems withoutPaging(const QueryItems& items);

} // namespace lantern::sim
