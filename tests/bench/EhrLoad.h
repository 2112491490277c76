#pragma once
// The load one device puts on the EHR, counted on the simulator's wire
// (WireStats): requests and bytes of the initial load, and of steady-state
// cycles at the default interval while the simulator changes the hospital at a
// given rate. The simulator runs on a manual clock that the measurement moves
// one interval per cycle, so an hour of cycles takes seconds and the figures
// do not depend on the machine's speed.

#include <QJsonObject>
#include <QStringList>

namespace lantern {
class ManualClock;
}
namespace lantern::sim {
class SimServer;
}

namespace lantern::bench {

struct EhrLoadScenario
{
    QString name;          // "hospital", "ward"
    QStringList wardIds;   // the device's scope
    int intervalSeconds = 10;
    int heartbeatSeconds = 15;
    double changesPerMinute = 6; // on the whole simulated hospital
    int cycles = 30;       // steady-state cycles measured (5 minutes at 10 s)
};

// Mirrors `scenario` into a fresh vault under `dir`; returns the figures as
// JSON: patients, initialRequests, initialBytes, initialWritten, initialUnchanged,
// initialServed, steadyRequestsPerCycle, steadyBytesPerCycle,
// requestsPerHour, bytesPerHour (cycles and heartbeats).
QJsonObject measureEhrLoad(sim::SimServer& server, ManualClock& serverClock, const EhrLoadScenario& scenario,
                           const QString& dir);

} // namespace lantern::bench
