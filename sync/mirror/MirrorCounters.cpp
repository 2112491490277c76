#include "sync/mirror/MirrorCounters.h"

namespace lantern::sync {

void MirrorCounters::countCycleError(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Network:
    case ErrorCode::Server:
        return; // a failed exchange: CountingHttpTransport counted it when it happened
    case ErrorCode::Io:
    case ErrorCode::Database:
        ++diskErrors;
        return;
    default:
        ++otherErrors;
        return;
    }
}

void MirrorCounters::countFailedCycle(const QString& kind)
{
    std::lock_guard lock(m_kindMutex);
    ++m_failedByKind[kind];
}

QMap<QString, qint64> MirrorCounters::failedCyclesByKind() const
{
    std::lock_guard lock(m_kindMutex);
    return m_failedByKind;
}

} // namespace lantern::sync
