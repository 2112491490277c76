#pragma once
// Incremental pull through _history: <Type>/_history?_since=<cursor - overlap>
// for one type (the overlap per cursor: IncrementalPlan), or, when the EHR's
// CapabilityStatement offers history-system, /_history?_since= once for every
// mirrored type: a quiet cycle is then one request for the whole scope instead
// of one per type, which 2,700 devices multiply (issue 11). Entries of types
// the mirror does not keep are passed over. Brings new and changed versions of
// in-scope patients' resources and applies DELETE entries. The history comes
// newest first, so only the first entry seen per resource counts (a later,
// older one must not resurrect a deleted resource). The new cursor is the
// server time of the first page and is committed with the last page, for
// every type the walk covered: it only advances once everything it covers is
// in the vault. A walk cut short starts again from the old cursors.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QSet>

#include <functional>

namespace lantern::sync {

class HistoryPuller
{
public:
    explicit HistoryPuller(const MirrorContext& ctx) : m_ctx(ctx) {}

    static QString cursorName(const QString& type) { return QStringLiteral("history:") + type; }

    Status pull(const QString& type, int overlapSeconds, const ScopeFilter& filter, MirrorCycleReport& report) const;
    // The whole server's history since the earliest of the types' cursors less
    // its overlap: one walk for all of `types`.
    Status pullAll(const QStringList& types, const std::function<int(const QString&)>& overlapSecondsFor,
                   const ScopeFilter& filter, MirrorCycleReport& report) const;

private:
    // `pathType` empty: the system-level /_history.
    Status walk(const QString& pathType, const QStringList& types, const QDateTime& since, const ScopeFilter& filter,
                MirrorCycleReport& report) const;
    Result<QDateTime> sinceOf(const QString& type, int overlapSeconds) const;

    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
