#pragma once
// What the Recorder reads and writes around an entry: the person recording,
// the patient's chart (with this device's own entries), the order, the
// data-as-of time, the time window for clinical times, and the one transaction
// that stores an entry together with its audit event.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/model/PatientChart.h"
#include "core/record/EntryResources.h"
#include "core/record/RecordEntry.h"
#include "core/vault/OutboxRepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::record {

// How far a clinical time may lie from the device clock.
inline constexpr qint64 kMaxPastSecs = 24 * 3600;
inline constexpr qint64 kMaxFutureSecs = 15 * 60;

Error invalidField(const QString& field, const QString& problem);

// null -> now; otherwise must lie within [now - 24 h, now + 15 min]. `field` names the input.
// `amended`: the clinical time of an entry being amended (reconciliation can come
// days after the event): then anything from 24 h before that time is allowed too.
Result<QDateTime> clinicalTimeWithinLimits(const QDateTime& requested, const Clock& clock, const QString& field,
                                           const QDateTime& amended = {});
// The clinical time of the entry `amends` names, or an invalid time.
QDateTime amendedClinicalTime(vault::Vault& vault, const QString& amends,
                              vault::OutboxStore store = vault::OutboxStore::Production);

// Nothing new is recorded against a patient record the EHR no longer uses:
// merged away (Patient.link "replaced-by": Denied, naming the surviving record)
// or inactive (Patient.active = false). Recording is the same for every
// interface: the desktop asks this to disable its record actions, and every
// Recorder::record* path meets it through RecordContext::chart().
Status mayRecordFor(const model::PatientChart& chart);

struct OrderContext
{
    model::PatientChart chart;
    model::MedicationOrder order;
    QJsonObject orderJson;
    QString orderVersionId;
    QDateTime dataAsOf; // invalid when the patient is not in a mirrored ward
};

class RecordContext
{
public:
    // `store`: where commit() puts the entry (the drill outbox while a drill is in force, see drill/Drill.h).
    RecordContext(vault::Vault& vault, const Clock& clock, vault::OutboxStore store = vault::OutboxStore::Production)
        : m_vault(vault), m_clock(clock), m_store(store)
    {
    }

    // The person for `username`. A user known to the vault must be enabled and
    // hold the Record permission (and, with `physicianOnly`, be a physician);
    // an unknown name is taken as is (the session already authenticated it).
    Result<Person> author(const QString& username, bool physicianOnly = false);
    // A witness must be a known, enabled user other than the author.
    Result<Person> witness(const QString& username, const QString& author);

    // The chart to record against; Denied for a merged-away or inactive record (mayRecordFor).
    Result<model::PatientChart> chart(const QString& patientId);
    Result<OrderContext> order(const QString& patientId, const QString& orderId);
    Result<QDateTime> dataAsOf(const QString& patientId);

    // One transaction: `before` (extra writes, may be empty), the entry into the
    // outbox, and the audit event (action record-entry, coded detail).
    Status commit(const RecordEntry& entry, const QString& auditDetail, const std::function<Status()>& before = {});

    static QString newUuid();

private:
    vault::Vault& m_vault;
    const Clock& m_clock;
    vault::OutboxStore m_store;
};

} // namespace lantern::record
