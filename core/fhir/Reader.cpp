#include "core/fhir/Reader.h"

#include "core/fhir/WhenParser.h"

#include <cmath>
#include <limits>

namespace lantern::fhir {

using namespace Qt::StringLiterals;

bool isValidId(const QString& id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool okChar = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-'
            || u == u'.';
        if (!okChar)
            return false;
    }
    return true;
}

std::optional<model::When> parseWhen(const QString& text)
{
    return parseFhirWhen(text);
}

Reader::Reader(const QJsonObject& resource, QLatin1String expectedType, Id idRule)
    : m_resource(resource)
{
    const QJsonValue typeValue = resource.value("resourceType"_L1);
    const QString type = typeValue.isString() ? typeValue.toString() : QString();
    const QJsonValue idValue = resource.value("id"_L1);
    QString idPart;
    if (idValue.isUndefined())
        idPart = u"(no id)"_s;
    else if (!idValue.isString() || !isValidId(idValue.toString()))
        idPart = u"(invalid id)"_s;
    else
        idPart = idValue.toString();
    m_label = (isValidId(type) ? type : QString(expectedType)) + u'/' + idPart;

    if (typeValue.isUndefined())
        fail(u"resourceType"_s, u"is missing"_s);
    else if (!typeValue.isString())
        fail(u"resourceType"_s, u"is not a string"_s);
    else if (type != expectedType)
        fail(u"resourceType"_s, u"is not "_s + QString(expectedType));
    else if (idValue.isUndefined() && idRule == Id::Required)
        fail(u"id"_s, u"is missing"_s);
    else if (idValue.isUndefined())
        return;
    else if (!idValue.isString())
        fail(u"id"_s, u"is not a string"_s);
    else if (!isValidId(idValue.toString()))
        fail(u"id"_s, u"is not a valid FHIR id (1-64 letters, digits, '-' or '.')"_s);
}

Error Reader::error() const
{
    return m_error ? *m_error : Error(ErrorCode::Internal, m_label + u": no error recorded"_s);
}

void Reader::fail(const QString& path, const QString& problem)
{
    if (!m_error)
        m_error = Error(ErrorCode::InvalidInput, m_label + u": "_s + path + u' ' + problem);
}

QString Reader::at(const QString& path, QLatin1String key)
{
    return path.isEmpty() ? QString(key) : path + u'.' + key;
}

QString Reader::at(const QString& path, QLatin1String key, qsizetype index)
{
    return at(path, key) + u'[' + QString::number(index) + u']';
}

model::ResourceMeta Reader::meta()
{
    model::ResourceMeta meta;
    meta.id = string(m_resource, "id"_L1);
    const QJsonObject m = object(m_resource, "meta"_L1);
    meta.versionId = string(m, "versionId"_L1, u"meta"_s);
    meta.lastUpdated = dateTime(m, "lastUpdated"_L1, u"meta"_s);
    return meta;
}

QJsonValue Reader::present(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue v = obj.value(key);
    if (v.isNull()) {
        fail(at(path, key), u"is null"_s);
        return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

QString Reader::string(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonValue v = present(obj, key, path);
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        fail(at(path, key), u"is not a string"_s);
        return {};
    }
    return v.toString();
}

QString Reader::requiredString(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    if (ok() && obj.value(key).isUndefined()) {
        fail(at(path, key), u"is missing"_s);
        return {};
    }
    return string(obj, key, path);
}

std::optional<double> Reader::number(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonValue v = present(obj, key, path);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isDouble()) {
        fail(at(path, key), u"is not a number"_s);
        return std::nullopt;
    }
    return v.toDouble();
}

std::optional<int> Reader::integer(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const std::optional<double> d = number(obj, key, path);
    if (!d)
        return std::nullopt;
    if (std::abs(*d) > static_cast<double>(std::numeric_limits<int>::max()) || *d != std::trunc(*d)) {
        fail(at(path, key), u"is not an integer"_s);
        return std::nullopt;
    }
    return static_cast<int>(*d);
}

std::optional<bool> Reader::boolean(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonValue v = present(obj, key, path);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isBool()) {
        fail(at(path, key), u"is not a boolean"_s);
        return std::nullopt;
    }
    return v.toBool();
}

