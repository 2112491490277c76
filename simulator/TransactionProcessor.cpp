#include "TransactionProcessor.h"

#include "ApiTypes.h"
#include "FhirJson.h"
#include "Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

struct Entry
{
    int index = 0;
    QString method;
    QString fullUrl;
    QString type;
    QString id;
    QJsonObject resource;
    std::optional<int> ifMatch;
    QString ifNoneExist;
    std::optional<WriteOutcome> outcome;
    std::optional<StoredVersion> matched; // conditional create found this one
    bool alreadyDeleted = false;
};

Error entryError(int index, ErrorCode code, const QString& message)
{
    return Error(code, u"entry["_s + QString::number(index) + u"]: "_s + message);
}

int methodRank(const QString& m)
{
    // FHIR's processing order: DELETE, POST, PUT/PATCH, GET.
    return m == u"DELETE"_s ? 0 : m == u"POST"_s ? 1 : m == u"PUT"_s ? 2 : 3;
}

Result<QList<Entry>> parseEntries(const QJsonObject& bundle, const TransactionOptions& options)
{
    QList<Entry> entries;
    const QJsonArray array = bundle.value(u"entry"_s).toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QJsonObject e = array.at(i).toObject();
        Entry entry;
        entry.index = i;
        entry.fullUrl = e.value(u"fullUrl"_s).toString();
        entry.resource = e.value(u"resource"_s).toObject();
        const QJsonObject request = e.value(u"request"_s).toObject();
        entry.method = options.postEverything ? u"POST"_s : request.value(u"method"_s).toString();
        const QString url = options.postEverything ? entry.resource.value(u"resourceType"_s).toString()
                                                   : request.value(u"url"_s).toString();
        entry.ifNoneExist = request.value(u"ifNoneExist"_s).toString();
        if (request.contains(u"ifMatch"_s)) {
            entry.ifMatch = fhir::parseETag(request.value(u"ifMatch"_s).toString());
            if (!entry.ifMatch)
                return entryError(i, ErrorCode::InvalidInput, u"ifMatch is not a valid version ETag."_s);
        }
        QString path;
        QList<QPair<QString, QString>> query;
        splitTarget(url, path, query);
        const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
        if (entry.method == u"GET"_s) {
            entries.append(entry);
            continue;
        }
        if (parts.isEmpty() || !fhir::isKnownResourceType(parts.first()) || !query.isEmpty())
            return entryError(i, ErrorCode::InvalidInput, u"request.url must be Type or Type/id."_s);
        entry.type = parts.first();
        if (entry.method == u"POST"_s) {
            if (parts.size() != 1)
                return entryError(i, ErrorCode::InvalidInput, u"POST needs request.url Type."_s);
        } else if (entry.method == u"PUT"_s || entry.method == u"DELETE"_s) {
            if (parts.size() != 2 || !fhir::isValidId(parts.at(1)))
                return entryError(i, ErrorCode::InvalidInput, entry.method + u" needs request.url Type/id."_s);
            entry.id = parts.at(1);
        } else {
            return entryError(i, ErrorCode::InvalidInput,
                u"request.method must be GET, POST, PUT or DELETE (PATCH is not supported)."_s);
        }
        if (entry.method != u"DELETE"_s) {
            if (entry.resource.value(u"resourceType"_s).toString() != entry.type)
                return entryError(i, ErrorCode::InvalidInput, u"resource type does not match request.url."_s);
            if (entry.method == u"PUT"_s && entry.resource.contains(u"id"_s)
                && entry.resource.value(u"id"_s).toString() != entry.id)
                return entryError(i, ErrorCode::InvalidInput, u"resource.id does not match request.url."_s);
        }
        entries.append(entry);
    }
    return entries;
}

QJsonObject responseEntry(const Entry& e, const TransactionOptions& options)
{
    QJsonObject response;
    QJsonObject out;
    const StoredVersion* v = e.outcome ? &e.outcome->version : (e.matched ? &*e.matched : nullptr);
    if (e.method == u"DELETE"_s) {
        response.insert(u"status"_s, httpStatusLine(e.alreadyDeleted ? 200 : 204));
    } else if (v) {
        const bool created = e.outcome && e.outcome->created;
        response.insert(u"status"_s, httpStatusLine(created ? 201 : 200));
        response.insert(u"location"_s,
            QString(fhir::refOf(e.type, e.outcome ? e.outcome->id : e.id) + u"/_history/"_s + QString::number(v->versionId)));
        response.insert(u"etag"_s, fhir::etag(v->versionId));
        response.insert(u"lastModified"_s, fhir::instant(v->lastUpdatedMs));
        if (options.includeResources)
            out.insert(u"resource"_s, QJsonDocument::fromJson(v->json).object());
    }
    out.insert(u"response"_s, response);
    return out;
}

} // namespace

