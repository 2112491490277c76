#pragma once
// What the incremental pull of one cycle asks the EHR, type by type, so that
// each change crosses the wire once:
//  - a cursor this cycle's initial load created starts exactly at the load's
//    server time: the load's searches ran after it and saw everything older,
//    so stepping back would fetch the whole recent window a second time;
//  - any other cursor steps back `mirror.overlap` seconds (default 2): a
//    resource the server stamped just before the cursor but committed just
//    after it is still seen. The overlap trades duplicates (changes of those
//    seconds come twice) against the server's commit lag and clock steps; 2 s
//    covers a commit lag an EHR under load shows without re-fetching a whole
//    interval's changes, as the 60 s it replaced did;
//  - for a server without _history, the initial load counts as the first
//    deletion sweep of a fresh cursor's type (it just read everything);
//  - a type without a patient (Medication) of which the vault holds none needs
//    no request: a Medication a new order references is read by _id with the
//    order (ReferenceFollower). Its cursor moves to the cycle's server time.
// Steady state is then one request per mirrored type for the whole scope
// (<Type>/_history, or a _lastUpdated search per URL-sized batch of patients),
// or one for all of them where the server offers history-system (/_history,
// HistoryPuller::pullAll).

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QDateTime>
#include <QSet>
#include <QString>

namespace lantern::sync {

class IncrementalPlan
{
public:
    // `freshCursors`: types whose cursor this cycle created (first load of the scope).
    IncrementalPlan(const MirrorContext& ctx, QSet<QString> freshCursors)
        : m_ctx(ctx), m_fresh(std::move(freshCursors))
    {
    }

    int overlapSecondsFor(const QString& type) const;
    // False when `type` needs no request this cycle (see above).
    Result<bool> needsRequest(const QString& type) const;
    // Records the initial load of a fresh cursor's type as its deletion sweep (SearchDeltaPuller).
    Status countLoadAsSweep(const QString& type, const QDateTime& serverTime, const ScopeFilter& filter,
                            MirrorCycleReport& report) const;
    // Moves the cursor of a type that needed no request to `serverTime`.
    Status skip(const QString& type, const QDateTime& serverTime, const ScopeFilter& filter,
                MirrorCycleReport& report) const;

private:
    const MirrorContext& m_ctx;
    QSet<QString> m_fresh;
};

} // namespace lantern::sync
