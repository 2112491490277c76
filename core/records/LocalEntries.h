#pragma once
// What this device recorded during a downtime, shown next to the mirrored EHR
// data until the EHR has it: administrations in the MAR (and in "last given"),
// reported allergies, open order annotations and notes. Every merged item
// carries a model::LocalEntryMark so the screens and printouts can mark it.
//
// Shown: entries that are pending, in conflict, uploaded or marked duplicate
// (a duplicate was given; the EHR has its own copy). Not shown: superseded and
// entered-in-error entries, retractions, and anything the vault already holds
// from the EHR (same identifier or the server id it got on upload).

#include "core/fhir/MedicationMapping.h"
#include "core/model/PatientChart.h"
#include "core/record/RecordEntry.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace lantern::records {

// Identifier values ("urn:uuid:...") of resources already in the vault.
QSet<QString> identifierValues(const QList<QJsonObject>& resources);

// Merges the patient's outbox items into the chart (items of other patients are ignored).
void mergeLocalEntries(model::PatientChart& chart, const QList<record::OutboxItem>& items,
                       const QSet<QString>& identifiersInVault, const fhir::MedicationResolver& resolve = {});

// The census' view of the outbox, per patient id.
struct LocalCensusFacts
{
    QHash<QString, QDateTime> lastGiven;         // latest locally recorded given dose
    QHash<QString, QStringList> reportedAllergies; // substances reported during downtime
    QHash<QString, int> openEntries;             // pending or in conflict
};
// `knownInVault`: identifier values ("urn:uuid:...") and ids of resources the
// vault already holds from the EHR; such entries are not counted twice.
LocalCensusFacts localCensusFacts(const QList<record::OutboxItem>& items, const QSet<QString>& knownInVault = {});

// Whether an outbox item is still shown next to the EHR data (see above).
bool isShownLocally(const record::OutboxItem& item, const QSet<QString>& retracted);
// Uuids withdrawn by a retraction that is not itself withdrawn.
QSet<QString> retractedEntries(const QList<record::OutboxItem>& items);

} // namespace lantern::records
