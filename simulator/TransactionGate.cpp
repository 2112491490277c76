#include "TransactionGate.h"

#include <chrono>

namespace lantern::sim {

namespace {
constexpr auto kMaxHold = std::chrono::minutes(5); // a forgotten hold never blocks a server for good
}

void TransactionGate::setOffered(bool offered)
{
    std::lock_guard lock(m_mutex);
    m_offered = offered;
}

bool TransactionGate::offered() const
{
    std::lock_guard lock(m_mutex);
    return m_offered;
}

void TransactionGate::hold()
{
    std::lock_guard lock(m_mutex);
    m_holding = true;
}

void TransactionGate::release()
{
    {
        std::lock_guard lock(m_mutex);
        m_holding = false;
    }
    m_changed.notify_all();
}

bool TransactionGate::waitUntilHeld(int count, int ms)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(ms), [&] { return m_held >= count; });
}

void TransactionGate::passTransaction(int entries)
{
    std::unique_lock lock(m_mutex);
    ++m_counts.transactions;
    m_counts.bundleEntries += entries;
    if (!m_holding || m_shutdown)
        return;
    ++m_held;
    m_changed.notify_all();
    m_changed.wait_for(lock, kMaxHold, [&] { return !m_holding || m_shutdown; });
    --m_held;
}

void TransactionGate::count(const QString& kind)
{
    std::lock_guard lock(m_mutex);
    ++m_counts.total;
    ++m_counts.byKind[kind];
}

RequestCounts TransactionGate::counts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void TransactionGate::resetCounts()
{
    std::lock_guard lock(m_mutex);
    m_counts = {};
}

void TransactionGate::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_shutdown = true;
    }
    m_changed.notify_all();
}

} // namespace lantern::sim
