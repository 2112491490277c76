#pragma once
// What the simulator does with transaction Bundles beyond applying them, for
// the reconciliation tests: whether it offers them at all (off: the
// CapabilityStatement leaves "transaction" out and a transaction Bundle is
// answered 405, as on servers without them), a hold that keeps the next
// transactions waiting before anything is written (a test kills the client
// while its Bundle is in flight, then releases it), and counters of requests
// by kind, so tests assert round trips by count, never by time.

#include <QHash>
#include <QString>

#include <condition_variable>
#include <mutex>

namespace lantern::sim {

struct RequestCounts
{
    int total = 0;        // FHIR requests (not /$sim)
    int transactions = 0; // transaction Bundles received
    int bundleEntries = 0; // entries in them
    QHash<QString, int> byKind; // "GET MedicationAdministration", "POST Patient", "POST (bundle)" ...
};

class TransactionGate
{
public:
    void setOffered(bool offered);
    bool offered() const;

    // The next transactions wait before being applied until release() (or shutdown).
    void hold();
    void release();
    // Blocks up to `ms` until at least `count` transactions are held; true if so.
    bool waitUntilHeld(int count, int ms);
    // Called by the REST API for every transaction before it is applied.
    void passTransaction(int entries);

    void count(const QString& kind);
    RequestCounts counts() const;
    void resetCounts();
    void shutdown(); // releases every held transaction for good

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_offered = true;
    bool m_holding = false;
    bool m_shutdown = false;
    int m_held = 0;
    RequestCounts m_counts;
};

} // namespace lantern::sim
