#pragma once
// Values of the EHR health state machine: the states, the thresholds that
// move between them, and the record every downtime leaves behind.

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <chrono>
#include <optional>

namespace lantern::sync {

enum class EhrState {
    Online,   // the EHR answers; the mirror is current
    Degraded, // recent failures, not (yet) a downtime
    Downtime, // the ward works from the vault
    Recovery  // the EHR answers again; outbox upload and catch-up sync run
};
QString ehrStateName(EhrState state); // "online", "degraded", "downtime", "recovery"

struct HealthPolicy
{
    // Downtime after this many consecutive failures …
    int failuresForDowntime = 3;
    // … or after failures for this long. Either way at least two failures:
    // a single failed request never declares a downtime.
    std::chrono::seconds failingForDowntime{120};
    // Consecutive successes in Recovery before Online (a completed full sync
    // cycle ends Recovery at once).
    int successesForOnline = 3;
};

struct DowntimeRecord
{
    QUuid id;
    QDateTime start;               // first failed contact, or when a person declared it
    std::optional<QDateTime> end;  // back Online
    bool declaredManually = false;
    QString declaredBy;            // user id of the person who declared it
    QString declareReason;
    QString endedBy;               // user id of the person who ended it; empty when it ended by itself
    QString endReason;
    QString lastError;             // the failure that tipped it into downtime (no patient data)

    bool isOpen() const { return !end.has_value(); }
};

} // namespace lantern::sync

Q_DECLARE_METATYPE(lantern::sync::EhrState)
Q_DECLARE_METATYPE(lantern::sync::DowntimeRecord)
