#pragma once
// What crossed the simulator's FHIR listener, for tests and benchmarks that
// count the load a client puts on the EHR (counts, not times): requests,
// bytes in and out, and resource bodies served by type (search and history
// entries, reads, Bulk Data lines). The admin API (/$sim) is not counted: it
// is the test's own control channel. Thread-safe; read and reset through
// GET / DELETE /$sim/stats.

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <mutex>

namespace lantern::sim {

struct WireCounts
{
    qint64 requests = 0;
    qint64 requestBytes = 0;  // request line, headers and body as received
    qint64 responseBytes = 0; // bodies sent (headers are small and similar for every answer)
    QHash<QString, qint64> resourcesServed; // type -> resource bodies sent

    qint64 resourcesServedTotal() const;
    QJsonObject toJson() const;
};

class WireStats
{
public:
    // One request and its answer; `served` is what ApiResponse::served counted.
    void record(qint64 requestBytes, qint64 responseBytes, const QHash<QString, qint64>& served);
    WireCounts snapshot() const;
    void reset();

private:
    mutable std::mutex m_mutex;
    WireCounts m_counts;
};

} // namespace lantern::sim
