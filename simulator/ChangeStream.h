#pragma once
// A steady trickle of ward activity so mirrors always have something to pull:
// new orders, stopped orders, dose changes, doses given, admissions,
// discharges, new allergies, vital signs. Runs on its own thread at a
// configured rate; tick() applies one batch at once (tests, /$sim/tick).
// Deterministic for a seed: the same batches against the same store state
// make the same changes.

#include "Census.h"
#include "ClinicalActions.h"
#include "Rng.h"

#include <QJsonArray>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace lantern::sim {

class ChangeStream
{
public:
    ChangeStream(ClinicalActions& actions, Census& census, quint64 seed);
    ~ChangeStream();
    ChangeStream(const ChangeStream&) = delete;
    ChangeStream& operator=(const ChangeStream&) = delete;

    // perMinute <= 0: no background changes.
    void start(double perMinute, int intervalSeconds);
    void stop();

    // Applies `count` changes now; returns what happened ({kind, resource, patient}).
    QJsonArray tick(int count);
    // How many changes one interval applies at the configured rate (at least 1).
    int batchSize() const;
    quint64 applied() const { return m_applied; }

private:
    QJsonObject applyOne();
    void run();

    ClinicalActions& m_actions;
    Census& m_census;
    Rng m_rng;
    std::mutex m_tickMutex;
    std::mutex m_threadMutex;
    std::condition_variable m_wake;
    std::thread m_thread;
    bool m_stopping = false;
    double m_perMinute = 0;
    int m_intervalSeconds = 10;
    std::atomic<quint64> m_applied{0};
};

} // namespace lantern::sim
