// FhirRestApi's Bundle-producing reads: search (searchset) and history, with
// next links carrying a cursor, and the CapabilityStatement.
#include "FhirRestApi.h"

#include "FhirJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

QJsonObject link(const QString& relation, const QString& url)
{
    return QJsonObject{{u"relation"_s, relation}, {u"url"_s, url}};
}

QString pagedUrl(const ApiRequest& req, const QueryItems& items, const QString& cursor)
{
    QueryItems next = withoutPaging(items);
    next.append({u"_cursor"_s, cursor});
    return req.base + u'/' + req.path + u'?' + buildQuery(next);
}

QJsonObject bundleShell(const QString& type, qint64 timeMs)
{
    return QJsonObject{{u"resourceType"_s, u"Bundle"_s},
        {u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {u"meta"_s, QJsonObject{{u"lastUpdated"_s, fhir::instant(timeMs)}}}, {u"type"_s, type}};
}

// _elements: the listed top-level elements, id and meta; marked SUBSETTED as
// FHIR asks, so no client mistakes it for the whole resource.
QJsonObject subsetted(const QJsonObject& resource, const QStringList& elements)
{
    QJsonObject out{{u"resourceType"_s, resource.value(u"resourceType"_s)}, {u"id"_s, resource.value(u"id"_s)}};
    for (const QString& element : elements)
        if (resource.contains(element))
            out.insert(element, resource.value(element));
    QJsonObject meta = resource.value(u"meta"_s).toObject();
    QJsonArray tags = meta.value(u"tag"_s).toArray();
    tags.append(QJsonObject{{u"system"_s, u"http://terminology.hl7.org/CodeSystem/v3-ObservationValue"_s},
        {u"code"_s, u"SUBSETTED"_s}});
    meta.insert(u"tag"_s, tags);
    out.insert(u"meta"_s, meta);
    return out;
}

} // namespace

ApiResponse FhirRestApi::search(const ApiRequest& req, const QString& type, const QueryItems& items)
{
    auto q = parseSearch(type, items, preferHas(req, u"handling=strict"_s));
    if (!q)
        return ApiResponse::fromError(q.error());
    const SearchPage page = m_store.search(*q);
    QJsonObject bundle = bundleShell(u"searchset"_s, page.searchTimeMs);
    if (page.total >= 0)
        bundle.insert(u"total"_s, page.total);
    QJsonArray links{link(u"self"_s, req.base + u'/' + req.path + (items.isEmpty() ? QString() : u'?' + buildQuery(items)))};
    if (page.next)
        links.append(link(u"next"_s, pagedUrl(req, items, encodeCursor(*page.next))));
    bundle.insert(u"link"_s, links);
    QJsonArray entries;
    QStringList included; // "Type/id", each once per page
    for (const QByteArray& json : page.resources) {
        const QJsonObject resource = QJsonDocument::fromJson(json).object();
        entries.append(QJsonObject{
            {u"fullUrl"_s, QString(req.base + u'/' + type + u'/' + resource.value(u"id"_s).toString())},
            {u"resource"_s, q->elements.isEmpty() ? resource : subsetted(resource, q->elements)},
            {u"search"_s, QJsonObject{{u"mode"_s, u"match"_s}}}});
        for (const Param p : std::as_const(q->includes)) {
            const QString field = p == Param::Device ? u"device"_s : u"medicationReference"_s;
            const QString ref = resource.value(field).toObject().value(u"reference"_s).toString().section(u'/', -2);
            if (ref.count(u'/') == 1 && !included.contains(ref))
                included.append(ref);
        }
    }
    for (const QString& ref : std::as_const(included)) {
        const auto target = m_store.readObject(ref.section(u'/', 0, 0), ref.section(u'/', 1));
        if (target)
            entries.append(QJsonObject{{u"fullUrl"_s, QString(req.base + u'/' + ref)}, {u"resource"_s, *target},
                {u"search"_s, QJsonObject{{u"mode"_s, u"include"_s}}}});
    }
    if (q->summaryCount)
        return ApiResponse::json(200, bundle);
    bundle.insert(u"entry"_s, entries);
    ApiResponse r = ApiResponse::json(200, bundle);
    if (q->elements.isEmpty()) // a subset is not a resource body (WireStats)
        r.countServed(type, page.resources.size());
    for (const QString& ref : std::as_const(included))
        r.countServed(ref.section(u'/', 0, 0));
    return r;
}

