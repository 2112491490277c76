#pragma once
// Reconciliation as the rest of Lantern sees it: a QObject with start and
// cancel, and signals for progress and the finished run. It lives in a worker
// thread (moveToThread, like MirrorEngine); the UI connects with queued
// connections. start() opens its own vault connection, takes the upload lock
// (one uploader per vault), runs one Reconciler pass and emits finished().
// No widgets, no Poco in this header.

#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/ReconcileTypes.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace lantern::sync {

struct ReconcileEngineConfig
{
    MirrorConfig ehr;                         // base URL, authentication, TLS, timeouts, retries
    QString actor = QStringLiteral("system"); // named in the audit log
    int duplicateWindowMinutes = 60;
};

class ReconcileEngine : public QObject
{
    Q_OBJECT

public:
    ReconcileEngine(ReconcileEngineConfig config, MirrorEngine::VaultOpener openVault,
                    const Clock& clock = SystemClock::instance(), QObject* parent = nullptr);
    ~ReconcileEngine() override;

    // One run in the calling thread (lanternctl, tests).
    ReconcileReport runOnce();
    // Thread-safe: the run stops before its next entry (and waits between retries end at once).
    void cancel();
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void start(); // one run; emits finished()

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const lantern::sync::ReconcileReport& report);

private:
    ReconcileEngineConfig m_config;
    MirrorEngine::VaultOpener m_openVault;
    const Clock& m_clock;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
};

} // namespace lantern::sync
