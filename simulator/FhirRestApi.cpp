#include "FhirRestApi.h"

#include "BulkExport.h"
#include "FhirJson.h"
#include "Validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

ApiResponse methodNotAllowed(const QByteArray& method, const QString& what)
{
    return ApiResponse::outcome(405, u"not-supported"_s,
        QString::fromLatin1(method) + u" is not allowed on "_s + what + u"."_s);
}

ApiResponse resourceResponse(const QString& type, const QString& id, const StoredVersion& v, const QString& base)
{
    ApiResponse r = ApiResponse::raw(200, v.json, QByteArrayLiteral("application/fhir+json"));
    r.setHeader("ETag", fhir::etag(v.versionId).toUtf8());
    r.setHeader("Last-Modified", fhir::httpDate(v.lastUpdatedMs));
    r.setHeader("Content-Location",
        (base + u'/' + fhir::refOf(type, id) + u"/_history/"_s + QString::number(v.versionId)).toUtf8());
    r.countServed(type);
    return r;
}

ApiResponse noTypeHistory(const QString& what)
{
    return ApiResponse::outcome(404, u"not-supported"_s, what + u" is not offered by this server."_s);
}

ApiResponse gone(const QString& type, const QString& id, const StoredVersion& v)
{
    ApiResponse r = ApiResponse::outcome(410, u"deleted"_s, fhir::refOf(type, id) + u" was deleted."_s);
    r.setHeader("ETag", fhir::etag(v.versionId).toUtf8());
    return r;
}

} // namespace

