#include "core/fhir/ResourceIndex.h"

#include "core/fhir/CensusFacts.h"
#include "core/fhir/ChartBuilder.h"
#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

QString ReferenceResolver::typeAndIdOf(const QString& reference)
{
    if (reference.isEmpty() || reference.startsWith(u'#') || reference.startsWith(u"urn:"_s))
        return {};
    QString path = reference;
    const qsizetype query = path.indexOf(u'?');
    if (query >= 0)
        return {}; // a search ("Patient?identifier=..."): not a literal reference
    QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() >= 4 && parts.at(parts.size() - 2) == u"_history"_s)
        parts.resize(parts.size() - 2);
    if (parts.size() < 2)
        return {};
    const QString& type = parts.at(parts.size() - 2);
    const QString& id = parts.last();
    if (!codes::isR4ResourceType(type) || !isValidId(id))
        return {};
    return type + u'/' + id;
}

QString ReferenceResolver::resolve(const QString& reference) const
{
    const auto it = m_map.constFind(reference);
    if (it != m_map.constEnd())
        return *it;
    return typeAndIdOf(reference);
}

namespace {

// The first of subject / patient / beneficiary that resolves to a Patient.
// A few resources hold a list there (Contract.subject): each element counts.
QString patientOf(Reader& r, const QJsonObject& resource, const ReferenceResolver& refs)
{
    for (const QLatin1String key : {"subject"_L1, "patient"_L1, "beneficiary"_L1}) {
        const QJsonValue v = resource.value(key);
        QList<QJsonObject> candidates;
        QString path = QString(key);
        if (v.isObject()) {
            candidates << v.toObject();
        } else if (v.isArray()) {
            candidates = r.objects(resource, key);
            path += u"[]"_s;
        } else if (!v.isUndefined()) {
            r.fail(path, u"is not a Reference"_s);
            return {};
        }
        for (const QJsonObject& c : candidates) {
            const QString resolved = refs.resolve(r.string(c, "reference"_L1, path));
            if (resolved.startsWith(u"Patient/"_s))
                return resolved.mid(8);
        }
    }
    return {};
}

} // namespace

Result<ResourceIndex> indexResource(const QJsonObject& resource, const ReferenceResolver& refs)
{
    auto index = indexKeys(resource, refs);
    if (index.ok())
        deriveFacts(*index, resource);
    return index;
}

void deriveFacts(ResourceIndex& index, const QJsonObject& resource)
{
    // One mapping for everything derived from the resource: its facts and a Patient's row.
    ChartRead read = readForChart(resource);
    index.censusFacts = censusFacts(index.type, resource, read);
    if (!read.error)
        index.patient = std::move(read.chart.patient);
}

Result<ResourceIndex> indexKeys(const QJsonObject& resource, const ReferenceResolver& refs)
{
    const QJsonValue typeValue = resource.value("resourceType"_L1);
    if (typeValue.isUndefined())
        return Error(ErrorCode::InvalidInput, u"resource: resourceType is missing"_s);
    if (!typeValue.isString())
        return Error(ErrorCode::InvalidInput, u"resource: resourceType is not a string"_s);
    const QString type = typeValue.toString();
    if (!codes::isR4ResourceType(type)) {
        const QString shown = isValidId(type) ? type : u"(unreadable type)"_s;
        return Error(ErrorCode::InvalidInput, shown + u": resourceType is not a FHIR R4 resource type"_s);
    }

    const QByteArray typeLatin = type.toLatin1(); // R4 type names are ASCII
    Reader r(resource, QLatin1String(typeLatin));
    ResourceIndex index;
    index.type = type;
    const model::ResourceMeta meta = r.meta();
    index.id = meta.id;
    index.versionId = meta.versionId;
    index.lastUpdated = meta.lastUpdated.text;

    if (type == u"Patient"_s) {
        index.patientId = index.id;
        const std::optional<bool> active = r.boolean(resource, "active"_L1);
        if (active)
            index.status = *active ? u"active"_s : u"inactive"_s;
    } else {
        index.patientId = patientOf(r, resource, refs);
    }
    if (index.status.isEmpty()) {
        if (resource.contains("status"_L1))
            index.status = r.string(resource, "status"_L1); // a code in every R4 resource that has one
        else
            index.status = r.codeable(resource, "clinicalStatus"_L1).codings.value(0).code;
    }
    if (!r.ok())
        return r.error();
    return index;
}

} // namespace lantern::fhir
