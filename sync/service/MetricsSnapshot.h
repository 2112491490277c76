#pragma once
// The figures the mirror service reports, decided once for both interfaces
// that show them: GET /metrics (MetricsText, Prometheus) and
// `lanternctl status --json`. Counts, states, ward Location ids (which are
// configuration) and times only: never a patient, a name or an identifier.
//
// Vault figures (EHR state, data age, patients, outbox, held drops, heartbeat)
// are read from the vault, so any process sees them. The engine's counters
// (cycles, requests, bytes, errors) live in the service's memory: only the
// service's own snapshot has them (`engine`), `status --json` has not.

#include "core/common/Result.h"
#include "core/vault/DiskStatus.h"
#include "sync/health/EhrHealth.h"
#include "sync/mirror/MirrorFailure.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

struct MirrorCounters;

// What the running engine counted since the service started.
struct EngineFigures
{
    double lastCycleSeconds = -1; // -1: no cycle ended yet
    qint64 cycles = 0;
    qint64 failedCycles = 0;
    qint64 requests = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 resourcesWritten = 0;
    // http, timeout, tls, network, disk, purge_guard, other: always all seven.
    QMap<QString, qint64> errorsByKind;
    // Failed cycles by the kind of their failure (failureKinds()): always all of them.
    QMap<QString, qint64> failedCyclesByKind;
};

struct MetricsSnapshot
{
    QDateTime takenAt;
    EhrState ehrState = EhrState::Online;
    QMap<QString, qint64> dataAgeSecondsByWard; // -1: the ward was never mirrored completely
    qint64 patientsInScope = 0;
    qint64 resourcesInVault = 0;
    QMap<QString, qint64> outboxByState; // pending, uploaded, conflict, duplicate, superseded, entered_in_error
    qint64 conflictsWaiting = 0;
    QMap<QString, qint64> heldDropByWard; // patients the held answer would remove; 0: nothing held
    bool serviceRunning = false;
    qint64 heartbeatAgeSeconds = -1; // -1: the service never ran on this vault
    vault::DiskStatus disk;          // the vault's disk: free bytes, level, what to do
    MirrorFailure lastFailure;       // none while the mirror works
    std::optional<EngineFigures> engine;
};

const QStringList& errorKinds();
EngineFigures engineFigures(const MirrorCounters& counters);

// Reads the vault's figures at `now`; `counters` (the service's) fill `engine`.
Result<MetricsSnapshot> collectMetrics(vault::Vault& vault, const QDateTime& now,
                                       const MirrorCounters* counters = nullptr);

// The same figures for `lanternctl status --json`: ages in seconds, null where never.
QJsonObject metricsToJson(const MetricsSnapshot& snapshot);

} // namespace lantern::sync
