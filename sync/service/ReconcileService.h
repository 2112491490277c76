#pragma once
// Reconciliation as the device runs it: sync::ReconcileEngine on its own
// thread with its own vault connection (the device key, DeviceContext) and
// the EHR settings stored in the vault. The mirror service starts it when a
// person asks (core/service/ServiceMailbox), `lanternctl reconcile run` runs
// it to the end. Signals arrive in the thread that owns this object.
//
//     ReconcileService reconcile(*device);
//     connect(&reconcile, &ReconcileService::finished, ...);
//     reconcile.start(QStringLiteral("n.berger"));   // the person it is done for, in the audit log

#include "core/common/Clock.h"
#include "sync/reconcile/ReconcileTypes.h"
#include "sync/service/DeviceContext.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace lantern::sync {

class ReconcileEngine;

class ReconcileService : public QObject
{
    Q_OBJECT

public:
    explicit ReconcileService(DeviceContext device, const Clock& clock = SystemClock::instance(),
                              QObject* parent = nullptr);
    ~ReconcileService() override; // cancels a running pass and waits for it to stop

    // Before start(): tests and drills shorten timeouts.
    void setConfigAdjuster(std::function<void(MirrorConfig&)> adjust) { m_adjust = std::move(adjust); }

    bool isRunning() const { return m_running; }
    // One pass in the worker thread; Conflict while one runs, NotFound without an EHR.
    Status start(const QString& actor);
    // Thread-safe: the pass stops before its next entry.
    void cancel();
    // start() and wait for finished() in a local event loop (lanternctl);
    // a failure to start comes back as a LocalFailure report.
    ReconcileReport run(const QString& actor);

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const lantern::sync::ReconcileReport& report);

private:
    DeviceContext m_device;
    const Clock& m_clock;
    std::function<void(MirrorConfig&)> m_adjust;
    QThread m_thread;
    std::atomic<ReconcileEngine*> m_engine{nullptr};
    bool m_running = false;
};

} // namespace lantern::sync
