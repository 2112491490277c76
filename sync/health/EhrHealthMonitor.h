#pragma once
// The EHR health state machine: Online → Degraded → Downtime → Recovery →
// Online, driven by heartbeat and sync results, or by a person who declares
// or ends a downtime (the caller checks that person's role first). Lives in
// one thread; feed it from others through queued connections.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "sync/health/EhrHealth.h"

#include <QList>
#include <QObject>

namespace lantern::sync {

class EhrHealthMonitor : public QObject
{
    Q_OBJECT

public:
    explicit EhrHealthMonitor(const Clock& clock, HealthPolicy policy = {}, QObject* parent = nullptr);

    EhrState state() const { return m_state; }
    QDateTime stateSince() const { return m_stateSince; }
    std::optional<DowntimeRecord> currentDowntime() const;
    QList<DowntimeRecord> downtimes() const { return m_downtimes; } // this session's, oldest first
    std::optional<QDateTime> lastSuccess() const { return m_lastSuccess; }
    QString lastError() const { return m_lastError; }
    int consecutiveFailures() const { return m_failures; }

    // A heartbeat or sync request reached the EHR and got a proper answer.
    void recordSuccess();
    // It did not; `reason` is an Error message (no patient data).
    void recordFailure(const QString& reason);
    // A full mirror cycle finished: the EHR is fully usable again.
    void recordFullSyncCompleted();

    // A person declares a downtime (planned maintenance, an outage the
    // heartbeat cannot see). It holds until a person ends it.
    Result<DowntimeRecord> declareDowntime(const QString& userId, const QString& reason);
    // A person ends the downtime: Downtime → Recovery, Recovery → Online.
    Result<DowntimeRecord> endDowntime(const QString& userId, const QString& reason);

Q_SIGNALS:
    void stateChanged(lantern::sync::EhrState state, lantern::sync::EhrState previous);
    void downtimeStarted(const lantern::sync::DowntimeRecord& record);
    void downtimeEnded(const lantern::sync::DowntimeRecord& record);

private:
    DowntimeRecord* openRecord();
    DowntimeRecord startDowntime(const QDateTime& start, bool manual, const QString& userId, const QString& reason);
    std::optional<DowntimeRecord> finishDowntime();
    void setState(EhrState state);
    bool failureThresholdReached() const;

    const Clock& m_clock;
    HealthPolicy m_policy;
    EhrState m_state = EhrState::Online;
    QDateTime m_stateSince;
    int m_failures = 0;         // consecutive
    QDateTime m_firstFailureAt; // of the current run of failures
    int m_successes = 0;        // consecutive, counted in Recovery
    bool m_manualHold = false;  // a person declared the open downtime; successes do not end it
    std::optional<QDateTime> m_lastSuccess;
    QString m_lastError;
    QList<DowntimeRecord> m_downtimes;
};

} // namespace lantern::sync
