#include "sync/mirror/ScopeResolver.h"

#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PatientBatcher.h"
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

QString ScopeResolver::wardOfEncounter(const QJsonObject& encounter, const QStringList& wards)
{
    qsizetype best = -1;
    const QJsonArray locations = encounter.value(QLatin1String("location")).toArray();
    for (const QJsonValue& l : locations) {
        const QString reference =
            l.toObject().value(QLatin1String("location")).toObject().value(QLatin1String("reference")).toString();
        const QStringList parts = reference.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (qsizetype i = parts.size() - 2; i >= 0; --i) {
            if (parts.at(i) != QLatin1String("Location"))
                continue;
            const qsizetype index = wards.indexOf(parts.at(i + 1));
            if (index >= 0 && (best < 0 || index < best))
                best = index;
            break;
        }
    }
    return best >= 0 ? wards.at(best) : QString();
}

Result<ResolvedScope> ScopeResolver::resolve() const
{
    const MirrorScope& wanted = m_ctx.config.scope;
    if (wanted.wardLocationIds.isEmpty() && wanted.groupId.isEmpty() && wanted.patientIds.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no mirror scope is configured; set mirror.wards, "
                                                             "mirror.group or mirror.patients"));
    ResolvedScope scope;
    // Every cycle asks for the census: one search for all the device's wards
    // (a hospital-wide device has dozens) instead of one per ward.
    const QStringList& wards = wanted.wardLocationIds;
    const QList<QStringList> batches = wards.size() > 1 ? PatientBatcher::batches(wards, QStringLiteral("Location/"))
                                                        : QList<QStringList>();
    for (const QStringList& batch : batches) {
        auto placed = resolveWardBatch(batch, scope);
        if (!placed.ok())
            return placed.error();
        if (!*placed)
            for (const QString& ward : batch)
                LANTERN_TRY(resolveWard(ward, scope));
    }
    if (wards.size() == 1)
        LANTERN_TRY(resolveWard(wards.first(), scope));
    scope.scopeKeys.append(wards);
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

Status ScopeResolver::takeServerTime(const BundlePage& page, ResolvedScope& scope) const
{
    if (scope.serverTime.isValid())
        return {};
    auto time = serverTimeOf(page);
    if (!time.ok())
        return time.error();
    scope.serverTime = *time;
    return {};
}

Result<bool> ScopeResolver::resolveWardBatch(const QStringList& wardIds, ResolvedScope& scope) const
{
    QStringList locations;
    for (const QString& ward : wardIds)
        locations.append(QStringLiteral("Location/") + ward);
    const SearchParams params = {{QStringLiteral("location"), locations.join(QLatin1Char(','))},
                                 {QStringLiteral("status"), QStringLiteral("in-progress")},
                                 {QStringLiteral("_elements"), QStringLiteral("subject,status,location")}};
    QHash<QString, QString> found; // kept apart until the whole answer is placed
    bool placedAll = true;
    const Status paged = m_ctx.pager().pageAll(QStringLiteral("Encounter"), params, [&](const BundlePage& page) -> Status {
        LANTERN_TRY(takeServerTime(page, scope));
        const QList<QJsonObject> encounters = page.resources();
        for (const QJsonObject& encounter : encounters) {
            if (encounter.value(QLatin1String("status")).toString() != QLatin1String("in-progress"))
                continue;
            const QString patient = patientIdOf(
                encounter.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString());
            if (patient.isEmpty())
                continue;
            const QString ward = wardOfEncounter(encounter, wardIds);
            if (ward.isEmpty()) {
                placedAll = false;
                continue;
            }
            const QString earlier = found.value(patient);
            if (earlier.isEmpty() || wardIds.indexOf(ward) < wardIds.indexOf(earlier))
                found.insert(patient, ward);
        }
        return m_ctx.checkStop();
    });
    if (!paged.ok())
        return paged.error().prefixed(QStringLiteral("finding the patients of wards %1").arg(wardIds.join(QStringLiteral(", "))));
    if (!placedAll) {
        qCInfo(lcMirror) << "the EHR's census answer names locations other than the wards (beds?); asking ward by ward";
        return false;
    }
    for (auto it = found.constBegin(); it != found.constEnd(); ++it)
        if (!scope.patientWard.contains(it.key()))
            scope.patientWard.insert(it.key(), it.value());
    return true;
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
        LANTERN_TRY(takeServerTime(page, scope));
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
