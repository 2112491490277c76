#include "sync/reconcile/BundleUploader.h"

#include "sync/reconcile/EntryResource.h"

#include <QJsonArray>
#include <QUrl>
#include <QUuid>

namespace lantern::sync {

namespace {

const QUuid kFullUrlNamespace(QStringLiteral("{3b8f2a61-7c4d-5e90-a1b2-c3d4e5f60718}"));

bool offersTransactions(const QJsonObject& capabilityStatement)
{
    const QJsonArray rests = capabilityStatement.value(QLatin1String("rest")).toArray();
    for (const QJsonValue& rest : rests) {
        const QJsonArray interactions = rest.toObject().value(QLatin1String("interaction")).toArray();
        for (const QJsonValue& interaction : interactions)
            if (interaction.toObject().value(QLatin1String("code")).toString() == QLatin1String("transaction"))
                return true;
    }
    return false;
}

// "201 Created" -> 201
int statusCodeOf(const QJsonObject& response)
{
    return response.value(QLatin1String("status")).toString().section(QLatin1Char(' '), 0, 0).toInt();
}

// Id and version from the entry's resource, else from its location "Type/id/_history/v".
UploadedAs uploadedAsOf(const QJsonObject& responseEntry, const QString& type)
{
    const QJsonObject response = responseEntry.value(QLatin1String("response")).toObject();
    const QJsonObject resource = responseEntry.value(QLatin1String("resource")).toObject();
    UploadedAs as;
    as.created = statusCodeOf(response) == 201;
    as.serverId = resource.value(QLatin1String("id")).toString();
    as.versionId = resource.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString();
    const QStringList parts =
        QUrl(response.value(QLatin1String("location")).toString()).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype at = parts.lastIndexOf(type);
    if (as.serverId.isEmpty() && at >= 0 && at + 1 < parts.size())
        as.serverId = parts.at(at + 1);
    if (as.versionId.isEmpty() && at >= 0 && at + 3 < parts.size() && parts.at(at + 2) == QLatin1String("_history"))
        as.versionId = parts.at(at + 3);
    if (as.versionId.isEmpty()) {
        FhirResource tagged;
        tagged.info.etag = response.value(QLatin1String("etag")).toString();
        as.versionId = tagged.versionId();
    }
    return as;
}

} // namespace

StepResult<bool> BundleUploader::supported(const FhirClient& client)
{
    auto capabilities = client.capabilities();
    if (capabilities.ok())
        return {offersTransactions(capabilities->json)};
    const FailureKind kind = classifyFailure(capabilities.httpStatus(), capabilities.error());
    if (kind == FailureKind::Auth || capabilities.httpStatus() == 0 || capabilities.httpStatus() >= 500)
        return {capabilities.error(), kind};
    // No CapabilityStatement (Medplum answers /metadata with a searchset): ask with a
    // transaction that only counts patients and so writes nothing (Medplum refuses
    // an empty one).
    const QJsonObject count{{QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                                                                    {QStringLiteral("url"), QStringLiteral("Patient?_summary=count")}}}};
    const QJsonObject readOnly{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                               {QStringLiteral("type"), QStringLiteral("transaction")},
                               {QStringLiteral("entry"), QJsonArray{count}}};
    auto probe = client.transaction(readOnly, {.repeatable = true, .minimal = true});
    if (probe.ok())
        return {probe->bundle.value(QLatin1String("type")).toString() == QLatin1String("transaction-response")};
    const FailureKind probeKind = classifyFailure(probe.httpStatus(), probe.error());
    if (probeKind == FailureKind::Rejected)
        return {false};
    return {probe.error(), probeKind};
}

QString BundleUploader::fullUrlOf(const QString& entryUuid)
{
    return QStringLiteral("urn:uuid:") + QUuid::createUuidV5(kFullUrlNamespace, entryUuid).toString(QUuid::WithoutBraces);
}

QJsonObject BundleUploader::buildBundle(const QList<BundleEntry>& entries)
{
    QJsonArray array;
    for (const BundleEntry& entry : entries) {
        const QJsonObject resource = forCreate(withEntryIdentifier(entry.resource, entry.uuid));
        const QString type = resource.value(QLatin1String("resourceType")).toString();
        const QJsonObject request{{QStringLiteral("method"), QStringLiteral("POST")},
                                  {QStringLiteral("url"), type},
                                  {QStringLiteral("ifNoneExist"), QString::fromUtf8(encodeQuery(entryIdentifierQuery(entry.uuid)))}};
        array.append(QJsonObject{{QStringLiteral("fullUrl"), fullUrlOf(entry.uuid)},
                                 {QStringLiteral("resource"), resource},
                                 {QStringLiteral("request"), request}});
    }
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                       {QStringLiteral("type"), QStringLiteral("transaction")},
                       {QStringLiteral("entry"), array}};
}

StepResult<QList<UploadedAs>> BundleUploader::upload(const QList<BundleEntry>& entries) const
{
    auto answer = m_client.transaction(buildBundle(entries), {.repeatable = true, .minimal = true});
    if (!answer.ok())
        return fromFailure<QList<UploadedAs>>(answer);
    const QJsonArray responses = answer->bundle.value(QLatin1String("entry")).toArray();
    auto unusable = [](const QString& why) {
        return StepResult<QList<UploadedAs>>{Error(ErrorCode::Server, QStringLiteral("the EHR's transaction answer ") + why),
                                             FailureKind::Transient};
    };
    if (answer->bundle.value(QLatin1String("type")).toString() != QLatin1String("transaction-response"))
        return unusable(QStringLiteral("is not a transaction-response Bundle"));
    if (responses.size() != entries.size())
        return unusable(QStringLiteral("has %1 entries for %2 sent").arg(responses.size()).arg(entries.size()));
    QList<UploadedAs> filed;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject response = responses.at(i).toObject();
        const int status = statusCodeOf(response.value(QLatin1String("response")).toObject());
        const QString type = entries.at(i).resource.value(QLatin1String("resourceType")).toString();
        const UploadedAs as = uploadedAsOf(response, type);
        if (status < 200 || status >= 300 || as.serverId.isEmpty())
            return unusable(QStringLiteral("names no resource for entry %1 (status %2)").arg(entries.at(i).uuid).arg(status));
        filed.append(as);
    }
    return {filed};
}

} // namespace lantern::sync
