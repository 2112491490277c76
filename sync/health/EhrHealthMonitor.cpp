#include "sync/health/EhrHealthMonitor.h"

#include "sync/SyncLogging.h"

#include <algorithm>

namespace lantern::sync {

namespace {
constexpr int kMaxRecords = 200; // the session's history; persisted copies live in the vault
} // namespace

QString ehrStateName(EhrState state)
{
    switch (state) {
    case EhrState::Online: return QStringLiteral("online");
    case EhrState::Degraded: return QStringLiteral("degraded");
    case EhrState::Downtime: return QStringLiteral("downtime");
    case EhrState::Recovery: return QStringLiteral("recovery");
    }
    return QStringLiteral("unknown");
}

EhrHealthMonitor::EhrHealthMonitor(const Clock& clock, HealthPolicy policy, QObject* parent)
    : QObject(parent), m_clock(clock), m_policy(policy), m_stateSince(clock.now())
{
    // Hysteresis: never fewer than two failures, never fewer than one success.
    m_policy.failuresForDowntime = std::max(2, m_policy.failuresForDowntime);
    m_policy.successesForOnline = std::max(1, m_policy.successesForOnline);
}

std::optional<DowntimeRecord> EhrHealthMonitor::currentDowntime() const
{
    if (!m_downtimes.isEmpty() && m_downtimes.constLast().isOpen())
        return m_downtimes.constLast();
    return std::nullopt;
}

DowntimeRecord* EhrHealthMonitor::openRecord()
{
    if (!m_downtimes.isEmpty() && m_downtimes.last().isOpen())
        return &m_downtimes.last();
    return nullptr;
}

bool EhrHealthMonitor::failureThresholdReached() const
{
    if (m_failures >= m_policy.failuresForDowntime)
        return true;
    return m_failures >= 2 && m_firstFailureAt.secsTo(m_clock.now()) >= m_policy.failingForDowntime.count();
}

void EhrHealthMonitor::recordSuccess()
{
    m_lastSuccess = m_clock.now();
    m_failures = 0;
    switch (m_state) {
    case EhrState::Online:
        break;
    case EhrState::Degraded:
        setState(EhrState::Online);
        break;
    case EhrState::Downtime:
        if (m_manualHold)
            break;
        m_successes = 1;
        setState(EhrState::Recovery);
        if (m_successes >= m_policy.successesForOnline)
            finishDowntime();
        break;
    case EhrState::Recovery:
        if (++m_successes >= m_policy.successesForOnline)
            finishDowntime();
        break;
    }
}

void EhrHealthMonitor::recordFailure(const QString& reason)
{
    m_lastError = reason;
    m_successes = 0;
    if (m_failures++ == 0)
        m_firstFailureAt = m_clock.now();
    switch (m_state) {
    case EhrState::Online:
        setState(EhrState::Degraded);
        break;
    case EhrState::Degraded:
        if (failureThresholdReached())
            startDowntime(m_firstFailureAt, false, QString(), QString());
        break;
    case EhrState::Downtime:
        break;
    case EhrState::Recovery:
        // Still flaky: back to working from the vault; the downtime never closed.
        setState(EhrState::Downtime);
        break;
    }
}

void EhrHealthMonitor::recordFullSyncCompleted()
{
    if (m_state == EhrState::Recovery)
        finishDowntime();
    else
        recordSuccess();
}

Result<DowntimeRecord> EhrHealthMonitor::declareDowntime(const QString& userId, const QString& reason)
{
    if (userId.trimmed().isEmpty() || reason.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("declaring a downtime needs the person's user id and a reason"));
    if (m_manualHold)
        return Error(ErrorCode::Conflict, QStringLiteral("a downtime is already declared (by %1)").arg(openRecord()->declaredBy));

    m_manualHold = true;
    if (DowntimeRecord* record = openRecord()) {
        // An automatic downtime (or its recovery) becomes a declared one.
        record->declaredManually = true;
        record->declaredBy = userId;
        record->declareReason = reason;
        const DowntimeRecord updated = *record;
        setState(EhrState::Downtime);
        return updated;
    }
    return startDowntime(m_clock.now(), true, userId, reason);
}

Result<DowntimeRecord> EhrHealthMonitor::endDowntime(const QString& userId, const QString& reason)
{
    if (userId.trimmed().isEmpty() || reason.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("ending a downtime needs the person's user id and a reason"));
    DowntimeRecord* record = openRecord();
    if (!record)
        return Error(ErrorCode::Conflict, QStringLiteral("there is no downtime to end"));

    m_manualHold = false;
    record->endedBy = userId;
    record->endReason = reason;
    if (m_state == EhrState::Downtime) {
        const DowntimeRecord updated = *record;
        m_successes = 0;
        setState(EhrState::Recovery); // Online follows once the EHR answers or a sync completes
        return updated;
    }
    return *finishDowntime();
}

DowntimeRecord EhrHealthMonitor::startDowntime(const QDateTime& start, bool manual, const QString& userId, const QString& reason)
{
    DowntimeRecord record;
    record.id = QUuid::createUuid();
    record.start = start;
    record.declaredManually = manual;
    record.declaredBy = userId;
    record.declareReason = reason;
    record.lastError = manual ? QString() : m_lastError;
    m_downtimes.append(record);
    if (m_downtimes.size() > kMaxRecords)
        m_downtimes.removeFirst();
    qCWarning(lcHealth) << "downtime" << record.id.toString(QUuid::WithoutBraces) << (manual ? "declared by" : "detected:")
                        << (manual ? userId : m_lastError);
    setState(EhrState::Downtime);
    Q_EMIT downtimeStarted(record);
    return record;
}

std::optional<DowntimeRecord> EhrHealthMonitor::finishDowntime()
{
    m_manualHold = false;
    m_successes = 0;
    std::optional<DowntimeRecord> ended;
    if (DowntimeRecord* record = openRecord()) {
        record->end = m_clock.now();
        ended = *record; // a copy: listeners below may change the list
    }
    setState(EhrState::Online);
    if (ended) {
        qCInfo(lcHealth) << "downtime" << ended->id.toString(QUuid::WithoutBraces) << "ended";
        Q_EMIT downtimeEnded(*ended);
    }
    return ended;
}

void EhrHealthMonitor::setState(EhrState state)
{
    if (state == m_state)
        return;
    const EhrState previous = m_state;
    m_state = state;
    m_stateSince = m_clock.now();
    qCInfo(lcHealth) << "EHR state" << ehrStateName(previous) << "->" << ehrStateName(state);
    Q_EMIT stateChanged(state, previous);
}

} // namespace lantern::sync
