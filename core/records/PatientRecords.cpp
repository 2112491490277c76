#include "core/records/PatientRecords.h"

#include "core/fhir/ChartBuilder.h"
#include "core/fhir/ResourceIndex.h"
#include "core/records/LocalEntries.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/QuarantineRepository.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::records {
namespace {

QJsonObject parse(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

PatientRecords::PatientRecords(vault::Vault& vault) : m_vault(vault), m_repository(vault.db()) {}

Result<QList<vault::PatientIndexRow>> PatientRecords::patients()
{
    return m_repository.patients();
}

Result<bool> PatientRecords::holds(const QString& patientId)
{
    auto stored = m_repository.forPatient(patientId);
    if (!stored.ok())
        return stored.error();
    if (!stored->isEmpty())
        return true;
    auto quarantined = vault::QuarantineRepository(m_vault.db()).forPatient(patientId);
    if (!quarantined.ok())
        return quarantined.error();
    return !quarantined->isEmpty();
}

Result<model::PatientChart> PatientRecords::chart(const QString& patientId)
{
    auto stored = m_repository.forPatient(patientId);
    if (!stored.ok())
        return stored.error();
    auto quarantined = vault::QuarantineRepository(m_vault.db()).forPatient(patientId);
    if (!quarantined.ok())
        return quarantined.error();
    if (stored->isEmpty() && quarantined->isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("no patient with id %1 in this vault").arg(patientId));
    QList<QJsonObject> resources;
    resources.reserve(stored->size());
    for (const vault::StoredResource& r : *stored)
        resources.append(parse(r.json));

    // Medications and devices live outside the patient's own rows.
    const fhir::MedicationResolver resolve = [this](const QString& reference) -> std::optional<QJsonObject> {
        QString typeAndId = fhir::ReferenceResolver::typeAndIdOf(reference);
        // Transaction bundles (Synthea) reference by urn:uuid, stored under the same id.
        if (typeAndId.isEmpty() && reference.startsWith(QStringLiteral("urn:uuid:")))
            typeAndId = QStringLiteral("Medication/") + reference.mid(9);
        const qsizetype slash = typeAndId.indexOf(QLatin1Char('/'));
        if (slash <= 0)
            return std::nullopt;
        auto found = m_repository.get(typeAndId.left(slash), typeAndId.mid(slash + 1));
        if (!found.ok() || !found->has_value())
            return std::nullopt;
        return parse((*found)->json);
    };
    model::PatientChart chart = fhir::buildChart(patientId, resources, resolve);
    // What could not even be stored as a resource is listed too, never left out.
    for (const vault::QuarantinedResource& q : std::as_const(*quarantined)) {
        chart.unreadable << model::UnreadableResource{q.type, q.resourceId, q.reason, true, q.bearsAllergies};
        chart.skipped << Error(ErrorCode::InvalidInput, q.reason);
    }
    chart.allergyStatus = fhir::allergyStatusOf(chart);
    if (!m_includeLocal)
        return chart;
    vault::OutboxFilter filter;
    filter.patientId = patientId;
    auto local = vault::OutboxRepository(m_vault.db()).items(filter);
    if (!local.ok())
        return local.error();
    // A running drill's entries show like real ones (the ward rehearses with them);
    // the drill outbox is empty when no drill runs.
    auto drill = vault::OutboxRepository(m_vault.db(), vault::OutboxStore::Drill).items(filter);
    if (!drill.ok())
        return drill.error();
    local->append(*drill);
    mergeLocalEntries(chart, *local, identifierValues(resources), resolve);
    return chart;
}

} // namespace lantern::records
