#pragma once
// The ward census in one pass over the vault: who lies where, their allergy
// status, how many active medications and when the last dose was given.
// Reads only the census facts kept beside each resource (fhir/CensusFacts.h),
// never JSON, so a vault with thousands of patients loads in a fraction of a
// second; the first census after an update derives missing facts once.
// The allergy status follows the same rules as PatientRecords::chart, and like
// the chart the census counts what this device recorded during a downtime
// (administrations for the last dose, reported allergies, pending entries).
// Only completed administrations count as "last dose given"; an allergy record
// that cannot be read makes the allergy state Unknown, never NKA.

#include "core/common/Result.h"
#include "core/model/Allergy.h"
#include "core/records/PatientMarks.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::vault {
class Vault;
}

namespace lantern::records {

struct CensusRow
{
    QString patientId;
    QString family;
    QString given;
    QString birthDateText;         // as written (may be partial)
    QDate birthDate;               // invalid when absent or malformed
    QString sex;                   // male | female | other | unknown | empty
    QString mrn;
    QString ward;                  // ward name of the in-progress Encounter's location, if known
    QString bed;                   // bed (or room) name, if known
    QStringList locationIds;       // every Location of the current stay and what they are part of (ward scope)
    model::AllergyStatus allergyStatus = model::AllergyStatus::NoInformation;
    QStringList allergies;         // substances of recorded allergies
    qint64 activeMedications = 0;
    QDateTime lastAdministration;  // UTC; invalid when none was given
    qint64 pendingEntries = 0;     // downtime entries of this device pending or in conflict (census badge)
    qint64 unreadableResources = 0; // resources of this patient Lantern could not read (census mark; listed in the chart)
    PatientMark mark;              // merged away or inactive: a record the EHR no longer uses

    QString displayName() const;   // "Family, Given"
};

class CensusQuery
{
public:
    explicit CensusQuery(vault::Vault& vault) : m_vault(vault) {}

    // One row per patient in the vault, ordered by name.
    Result<QList<CensusRow>> rows();

private:
    vault::Vault& m_vault;
};

} // namespace lantern::records
