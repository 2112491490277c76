#pragma once
// One mirror cycle, start to end:
//   1. resolve the scope (server time T of the first answer),
//   2. record membership and create missing cursors at T (one transaction),
//   3. initial pull of patients not loaded yet (Bulk Data or searches),
//   4. incremental pull per type through _history (or, for servers without
//      it, searches by _lastUpdated plus a periodic deletion sweep),
//   5. purge patients out of scope past the grace period,
//   6. data-as-of := T for every scope entry — only now, so a cycle that fails
//      part way never advances it.

#include "common/Result.h"
#include "mirror/MirrorContext.h"
#include "mirror/MirrorReport.h"
#include "mirror/ScopeResolver.h"
#include "mirror/ServerSupport.h"

#include <optional>

namespace lantern::sync {

class MirrorCycle
{
public:
    // `bulkOffered`: the server's CapabilityStatement offers Group/$export (asked once per engine).
    // `support`: what the engine learnt about the server so far; the cycle may add to it.
    MirrorCycle(const MirrorContext& ctx, bool bulkOffered, ServerSupport& support)
        : m_ctx(ctx), m_bulkOffered(bulkOffered), m_support(support)
    {
    }

    Result<MirrorCycleReport> run();

private:
    Status recordScope(const ResolvedScope& scope, QStringList& toLoad, bool& nothingLoaded);
    Result<bool> typeHistorySupported(const QDateTime& serverTime);
    // Reads the CapabilityStatement's searchInclude once per engine (before the first search-based load).
    void learnSearchIncludes();

    const MirrorContext& m_ctx;
    bool m_bulkOffered;
    ServerSupport& m_support;
};

} // namespace lantern::sync
