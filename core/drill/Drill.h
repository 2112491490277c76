#pragma once
// What a downtime drill means, decided once for every interface.
//
// A drill rehearses a downtime on a device without touching production:
//  - the ward sees downtime mode (the EHR counts as down locally), while the
//    mirror service keeps mirroring, so the vault stays as current as it can
//    be should a real downtime follow;
//  - entries go to the drill outbox (vault::OutboxStore::Drill), which nothing
//    uploads, and are discarded when the drill ends;
//  - every screen and every printed page says "DRILL — not for clinical use";
//  - a real downtime, declared by a person or detected by the mirror, wins:
//    while one is open the drill is not in force (real entries go to the real
//    outbox, printouts are real documents without the drill mark).

#include <QDateTime>
#include <QString>

namespace lantern::vault {
enum class OutboxStore;
}

namespace lantern::drill {

// The mark on every drill screen and page. English here for lanternctl and the
// report PDF; the desktop shows its translated label.
QString drillMark();

// Data older than this at the declaration is reported as a problem (the banner's default threshold).
inline constexpr qint64 kStaleDataSeconds = 15 * 60;

// Whether the drill governs the device now.
inline bool drillInForce(bool drillRunning, bool realDowntimeOpen)
{
    return drillRunning && !realDowntimeOpen;
}

// Where a new entry goes: the drill outbox while the drill is in force.
vault::OutboxStore storeFor(bool drillRunning, bool realDowntimeOpen);

// What the desktop learns about a running drill (from the vault, each poll).
struct ActiveDrill
{
    QString id;
    QDateTime startedAt;
    QString startedBy;
};

} // namespace lantern::drill
