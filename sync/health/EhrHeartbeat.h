#pragma once
// Asks the EHR "are you there?" at a fixed interval and reports the answer.
// The probe blocks for up to the transport's timeouts, so the heartbeat
// belongs in the sync worker thread; its results reach an EhrHealthMonitor in
// the GUI thread through a queued connection (see connectToMonitor).

#include "core/common/Result.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace lantern::sync {

class EhrHealthMonitor;
class FhirClient;

class EhrHeartbeat : public QObject
{
    Q_OBJECT

public:
    using Probe = std::function<Status()>;

    EhrHeartbeat(Probe probe, std::chrono::milliseconds interval, QObject* parent = nullptr);

    // FhirClient::ping(): GET of the configured lightweight path, one attempt.
    static Probe fhirProbe(const FhirClient& client);

    void start(); // the first beat comes right away, then every interval
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_timer.intervalAsDuration(); }

    // Probes once now (also used by start()).
    void beatNow();

    // Feeds this heartbeat's results into the monitor, queued when the two
    // live in different threads.
    void connectToMonitor(EhrHealthMonitor& monitor);

Q_SIGNALS:
    void beat(bool ok, const QString& errorMessage);

private:
    Probe m_probe;
    QTimer m_timer;
};

} // namespace lantern::sync
