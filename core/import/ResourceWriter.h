#pragma once
// Turns one FHIR resource into what the vault stores (the verbatim JSON, the
// index columns, and for a Patient its patient_index row) and writes it. The
// importer and the mirror engine store resources the same way through here,
// and here an older version never replaces a newer one (VersionOrder): not the
// resource, not a Patient's patient_index row (a name must not go back).

#include "core/common/Result.h"
#include "core/import/VersionOrder.h"
#include "core/vault/ResourceRepository.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace lantern::fhir {
struct ResourceIndex;
}
namespace lantern::model {
struct Patient;
}

namespace lantern::import {

struct PreparedResource
{
    vault::StoredResource resource;
    std::optional<vault::PatientIndexRow> patient; // set for a Patient
};

// The resource row of an indexed resource: verbatim JSON, index columns, census facts.
vault::StoredResource storedResource(const fhir::ResourceIndex& index, QByteArray raw);

// The patient_index row of a Patient resource; nullopt when it cannot be mapped.
std::optional<vault::PatientIndexRow> patientIndexRow(const QJsonObject& patient);
vault::PatientIndexRow patientIndexRow(const model::Patient& patient);

// Builds the row(s) for an indexed resource; an Error (naming type/id, never
// patient data) when a Patient cannot be mapped.
Result<PreparedResource> prepareResource(const fhir::ResourceIndex& index, const QJsonObject& resource, QByteArray raw);

class ResourceWriter
{
public:
    explicit ResourceWriter(vault::ResourceRepository& repository) : m_repository(repository) {}

    // Inside the caller's transaction. Newer: inserted or replaced; Same or Older:
    // the vault keeps its copy (VersionOrder) and nothing is written.
    Result<VersionVerdict> writeUnlessOlder(const PreparedResource& prepared)
    {
        return writeUnlessOlder(prepared.resource, prepared.patient);
    }
    // The same from the parts, for a caller that holds them apart (no copy per resource).
    Result<VersionVerdict> writeUnlessOlder(const vault::StoredResource& r,
                                            const std::optional<vault::PatientIndexRow>& patient);
    // The same, for callers that compared the versions already (the mirror).
    Status write(const PreparedResource& prepared);
    Status remove(const QString& type, const QString& id) { return m_repository.remove(type, id); }

private:
    vault::ResourceRepository& m_repository;
};

} // namespace lantern::import
