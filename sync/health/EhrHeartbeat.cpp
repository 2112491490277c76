#include "sync/health/EhrHeartbeat.h"

#include "sync/fhir/FhirClient.h"
#include "sync/health/EhrHealthMonitor.h"

namespace lantern::sync {

EhrHeartbeat::EhrHeartbeat(Probe probe, std::chrono::milliseconds interval, QObject* parent)
    : QObject(parent), m_probe(std::move(probe))
{
    m_timer.setParent(this);
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &EhrHeartbeat::beatNow);
}

EhrHeartbeat::Probe EhrHeartbeat::fhirProbe(const FhirClient& client)
{
    return [&client] { return client.ping().toStatus(); };
}

void EhrHeartbeat::start()
{
    m_timer.start();
    beatNow();
}

void EhrHeartbeat::stop()
{
    m_timer.stop();
}

void EhrHeartbeat::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void EhrHeartbeat::beatNow()
{
    const Status status = m_probe ? m_probe() : Status(Error(ErrorCode::Internal, QStringLiteral("no heartbeat probe configured")));
    Q_EMIT beat(status.ok(), status.ok() ? QString() : status.error().message);
}

void EhrHeartbeat::connectToMonitor(EhrHealthMonitor& monitor)
{
    connect(this, &EhrHeartbeat::beat, &monitor, [&monitor](bool ok, const QString& errorMessage) {
        if (ok)
            monitor.recordSuccess();
        else
            monitor.recordFailure(errorMessage);
    });
}

} // namespace lantern::sync
