#pragma once
// The reconciliation report of one downtime, as JSON (ui/ renders it as PDF,
// lanternctl prints it): what was recorded on this device, where each entry
// stands, every conflict with its reason and detail, and how and by whom it
// was resolved. It carries patient ids, entry kinds and times, but no drug
// names, warning texts or note texts: those stay in the vault and the EHR.
//
// Shape (version 1):
// { "report": "lantern-reconciliation", "version": 1, "downtimeId", "deviceId", "generatedAt",
//   "window": { "firstRecordedAt", "lastRecordedAt", "firstClinicalTime", "lastClinicalTime" },
//   "counts": { "total", "pending", "uploaded", "conflict", "duplicate", "superseded", "entered-in-error" },
//   "byKind": { "<kind>": { "<state>": n, ... } },
//   "patients": [ { "patientId", "serverPatientId"?, "entries", "open", "downtimeNotePosted" } ],
//   "conflicts": [ { "uuid", "patientId", "kind", "clinicalTime", "reason", "detail", "state",
//                    "resolution": "open" | { "decision", "decidedBy", "decidedAt", "note"?, "amendedBy"? } } ],
//   "entries": [ { "uuid", "kind", "patientId", "deviceId", "author", "witness"?, "recordedAt", "clinicalTime",
//                  "state", "orderId"?, "orderVersionId"?, "corrects"?, "correctedBy"?, "attempts",
//                  "lastError"?, "serverId"?, "serverVersionId"?, "warnings": [ { "kind", "overridden" } ],
//                  "conflict"?: { "reason", "detail" }, "resolution"?: {...} } ] }
// Times are UTC ISO 8601 with milliseconds. Entries in upload order.

#include "core/common/Clock.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace lantern::vault {
class Vault;
}

namespace lantern::record {

class ReconcileReport
{
public:
    static constexpr int kVersion = 1;

    // downtimeId empty: every entry on this device.
    static Result<QJsonObject> build(vault::Vault& vault, const QString& downtimeId,
                                     const Clock& clock = SystemClock::instance());
    static Result<QByteArray> buildJson(vault::Vault& vault, const QString& downtimeId,
                                        const Clock& clock = SystemClock::instance());
    // The downtime ids that have entries on this device, oldest first.
    static Result<QStringList> downtimes(vault::Vault& vault);
};

} // namespace lantern::record
