#include "WireStats.h"

using namespace Qt::StringLiterals;

namespace lantern::sim {

qint64 WireCounts::resourcesServedTotal() const
{
    qint64 total = 0;
    for (auto it = resourcesServed.constBegin(); it != resourcesServed.constEnd(); ++it)
        total += it.value();
    return total;
}

QJsonObject WireCounts::toJson() const
{
    QJsonObject byType;
    for (auto it = resourcesServed.constBegin(); it != resourcesServed.constEnd(); ++it)
        byType.insert(it.key(), double(it.value()));
    return QJsonObject{{u"requests"_s, double(requests)}, {u"requestBytes"_s, double(requestBytes)},
        {u"responseBytes"_s, double(responseBytes)}, {u"resourcesServed"_s, byType},
        {u"resourcesServedTotal"_s, double(resourcesServedTotal())}};
}

void WireStats::record(qint64 requestBytes, qint64 responseBytes, const QHash<QString, qint64>& served)
{
    std::lock_guard lock(m_mutex);
    ++m_counts.requests;
    m_counts.requestBytes += requestBytes;
    m_counts.responseBytes += responseBytes;
    for (auto it = served.constBegin(); it != served.constEnd(); ++it)
        m_counts.resourcesServed[it.key()] += it.value();
}

WireCounts WireStats::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void WireStats::reset()
{
    std::lock_guard lock(m_mutex);
    m_counts = {};
}

} // namespace lantern::sim
