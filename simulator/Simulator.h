#pragma once
// The simulated EHR without its sockets: store, generator, census, clinical
// actions, change stream, faults, bulk export and the REST/admin APIs over
// them. SimServer puts it on the network; benchmarks can use it directly.

#include "AdminApi.h"
#include "BulkExport.h"
#include "BundleLoader.h"
#include "Census.h"
#include "ChangeStream.h"
#include "ClinicalActions.h"
#include "Faults.h"
#include "FhirRestApi.h"
#include "FhirStore.h"
#include "Generator.h"
#include "SimulatorOptions.h"

#include "core/common/Clock.h"

namespace lantern::sim {

class Simulator
{
public:
    explicit Simulator(SimulatorOptions options, const Clock& clock = SystemClock::instance(),
        AdminApi::Hooks hooks = {});
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    // Generates the hospital and loads the --load files.
    Status populate();

    const SimulatorOptions& options() const { return m_options; }
    FhirStore& store() { return m_store; }
    Census& census() { return m_census; }
    Generator& generator() { return m_generator; }
    ClinicalActions& actions() { return m_actions; }
    ChangeStream& changes() { return m_changes; }
    FaultInjector& faults() { return m_faults; }
    BulkExportManager& exports() { return m_exports; }
    BundleLoader& loader() { return m_loader; }
    FhirRestApi& fhirApi() { return m_fhirApi; }
    AdminApi& adminApi() { return m_adminApi; }

private:
    SimulatorOptions m_options;
    FhirStore m_store;
    Census m_census;
    Generator m_generator;
    ClinicalActions m_actions;
    ChangeStream m_changes;
    FaultInjector m_faults;
    BulkExportManager m_exports;
    BundleLoader m_loader;
    FhirRestApi m_fhirApi;
    AdminApi m_adminApi;
};

} // namespace lantern::sim
