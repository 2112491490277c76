#pragma once
// lantern-ehr-sim in-process: a Simulator behind a Poco HTTP server on
// 127.0.0.1. Tests and the mirror's integration tests start one on a free port:
//
//     lantern::ManualClock clock;
//     lantern::sim::SimulatorOptions options;       // port 0 = pick a free port
//     options.generator.patientsPerWard = 5;
//     lantern::sim::SimServer server(options, clock);
//     if (auto started = server.start(); !started) ... started.error().message
//     server.baseUrl();   // http://127.0.0.1:<port>/fhir
//     server.setFault({lantern::sim::FaultMode::Refuse}); server.clearFault();
//     server.stop();      // also in the destructor

#include "Faults.h"
#include "Simulator.h"
#include "SimulatorOptions.h"

#include "core/common/Clock.h"
#include "core/common/Result.h"

#include <memory>

namespace lantern::sim {

class SimServer
{
public:
    explicit SimServer(SimulatorOptions options, const Clock& clock = SystemClock::instance());
    ~SimServer();
    SimServer(const SimServer&) = delete;
    SimServer& operator=(const SimServer&) = delete;

    // Generates the data, loads files, binds and starts serving, starts the change stream.
    Status start();
    void stop();

    quint16 port() const;      // the bound port (also while a "refuse" fault has it closed)
    quint16 adminPort() const; // 0 without an admin listener
    QString baseUrl() const;   // http://127.0.0.1:<port>/fhir
    QString adminUrl() const;  // http://127.0.0.1:<admin port or port>/$sim
    bool listening() const;

    // Synchronous: after setFault(Refuse) returns, connections are refused; after
    // clearFault() returns, the same port accepts again.
    void setFault(const FaultSpec& fault);
    void clearFault();

    Simulator& simulator();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace lantern::sim