QJsonObject Reader::object(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonValue v = present(obj, key, path);
    if (v.isUndefined())
        return {};
    if (!v.isObject()) {
        fail(at(path, key), u"is not an object"_s);
        return {};
    }
    return v.toObject();
}

QList<QJsonObject> Reader::objects(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonValue v = present(obj, key, path);
    if (v.isUndefined())
        return {};
    if (!v.isArray()) {
        fail(at(path, key), u"is not an array"_s);
        return {};
    }
    const QJsonArray array = v.toArray();
    QList<QJsonObject> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            fail(at(path, key, i), u"is not an object"_s);
            return {};
        }
        out << array.at(i).toObject();
    }
    return out;
}

QStringList Reader::strings(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonValue v = present(obj, key, path);
    if (v.isUndefined())
        return {};
    if (!v.isArray()) {
        fail(at(path, key), u"is not an array"_s);
        return {};
    }
    const QJsonArray array = v.toArray();
    QStringList out;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(at(path, key, i), u"is not a string"_s);
            return {};
        }
        out << array.at(i).toString();
    }
    return out;
}

model::When Reader::dateTime(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QString text = string(obj, key, path);
    if (text.isEmpty())
        return {};
    std::optional<model::When> w = parseWhen(text);
    if (!w) {
        fail(at(path, key), u"is not a valid FHIR date or dateTime"_s);
        return {};
    }
    return *w;
}

model::Coding Reader::codingAt(const QJsonObject& obj, const QString& path)
{
    model::Coding c;
    c.system = string(obj, "system"_L1, path);
    c.code = string(obj, "code"_L1, path);
    c.display = string(obj, "display"_L1, path);
    return c;
}

model::CodeableConcept Reader::codeableAt(const QJsonObject& obj, const QString& path)
{
    model::CodeableConcept cc;
    const QList<QJsonObject> codings = objects(obj, "coding"_L1, path);
    for (qsizetype i = 0; i < codings.size(); ++i)
        cc.codings << codingAt(codings.at(i), at(path, "coding"_L1, i));
    cc.text = string(obj, "text"_L1, path);
    return cc;
}

model::Quantity Reader::quantityAt(const QJsonObject& obj, const QString& path)
{
    model::Quantity q;
    q.value = number(obj, "value"_L1, path);
    q.unit = string(obj, "unit"_L1, path);
    q.system = string(obj, "system"_L1, path);
    q.code = string(obj, "code"_L1, path);
    q.comparator = string(obj, "comparator"_L1, path);
    return q;
}

model::Coding Reader::coding(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonObject o = object(obj, key, path);
    return o.isEmpty() ? model::Coding() : codingAt(o, at(path, key));
}

model::CodeableConcept Reader::codeable(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonObject o = object(obj, key, path);
    return o.isEmpty() ? model::CodeableConcept() : codeableAt(o, at(path, key));
}

QList<model::CodeableConcept> Reader::codeables(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    QList<model::CodeableConcept> out;
    const QList<QJsonObject> list = objects(obj, key, path);
    for (qsizetype i = 0; i < list.size(); ++i)
        out << codeableAt(list.at(i), at(path, key, i));
    return out;
}

model::Quantity Reader::quantity(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonObject o = object(obj, key, path);
    return o.isEmpty() ? model::Quantity() : quantityAt(o, at(path, key));
}

model::Reference Reader::reference(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonObject o = object(obj, key, path);
    model::Reference r;
    if (o.isEmpty())
        return r;
    r.reference = string(o, "reference"_L1, at(path, key));
    r.display = string(o, "display"_L1, at(path, key));
    return r;
}

model::Period Reader::period(const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonObject o = object(obj, key, path);
    model::Period p;
    if (o.isEmpty())
        return p;
    p.start = dateTime(o, "start"_L1, at(path, key));
    p.end = dateTime(o, "end"_L1, at(path, key));
    return p;
}

QStringList Reader::notes(const QJsonObject& obj, const QString& path)
{
    QStringList out;
    const QList<QJsonObject> list = objects(obj, "note"_L1, path);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString text = string(list.at(i), "text"_L1, at(path, "note"_L1, i));
        if (!text.isEmpty())
            out << text;
    }
    return out;
}

} // namespace lantern::fhir
