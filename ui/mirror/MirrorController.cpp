#include "ui/mirror/MirrorController.h"

namespace lantern::ui {

MirrorController::MirrorController(QString vaultDirectory, const Clock& clock, QObject* parent)
    : QObject(parent), m_directory(std::move(vaultDirectory)), m_clock(clock)
{
    qRegisterMetaType<lantern::sync::MirrorStatus>();
    qRegisterMetaType<lantern::ui::MirrorMode>();
    m_thread.setObjectName(QStringLiteral("lantern-mirror"));
}

MirrorController::~MirrorController()
{
    stop();
}

void MirrorController::start()
{
    if (m_worker)
        return;
    m_mode = MirrorMode::Starting;
    m_worker = new MirrorWorker(m_directory, m_clock, m_followIntervalMs, m_adjust);
    m_worker->moveToThread(&m_thread);
    // Every connection crosses the thread boundary: queued.
    connect(m_worker, &MirrorWorker::statusChanged, this,
            [this](const sync::MirrorStatus& s) {
                m_status = s;
                Q_EMIT statusChanged(s);
            },
            Qt::QueuedConnection);
    connect(m_worker, &MirrorWorker::dataChanged, this, &MirrorController::dataChanged, Qt::QueuedConnection);
    connect(m_worker, &MirrorWorker::errorOccurred, this, &MirrorController::errorOccurred, Qt::QueuedConnection);
    connect(m_worker, &MirrorWorker::modeChanged, this,
            [this](int mode, const QString&) {
                m_mode = static_cast<MirrorMode>(mode);
                Q_EMIT modeChanged(m_mode);
            },
            Qt::QueuedConnection);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &MirrorWorker::begin, Qt::QueuedConnection);
}

void MirrorController::stop()
{
    if (!m_worker)
        return;
    m_worker->requestStop(); // a running cycle ends after its current transaction
    QMetaObject::invokeMethod(m_worker, &MirrorWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr; // deleted by the thread's finished()
    m_mode = MirrorMode::Off;
}

void MirrorController::syncNow()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &MirrorWorker::syncNow, Qt::QueuedConnection);
}

} // namespace lantern::ui
