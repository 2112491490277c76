#include "EhrLoad.h"

#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QDir>

#include <cmath>
#include <cstdio>

namespace lantern::bench {
namespace {

SecureBuffer loadKey()
{
    SecureBuffer key(32);
    std::fill(key.data(), key.data() + 32, std::uint8_t(0x6b));
    return key;
}

// What one heartbeat costs: the engine's probe is GET <base>/metadata.
qint64 heartbeatBytes(sim::Simulator& simulator)
{
    sim::ApiRequest request;
    request.method = "GET";
    request.path = QStringLiteral("metadata");
    request.base = QStringLiteral("http://127.0.0.1/fhir");
    return simulator.fhirApi().handle(request).body.size();
}

} // namespace

QJsonObject measureEhrLoad(sim::SimServer& server, ManualClock& serverClock, const EhrLoadScenario& scenario,
                           const QString& dir)
{
    QJsonObject out{{QStringLiteral("name"), scenario.name}};
    const QString vaultPath = QDir(dir).filePath(scenario.name + QStringLiteral(".db"));
    if (!vault::Vault::create(vaultPath, loadKey()).ok()) {
        out.insert(QStringLiteral("error"), QStringLiteral("cannot create the vault"));
        return out;
    }
    sync::MirrorConfig config;
    config.baseUrl = QUrl(server.baseUrl());
    config.scope.wardLocationIds = scenario.wardIds;
    config.intervalSeconds = scenario.intervalSeconds;
    sync::MirrorEngine engine(config, [vaultPath] { return vault::Vault::open(vaultPath, loadKey()); });
    sim::Simulator& simulator = server.simulator();

    serverClock.advanceSecs(60);
    simulator.wire().reset();
    auto initial = engine.runCycle();
    if (!initial.ok()) {
        out.insert(QStringLiteral("error"), initial.error().message);
        return out;
    }
    const sim::WireCounts loaded = simulator.wire().snapshot();
    const qint64 patients = initial->patientsLoaded;
    out.insert(QStringLiteral("patients"), double(patients));
    out.insert(QStringLiteral("initialRequests"), double(loaded.requests));
    out.insert(QStringLiteral("initialBytes"), double(loaded.responseBytes + loaded.requestBytes));
    out.insert(QStringLiteral("initialServed"), double(loaded.resourcesServedTotal()));
    out.insert(QStringLiteral("initialWritten"), double(initial->written));
    out.insert(QStringLiteral("initialUnchanged"), double(initial->unchanged));

    // Steady state: the hospital changes at the given rate, the device asks once per interval.
    const double changesPerCycle = scenario.changesPerMinute * scenario.intervalSeconds / 60.0;
    double owed = 0;
    qint64 requests = 0;
    qint64 bytes = 0;
    for (int i = 0; i < scenario.cycles; ++i) {
        serverClock.advanceSecs(scenario.intervalSeconds / 2);
        owed += changesPerCycle;
        const int now = int(std::floor(owed));
        owed -= now;
        if (now > 0)
            simulator.changes().tick(now);
        serverClock.advanceSecs(scenario.intervalSeconds - scenario.intervalSeconds / 2);
        simulator.wire().reset();
        auto cycle = engine.runCycle();
        if (!cycle.ok()) {
            out.insert(QStringLiteral("error"), cycle.error().message);
            return out;
        }
        const sim::WireCounts counts = simulator.wire().snapshot();
        requests += counts.requests;
        bytes += counts.requestBytes + counts.responseBytes;
    }
    const double perCycleRequests = double(requests) / scenario.cycles;
    const double perCycleBytes = double(bytes) / scenario.cycles;
    const double cyclesPerHour = 3600.0 / scenario.intervalSeconds;
    const double beatsPerHour = 3600.0 / scenario.heartbeatSeconds;
    out.insert(QStringLiteral("steadyRequestsPerCycle"), perCycleRequests);
    out.insert(QStringLiteral("steadyBytesPerCycle"), perCycleBytes);
    out.insert(QStringLiteral("heartbeatsPerHour"), beatsPerHour);
    out.insert(QStringLiteral("heartbeatBytesPerHour"), beatsPerHour * double(heartbeatBytes(simulator)));
    out.insert(QStringLiteral("cycleRequestsPerHour"), perCycleRequests * cyclesPerHour);
    out.insert(QStringLiteral("cycleBytesPerHour"), perCycleBytes * cyclesPerHour);
    out.insert(QStringLiteral("changesPerMinute"), scenario.changesPerMinute);
    out.insert(QStringLiteral("intervalSeconds"), scenario.intervalSeconds);
    return out;
}

} // namespace lantern::bench
