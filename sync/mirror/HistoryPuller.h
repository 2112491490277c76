#pragma once
// Incremental pull of one resource type: <Type>/_history?_since=<cursor -
// overlap> (the overlap per cursor: IncrementalPlan). Brings new and changed versions of in-scope patients' resources
// and applies DELETE entries. The history comes newest first, so only the first
// entry seen per resource counts (a later, older one must not resurrect a
// deleted resource). The new cursor is the server time of the first page and is
// committed with the last page: it only advances once everything it covers is
// in the vault. A walk cut short starts again from the old cursor.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

namespace lantern::sync {

class HistoryPuller
{
public:
    explicit HistoryPuller(const MirrorContext& ctx) : m_ctx(ctx) {}

    static QString cursorName(const QString& type) { return QStringLiteral("history:") + type; }

    Status pull(const QString& type, int overlapSeconds, const ScopeFilter& filter, MirrorCycleReport& report) const;

private:
    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
