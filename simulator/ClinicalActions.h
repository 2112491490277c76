#pragma once
// What happens on a ward, as writes to the store: orders placed, stopped and
// re-dosed, doses given, admissions, discharges, newly reported allergies,
// vital signs, pregnancy status. Used by the change stream and by the admin API (reconciliation
// tests discontinue an order or change a dose while the client is offline).
// Calls are serialized: one clinical action at a time.

#include "Catalog.h"
#include "Census.h"
#include "FhirStore.h"
#include "Generator.h"
#include "Rng.h"

#include "core/common/Result.h"

#include <QJsonObject>

#include <mutex>
#include <optional>

namespace lantern::sim {

struct AdministerOptions
{
    std::optional<qint64> effectiveMs; // default: now
    bool notDone = false;
    QString reasonText;        // for notDone
    QString identifierSystem;  // optional business identifier
    QString identifierValue;
    QString performer;         // display; default "Pflegekraft Station"
};

class ClinicalActions
{
public:
    ClinicalActions(FhirStore& store, Census& census, Generator& generator);

    // status: stopped (default), cancelled, on-hold, completed, entered-in-error
    Result<WriteOutcome> discontinue(const QString& medicationRequestId, const QString& status = QStringLiteral("stopped"),
        const QString& reason = {});
    // A new version of the order with another dose (unit unchanged unless given).
    Result<WriteOutcome> changeDose(const QString& medicationRequestId, double value, const QString& unit = {});
    Result<WriteOutcome> administer(const QString& medicationRequestId, const AdministerOptions& options = {});
    Result<WriteOutcome> newOrder(const QString& patientRef, Rng& rng);
    Result<WriteOutcome> newAllergy(const QString& patientRef, Rng& rng);
    Result<QString> recordVitals(const QString& patientRef, Rng& rng); // returns the patient's encounter ref
    // A new answer, effective now: a new version of the patient's latest pregnancy status
    // Observation (LOINC 82810-3), or the first one.
    Result<WriteOutcome> recordPregnancyStatus(const QString& patientRef, catalog::PregnancyAnswer answer);
    Result<Admission> admit(const QString& wardId = {});
    Result<WriteOutcome> discharge(const QString& patientRef);

    // Ids of the patient's MedicationRequests with this status (all if empty).
    QStringList ordersOf(const QString& patientRef, const QString& status = QStringLiteral("active")) const;
    std::optional<QString> activeEncounterOf(const QString& patientRef) const;
    // The order's ATC code (or first code) and current dose value.
    std::optional<std::pair<QString, double>> doseOf(const QString& medicationRequestId) const;

private:
    Result<std::pair<QJsonObject, int>> readForUpdate(const QString& type, const QString& id) const;

    FhirStore& m_store;
    Census& m_census;
    Generator& m_generator;
    std::mutex m_mutex;
};

} // namespace lantern::sim
