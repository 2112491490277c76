#include "sync/mirror/ReferenceFollower.h"

#include "core/fhir/ResourceIndex.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PatientBatcher.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

namespace lantern::sync {
namespace {

const QStringList& referencingTypes()
{
    static const QStringList types = {QStringLiteral("MedicationRequest"), QStringLiteral("MedicationStatement"),
                                      QStringLiteral("MedicationAdministration"), QStringLiteral("DeviceUseStatement")};
    return types;
}

QString typeOf(const QString& typeAndId)
{
    return typeAndId.section(QLatin1Char('/'), 0, 0);
}

QString idOf(const QString& typeAndId)
{
    return typeAndId.section(QLatin1Char('/'), 1);
}

} // namespace

QStringList ReferenceFollower::referencesOf(const QJsonObject& resource)
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    QString field;
    QString target;
    if (type == QLatin1String("DeviceUseStatement")) {
        field = QStringLiteral("device");
        target = QStringLiteral("Device");
    } else if (referencingTypes().contains(type)) {
        field = QStringLiteral("medicationReference");
        target = QStringLiteral("Medication");
    } else {
        return {};
    }
    const QString reference = resource.value(field).toObject().value(QLatin1String("reference")).toString();
    if (reference.isEmpty() || reference.startsWith(QLatin1Char('#')))
        return {};
    const QString typeAndId = fhir::ReferenceResolver::typeAndIdOf(reference);
    if (typeOf(typeAndId) != target || idOf(typeAndId).isEmpty())
        return {};
    return {typeAndId};
}

Status ReferenceFollower::read(const QString& type, const QStringList& ids, QList<QJsonObject>& into) const
{
    const QList<QStringList> batches = PatientBatcher::batches(ids);
    for (const QStringList& batch : batches) {
        const SearchParams params = {{QStringLiteral("_id"), batch.join(QLatin1Char(','))}};
        const Status paged = m_ctx.pager().pageAll(type, params, [&](const BundlePage& page) -> Status {
            const QList<QJsonObject> found = page.resources();
            for (const QJsonObject& r : found)
                if (r.value(QLatin1String("resourceType")).toString() == type)
                    into.append(r);
            return {};
        });
        if (!paged.ok())
            return paged.error().prefixed(QStringLiteral("reading the referenced %1 resources").arg(type));
    }
    return {};
}

Status ReferenceFollower::commitPage(QList<QJsonObject> resources, const QList<ResourceKey>& deletions,
                                     const ScopeFilter& filter, const std::function<Status()>& alsoInTransaction,
                                     MirrorCycleReport& report) const
{
    QSet<QString> present;    // followed resources without a patient that came on this page
    QStringList referenced;   // in order of first reference, so reads are reproducible
    QSet<QString> seen;
    for (const QJsonObject& resource : std::as_const(resources)) {
        auto index = fhir::indexKeys(resource); // type, patient and status are all this needs
        if (!index.ok())
            continue; // the writer reports it
        if (ScopeFilter::isFollowedType(index->type) && index->patientId.isEmpty()) {
            present.insert(index->typeAndId());
            continue;
        }
        if (!filter.wanted(*index, resource) || ScopeFilter::isEnteredInError(*index, resource))
            continue;
        const QStringList refs = referencesOf(resource);
        for (const QString& ref : refs)
            if (!seen.contains(ref)) {
                seen.insert(ref);
                referenced.append(ref);
            }
    }
    // A followed resource on the page is kept when this page references it or
    // the vault holds it already (a change to a Medication the ward uses).
    for (const QString& key : std::as_const(present)) {
        if (seen.contains(key)) {
            filter.follow(key);
            continue;
        }
        auto stored = m_ctx.mirror.storedVersion(typeOf(key), idOf(key));
        if (!stored.ok())
            return stored.error();
        if (stored->has_value())
            filter.follow(key);
    }
    QHash<QString, QStringList> missing; // type -> ids
    QStringList missingTypes;
    for (const QString& key : std::as_const(referenced)) {
        filter.follow(key);
        if (present.contains(key))
            continue;
        auto stored = m_ctx.mirror.storedVersion(typeOf(key), idOf(key));
        if (!stored.ok())
            return stored.error();
        if (stored->has_value())
            continue;
        if (!missing.contains(typeOf(key)))
            missingTypes.append(typeOf(key));
        missing[typeOf(key)].append(idOf(key));
    }
    for (const QString& type : std::as_const(missingTypes)) {
        const qsizetype before = resources.size();
        LANTERN_TRY(read(type, missing.value(type), resources));
        const qint64 notFound = missing.value(type).size() - (resources.size() - before);
        if (notFound > 0) // shown in the chart as "reference not found"; no ids in the log
            qCInfo(lcMirror).noquote() << notFound << type << "resources referenced by the ward's orders are not on the EHR";
    }
    return m_ctx.writer.commitPage(resources, deletions, filter, alsoInTransaction, report);
}

Result<qint64> ReferenceFollower::removeOrphans() const
{
    vault::ResourceRepository repository(m_ctx.vault.db());
    QSet<QString> referenced;
    for (const QString& type : referencingTypes()) {
        auto stored = repository.ofType(type);
        if (!stored.ok())
            return stored.error();
        for (const vault::StoredResource& r : std::as_const(*stored)) {
            const QStringList refs = referencesOf(QJsonDocument::fromJson(r.json).object());
            for (const QString& ref : refs)
                referenced.insert(ref);
        }
    }
    auto tx = vault::Transaction::begin(m_ctx.vault.db());
    if (!tx.ok())
        return tx.error();
    qint64 removed = 0;
    for (const QString& type : {QStringLiteral("Medication"), QStringLiteral("Device")}) {
        auto stored = repository.ofType(type);
        if (!stored.ok())
            return stored.error();
        for (const vault::StoredResource& r : std::as_const(*stored)) {
            if (!r.patientId.isEmpty() || referenced.contains(type + QLatin1Char('/') + r.id))
                continue;
            LANTERN_TRY(repository.remove(type, r.id));
            ++removed;
        }
    }
    LANTERN_TRY((*tx)->commit());
    if (removed > 0)
        qCInfo(lcMirror) << "removed" << removed << "medications and devices no kept patient references";
    return removed;
}

} // namespace lantern::sync
