#include "sync/service/MirrorService.h"

#include "core/service/ServiceMailbox.h"
#include "core/snapshot/BackupRunner.h"
#include "core/vault/Vault.h"
#include "sync/http/MetricsServer.h"
#include "sync/mirror/MirrorCounters.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorLock.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/service/MetricsSnapshot.h"
#include "sync/service/MetricsText.h"
#include "sync/service/ReconcileService.h"

#include <QTimer>

namespace lantern::sync {

MirrorService::MirrorService(DeviceContext device, const Clock& clock, Options options, QObject* parent)
    : QObject(parent), m_device(std::move(device)), m_clock(clock), m_options(std::move(options)),
      m_beat(new QTimer(this)), m_follow(new QTimer(this)), m_counters(std::make_shared<MirrorCounters>())
{
    qRegisterMetaType<lantern::sync::MirrorStatus>();
    qRegisterMetaType<lantern::sync::EhrState>();
    qRegisterMetaType<lantern::sync::ReconcileReport>();
    m_thread.setObjectName(QStringLiteral("lantern-mirror"));
    m_beat->setInterval(std::max(1, m_options.beatSeconds) * 1000);
    connect(m_beat, &QTimer::timeout, this, &MirrorService::beat);
    m_follow->setInterval(std::max(1, m_options.followSeconds) * 1000);
    connect(m_follow, &QTimer::timeout, this, &MirrorService::tryTakeOver);
}

MirrorService::~MirrorService()
{
    m_metrics.reset(); // the port closes first: nothing scrapes a service going away
    m_follow->stop();
    m_beat->stop();
    m_reconcile.reset(); // cancels a running pass and waits for it
    if (m_engine) {
        m_engine->requestStop();
        MirrorEngine* engine = m_engine;
        QMetaObject::invokeMethod(engine, [engine] { engine->stop(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        delete m_engine;
        m_engine = nullptr;
        if (m_vault)
            (void)service::ServiceMailbox(*m_vault, m_clock).markStopped();
    }
    m_thread.quit();
    m_thread.wait();
}

void MirrorService::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    Q_EMIT modeChanged(mode);
}

void MirrorService::start()
{
    if (m_mode == Mode::Leader || m_mode == Mode::Follower)
        return;
    m_stopping = false;
    auto vault = m_device.openVault();
    if (!vault.ok()) {
        Q_EMIT errorOccurred(vault.error().message);
        finish(true);
        return;
    }
    m_vault = std::move(*vault);
    startMetrics();
    auto probe = acquireMirrorLock(m_device.lockFolder());
    if (!probe.ok()) {
        becomeFollower();
        return;
    }
    probe->reset(); // released: the engine takes it for itself
    becomeLeader();
}

void MirrorService::becomeLeader()
{
    MirrorConfig config = m_device.mirror;
    if (m_options.adjust)
        m_options.adjust(config);
    m_engine = new MirrorEngine(config, m_device.openVault, m_clock);
    m_engine->setCounters(m_counters);
    m_engine->moveToThread(&m_thread);
    // Every connection crosses the thread boundary: queued.
    connect(m_engine, &MirrorEngine::statusChanged, this, &MirrorService::statusChanged, Qt::QueuedConnection);
    connect(m_engine, &MirrorEngine::stateChanged, this, &MirrorService::stateChanged, Qt::QueuedConnection);
    connect(m_engine, &MirrorEngine::cycleFinished, this, &MirrorService::cycleFinished, Qt::QueuedConnection);
    connect(m_engine, &MirrorEngine::cycleFinished, this, &MirrorService::refreshMetrics, Qt::QueuedConnection);
    connect(m_engine, &MirrorEngine::cycleFinished, this, &MirrorService::backUpIfDue, Qt::QueuedConnection);
    connect(m_engine, &MirrorEngine::errorOccurred, this, &MirrorService::errorOccurred, Qt::QueuedConnection);
    connect(m_engine, &MirrorEngine::stopped, this, &MirrorService::onEngineStopped, Qt::QueuedConnection);
    if (!m_thread.isRunning())
        m_thread.start();

    m_reconcile = std::make_unique<ReconcileService>(m_device, m_clock);
    if (m_options.adjust)
        m_reconcile->setConfigAdjuster(m_options.adjust);
    connect(m_reconcile.get(), &ReconcileService::progress, this, [this](int done, int total) {
        service::ReconcileProgress p;
        p.requestId = m_reconcileRequest;
        p.by = m_reconcileBy;
        p.done = done;
        p.total = total;
        (void)service::ServiceMailbox(*m_vault, m_clock).saveReconcileProgress(p);
    });
    connect(m_reconcile.get(), &ReconcileService::finished, this, &MirrorService::onReconcileFinished);

    if (Status started = service::ServiceMailbox(*m_vault, m_clock).markStarted(); !started.ok())
        Q_EMIT errorOccurred(started.error().prefixed(QStringLiteral("service heartbeat")).message);
    setMode(Mode::Leader);
    m_beat->start();
    QMetaObject::invokeMethod(m_engine, &MirrorEngine::start, Qt::QueuedConnection);
    readMailbox(); // a request left while no service ran
}

void MirrorService::becomeFollower()
{
    m_reconcile.reset();
    m_beat->stop();
    // A follower still answers scrapes (state, data age from the vault); its timer refreshes them.
    qCInfo(lcMirror) << "another process holds the mirror lock: following, taking over when it goes";
    setMode(Mode::Follower);
    m_follow->start();
}

void MirrorService::tryTakeOver()
{
    refreshMetrics();
    auto probe = acquireMirrorLock(m_device.lockFolder());
    if (!probe.ok())
        return;
    probe->reset();
    m_follow->stop();
    qCInfo(lcMirror) << "the other mirror went away: taking over";
    becomeLeader();
}

void MirrorService::onEngineStopped()
{
    m_beat->stop();
    if (m_reconcile && m_reconcile->isRunning()) {
        service::ReconcileProgress p;
        p.requestId = m_reconcileRequest;
        p.by = m_reconcileBy;
        p.finished = true;
        p.end = runEndName(RunEnd::Stopped);
        p.message = QStringLiteral("the mirror service stopped; ask again to resume");
        (void)service::ServiceMailbox(*m_vault, m_clock).saveReconcileProgress(p);
    }
    m_reconcile.reset();
    m_thread.quit();
    m_thread.wait();
    delete m_engine;
    m_engine = nullptr;
    if (m_stopping) {
        (void)service::ServiceMailbox(*m_vault, m_clock).markStopped();
        finish(false);
        return;
    }
    // The engine could not start. Most likely another process took the lock
    // in between: follow it. Anything else is an error the caller reports.
    auto probe = acquireMirrorLock(m_device.lockFolder());
    if (!probe.ok() && probe.error().code == ErrorCode::Conflict) {
        becomeFollower();
        return;
    }
    finish(true);
}

void MirrorService::stop()
{
    if (m_stopping || m_mode == Mode::Stopped)
        return;
    m_stopping = true;
    m_follow->stop();
    if (m_reconcile)
        m_reconcile->cancel();
    if (m_engine) {
        m_engine->requestStop(); // thread-safe: the running cycle sees it between transactions
        QMetaObject::invokeMethod(m_engine, &MirrorEngine::stop, Qt::QueuedConnection);
        return; // onEngineStopped() finishes
    }
    finish(false);
}

void MirrorService::finish(bool failed)
{
    m_metrics.reset(); // every way to Stopped passes here: the port closes with the service
    m_beat->stop();
    m_follow->stop();
    setMode(Mode::Stopped);
    Q_EMIT finished(failed);
}

void MirrorService::beat()
{
    refreshMetrics();
    if (!m_vault || m_mode != Mode::Leader)
        return;
    if (Status beaten = service::ServiceMailbox(*m_vault, m_clock).beat(); !beaten.ok())
        Q_EMIT errorOccurred(beaten.error().prefixed(QStringLiteral("service heartbeat")).message);
    readMailbox();
}

void MirrorService::readMailbox()
{
    if (!m_vault || !m_reconcile || m_stopping)
        return;
    service::ServiceMailbox box(*m_vault, m_clock);
    if (m_reconcile->isRunning()) {
        auto cancel = box.reconcileCancelRequested();
        if (cancel.ok() && *cancel) {
            m_reconcile->cancel();
            (void)box.clearReconcileCancel();
        }
        return;
    }
    auto request = box.reconcileRequest();
    if (!request.ok() || !*request)
        return;
    const service::ReconcileRequest r = **request;
    if (Status taken = box.takeReconcileRequest(r); !taken.ok()) {
        Q_EMIT errorOccurred(taken.error().message);
        return;
    }
    (void)box.clearReconcileCancel();
    m_reconcileRequest = r.id;
    m_reconcileBy = r.by;
    if (Status started = m_reconcile->start(r.by); !started.ok()) {
        service::ReconcileProgress p;
        p.requestId = r.id;
        p.by = r.by;
        p.finished = true;
        p.end = runEndName(RunEnd::LocalFailure);
        p.message = started.error().message;
        (void)box.saveReconcileProgress(p);
        return;
    }
    Q_EMIT reconcileStarted(r.by);
}

void MirrorService::onReconcileFinished(const ReconcileReport& report)
{
    service::ReconcileProgress p;
    p.requestId = m_reconcileRequest;
    p.by = m_reconcileBy;
    p.finished = true;
    p.end = runEndName(report.end);
    p.done = report.processed;
    p.total = report.processed + report.pendingLeft;
    p.uploaded = report.uploaded;
    p.conflicts = report.conflicts;
    p.pendingLeft = report.pendingLeft;
    p.conflictsOpen = report.conflictsOpen;
    p.message = report.message;
    if (m_vault)
        (void)service::ServiceMailbox(*m_vault, m_clock).saveReconcileProgress(p);
    Q_EMIT reconcileFinished(report);
}

} // namespace lantern::sync

namespace lantern::sync {

void MirrorService::startMetrics()
{
    const int port = m_device.mirror.metricsPort;
    if (port <= 0 || m_metrics)
        return;
    refreshMetrics();
    auto server = std::make_unique<MetricsServer>([this] { return metricsBody(); });
    if (Status started = server->start(quint16(port)); !started.ok()) {
        // Monitoring is not worth a ward's data: mirror on, and say why there are no metrics.
        Q_EMIT errorOccurred(started.error().message + QStringLiteral("; mirroring without metrics (service.metrics_port)"));
        return;
    }
    m_metrics = std::move(server);
    qCInfo(lcMirror).noquote() << QStringLiteral("metrics on http://127.0.0.1:%1/metrics").arg(m_metrics->boundPort());
}

void MirrorService::backUpIfDue()
{
    // After a cycle, on this thread: the backup reads the vault the engine just wrote.
    if (!m_vault)
        return;
    auto identity = snapshot::DeviceIdentity::load(m_device.directory);
    if (!identity.ok())
        return; // no device identity, no backups: `lanternctl backup run` says why
    snapshot::BackupRunner runner(*m_vault, *identity, m_clock);
    auto due = runner.isDue();
    if (!due.ok() || !*due)
        return;
    auto done = runner.run();
    if (!done.ok()) {
        Q_EMIT errorOccurred(done.error().prefixed(QStringLiteral("scheduled backup")).message);
        return;
    }
    qCInfo(lcMirror).noquote() << QStringLiteral("backup written and verified: %1 (%2 removed by retention)")
                                      .arg(done->written.path)
                                      .arg(done->removed.size());
}

void MirrorService::refreshMetrics()
{
    if (!m_vault || m_device.mirror.metricsPort <= 0)
        return;
    auto snapshot = collectMetrics(*m_vault, m_clock.now(), m_counters.get());
    if (!snapshot.ok()) {
        qCWarning(lcMirror).noquote() << "metrics not refreshed:" << snapshot.error().message;
        return;
    }
    QByteArray text = renderMetricsText(*snapshot);
    std::lock_guard lock(m_metricsMutex);
    m_metricsText = std::move(text);
}

QByteArray MirrorService::metricsBody() const
{
    std::lock_guard lock(m_metricsMutex);
    return m_metricsText;
}

QString MirrorService::metricsAddress() const
{
    return m_metrics ? m_metrics->boundAddress() : QString();
}

quint16 MirrorService::metricsPort() const
{
    return m_metrics ? m_metrics->boundPort() : 0;
}

} // namespace lantern::sync
