#include "core/fhir/BundleReader.h"

#include "core/fhir/JsonSpan.h"
#include "core/fhir/Reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

const QSet<QString>& bundleTypes()
{
    static const QSet<QString> types = {u"document"_s, u"message"_s, u"transaction"_s, u"transaction-response"_s,
        u"batch"_s, u"batch-response"_s, u"history"_s, u"searchset"_s, u"collection"_s};
    return types;
}

QByteArray withoutBom(const QByteArray& bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
}

std::optional<QJsonObject> parseObject(const QByteArray& bytes, QString* problem)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        *problem = u"is not valid JSON ("_s + err.errorString() + u" at byte "_s + QString::number(err.offset) + u')';
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *problem = u"is not a JSON object"_s;
        return std::nullopt;
    }
    return doc.object();
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void readEntryDetails(const QJsonObject& entry, BundleEntry& out)
{
    const QJsonObject request = entry.value("request"_L1).toObject();
    out.requestMethod = request.value("method"_L1).toString();
    out.requestUrl = request.value("url"_L1).toString();
    out.searchMode = entry.value("search"_L1).toObject().value("mode"_L1).toString();
}

Result<FhirContent> readBundle(const QJsonObject& bundle, const QByteArray& bytes)
{
    FhirContent content;
    content.isBundle = true;
    Reader r(bundle, "Bundle"_L1, Reader::Id::Optional);
    content.bundleId = r.string(bundle, "id"_L1);
    content.bundleType = r.requiredString(bundle, "type"_L1);
    if (r.ok() && !bundleTypes().contains(content.bundleType))
        r.fail(u"type"_s, u"is not a FHIR Bundle type"_s);
    content.total = r.integer(bundle, "total"_L1);
    for (const QJsonObject& link : r.objects(bundle, "link"_L1)) {
        if (link.value("relation"_L1).toString() == u"next"_s)
            content.nextLink = link.value("url"_L1).toString();
    }
    const QJsonValue entryValue = bundle.value("entry"_L1);
    if (r.ok() && !entryValue.isUndefined() && !entryValue.isArray())
        r.fail(u"entry"_s, u"is not an array"_s);
    if (!r.ok())
        return r.error();
    const QJsonArray entries = entryValue.toArray();

    // The exact bytes of each entry's resource, when the scanner agrees with the parser.
    std::optional<QList<JsonSpan>> spans = scanBundleResourceSpans(bytes);
    if (spans && spans->size() != entries.size())
        spans.reset();

    // First pass: fullUrl → Type/id, so references between entries resolve in any order.
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        const QJsonObject res = e.value("resource"_L1).toObject();
        const QString fullUrl = e.value("fullUrl"_L1).toString();
        const QString type = res.value("resourceType"_L1).toString();
        const QString id = res.value("id"_L1).toString();
        if (!fullUrl.isEmpty() && !type.isEmpty() && isValidId(id))
            content.references.add(fullUrl, type + u'/' + id);
    }

    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = u"entry["_s + QString::number(i) + u']';
        const auto fail = [&](const QString& message) {
            content.errors << EntryError{static_cast<int>(i), Error(ErrorCode::InvalidInput, where + message)};
        };
        if (!entries.at(i).isObject()) {
            fail(u" is not an object"_s);
            continue;
        }
        const QJsonObject e = entries.at(i).toObject();
        BundleEntry out;
        out.position = static_cast<int>(i);
        readEntryDetails(e, out);
        const QJsonValue fullUrl = e.value("fullUrl"_L1);
        if (!fullUrl.isUndefined() && !fullUrl.isString()) {
            fail(u".fullUrl is not a string"_s);
            continue;
        }
        out.fullUrl = fullUrl.toString();
        const QJsonValue resource = e.value("resource"_L1);
        if (resource.isUndefined()) {
            const bool isDelete = out.requestMethod == u"DELETE"_s;
            if (isDelete) {
                out.deleted = true;
                const QString typeAndId = ReferenceResolver::typeAndIdOf(out.requestUrl);
                out.index.type = typeAndId.section(u'/', 0, 0);
                out.index.id = typeAndId.section(u'/', 1, 1);
                content.entries << out;
            } else if (!content.bundleType.endsWith(u"-response"_s)) {
                fail(u".resource is missing"_s);
            }
            continue;
        }
        if (!resource.isObject()) {
            fail(u".resource is not an object"_s);
            continue;
        }
        out.resource = resource.toObject();
        Result<ResourceIndex> index = indexResource(out.resource, content.references);
        if (!index.ok()) {
            fail(u": "_s + index.error().message);
            continue;
        }
        out.index = std::move(index).value();
        if (spans && spans->at(i).isValid()) {
            out.raw = spans->at(i).of(bytes);
            out.rawVerbatim = true;
        } else {
            out.raw = compact(out.resource);
        }
        content.entries << out;
    }
    return content;
}

} // namespace

Result<FhirContent> BundleReader::read(const QByteArray& input)
{
    const QByteArray bytes = withoutBom(input);
    QString problem;
    const std::optional<QJsonObject> root = parseObject(bytes, &problem);
    if (!root)
        return Error(ErrorCode::InvalidInput, u"FHIR file "_s + problem);
    if (root->value("resourceType"_L1).toString() == u"Bundle"_s)
        return readBundle(*root, bytes);

    Result<ResourceIndex> index = indexResource(*root);
    if (!index.ok())
        return index.error();
    FhirContent content;
    BundleEntry entry;
    entry.position = 0;
    entry.resource = *root;
    entry.index = std::move(index).value();
    const JsonSpan span = trimmedSpan(bytes);
    entry.raw = span.of(bytes);
    entry.rawVerbatim = true;
    content.entries << entry;
    return content;
}

FhirContent BundleReader::readNdjson(const QByteArray& input)
{
    FhirContent content;
    const QByteArray bytes = withoutBom(input);
    qsizetype lineStart = 0;
    int lineNumber = 0;
    while (lineStart < bytes.size()) {
        qsizetype lineEnd = bytes.indexOf('\n', lineStart);
        if (lineEnd < 0)
            lineEnd = bytes.size();
        ++lineNumber;
        const JsonSpan span = trimmedSpan(bytes, lineStart, lineEnd);
        lineStart = lineEnd + 1;
        if (!span.isValid())
            continue;
        const QString where = u"line "_s + QString::number(lineNumber);
        const QByteArray line = span.of(bytes);
        QString problem;
        const std::optional<QJsonObject> resource = parseObject(line, &problem);
        if (!resource) {
            content.errors << EntryError{lineNumber, Error(ErrorCode::InvalidInput, where + u' ' + problem)};
            continue;
        }
        Result<ResourceIndex> index = indexResource(*resource);
        if (!index.ok()) {
            content.errors << EntryError{lineNumber, index.error().prefixed(where)};
            continue;
        }
        BundleEntry entry;
        entry.position = lineNumber;
        entry.resource = *resource;
        entry.index = std::move(index).value();
        entry.raw = line;
        entry.rawVerbatim = true;
        content.entries << entry;
    }
    return content;
}

} // namespace lantern::fhir
