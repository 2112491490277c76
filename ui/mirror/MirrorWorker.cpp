#include "ui/mirror/MirrorWorker.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorLock.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "core/vault/Vault.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

namespace lantern::ui {

Q_LOGGING_CATEGORY(lcUiMirror, "lantern.ui.mirror")

namespace {

Result<std::unique_ptr<vault::Vault>> openWithDeviceKey(const QString& directory, const Clock& clock)
{
    return access::VaultAccess(clock).unlockAsDevice(directory);
}

QString lockFolder(const vault::Vault& vault)
{
    return QFileInfo(vault.path()).absolutePath();
}

} // namespace

MirrorWorker::MirrorWorker(QString vaultDirectory, const Clock& clock, int followIntervalMs, ConfigAdjuster adjust)
    : m_directory(std::move(vaultDirectory)), m_clock(clock), m_followIntervalMs(std::max(100, followIntervalMs)),
      m_adjust(std::move(adjust))
{
}

MirrorWorker::~MirrorWorker() = default;

void MirrorWorker::requestStop()
{
    std::lock_guard lock(m_engineMutex);
    if (m_engine)
        m_engine->requestStop();
}

void MirrorWorker::setMode(MirrorMode mode, const QString& why)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    // Said once per change: a ward PC without a mirror is normal, not an error.
    qCInfo(lcUiMirror).noquote() << "mirror:" << why;
    Q_EMIT modeChanged(static_cast<int>(mode), why);
}

void MirrorWorker::begin()
{
    auto vault = openWithDeviceKey(m_directory, m_clock);
    if (!vault.ok()) {
        setMode(MirrorMode::Off, QStringLiteral("not mirroring: the device key cannot open the vault (%1)")
                                     .arg(vault.error().message));
        return;
    }
    auto config = sync::loadMirrorConfig(**vault);
    if (!config.ok() || !config->baseUrl.isValid() || config->baseUrl.isEmpty()) {
        setMode(MirrorMode::Off, QStringLiteral("not mirroring: no mirror configured in this vault"));
        return;
    }
    // What the vault knew at start, so the banner shows data-as-of at once.
    if (auto stored = sync::loadMirrorStatus(**vault); stored.ok()) {
        m_lastAsOf = stored->dataAsOfByWard;
        Q_EMIT statusChanged(*stored);
    }
    auto probe = sync::acquireMirrorLock(lockFolder(**vault));
    if (!probe.ok()) {
        m_followVault = std::move(*vault);
        startFollowing();
        return;
    }
    probe->reset(); // released: the engine takes it for itself
    vault->reset();
    if (m_adjust)
        m_adjust(*config);
    startEngine(*config);
}

void MirrorWorker::startEngine(const sync::MirrorConfig& config)
{
    const QString directory = m_directory;
    const Clock& clock = m_clock;
    auto* engine = new sync::MirrorEngine(
        config, [directory, &clock] { return openWithDeviceKey(directory, clock); }, m_clock, this);
    connect(engine, &sync::MirrorEngine::statusChanged, this, &MirrorWorker::statusChanged);
    connect(engine, &sync::MirrorEngine::errorOccurred, this, &MirrorWorker::errorOccurred);
    connect(engine, &sync::MirrorEngine::cycleFinished, this, [this](const QDateTime&, qint64 changed) {
        if (changed > 0)
            Q_EMIT dataChanged();
    });
    connect(engine, &sync::MirrorEngine::stopped, this, &MirrorWorker::onEngineStopped, Qt::QueuedConnection);
    {
        std::lock_guard lock(m_engineMutex);
        m_engine = engine;
    }
    setMode(MirrorMode::Engine, QStringLiteral("mirroring in this process"));
    engine->start();
}

void MirrorWorker::onEngineStopped()
{
    sync::MirrorEngine* engine = nullptr;
    {
        std::lock_guard lock(m_engineMutex);
        std::swap(engine, m_engine);
    }
    delete engine;
    if (m_shuttingDown)
        return;
    // The engine could not start, most likely because the service took the
    // lock in between: follow it instead.
    auto vault = openWithDeviceKey(m_directory, m_clock);
    if (!vault.ok()) {
        setMode(MirrorMode::Off, QStringLiteral("not mirroring: ") + vault.error().message);
        return;
    }
    m_followVault = std::move(*vault);
    startFollowing();
}

void MirrorWorker::startFollowing()
{
    if (!m_followTimer) {
        m_followTimer = new QTimer(this);
        m_followTimer->setInterval(m_followIntervalMs);
        connect(m_followTimer, &QTimer::timeout, this, &MirrorWorker::poll);
    }
    m_followTimer->start();
    setMode(MirrorMode::Follower, QStringLiteral("another process (the mirror service) holds the mirror lock: following its status"));
    poll();
}

void MirrorWorker::poll()
{
    if (!m_followVault || m_shuttingDown)
        return;
    // The service went away: this process takes over the mirroring.
    auto lock = sync::acquireMirrorLock(lockFolder(*m_followVault));
    if (lock.ok()) {
        lock->reset();
        auto config = sync::loadMirrorConfig(*m_followVault);
        if (config.ok() && config->baseUrl.isValid() && !config->baseUrl.isEmpty()) {
            m_followTimer->stop();
            m_followVault.reset();
            if (m_adjust)
                m_adjust(*config);
            startEngine(*config);
            return;
        }
    }
    auto status = sync::loadMirrorStatus(*m_followVault);
    if (!status.ok()) {
        Q_EMIT errorOccurred(status.error().message);
        return;
    }
    Q_EMIT statusChanged(*status);
    if (status->dataAsOfByWard != m_lastAsOf) {
        m_lastAsOf = status->dataAsOfByWard;
        Q_EMIT dataChanged();
    }
}

void MirrorWorker::syncNow()
{
    std::lock_guard lock(m_engineMutex);
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &sync::MirrorEngine::syncNow, Qt::QueuedConnection);
}

void MirrorWorker::shutdown()
{
    m_shuttingDown = true;
    if (m_followTimer)
        m_followTimer->stop();
    m_followVault.reset();
    sync::MirrorEngine* engine = nullptr;
    {
        std::lock_guard lock(m_engineMutex);
        std::swap(engine, m_engine);
    }
    if (engine) {
        engine->requestStop();
        engine->stop(); // no cycle runs: cycles run in this thread, and this slot does
        delete engine;
    }
}

} // namespace lantern::ui
