#pragma once
// Reads what the screens and the CLI show about patients out of the vault:
// the patient list and one patient's chart, mapped from the stored FHIR.
// Medications and devices referenced from a patient's resources are looked up
// in the vault as well. What this device recorded during a downtime (the
// outbox) is merged in, marked local (see LocalEntries.h).

#include "core/common/Result.h"
#include "core/model/PatientChart.h"
#include "core/vault/ResourceRepository.h"

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

    // Leave the outbox out: the chart exactly as the EHR data in the vault says.
    void setIncludeLocalEntries(bool include) { m_includeLocal = include; }

    Result<QList<vault::PatientIndexRow>> patients();
    // NotFound when the vault holds nothing for that patient id.
    Result<model::PatientChart> chart(const QString& patientId);
    // Whether the vault holds anything for that patient id (stored or quarantined):
    // what chart() calls NotFound, asked without mapping a chart.
    Result<bool> holds(const QString& patientId);

private:
    vault::Vault& m_vault;
    vault::ResourceRepository m_repository;
    bool m_includeLocal = true;
};

} // namespace lantern::records
