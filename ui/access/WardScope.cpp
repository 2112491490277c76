#include "access/WardScope.h"

#include "fhir/PatientMapping.h"
#include "vault/CensusRepository.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::ui {
namespace {

QString idOf(const QString& reference)
{
    return reference.section(QLatin1Char('/'), -1);
}

} // namespace

Result<WardScope> WardScope::load(vault::Vault& vault)
{
    vault::CensusRepository census(vault.db());
    QHash<QString, QString> parentOf; // Location id → partOf Location id
    auto locations = census.sharedResources(QStringLiteral("Location"));
    if (!locations.ok())
        return locations.error();
    for (const vault::StoredResource& r : *locations) {
        auto l = fhir::mapLocation(QJsonDocument::fromJson(r.json).object());
        if (l.ok() && !l->partOf.reference.isEmpty())
            parentOf.insert(r.id, idOf(l->partOf.reference));
    }
    auto encounters = census.patientResources(QStringLiteral("Encounter"), {QStringLiteral("in-progress")});
    if (!encounters.ok())
        return encounters.error();
    WardScope scope;
    for (const vault::StoredResource& r : *encounters) {
        auto e = fhir::mapEncounter(QJsonDocument::fromJson(r.json).object());
        if (!e.ok())
            continue;
        QSet<QString>& into = scope.m_locations[r.patientId];
        for (const model::EncounterLocation& at : std::as_const(e->locations)) {
            QString id = idOf(at.location.reference);
            // Bounded walk: a partOf cycle in foreign data must not hang the census.
            for (int depth = 0; depth < 5 && !id.isEmpty(); ++depth) {
                into.insert(id);
                id = parentOf.value(id);
            }
        }
    }
    return scope;
}

bool WardScope::covers(const access::User& user, const QString& patientId) const
{
    if (!user.hasPermission(access::Permission::ViewPatients))
        return false;
    const auto it = m_locations.constFind(patientId);
    if (it == m_locations.constEnd())
        return false; // no current stay on any ward: nobody's ward
    for (const QString& location : *it) {
        if (user.coversWard(location))
            return true;
    }
    return false;
}

QList<records::CensusRow> WardScope::filter(const access::User& user, const QList<records::CensusRow>& rows) const
{
    QList<records::CensusRow> out;
    if (!user.hasPermission(access::Permission::ViewPatients))
        return out;
    out.reserve(rows.size());
    for (const records::CensusRow& r : rows) {
        if (covers(user, r.patientId))
            out.append(r);
    }
    return out;
}

} // namespace lantern::ui
