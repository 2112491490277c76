#include "Simulator.h"

namespace lantern::sim {

Simulator::Simulator(SimulatorOptions options, const Clock& clock, AdminApi::Hooks hooks)
    : m_options(std::move(options)),
      m_store(clock),
      m_census(m_store),
      m_generator(m_store, m_census, m_options.generator),
      m_actions(m_store, m_census, m_generator),
      m_changes(m_actions, m_census, m_options.generator.seed),
      m_faults(clock, m_options.generator.seed),
      m_exports(m_store, m_options.exportPollsBeforeReady),
      m_loader(m_store, m_census, m_generator),
      m_fhirApi(m_store, m_exports),
      m_adminApi(*this, std::move(hooks))
{
    m_fhirApi.setTypeHistory(m_options.typeHistory);
}

Simulator::~Simulator()
{
    m_changes.stop();
    m_faults.shutdown();
}

Status Simulator::populate()
{
    LANTERN_TRY(m_generator.populate());
    for (const QString& file : std::as_const(m_options.loadFiles)) {
        auto loaded = m_loader.loadFile(file);
        if (!loaded)
            return loaded.error();
    }
    return {};
}

} // namespace lantern::sim
