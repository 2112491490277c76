#include "sync/mirror/ScopeResolver.h"

#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/ServerTime.h"

#include <QJsonArray>

namespace lantern::sync {

QString ScopeResolver::patientIdOf(const QString& reference)
{
    const QStringList parts = reference.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = parts.size() - 2; i >= 0; --i)
        if (parts.at(i) == QLatin1String("Patient"))
            return isValidResourceId(parts.at(i + 1)) ? parts.at(i + 1) : QString();
    return {};
}

Result<ResolvedScope> ScopeResolver::resolve() const
{
    const MirrorScope& wanted = m_ctx.config.scope;
    if (wanted.wardLocationIds.isEmpty() && wanted.groupId.isEmpty() && wanted.patientIds.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no mirror scope is configured; set mirror.wards, "
                                                             "mirror.group or mirror.patients"));
    ResolvedScope scope;
    for (const QString& ward : wanted.wardLocationIds) {
        LANTERN_TRY(resolveWard(ward, scope));
        scope.scopeKeys.append(ward);
    }
    if (!wanted.groupId.isEmpty()) {
        LANTERN_TRY(resolveGroup(wanted.groupId, scope));
        scope.scopeKeys.append(groupKey(wanted.groupId));
    }
    if (!wanted.patientIds.isEmpty()) {
        LANTERN_TRY(resolvePatients(wanted.patientIds, scope));
        scope.scopeKeys.append(patientsKey());
    }
    qCInfo(lcMirror) << "scope:" << scope.patientWard.size() << "patients in" << scope.scopeKeys.size() << "scope entries";
    return scope;
}

Status ScopeResolver::resolveWard(const QString& wardId, ResolvedScope& scope) const
{
    // Only the patient and the status: the census is asked every cycle, the
    // Encounters themselves come with the patients' data (a server that
    // ignores _elements sends them whole, which works as well).
    const SearchParams params = {{QStringLiteral("location"), QStringLiteral("Location/") + wardId},
                                 {QStringLiteral("status"), QStringLiteral("in-progress")},
                                 {QStringLiteral("_elements"), QStringLiteral("subject,status")}};
    const Status paged = m_ctx.pager().pageAll(QStringLiteral("Encounter"), params, [&](const BundlePage& page) -> Status {
        if (!scope.serverTime.isValid()) {
            auto time = serverTimeOf(page);
            if (!time.ok())
                return time.error();
            scope.serverTime = *time;
        }
        const QList<QJsonObject> encounters = page.resources();
        for (const QJsonObject& encounter : encounters) {
            if (encounter.value(QLatin1String("status")).toString() != QLatin1String("in-progress"))
                continue; // a server that ignores the status parameter
            const QString patient = patientIdOf(
                encounter.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString());
            if (!patient.isEmpty() && !scope.patientWard.contains(patient))
                scope.patientWard.insert(patient, wardId);
        }
        return m_ctx.checkStop();
    });
    if (!paged.ok())
        return paged.error().prefixed(QStringLiteral("finding the patients of ward %1").arg(wardId));
    return {};
}

Status ScopeResolver::resolveGroup(const QString& groupId, ResolvedScope& scope) const
{
    auto group = m_ctx.client.read(QStringLiteral("Group"), groupId);
    if (!group.ok())
        return group.error().prefixed(QStringLiteral("reading Group/%1").arg(groupId));
    if (!scope.serverTime.isValid()) {
        auto time = serverTimeOf(group->info);
        if (!time.ok())
            return time.error();
        scope.serverTime = *time;
    }
    const QJsonArray members = group->json.value(QLatin1String("member")).toArray();
    for (const QJsonValue& m : members) {
        const QJsonObject member = m.toObject();
        if (member.value(QLatin1String("inactive")).toBool(false))
            continue;
        const QString patient =
            patientIdOf(member.value(QLatin1String("entity")).toObject().value(QLatin1String("reference")).toString());
        if (!patient.isEmpty() && !scope.patientWard.contains(patient))
            scope.patientWard.insert(patient, groupKey(groupId));
    }
    return {};
}

Status ScopeResolver::resolvePatients(const QStringList& ids, ResolvedScope& scope) const
{
    if (!scope.serverTime.isValid()) {
        auto ping = m_ctx.client.ping();
        if (!ping.ok())
            return ping.error().prefixed(QStringLiteral("asking the EHR for its time"));
        auto time = serverTimeOf(ping.value());
        if (!time.ok())
            return time.error();
        scope.serverTime = *time;
    }
    for (const QString& id : ids)
        if (isValidResourceId(id) && !scope.patientWard.contains(id))
            scope.patientWard.insert(id, patientsKey());
    return {};
}

} // namespace lantern::sync
