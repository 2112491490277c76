#pragma once
// "Reconcile now" for the desktop: runs sync::ReconcileEngine once on its own
// thread, with its own vault connection (device key) and the EHR settings
// stored in the vault, and reports back through queued signals, so the
// window never waits for the EHR. The person who pressed the button is the
// actor in the audit log.

#include "core/common/Clock.h"
#include "sync/reconcile/ReconcileTypes.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace lantern::sync {
class ReconcileEngine;
}

namespace lantern::ui {

class ReconcileWorker : public QObject
{
    Q_OBJECT

public:
    ReconcileWorker(QString vaultDirectory, QString actor, const Clock& clock);
    void cancel(); // thread-safe

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const lantern::sync::ReconcileReport& report);

private:
    QString m_directory;
    QString m_actor;
    const Clock& m_clock;
    std::atomic<sync::ReconcileEngine*> m_engine{nullptr};
    std::atomic<bool> m_cancel{false};
};

class ReconcileRunner : public QObject
{
    Q_OBJECT

public:
    ReconcileRunner(QString vaultDirectory, QString actor, const Clock& clock, QObject* parent = nullptr);
    ~ReconcileRunner() override; // cancels a running pass and waits for it to stop

    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void start();
    void cancel();

Q_SIGNALS:
    void started();
    void progress(int done, int total);
    void finished(const lantern::sync::ReconcileReport& report);

private:
    QThread m_thread;
    ReconcileWorker* m_worker;
    bool m_running = false;
};

} // namespace lantern::ui
