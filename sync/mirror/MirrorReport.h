#pragma once
// What one mirror cycle did: counts only (it is logged and shown), plus the
// problems that did not stop the cycle (a malformed resource skipped).

#include "core/common/Result.h"
#include "sync/mirror/DropAlarm.h"

#include <QDateTime>
#include <QList>

namespace lantern::sync {

struct MirrorCycleReport
{
    QDateTime serverTime;    // server time at the start of the cycle: the new "data as of"
    qint64 written = 0;      // resources inserted or updated
    qint64 unchanged = 0;    // already stored at this version
    qint64 olderNotApplied = 0; // older than the stored version (import/VersionOrder.h): kept the newer one
    qint64 removed = 0;      // deleted on the server or entered-in-error
    qint64 skipped = 0;      // malformed; see problems
    qint64 patientsLoaded = 0; // patients whose initial pull finished in this cycle
    qint64 patientsPurged = 0;
    qint64 patientsKept = 0;   // past the grace period, kept: entries of theirs await reconciliation
    QString purgeHeld;         // why nobody was purged this cycle (EHR not online, downtime open); empty otherwise
    ScopeDropAlarms dropsHeld; // wards whose answer would have dropped too much: kept, waiting for IT
    bool usedBulkExport = false;
    QList<Error> problems;   // at most a few hundred kept

    qint64 changed() const { return written + removed; }
};

} // namespace lantern::sync
