#include "SearchQuery.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

const QStringList kPrefixes{u"eq"_s, u"ne"_s, u"gt"_s, u"ge"_s, u"lt"_s, u"le"_s, u"sa"_s, u"eb"_s};

Error bad(const QString& message)
{
    return Error(ErrorCode::InvalidInput, message);
}

QString normalisePatient(const QString& v)
{
    if (v.contains(u'/'))
        return v.section(u'/', -2);
    return u"Patient/"_s + v;
}

// Does a resource covering [lo, hi] satisfy the filter? "ge" and "le" accept an
// overlap, as FHIR's date search does for ranges.
bool rangeMatches(const DateFilter& f, qint64 lo, qint64 hi)
{
    const auto& r = f.range;
    if (f.prefix == u"eq"_s)
        return lo >= r.lo && hi <= r.hi;
    if (f.prefix == u"ne"_s)
        return hi < r.lo || lo > r.hi;
    if (f.prefix == u"gt"_s || f.prefix == u"sa"_s)
        return hi > r.hi;
    if (f.prefix == u"ge"_s)
        return hi >= r.lo;
    if (f.prefix == u"lt"_s || f.prefix == u"eb"_s)
        return lo < r.lo;
    if (f.prefix == u"le"_s)
        return lo <= r.hi;
    return true;
}

Result<DateFilter> parseDateFilter(const QString& name, const QString& value)
{
    QString prefix = u"eq"_s;
    QString v = value;
    if (v.size() > 2 && kPrefixes.contains(v.left(2))) {
        prefix = v.left(2);
        v = v.mid(2);
    }
    const auto range = fhir::parseTimeRange(v);
    if (!range)
        return bad(name + u" needs a FHIR date or dateTime, optionally with gt/ge/lt/le."_s);
    return DateFilter{prefix, *range};
}

} // namespace

bool SearchQuery::matchesLastUpdated(qint64 ms) const
{
    for (const DateFilter& f : lastUpdated) {
        const auto& r = f.range;
        bool ok = true;
        if (f.prefix == u"eq"_s)
            ok = ms >= r.lo && ms <= r.hi;
        else if (f.prefix == u"ne"_s)
            ok = ms < r.lo || ms > r.hi;
        else if (f.prefix == u"gt"_s || f.prefix == u"sa"_s)
            ok = ms > r.hi;
        else if (f.prefix == u"ge"_s)
            ok = ms >= r.lo;
        else if (f.prefix == u"lt"_s || f.prefix == u"eb"_s)
            ok = ms < r.lo;
        else if (f.prefix == u"le"_s)
            ok = ms <= r.hi;
        if (!ok)
            return false;
    }
    return true;
}

bool SearchQuery::matchesIndex(const IndexFields& index) const
{
    for (const ResourceDateFilter& f : dates) {
        bool any = false;
        for (const DateEntry& d : index.dates)
            any = any || (d.param == f.param && rangeMatches(f.filter, d.lo, d.hi));
        if (!any)
            return false;
    }
    for (const TokenFilter& f : filters) {
        const bool reference = isReferenceParam(f.param);
        bool any = false;
        for (const IndexEntry& e : index.entries) {
            if (e.param != f.param)
                continue;
            for (const QString& wanted : f.anyOf) {
                if (reference ? e.value == wanted : tokenMatches(e.value, wanted)) {
                    any = true;
                    break;
                }
            }
            if (any)
                break;
        }
        if (!any)
            return false;
    }
    return true;
}

qint64 SearchQuery::lowerBound() const
{
    qint64 lo = std::numeric_limits<qint64>::min();
    for (const DateFilter& f : lastUpdated) {
        if (f.prefix == u"eq"_s || f.prefix == u"ge"_s)
            lo = std::max(lo, f.range.lo);
        else if (f.prefix == u"gt"_s || f.prefix == u"sa"_s)
            lo = std::max(lo, f.range.hi + 1);
    }
    return lo;
}

qint64 SearchQuery::upperBound() const
{
    qint64 hi = std::numeric_limits<qint64>::max();
    for (const DateFilter& f : lastUpdated) {
        if (f.prefix == u"eq"_s || f.prefix == u"le"_s)
            hi = std::min(hi, f.range.hi);
        else if (f.prefix == u"lt"_s || f.prefix == u"eb"_s)
            hi = std::min(hi, f.range.lo - 1);
    }
    return hi;
}

