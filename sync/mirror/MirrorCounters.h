#pragma once
// What the mirror engine did since its process started, for the service's
// metrics: cycles, their duration, resources written, errors by kind. The
// engine's thread writes, the metrics server's threads read: atomics only.
// Figures that the vault holds (patients, outbox, data-as-of) are not kept
// here; MetricsSnapshot reads those where they are decided.

#include "core/common/Result.h"
#include "sync/http/HttpTraffic.h"

#include <QMap>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace lantern::sync {

struct MirrorCounters
{
    std::shared_ptr<HttpTrafficCounters> traffic = std::make_shared<HttpTrafficCounters>();
    std::atomic<qint64> cycles{0};          // ended, successful or not (a stop in between is neither)
    std::atomic<qint64> failedCycles{0};
    std::atomic<qint64> lastCycleMs{-1};    // -1 before the first cycle ended
    std::atomic<qint64> resourcesWritten{0};
    // Errors whose kind the transport cannot see (it counts http, timeout, tls, network itself).
    std::atomic<qint64> diskErrors{0};       // the vault or the disk under it
    std::atomic<qint64> purgeGuardHolds{0};  // cycles in which the purge guard held a ward's drop
    std::atomic<qint64> otherErrors{0};

    // Counts a failed cycle's error under its kind, unless the transport already did.
    void countCycleError(const Error& error);

    // Failed cycles by the kind of their failure (MirrorFailure.h: http, timeout, connection, ...).
    void countFailedCycle(const QString& kind);
    QMap<QString, qint64> failedCyclesByKind() const;

private:
    mutable std::mutex m_kindMutex; // a map is no atomic: the metrics threads read it under this lock
    QMap<QString, qint64> m_failedByKind;
};

} // namespace lantern::sync
