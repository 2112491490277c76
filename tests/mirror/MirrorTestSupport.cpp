#include "MirrorTestSupport.h"

#include "sync/mirror/MirrorWriter.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/Vault.h"

#include <Simulator.h>

#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>

namespace lantern::test {

VersionMap expectedFromSimulator(sim::Simulator& simulator, const QSet<QString>& patientIds)
{
    sim::ExportSelection selection;
    selection.types = sync::ScopeFilter::mirroredTypes();
    QSet<QString> refs;
    for (const QString& id : patientIds)
        refs.insert(QStringLiteral("Patient/") + id);
    selection.patients = refs;
    const auto snapshot = simulator.store().exportSnapshot(selection);
    VersionMap out;
    for (auto it = snapshot.constBegin(); it != snapshot.constEnd(); ++it) {
        for (const QByteArray& json : it.value()) {
            const QJsonObject resource = QJsonDocument::fromJson(json).object();
            const QString type = resource.value(QLatin1String("resourceType")).toString();
            if (type == QLatin1String("Observation") && !sync::ScopeFilter::isMirroredObservation(resource))
                continue;
            if (resource.value(QLatin1String("status")).toString() == QLatin1String("entered-in-error"))
                continue;
            const QString id = resource.value(QLatin1String("id")).toString();
            if (type == QLatin1String("Patient") && !patientIds.contains(id))
                continue;
            out.insert(type + QLatin1Char('/') + id,
                       resource.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString());
        }
    }
    return out;
}

VersionMap actualFromVault(vault::Vault& vault)
{
    vault::MirrorRepository mirror(vault.db());
    VersionMap out;
    for (const QString& type : sync::ScopeFilter::mirroredTypes()) {
        auto versions = mirror.versionsOfType(type);
        if (!versions.ok())
            continue;
        for (auto it = versions->constBegin(); it != versions->constEnd(); ++it)
            out.insert(type + QLatin1Char('/') + it.key(), it.value());
    }
    return out;
}

QSet<QString> patientsOnWards(sim::Simulator& simulator, const QStringList& wardIds)
{
    QSet<QString> out;
    const QList<sim::Stay> stays = simulator.census().stays();
    for (const sim::Stay& stay : stays)
        if (wardIds.contains(stay.wardId))
            out.insert(stay.patientRef.section(QLatin1Char('/'), -1));
    return out;
}

QString describeDifference(const VersionMap& expected, const VersionMap& actual)
{
    QStringList lines;
    for (auto it = expected.constBegin(); it != expected.constEnd() && lines.size() < 10; ++it) {
        if (!actual.contains(it.key()))
            lines << QStringLiteral("missing %1 v%2").arg(it.key(), it.value());
        else if (actual.value(it.key()) != it.value())
            lines << QStringLiteral("%1: vault v%2, server v%3").arg(it.key(), actual.value(it.key()), it.value());
    }
    for (auto it = actual.constBegin(); it != actual.constEnd() && lines.size() < 20; ++it)
        if (!expected.contains(it.key()))
            lines << QStringLiteral("extra %1 v%2").arg(it.key(), it.value());
    return QStringLiteral("expected %1, vault %2: ").arg(expected.size()).arg(actual.size()) + lines.join(QStringLiteral("; "));
}

QStringList patientIdentifyingStrings(sim::Simulator& simulator, const QSet<QString>& patientIds)
{
    QStringList out;
    for (const QString& id : patientIds) {
        out << id;
        const auto patient = simulator.store().readObject(QStringLiteral("Patient"), id);
        if (!patient)
            continue;
        const QJsonArray names = patient->value(QStringLiteral("name")).toArray();
        for (const QJsonValue& n : names) {
            out << n.toObject().value(QStringLiteral("family")).toString();
            const QJsonArray given = n.toObject().value(QStringLiteral("given")).toArray();
            for (const QJsonValue& g : given)
                out << g.toString();
        }
        const QJsonArray identifiers = patient->value(QStringLiteral("identifier")).toArray();
        for (const QJsonValue& i : identifiers)
            out << i.toObject().value(QStringLiteral("value")).toString();
    }
    out.removeAll(QString());
    out.removeDuplicates();
    return out;
}

} // namespace lantern::test
