#include "sync/reconcile/EntryResource.h"

#include "core/record/RecordEntry.h"

#include <QJsonArray>

namespace lantern::sync {

namespace {

const QString kSystem = QString::fromLatin1(record::kEntryIdentifierSystem);
const QString kUuidPrefix = QStringLiteral("urn:uuid:");

QJsonValue rewrite(const QJsonValue& value, const QString& from, const QString& to)
{
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = rewrite(array.at(i), from, to);
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("reference") && it.value().toString() == from)
            it.value() = to;
        else if (it.value().isObject() || it.value().isArray())
            it.value() = rewrite(it.value(), from, to);
    }
    return object;
}

} // namespace

QString entryIdentifierValue(const QString& uuid)
{
    return kUuidPrefix + uuid;
}

SearchParams entryIdentifierQuery(const QString& uuid)
{
    return {{QStringLiteral("identifier"), kSystem + QLatin1Char('|') + entryIdentifierValue(uuid)}};
}

QJsonObject withEntryIdentifier(QJsonObject resource, const QString& uuid)
{
    if (entryUuidsOf(resource).contains(uuid))
        return resource;
    QJsonArray identifiers = resource.value(QLatin1String("identifier")).toArray();
    identifiers.append(QJsonObject{{QStringLiteral("system"), kSystem}, {QStringLiteral("value"), entryIdentifierValue(uuid)}});
    resource.insert(QStringLiteral("identifier"), identifiers);
    return resource;
}

QStringList entryUuidsOf(const QJsonObject& resource)
{
    QStringList uuids;
    const QJsonArray identifiers = resource.value(QLatin1String("identifier")).toArray();
    for (const QJsonValue& value : identifiers) {
        const QJsonObject identifier = value.toObject();
        const QString text = identifier.value(QLatin1String("value")).toString();
        if (identifier.value(QLatin1String("system")).toString() == kSystem && text.startsWith(kUuidPrefix))
            uuids.append(text.mid(kUuidPrefix.size()).toLower());
    }
    return uuids;
}

QJsonObject rewritePatientReferences(QJsonObject resource, const QString& localId, const QString& serverId)
{
    if (localId == serverId)
        return resource;
    return rewrite(resource, QStringLiteral("Patient/") + localId, QStringLiteral("Patient/") + serverId).toObject();
}

QJsonObject forCreate(QJsonObject resource)
{
    resource.remove(QStringLiteral("id"));
    resource.remove(QStringLiteral("meta"));
    return resource;
}

QString serverIdOf(const FhirResource& resource, const QString& type)
{
    const QString id = resource.json.value(QLatin1String("id")).toString();
    if (!id.isEmpty())
        return id;
    // .../Type/id/_history/n or .../Type/id
    const QStringList parts = QUrl(resource.info.location).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype at = parts.lastIndexOf(type);
    return at >= 0 && at + 1 < parts.size() ? parts.at(at + 1) : QString();
}

} // namespace lantern::sync
