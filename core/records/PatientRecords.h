#pragma once
// Reads what the screens and the CLI show about patients out of the vault:
// the patient list and one patient's chart, mapped from the stored FHIR.
// Medications and devices referenced from a patient's resources are looked up
// in the vault as well.

#include "common/Result.h"
#include "model/PatientChart.h"
#include "vault/ResourceRepository.h"

#include <QList>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::records {

class PatientRecords
{
public:
    explicit PatientRecords(vault::Vault& vault);

    Result<QList<vault::PatientIndexRow>> patients();
    // NotFound when the vault holds nothing for that patient id.
    Result<model::PatientChart> chart(const QString& patientId);

private:
    vault::ResourceRepository m_repository;
};

} // namespace lantern::records
