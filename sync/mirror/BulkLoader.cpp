#include "sync/mirror/BulkLoader.h"

#include "sync/fhir/BulkDataClient.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/ReferenceFollower.h"

#include <QJsonArray>

namespace lantern::sync {

bool BulkLoader::offersGroupExport(const QJsonObject& cs)
{
    const QJsonArray rests = cs.value(QLatin1String("rest")).toArray();
    for (const QJsonValue& rest : rests) {
        const QJsonArray resources = rest.toObject().value(QLatin1String("resource")).toArray();
        for (const QJsonValue& r : resources) {
            const QJsonObject resource = r.toObject();
            if (resource.value(QLatin1String("type")).toString() != QLatin1String("Group"))
                continue;
            const QJsonArray operations = resource.value(QLatin1String("operation")).toArray();
            for (const QJsonValue& op : operations)
                if (op.toObject().value(QLatin1String("name")).toString() == QLatin1String("export"))
                    return true;
        }
    }
    return false;
}

Status BulkLoader::load(const QString& groupId, const QStringList& patientIds, const ScopeFilter& filter,
                        MirrorCycleReport& report) const
{
    const BulkDataClient bulk(m_ctx.client);
    BulkExportRequest request;
    request.operation = QStringLiteral("Group/%1/$export").arg(groupId);
    request.types = ScopeFilter::mirroredTypes();
    auto statusUrl = bulk.kickOff(request);
    if (!statusUrl.ok())
        return statusUrl.error().prefixed(QStringLiteral("bulk export of Group/%1").arg(groupId));
    auto done = bulk.waitUntilComplete(*statusUrl, std::chrono::milliseconds(500), 1200);
    if (!done.ok())
        return done.error().prefixed(QStringLiteral("bulk export of Group/%1").arg(groupId));

    QList<QJsonObject> batch;
    auto flush = [&]() -> Status {
        if (batch.isEmpty())
            return {};
        LANTERN_TRY(ReferenceFollower(m_ctx).commitPage(batch, {}, filter, {}, report));
        batch.clear();
        return m_ctx.checkStop();
    };
    // Medications and Devices first, and all of them kept: the EHR exported
    // them for this Group. Orders and device statements in later files then find
    // them in the vault (ReferenceFollower reads by _id only what is still missing).
    QList<BulkOutputFile> outputs;
    for (const BulkOutputFile& file : std::as_const(done->output))
        if (ScopeFilter::isFollowedType(file.type))
            outputs.prepend(file);
        else
            outputs.append(file);
    qint64 files = 0;
    for (const BulkOutputFile& file : std::as_const(outputs)) {
        const bool followAll = ScopeFilter::isFollowedType(file.type);
        auto count = bulk.download(file, done->requiresAccessToken, [&](const QJsonObject& resource) -> Status {
            if (followAll)
                filter.follow(file.type + QLatin1Char('/') + resource.value(QLatin1String("id")).toString());
            batch.append(resource);
            return batch.size() >= kBatchSize ? flush() : Status();
        });
        if (!count.ok())
            return count.error().prefixed(QStringLiteral("downloading the %1 export file").arg(file.type));
        LANTERN_TRY(flush());
        if (m_ctx.progress)
            m_ctx.progress(QStringLiteral("bulk"), ++files, done->output.size());
    }
    LANTERN_TRY(m_ctx.writer.commitPage({}, {}, filter, [&]() -> Status {
        for (const QString& id : patientIds)
            LANTERN_TRY(m_ctx.mirror.markLoaded(id));
        return {};
    }, report));
    (void)bulk.cancel(*statusUrl); // let the server drop the files; failure is harmless
    report.patientsLoaded += patientIds.size();
    report.usedBulkExport = true;
    qCInfo(lcMirror) << "bulk export loaded" << patientIds.size() << "patients from" << files << "files";
    return {};
}

} // namespace lantern::sync
