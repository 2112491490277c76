#include "ui/record/WardNames.h"

#include "core/fhir/PatientMapping.h"
#include "core/vault/CensusRepository.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::ui {

Result<QHash<QString, QString>> WardNames::load(vault::Vault& vault)
{
    auto stored = vault::CensusRepository(vault.db()).sharedResources(QStringLiteral("Location"));
    if (!stored.ok())
        return stored.error();
    QHash<QString, QString> names;
    for (const vault::StoredResource& r : std::as_const(*stored)) {
        auto l = fhir::mapLocation(QJsonDocument::fromJson(r.json).object());
        if (!l.ok())
            continue;
        const QString name = l->name.trimmed().isEmpty() ? l->identifier.trimmed() : l->name.trimmed();
        if (!name.isEmpty())
            names.insert(r.id, name);
    }
    return names;
}

} // namespace lantern::ui