ApiResponse FhirRestApi::history(const ApiRequest& req, const QString& type, const QString& id)
{
    HistoryQuery q;
    q.type = type;
    q.id = id;
    qint64 searchTime = m_store.clock().nowMSecs();
    for (const auto& [name, value] : req.query) {
        if (name == u"_since"_s) {
            q.sinceMs = fhir::parseInstant(value);
            if (!q.sinceMs)
                return ApiResponse::outcome(400, u"invalid"_s, u"_since must be a FHIR instant."_s);
        } else if (name == u"_count"_s) {
            bool ok = false;
            q.count = std::clamp(value.toInt(&ok), 0, kMaxPageSize);
            if (!ok)
                return ApiResponse::outcome(400, u"invalid"_s, u"_count must be a whole number."_s);
        } else if (name == u"_cursor"_s) {
            const QStringList parts = value.split(u'.');
            bool ok1 = false, ok2 = false;
            if (parts.size() == 2) {
                searchTime = parts.at(0).toLongLong(&ok1);
                q.before = parts.at(1).toLongLong(&ok2);
            }
            if (!ok1 || !ok2)
                return ApiResponse::outcome(400, u"invalid"_s, u"The history cursor is not valid; start again."_s);
        }
    }
    if (!type.isEmpty() && !id.isEmpty() && !m_store.current(type, id))
        return ApiResponse::outcome(404, u"not-found"_s, fhir::refOf(type, id) + u" does not exist."_s);
    const HistoryPage page = m_store.history(q);
    QJsonObject bundle = bundleShell(u"history"_s, searchTime);
    QJsonArray links{link(u"self"_s, req.url())};
    if (page.next)
        links.append(link(u"next"_s,
            pagedUrl(req, req.query, QString::number(searchTime) + u'.' + QString::number(*page.next))));
    bundle.insert(u"link"_s, links);
    QJsonArray entries;
    QHash<QString, qint64> served;
    for (const HistoryItem& item : page.items) {
        const StoredVersion& v = item.version;
        QJsonObject entry{{u"fullUrl"_s, QString(req.base + u'/' + fhir::refOf(item.type, item.id))}};
        QString method = u"PUT"_s, url = fhir::refOf(item.type, item.id);
        int status = 200;
        if (v.method == WriteMethod::Delete) {
            method = u"DELETE"_s;
            status = 204;
        } else {
            entry.insert(u"resource"_s, QJsonDocument::fromJson(v.json).object());
            ++served[item.type];
            if (v.method == WriteMethod::Create && v.versionId == 1) {
                method = u"POST"_s;
                url = item.type;
                status = 201;
            }
        }
        entry.insert(u"request"_s, QJsonObject{{u"method"_s, method}, {u"url"_s, url}});
        entry.insert(u"response"_s, QJsonObject{{u"status"_s, httpStatusLine(status)},
                                       {u"etag"_s, fhir::etag(v.versionId)},
                                       {u"lastModified"_s, fhir::instant(v.lastUpdatedMs)}});
        entries.append(entry);
    }
    bundle.insert(u"entry"_s, entries);
    ApiResponse r = ApiResponse::json(200, bundle);
    r.served = served;
    return r;
}

