#include "ui/reconcile/ReconcileRunner.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/reconcile/ReconcileEngine.h"
#include "core/vault/Vault.h"

namespace lantern::ui {

ReconcileWorker::ReconcileWorker(QString vaultDirectory, QString actor, const Clock& clock)
    : m_directory(std::move(vaultDirectory)), m_actor(std::move(actor)), m_clock(clock)
{
}

void ReconcileWorker::cancel()
{
    m_cancel = true;
    if (sync::ReconcileEngine* engine = m_engine.load())
        engine->cancel();
}

void ReconcileWorker::run()
{
    m_cancel = false;
    const QString directory = m_directory;
    const Clock& clock = m_clock;
    const auto open = [directory, &clock] { return access::VaultAccess(clock).unlockAsDevice(directory); };
    sync::ReconcileEngineConfig config;
    config.actor = m_actor;
    {
        auto vault = open();
        if (!vault.ok()) {
            sync::ReconcileReport failed;
            failed.end = sync::RunEnd::LocalFailure;
            failed.message = vault.error().prefixed(tr("reconciliation runs with the device key")).message;
            Q_EMIT finished(failed);
            return;
        }
        auto ehr = sync::loadMirrorConfig(**vault);
        if (!ehr.ok() || ehr->baseUrl.isEmpty()) {
            sync::ReconcileReport failed;
            failed.end = sync::RunEnd::LocalFailure;
            failed.message = tr("No EHR is configured on this device. Hospital IT sets it with lanternctl.");
            Q_EMIT finished(failed);
            return;
        }
        config.ehr = *ehr;
    }
    sync::ReconcileEngine engine(config, open, m_clock);
    connect(&engine, &sync::ReconcileEngine::progress, this, &ReconcileWorker::progress, Qt::DirectConnection);
    m_engine = &engine;
    if (m_cancel)
        engine.cancel();
    const sync::ReconcileReport report = engine.runOnce();
    m_engine = nullptr;
    Q_EMIT finished(report);
}

ReconcileRunner::ReconcileRunner(QString vaultDirectory, QString actor, const Clock& clock, QObject* parent)
    : QObject(parent), m_worker(new ReconcileWorker(std::move(vaultDirectory), std::move(actor), clock))
{
    qRegisterMetaType<sync::ReconcileReport>();
    m_thread.setObjectName(QStringLiteral("lantern-reconcile"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ReconcileWorker::progress, this, &ReconcileRunner::progress, Qt::QueuedConnection);
    connect(m_worker, &ReconcileWorker::finished, this,
            [this](const sync::ReconcileReport& report) {
                m_running = false;
                Q_EMIT finished(report);
            },
            Qt::QueuedConnection);
    m_thread.start();
}

ReconcileRunner::~ReconcileRunner()
{
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

void ReconcileRunner::start()
{
    if (m_running)
        return;
    m_running = true;
    Q_EMIT started();
    QMetaObject::invokeMethod(m_worker, &ReconcileWorker::run, Qt::QueuedConnection);
}

void ReconcileRunner::cancel()
{
    m_worker->cancel();
}

} // namespace lantern::ui