QJsonObject rewriteReferences(const QJsonObject& object, const QHash<QString, QString>& map)
{
    QJsonObject o = object;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonValue v = it.value();
        if (it.key() == u"reference"_s && v.isString()) {
            const auto found = map.constFind(v.toString());
            if (found != map.constEnd())
                it.value() = *found;
        } else if (v.isObject()) {
            it.value() = rewriteReferences(v.toObject(), map);
        } else if (v.isArray()) {
            QJsonArray a = v.toArray();
            bool any = false;
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (a.at(i).isObject()) {
                    a[i] = rewriteReferences(a.at(i).toObject(), map);
                    any = true;
                }
            }
            if (any)
                it.value() = a;
        }
    }
    return o;
}

QString httpStatusLine(int status)
{
    switch (status) {
    case 200: return u"200 OK"_s;
    case 201: return u"201 Created"_s;
    case 204: return u"204 No Content"_s;
    case 400: return u"400 Bad Request"_s;
    case 404: return u"404 Not Found"_s;
    case 405: return u"405 Method Not Allowed"_s;
    case 409: return u"409 Conflict"_s;
    case 410: return u"410 Gone"_s;
    case 412: return u"412 Precondition Failed"_s;
    case 422: return u"422 Unprocessable Entity"_s;
    default: return QString::number(status);
    }
}

Result<TransactionResult> TransactionProcessor::apply(const QJsonObject& bundle, const TransactionOptions& options)
{
    auto parsed = parseEntries(bundle, options);
    if (!parsed)
        return parsed.error();
    QList<Entry> entries = std::move(parsed).value();
    QList<Entry*> order;
    for (Entry& e : entries)
        order.append(&e);
    std::stable_sort(order.begin(), order.end(),
        [](const Entry* a, const Entry* b) { return methodRank(a->method) < methodRank(b->method); });

    return m_store.write([&](StoreWriter& w) -> Result<TransactionResult> {
        TransactionResult result;
        QSet<QString> targets;
        // 1. Decide every entry's target without writing anything.
        for (Entry* e : std::as_const(order)) {
            if (e->method == u"GET"_s)
                continue;
            if (e->method == u"POST"_s && !e->ifNoneExist.isEmpty()) {
                QString unusedPath;
                QueryItems items;
                splitTarget(u"?"_s + e->ifNoneExist, unusedPath, items);
                auto q = parseSearch(e->type, items, false);
                if (!q)
                    return entryError(e->index, ErrorCode::InvalidInput, q.error().message);
                const QStringList ids = w.matchIds(*q);
                if (ids.size() > 1)
                    return entryError(e->index, ErrorCode::Conflict,
                        u"ifNoneExist matched "_s + QString::number(ids.size()) + u" resources."_s);
                if (ids.size() == 1) {
                    e->id = ids.first();
                    e->matched = w.current(e->type, e->id);
                }
            }
            const QString originalId = e->resource.value(u"id"_s).toString();
            if (e->method == u"POST"_s && e->id.isEmpty())
                e->id = w.reserveId(e->type);
            const QString ref = fhir::refOf(e->type, e->id);
            if (!e->matched && targets.contains(ref))
                return entryError(e->index, ErrorCode::InvalidInput, ref + u" is the target of two entries."_s);
            targets.insert(ref);
            if (!e->fullUrl.isEmpty())
                result.resolved.insert(e->fullUrl, ref);
            if (e->method == u"POST"_s && !originalId.isEmpty())
                result.resolved.insert(fhir::refOf(e->type, originalId), ref);
        }
        // 2. Rewrite references, validate, check preconditions.
        for (Entry* e : std::as_const(order)) {
            if (e->method == u"GET"_s || e->matched)
                continue;
            const auto current = w.current(e->type, e->id);
            if (e->method == u"DELETE"_s) {
                if (!current)
                    return entryError(e->index, ErrorCode::NotFound, fhir::refOf(e->type, e->id) + u" does not exist."_s);
                e->alreadyDeleted = current->deleted();
            } else {
                e->resource = rewriteReferences(e->resource, result.resolved);
                e->resource.insert(u"id"_s, e->id);
                if (auto valid = validateResource(e->resource, e->type); !valid)
                    return entryError(e->index, valid.error().code, valid.error().message);
            }
            if (e->ifMatch && (!current || current->deleted() || current->versionId != *e->ifMatch))
                return entryError(e->index, ErrorCode::Conflict,
                    fhir::refOf(e->type, e->id) + u" is not at the version ifMatch names; read it again."_s);
        }
        // 3. Write. Nothing below can fail for a reason checked above.
        for (Entry* e : std::as_const(order)) {
            if (e->method == u"GET"_s || e->matched || e->alreadyDeleted)
                continue;
            auto written = e->method == u"DELETE"_s ? w.remove(e->type, e->id) : w.put(e->resource);
            if (!written)
                return entryError(e->index, written.error().code, written.error().message);
            e->outcome = written.value();
            result.writes.append(written.value());
        }
        QJsonArray responseEntries;
        for (const Entry& e : std::as_const(entries)) {
            if (e.method == u"GET"_s)
                result.getEntries.append(e.index);
            responseEntries.append(responseEntry(e, options));
        }
        result.responseBundle = QJsonObject{{u"resourceType"_s, u"Bundle"_s},
            {u"type"_s, u"transaction-response"_s}, {u"entry"_s, responseEntries}};
        return result;
    });
}

} // namespace lantern::sim
