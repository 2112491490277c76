#pragma once
// One mirror cycle, start to end:
//   1. resolve the scope (server time T of the first answer),
//   2. record membership and create missing cursors at T (one transaction),
//   3. initial pull of patients not loaded yet (Bulk Data or searches),
//   4. incremental pull through the server's /_history (history-system), else per
//      type through <Type>/_history (or, for servers without
//      it, searches by _lastUpdated plus a periodic deletion sweep),
//   5. purge patients out of scope past the grace period,
//   6. data-as-of := T for every scope entry — only now, so a cycle that fails
//      part way never advances it.
// The PurgeGuard judges step 2 (a drop too large is held: those patients stay,
// the ward's data-as-of stays) and step 5 (EHR health, open downtime, entries
// awaiting reconciliation).

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"
#include "sync/mirror/MirrorReport.h"
#include "sync/mirror/PurgeGuard.h"
#include "sync/mirror/ScopeResolver.h"
#include "sync/mirror/ServerSupport.h"

#include <QSet>

#include <optional>

namespace lantern::sync {

class MirrorCycle
{
public:
    // `bulkOffered`: the server's CapabilityStatement offers Group/$export (asked once per engine).
    // `support`: what the engine learnt about the server so far; the cycle may add to it.
    // `condition`: the EHR's health as the engine sees it when the cycle starts.
    MirrorCycle(const MirrorContext& ctx, bool bulkOffered, ServerSupport& support, EhrCondition condition = {})
        : m_ctx(ctx), m_bulkOffered(bulkOffered), m_support(support), m_guard(ctx, condition)
    {
    }

    Result<MirrorCycleReport> run();

private:
    Status recordScope(const ResolvedScope& scope, ScopeReview& review, QStringList& toLoad, bool& nothingLoaded);
    Status pullIncremental(const ScopeFilter& filter, const QDateTime& serverTime, MirrorCycleReport& report);
    Status advanceDataAsOf(const ResolvedScope& scope, const ScopeReview& review);
    Result<bool> typeHistorySupported(const QDateTime& serverTime);

    const MirrorContext& m_ctx;
    bool m_bulkOffered;
    ServerSupport& m_support;
    PurgeGuard m_guard;
    QSet<QString> m_freshCursors; // types whose cursor this cycle created
};

} // namespace lantern::sync