bool preferHas(const ApiRequest& req, const QString& token)
{
    const QStringList parts = req.header("prefer").split(QRegularExpression(u"[,;]"_s), Qt::SkipEmptyParts);
    for (const QString& p : parts)
        if (p.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

ApiResponse writeResponse(const ApiRequest& req, const WriteOutcome& w, int status)
{
    ApiResponse r;
    if (preferHas(req, u"return=minimal"_s))
        r = ApiResponse::empty(status);
    else if (preferHas(req, u"return=OperationOutcome"_s))
        r = ApiResponse::outcome(status, u"informational"_s, fhir::refOf(w.type, w.id) + u" saved."_s, u"information"_s);
    else
        r = ApiResponse::raw(status, w.version.json, QByteArrayLiteral("application/fhir+json"));
    const QByteArray location = (req.base + u'/' + fhir::refOf(w.type, w.id) + u"/_history/"_s
        + QString::number(w.version.versionId)).toUtf8();
    r.setHeader("ETag", fhir::etag(w.version.versionId).toUtf8());
    r.setHeader("Last-Modified", fhir::httpDate(w.version.lastUpdatedMs));
    r.setHeader(status == 201 ? QByteArrayLiteral("Location") : QByteArrayLiteral("Content-Location"), location);
    return r;
}

FhirRestApi::FhirRestApi(FhirStore& store, BulkExportManager& exports)
    : m_store(store), m_exports(exports), m_transactions(store)
{
}

ApiResponse FhirRestApi::handle(const ApiRequest& req)
{
    const QStringList parts = req.path.split(u'/', Qt::SkipEmptyParts);
    const QByteArray& m = req.method;
    m_gate.count(QString::fromLatin1(m) + QLatin1Char(' ') + (parts.isEmpty() ? u"(bundle)"_s : parts.first()));
    if (parts.isEmpty())
        return m == "POST" ? bundle(req) : methodNotAllowed(m, u"the FHIR base"_s);
    const QString& first = parts.first();
    if (first == u"metadata"_s && parts.size() == 1)
        return m == "GET" ? capability(req) : methodNotAllowed(m, u"metadata"_s);
    if (first == u"_history"_s && parts.size() == 1) {
        if (!m_typeHistory)
            return noTypeHistory(u"_history"_s);
        return m == "GET" ? history(req, {}, {}) : methodNotAllowed(m, u"_history"_s);
    }
    if (first == u"$export"_s && parts.size() == 1)
        return m == "GET" ? m_exports.kickOff(req, ExportLevel::System, {}) : methodNotAllowed(m, u"$export"_s);
    if (first == u"$export-status"_s && parts.size() == 2) {
        if (m == "GET")
            return m_exports.poll(parts.at(1), req);
        return m == "DELETE" ? m_exports.cancel(parts.at(1)) : methodNotAllowed(m, u"an export job"_s);
    }
    if (first == u"$export-output"_s && parts.size() == 3)
        return m == "GET" ? m_exports.file(parts.at(1), parts.at(2)) : methodNotAllowed(m, u"export output"_s);
    if (!fhir::isKnownResourceType(first))
        return ApiResponse::outcome(404, u"not-supported"_s, u"'"_s + first + u"' is not a FHIR R4 resource type."_s);
    return handleType(req, parts);
}

ApiResponse FhirRestApi::handleType(const ApiRequest& req, const QStringList& parts)
{
    const QByteArray& m = req.method;
    const QString& type = parts.first();
    if (parts.size() == 1) {
        if (m == "GET")
            return search(req, type, req.query);
        return m == "POST" ? create(req, type) : methodNotAllowed(m, type);
    }
    const QString& second = parts.at(1);
    if (parts.size() == 2 && second == u"_search"_s && m == "POST") {
        QString unused;
        QueryItems items;
        splitTarget(u"?"_s + QString::fromUtf8(req.body), unused, items);
        return search(req, type, req.query + items);
    }
    if (parts.size() == 2 && second == u"_history"_s) {
        if (!m_typeHistory)
            return noTypeHistory(type + u"/_history"_s);
        return m == "GET" ? history(req, type, {}) : methodNotAllowed(m, type + u"/_history"_s);
    }
    if (parts.size() == 2 && second == u"$export"_s && type == u"Patient"_s)
        return m == "GET" ? m_exports.kickOff(req, ExportLevel::Patient, {}) : methodNotAllowed(m, u"$export"_s);
    if (!fhir::isValidId(second))
        return ApiResponse::outcome(400, u"invalid"_s, u"'"_s + second + u"' is not a valid FHIR id."_s);
    if (parts.size() == 2) {
        if (m == "GET")
            return read(req, type, second);
        if (m == "PUT")
            return update(req, type, second);
        return m == "DELETE" ? remove(req, type, second) : methodNotAllowed(m, type + u"/id"_s);
    }
    if (parts.size() == 3 && parts.at(2) == u"$export"_s && type == u"Group"_s)
        return m == "GET" ? m_exports.kickOff(req, ExportLevel::Group, second) : methodNotAllowed(m, u"$export"_s);
    if (parts.size() == 3 && parts.at(2) == u"_history"_s)
        return m == "GET" ? history(req, type, second) : methodNotAllowed(m, u"_history"_s);
    if (parts.size() == 4 && parts.at(2) == u"_history"_s)
        return m == "GET" ? vread(type, second, parts.at(3)) : methodNotAllowed(m, u"a version"_s);
    return ApiResponse::outcome(404, u"not-found"_s, u"No such endpoint: "_s + req.path);
}

ApiResponse FhirRestApi::read(const ApiRequest& req, const QString& type, const QString& id)
{
    const auto v = m_store.current(type, id);
    if (!v)
        return ApiResponse::outcome(404, u"not-found"_s, fhir::refOf(type, id) + u" does not exist."_s);
    if (v->deleted())
        return gone(type, id, *v);
    ApiResponse r = resourceResponse(type, id, *v, req.base);
    if (fhir::parseETag(req.header("if-none-match")) == v->versionId)
        return ApiResponse::empty(304); // no body crossed the wire
    return r;
}

ApiResponse FhirRestApi::vread(const QString& type, const QString& id, const QString& vid)
{
    bool ok = false;
    const int n = vid.toInt(&ok);
    const auto v = ok ? m_store.version(type, id, n) : std::nullopt;
    if (!v)
        return ApiResponse::outcome(404, u"not-found"_s,
            fhir::refOf(type, id) + u" has no version "_s + vid + u"."_s);
    if (v->deleted())
        return gone(type, id, *v);
    ApiResponse r = ApiResponse::raw(200, v->json, QByteArrayLiteral("application/fhir+json"));
    r.setHeader("ETag", fhir::etag(v->versionId).toUtf8());
    r.setHeader("Last-Modified", fhir::httpDate(v->lastUpdatedMs));
    r.countServed(type);
    return r;
}

ApiResponse FhirRestApi::create(const ApiRequest& req, const QString& type)
{
    auto parsed = parseResourceBody(req.body);
    if (!parsed)
        return ApiResponse::fromError(parsed.error());
    QJsonObject resource = std::move(parsed).value();
    if (auto valid = validateResource(resource, type); !valid)
        return ApiResponse::fromError(valid.error());
    const QString ifNoneExist = req.header("if-none-exist");
    std::optional<SearchQuery> condition;
    if (!ifNoneExist.isEmpty()) {
        QString unused;
        QueryItems items;
        splitTarget(u"?"_s + ifNoneExist, unused, items);
        auto q = parseSearch(type, items, false);
        if (!q)
            return ApiResponse::fromError(q.error());
        condition = q.value();
    }
    // The check and the create happen under one lock: two concurrent retries cannot both create.
    std::optional<std::pair<QString, StoredVersion>> existing;
    auto written = m_store.write([&](StoreWriter& w) -> Result<WriteOutcome> {
        if (condition) {
            const QStringList ids = w.matchIds(*condition);
            if (ids.size() > 1)
                return Error(ErrorCode::Conflict,
                    u"If-None-Exist matched "_s + QString::number(ids.size()) + u" resources; make the criteria unique."_s);
            if (ids.size() == 1) {
                existing = std::make_pair(ids.first(), *w.current(type, ids.first()));
                return WriteOutcome{type, ids.first(), existing->second, false};
            }
        }
        return w.create(resource);
    });
    if (!written)
        return ApiResponse::fromError(written.error(), 412);
    return writeResponse(req, written.value(), existing ? 200 : 201);
}

ApiResponse FhirRestApi::update(const ApiRequest& req, const QString& type, const QString& id)
{
    auto parsed = parseResourceBody(req.body);
    if (!parsed)
        return ApiResponse::fromError(parsed.error());
    QJsonObject resource = std::move(parsed).value();
    if (resource.value(u"id"_s).toString() != id)
        return ApiResponse::outcome(400, u"invalid"_s, u"The resource id must be present and equal the id in the URL."_s);
    if (auto valid = validateResource(resource, type); !valid)
        return ApiResponse::fromError(valid.error());
    std::optional<int> ifMatch;
    const QString ifMatchHeader = req.header("if-match");
    if (!ifMatchHeader.isEmpty()) {
        ifMatch = fhir::parseETag(ifMatchHeader);
        if (!ifMatch)
            return ApiResponse::outcome(400, u"invalid"_s, u"If-Match must be a version ETag like W/\"3\"."_s);
    }
    auto written = m_store.put(resource, ifMatch);
    if (!written)
        return ApiResponse::fromError(written.error(), ifMatch ? 412 : 409);
    return writeResponse(req, written.value(), written->created ? 201 : 200);
}

ApiResponse FhirRestApi::remove(const ApiRequest& req, const QString& type, const QString& id)
{
    std::optional<int> ifMatch;
    if (!req.header("if-match").isEmpty()) {
        ifMatch = fhir::parseETag(req.header("if-match"));
        if (!ifMatch)
            return ApiResponse::outcome(400, u"invalid"_s, u"If-Match must be a version ETag like W/\"3\"."_s);
    }
    auto removed = m_store.remove(type, id, ifMatch);
    if (!removed)
        return ApiResponse::fromError(removed.error(), 412);
    ApiResponse r = ApiResponse::empty(204);
    r.setHeader("ETag", fhir::etag(removed->version.versionId).toUtf8());
    return r;
}

ApiResponse FhirRestApi::bundle(const ApiRequest& req)
{
    auto parsed = parseResourceBody(req.body);
    if (!parsed)
        return ApiResponse::fromError(parsed.error());
    const QJsonObject b = parsed.value();
    if (b.value(u"resourceType"_s).toString() != u"Bundle"_s)
        return ApiResponse::outcome(400, u"invalid"_s, u"POST to the base needs a Bundle."_s);
    const QString type = b.value(u"type"_s).toString();
    if (type == u"batch"_s)
        return batch(req, b);
    if (type == u"transaction"_s) {
        if (!m_gate.offered())
            return ApiResponse::outcome(405, u"not-supported"_s, u"This server does not offer transactions."_s);
        return transaction(req, b);
    }
    return ApiResponse::outcome(400, u"invalid"_s, u"Bundle.type must be transaction or batch."_s);
}

QJsonObject FhirRestApi::subRequestEntry(const ApiRequest& outer, const QJsonObject& entry)
{
    const QJsonObject request = entry.value(u"request"_s).toObject();
    ApiRequest sub;
    sub.method = request.value(u"method"_s).toString().toUtf8();
    sub.base = outer.base;
    splitTarget(request.value(u"url"_s).toString(), sub.path, sub.query);
    if (entry.contains(u"resource"_s))
        sub.body = QJsonDocument(entry.value(u"resource"_s).toObject()).toJson(QJsonDocument::Compact);
    if (request.contains(u"ifMatch"_s))
        sub.headers.insert("if-match", request.value(u"ifMatch"_s).toString().toUtf8());
    if (request.contains(u"ifNoneExist"_s))
        sub.headers.insert("if-none-exist", request.value(u"ifNoneExist"_s).toString().toUtf8());
    sub.headers.insert("prefer", outer.headers.value("prefer"));
    const bool nested = sub.method == "POST" && sub.path.split(u'/', Qt::SkipEmptyParts).isEmpty();
    const ApiResponse r = nested ? ApiResponse::outcome(400, u"invalid"_s, u"Bundles cannot be nested."_s) : handle(sub);
    QJsonObject response{{u"status"_s, httpStatusLine(r.status)}};
    if (!r.header("ETag").isEmpty())
        response.insert(u"etag"_s, QString::fromUtf8(r.header("ETag")));
    const QByteArray location = r.header("Location");
    if (!location.isEmpty())
        response.insert(u"location"_s, QString::fromUtf8(location).mid(outer.base.size() + 1));
    QJsonObject out;
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (r.status >= 400)
        response.insert(u"outcome"_s, body);
    else if (!body.isEmpty())
        out.insert(u"resource"_s, body);
    out.insert(u"response"_s, response);
    return out;
}

ApiResponse FhirRestApi::batch(const ApiRequest& req, const QJsonObject& b)
{
    QJsonArray entries;
    const QJsonArray in = b.value(u"entry"_s).toArray();
    for (const QJsonValue& e : in)
        entries.append(subRequestEntry(req, e.toObject()));
    return ApiResponse::json(200,
        QJsonObject{{u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"batch-response"_s}, {u"entry"_s, entries}});
}

ApiResponse FhirRestApi::transaction(const ApiRequest& req, const QJsonObject& b)
{
    TransactionOptions options;
    options.includeResources = !preferHas(req, u"return=minimal"_s);
    m_gate.passTransaction(int(b.value(u"entry"_s).toArray().size()));
    auto applied = m_transactions.apply(b, options);
    if (!applied)
        return ApiResponse::fromError(applied.error(), 412);
    QJsonObject response = applied->responseBundle;
    if (!applied->getEntries.isEmpty()) {
        QJsonArray entries = response.value(u"entry"_s).toArray();
        const QJsonArray in = b.value(u"entry"_s).toArray();
        for (int i : std::as_const(applied->getEntries))
            entries[i] = subRequestEntry(req, in.at(i).toObject());
        response.insert(u"entry"_s, entries);
    }
    return ApiResponse::json(200, response);
}

} // namespace lantern::sim
