#pragma once
// The device's mirror service: what `lanternctl service run` (systemd unit
// lantern-mirror, account lantern) runs until it is stopped.
//  - Leader: holds mirror.lock and runs sync::MirrorEngine on its own thread.
//  - Follower: another process holds the lock (a second instance, a drill);
//    it checks every few seconds and takes over when that one goes away.
//  - While leader it keeps the vault's service mailbox (core/service): a
//    heartbeat every few seconds from this thread (a long cycle never stalls
//    it), a clean-stop mark, and the reconciliations people ask for, run with
//    ReconcileService under the asking person's name.
//  - After each cycle, while leader, a backup when one is due (backup.interval_hours).
//  - From start() until it stops, in either mode, it serves Prometheus metrics
//    on 127.0.0.1:service.metrics_port (MetricsServer; docs/it/monitoring.md).
//    The figures are collected on this thread every heartbeat and after each
//    cycle; a scrape only reads the last rendering, never the vault.
// stop() (e.g. from TerminationSignals) ends the cycle after its current
// transaction and emits finished(); the metrics port closes with it.

#include "core/common/Clock.h"
#include "sync/reconcile/ReconcileTypes.h"
#include "sync/service/DeviceContext.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <mutex>

class QTimer;

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

class ReconcileService;
class MetricsServer;
struct MirrorCounters;

struct MirrorServiceOptions
{
    int beatSeconds = 5;   // heartbeat and mailbox reading while leader
    int followSeconds = 5; // how often a follower tries to take over
    // Tests and drills shorten transport timeouts and intervals.
    std::function<void(MirrorConfig&)> adjust;
};

class MirrorService : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Idle, Leader, Follower, Stopped };
    Q_ENUM(Mode)

    using Options = MirrorServiceOptions;

    MirrorService(DeviceContext device, const Clock& clock = SystemClock::instance(), Options options = {},
                  QObject* parent = nullptr);
    ~MirrorService() override; // stops like stop() and waits

    Mode mode() const { return m_mode; }
    const MirrorConfig& config() const { return m_device.mirror; }
    // Where the metrics are served: "127.0.0.1" and the port; empty and 0 when off.
    QString metricsAddress() const;
    quint16 metricsPort() const;

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void modeChanged(lantern::sync::MirrorService::Mode mode);
    void statusChanged(const lantern::sync::MirrorStatus& status);
    void stateChanged(lantern::sync::EhrState state, lantern::sync::EhrState previous);
    void cycleFinished(const QDateTime& dataAsOf, qint64 resourcesChanged);
    void errorOccurred(const QString& message); // never patient data
    void reconcileStarted(const QString& requestedBy);
    void reconcileFinished(const lantern::sync::ReconcileReport& report);
    // Stopped: `failed` when the engine could not start and nobody else mirrors.
    void finished(bool failed);

private:
    void becomeLeader();
    void becomeFollower();
    void tryTakeOver();
    void onEngineStopped();
    void beat();
    void readMailbox();
    void onReconcileFinished(const ReconcileReport& report);
    void setMode(Mode mode);
    void finish(bool failed);
    void startMetrics();
    void refreshMetrics();
    // A scheduled backup when one is due (backup.* settings; core/snapshot/BackupRunner).
    void backUpIfDue();
    QByteArray metricsBody() const; // called from the metrics server's threads

    DeviceContext m_device;
    const Clock& m_clock;
    Options m_options;
    Mode m_mode = Mode::Idle;
    bool m_stopping = false;
    std::unique_ptr<vault::Vault> m_vault; // this thread's own connection, for the mailbox
    QThread m_thread;
    MirrorEngine* m_engine = nullptr;
    QTimer* m_beat;
    QTimer* m_follow;
    std::unique_ptr<ReconcileService> m_reconcile;
    QString m_reconcileRequest; // the request id being run
    QString m_reconcileBy;
    // One set for the process: a follower that takes over goes on counting.
    std::shared_ptr<MirrorCounters> m_counters;
    mutable std::mutex m_metricsMutex;
    QByteArray m_metricsText;
    std::unique_ptr<MetricsServer> m_metrics; // last member: stops before the rest goes
};

} // namespace lantern::sync