Result<SearchQuery> parseSearch(const QString& type, const QueryItems& items, bool strict)
{
    SearchQuery q;
    q.type = type;
    q.count = kDefaultPageSize;
    for (const auto& [rawName, value] : items) {
        // Modifiers (:exact, :missing, ...) are not supported; the plain name is.
        const QString name = rawName.section(u':', 0, 0);
        if (rawName.contains(u':') && strict)
            return bad(u"Search modifier on '"_s + rawName + u"' is not supported by the simulator."_s);
        if (name == u"_id"_s) {
            q.ids.append(value.split(u',', Qt::SkipEmptyParts));
        } else if (name == u"_count"_s) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 0)
                return bad(u"_count must be a non-negative whole number."_s);
            q.count = std::min(n, kMaxPageSize);
        } else if (name == u"_lastUpdated"_s) {
            auto filter = parseDateFilter(name, value);
            if (!filter)
                return filter.error();
            q.lastUpdated.append(filter.value());
        } else if (const auto dp = dateParamByName(type, name)) {
            auto filter = parseDateFilter(name, value);
            if (!filter)
                return filter.error();
            q.dates.append({*dp, filter.value()});
        } else if (name == u"_summary"_s) {
            q.summaryCount = value == u"count"_s;
        } else if (name == u"_elements"_s) {
            q.elements.append(value.split(u',', Qt::SkipEmptyParts));
        } else if (name == u"_total"_s) {
            q.wantTotal = value == u"accurate"_s || value == u"estimate"_s;
        } else if (name == u"_include"_s) {
            const auto p = includeParam(value);
            if (p && value.section(u':', 0, 0) == type)
                q.includes.append(*p);
            else if (strict)
                return bad(u"_include="_s + value.left(80) + u" is not supported on "_s + type + u"."_s);
        } else if (name == u"_cursor"_s) {
            q.after = decodeCursor(value);
            if (!q.after)
                return bad(u"The paging cursor is not valid; start the search again from page 1."_s);
        } else if ((name == u"patient"_s || name == u"subject"_s) && type != u"Patient"_s) {
            const QStringList values = value.split(u',', Qt::SkipEmptyParts);
            QStringList refs;
            for (const QString& v : values)
                refs.append(normalisePatient(v));
            // Repeated patient parameters AND together: keep only the common refs.
            if (q.patients.isEmpty()) {
                q.patients = refs;
            } else {
                QStringList common;
                for (const QString& r : std::as_const(q.patients))
                    if (refs.contains(r))
                        common.append(r);
                q.patients = common.isEmpty() ? QStringList{u"Patient/-none-"_s} : common;
            }
        } else if (const auto p = paramByName(type, name)) {
            TokenFilter f{*p, value.split(u',', Qt::SkipEmptyParts)};
            if (isReferenceParam(*p)) {
                static const QHash<Param, QString> targets{{Param::Location, u"Location"_s},
                    {Param::PartOf, u"Location"_s}, {Param::Encounter, u"Encounter"_s},
                    {Param::Request, u"MedicationRequest"_s}, {Param::Medication, u"Medication"_s},
                    {Param::Device, u"Device"_s}};
                for (QString& v : f.anyOf) {
                    if (v.contains(u'/'))
                        v = v.section(u'/', -2);
                    else if (targets.contains(*p))
                        v = targets.value(*p) + u'/' + v;
                }
            }
            q.filters.append(f);
        } else if (strict && !name.startsWith(u'_')) {
            return bad(u"Search parameter '"_s + name + u"' is not supported on "_s + type + u"."_s);
        }
    }
    return q;
}

QString encodeCursor(const SearchCursor& c)
{
    return QString::number(c.searchTimeMs) + u'.' + QString::number(c.lastUpdatedMs) + u'.' + c.id;
}

std::optional<SearchCursor> decodeCursor(const QString& token)
{
    const int a = token.indexOf(u'.');
    const int b = a < 0 ? -1 : token.indexOf(u'.', a + 1);
    if (a < 0 || b < 0)
        return std::nullopt;
    bool ok1 = false, ok2 = false;
    SearchCursor c;
    c.searchTimeMs = token.left(a).toLongLong(&ok1);
    c.lastUpdatedMs = token.mid(a + 1, b - a - 1).toLongLong(&ok2);
    c.id = token.mid(b + 1);
    if (!ok1 || !ok2 || !fhir::isValidId(c.id))
        return std::nullopt;
    return c;
}

QueryItems withoutPaging(const QueryItems& items)
{
    QueryItems out;
    for (const auto& item : items) {
        if (item.first != u"_cursor"_s)
            out.append(item);
    }
    return out;
}

} // namespace lantern::sim
