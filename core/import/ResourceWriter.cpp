#include "core/import/ResourceWriter.h"

#include "core/fhir/PatientMapping.h"
#include "core/fhir/ResourceIndex.h"

namespace lantern::import {

std::optional<vault::PatientIndexRow> patientIndexRow(const QJsonObject& resource)
{
    auto patient = fhir::mapPatient(resource);
    if (!patient.ok())
        return std::nullopt;
    return patientIndexRow(*patient);
}

vault::PatientIndexRow patientIndexRow(const model::Patient& patient)
{
    const model::HumanName name = patient.name();
    return vault::PatientIndexRow{patient.meta.id, name.family, name.given.join(QLatin1Char(' ')),
                                  patient.birthDate.text, patient.sex, patient.mrn(), patient.kvnr()};
}

vault::StoredResource storedResource(const fhir::ResourceIndex& index, QByteArray raw)
{
    return {index.type,   index.id,       index.versionId, index.lastUpdated, index.patientId,
            index.status, std::move(raw), index.censusFacts};
}

Result<PreparedResource> prepareResource(const fhir::ResourceIndex& index, const QJsonObject& resource, QByteArray raw)
{
    PreparedResource out;
    out.resource = storedResource(index, std::move(raw));
    if (index.type == QStringLiteral("Patient")) {
        // indexResource mapped a readable Patient already; map again only to explain a failure.
        out.patient = index.patient ? std::optional(patientIndexRow(*index.patient)) : std::nullopt;
        if (!out.patient) {
            auto mapped = fhir::mapPatient(resource);
            return mapped.ok() ? Error(ErrorCode::InvalidInput, QStringLiteral("Patient/%1 cannot be indexed").arg(index.id))
                               : mapped.error().prefixed(QStringLiteral("Patient/%1").arg(index.id));
        }
    }
    return out;
}

Result<VersionVerdict> ResourceWriter::writeUnlessOlder(const vault::StoredResource& r,
                                                        const std::optional<vault::PatientIndexRow>& patient)
{
    auto inserted = m_repository.insertIfAbsent(r); // the first load is almost all inserts: no lookup first
    if (!inserted.ok())
        return inserted.error();
    if (!*inserted) {
        auto stored = m_repository.storedVersion(r.type, r.id);
        if (!stored.ok())
            return stored.error();
        const VersionStamp held = stored->has_value() ? VersionStamp{(*stored)->first, (*stored)->second} : VersionStamp{};
        const VersionVerdict verdict = VersionOrder::compare({r.versionId, r.lastUpdated}, held);
        if (verdict != VersionVerdict::Newer)
            return verdict;
        LANTERN_TRY(m_repository.update(r));
    }
    if (patient)
        LANTERN_TRY(m_repository.putPatientIndex(*patient));
    return VersionVerdict::Newer;
}

Status ResourceWriter::write(const PreparedResource& prepared)
{
    auto written = writeUnlessOlder(prepared);
    return written.ok() ? Status() : Status(written.error());
}

} // namespace lantern::import
