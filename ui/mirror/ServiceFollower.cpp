#include "ui/mirror/ServiceFollower.h"

#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorStatusStore.h"

#include <QTimer>

namespace lantern::ui {

ServiceFollower::ServiceFollower(vault::Vault& vault, const Clock& clock, int pollMs, QObject* parent)
    : QObject(parent), m_vault(vault), m_clock(clock), m_timer(new QTimer(this))
{
    qRegisterMetaType<lantern::sync::MirrorStatus>();
    qRegisterMetaType<lantern::service::ReconcileProgress>();
    m_timer->setInterval(std::max(100, pollMs));
    connect(m_timer, &QTimer::timeout, this, &ServiceFollower::poll);
}

void ServiceFollower::start()
{
    poll();
    m_timer->start();
}

void ServiceFollower::stop()
{
    m_timer->stop();
}

void ServiceFollower::poll()
{
    auto status = sync::loadMirrorStatus(m_vault);
    if (!status.ok()) {
        Q_EMIT errorOccurred(status.error().message);
        return;
    }
    service::ServiceMailbox mailbox(m_vault, m_clock);
    auto alive = mailbox.liveness(m_staleSeconds);
    auto config = sync::loadMirrorConfig(m_vault);
    // Only a device that mirrors needs its service; a stand-alone vault (import only) does not.
    const bool mirrors = config.ok() && config->baseUrl.isValid() && !config->baseUrl.isEmpty();
    if (alive.ok() && mirrors && !alive->running) {
        status->serviceDown = true;
        status->serviceDownSince = alive->downSince;
    }
    m_status = *status;
    Q_EMIT statusChanged(m_status);
    if (!m_first && (m_status.dataAsOfByWard != m_lastAsOf || m_status.dataGeneration != m_lastGeneration))
        Q_EMIT dataChanged();
    m_lastAsOf = m_status.dataAsOfByWard;
    m_lastGeneration = m_status.dataGeneration;
    m_first = false;

    auto progress = mailbox.reconcileProgress();
    if (progress.ok() && *progress) {
        const service::ReconcileProgress& p = **progress;
        const QString key = QStringLiteral("%1/%2/%3/%4").arg(p.requestId).arg(p.done).arg(p.total).arg(p.finished);
        if (key != m_lastProgress) {
            m_lastProgress = key;
            Q_EMIT reconcileProgress(p);
        }
    }
}

} // namespace lantern::ui