ApiResponse FhirRestApi::capability(const ApiRequest& req)
{
    QStringList types{u"Patient"_s, u"Encounter"_s, u"Location"_s, u"Group"_s, u"MedicationRequest"_s,
        u"MedicationAdministration"_s, u"AllergyIntolerance"_s, u"Condition"_s, u"Device"_s, u"Consent"_s,
        u"Flag"_s, u"Observation"_s, u"MedicationStatement"_s, u"Medication"_s, u"DeviceUseStatement"_s};
    const auto counts = m_store.counts();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (!types.contains(it.key()))
            types.append(it.key());
    QJsonArray resources;
    for (const QString& type : std::as_const(types)) {
        QJsonArray interactions;
        for (const char* i : {"read", "vread", "update", "delete", "history-instance", "history-type", "create",
                 "search-type"})
            if (m_typeHistory || qstrcmp(i, "history-type") != 0)
                interactions.append(QJsonObject{{u"code"_s, QString::fromLatin1(i)}});
        QJsonArray params;
        const QStringList names = supportedParams(type);
        for (const QString& name : names) {
            const bool date = name == u"_lastUpdated"_s || name == u"effective-time"_s || name == u"date"_s;
            const bool number = name == u"_count"_s;
            const bool reference = name == u"patient"_s || name == u"subject"_s || name == u"location"_s
                || name == u"partof"_s || name == u"encounter"_s || name == u"request"_s || name == u"member"_s
                || name == u"context"_s || name == u"medication"_s || name == u"device"_s;
            params.append(QJsonObject{{u"name"_s, name},
                {u"type"_s, date ? u"date"_s : number ? u"number"_s : reference ? u"reference"_s : u"token"_s}});
        }
        const QStringList includes = supportedIncludes(type);
        QJsonObject resource{{u"type"_s, type}, {u"interaction"_s, interactions},
            {u"versioning"_s, u"versioned-update"_s}, {u"readHistory"_s, true}, {u"updateCreate"_s, true},
            {u"conditionalCreate"_s, true}, {u"conditionalUpdate"_s, false}, {u"conditionalDelete"_s, u"not-supported"_s},
            {u"searchParam"_s, params}};
        if (!includes.isEmpty())
            resource.insert(u"searchInclude"_s, QJsonArray::fromStringList(includes));
        if (type == u"Group"_s || type == u"Patient"_s)
            resource.insert(u"operation"_s,
                QJsonArray{QJsonObject{{u"name"_s, u"export"_s},
                    {u"definition"_s, type == u"Group"_s
                            ? u"http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"_s
                            : u"http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export"_s}}});
        resources.append(resource);
    }
    QJsonArray systemInteractions{QJsonObject{{u"code"_s, u"batch"_s}}};
    if (m_gate.offered())
        systemInteractions.append(QJsonObject{{u"code"_s, u"transaction"_s}});
    if (m_typeHistory)
        systemInteractions.append(QJsonObject{{u"code"_s, u"history-system"_s}});
    const QJsonObject rest{{u"mode"_s, u"server"_s},
        {u"documentation"_s, u"Lantern EHR simulator: synthetic data, faults on demand. Not for real patients."_s},
        {u"resource"_s, resources},
        {u"interaction"_s, systemInteractions},
        {u"operation"_s, QJsonArray{QJsonObject{{u"name"_s, u"export"_s},
                             {u"definition"_s, u"http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"_s}}}}};
    const QJsonObject cs{{u"resourceType"_s, u"CapabilityStatement"_s}, {u"status"_s, u"active"_s},
        {u"date"_s, fhir::instant(m_store.clock().nowMSecs())}, {u"kind"_s, u"instance"_s},
        {u"software"_s, QJsonObject{{u"name"_s, u"lantern-ehr-sim"_s}}},
        {u"implementation"_s, QJsonObject{{u"description"_s, u"Lantern EHR simulator"_s}, {u"url"_s, req.base}}},
        {u"fhirVersion"_s, u"4.0.1"_s}, {u"format"_s, QJsonArray{u"application/fhir+json"_s, u"json"_s}},
        {u"instantiates"_s, QJsonArray{u"http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"_s}},
        {u"rest"_s, QJsonArray{rest}}};
    return ApiResponse::json(200, cs);
}

} // namespace lantern::sim
