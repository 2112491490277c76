#include "sync/service/ReconcileService.h"

#include "sync/reconcile/ReconcileEngine.h"

#include <QEventLoop>

namespace lantern::sync {

ReconcileService::ReconcileService(DeviceContext device, const Clock& clock, QObject* parent)
    : QObject(parent), m_device(std::move(device)), m_clock(clock)
{
    qRegisterMetaType<lantern::sync::ReconcileReport>();
    m_thread.setObjectName(QStringLiteral("lantern-reconcile"));
    m_thread.start();
}

ReconcileService::~ReconcileService()
{
    cancel();
    m_thread.quit(); // the running pass ends at its next entry; the loop then ends
    m_thread.wait();
    delete m_engine.exchange(nullptr); // when the loop ended before its deleteLater ran
}

Status ReconcileService::start(const QString& actor)
{
    if (m_running)
        return Error(ErrorCode::Conflict, QStringLiteral("a reconciliation is already running on this device"));
    LANTERN_TRY(m_device.requireEhr());
    ReconcileEngineConfig config;
    config.ehr = m_device.mirror;
    config.actor = actor;
    if (m_adjust)
        m_adjust(config.ehr);
    auto* engine = new ReconcileEngine(config, m_device.openVault, m_clock);
    engine->moveToThread(&m_thread);
    connect(engine, &ReconcileEngine::progress, this, &ReconcileService::progress, Qt::QueuedConnection);
    connect(engine, &ReconcileEngine::finished, this,
            [this, engine](const ReconcileReport& report) {
                m_running = false;
                ReconcileEngine* expected = engine;
                if (m_engine.compare_exchange_strong(expected, nullptr))
                    engine->deleteLater(); // in its own thread, after this slot
                Q_EMIT finished(report);
            },
            Qt::QueuedConnection);
    m_running = true;
    m_engine = engine;
    QMetaObject::invokeMethod(engine, &ReconcileEngine::start, Qt::QueuedConnection);
    return {};
}

void ReconcileService::cancel()
{
    if (ReconcileEngine* engine = m_engine.load())
        engine->cancel();
}

ReconcileReport ReconcileService::run(const QString& actor)
{
    ReconcileReport result;
    if (Status started = start(actor); !started.ok()) {
        result.end = RunEnd::LocalFailure;
        result.message = started.error().message;
        return result;
    }
    QEventLoop loop;
    const auto connection = connect(this, &ReconcileService::finished, &loop, [&](const ReconcileReport& report) {
        result = report;
        loop.quit();
    });
    loop.exec();
    disconnect(connection);
    return result;
}

} // namespace lantern::sync
