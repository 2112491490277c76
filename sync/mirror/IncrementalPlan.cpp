#include "sync/mirror/IncrementalPlan.h"

#include "sync/mirror/HistoryPuller.h"
#include "sync/mirror/SearchDeltaPuller.h"
#include "sync/mirror/ServerTime.h"

#include <algorithm>

namespace lantern::sync {

int IncrementalPlan::overlapSecondsFor(const QString& type) const
{
    return m_fresh.contains(type) ? 0 : std::max(0, m_ctx.config.overlapSeconds);
}

Result<bool> IncrementalPlan::needsRequest(const QString& type) const
{
    if (ScopeFilter::hasPatient(type))
        return true;
    auto held = m_ctx.mirror.versionsOfType(type);
    if (!held.ok())
        return held.error();
    return !held->isEmpty();
}

Status IncrementalPlan::countLoadAsSweep(const QString& type, const QDateTime& serverTime, const ScopeFilter& filter,
                                         MirrorCycleReport& report) const
{
    if (!m_fresh.contains(type))
        return {};
    return m_ctx.writer.commitPage({}, {}, filter, [&]() -> Status {
        return m_ctx.mirror.setState(SearchDeltaPuller::sweepStateKey(type), fhirInstant(serverTime));
    }, report);
}

Status IncrementalPlan::skip(const QString& type, const QDateTime& serverTime, const ScopeFilter& filter,
                             MirrorCycleReport& report) const
{
    return m_ctx.writer.commitPage({}, {}, filter, [&]() -> Status {
        return m_ctx.mirror.setCursor(HistoryPuller::cursorName(type), serverTime);
    }, report);
}

} // namespace lantern::sync
