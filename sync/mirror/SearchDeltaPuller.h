#pragma once
// Incremental pull for servers without <Type>/_history (Medplum's FHIR router
// has no type- or system-level history). New and changed resources come from
// searches per batch of in-scope patients with _lastUpdated=ge<cursor -
// overlap>; the cursor is the server time of the first answer and commits with
// the last page, as in HistoryPuller. Such a server cannot say what was
// deleted, so every `deletionSweepMinutes` (server time) a sweep searches all
// of the type for each batch and removes what the vault holds but the server
// no longer has. Entered-in-error arrives as an ordinary change and is removed
// by the writer. Memory: one page, plus the ids of one batch during a sweep.
// Medications (no patient) are searched by the ids the vault holds: a change
// to one the ward uses arrives, one the EHR deleted goes.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QSet>

namespace lantern::sync {

class SearchDeltaPuller
{
public:
    explicit SearchDeltaPuller(const MirrorContext& ctx) : m_ctx(ctx) {}

    static QString sweepStateKey(const QString& type) { return QStringLiteral("sweep:") + type; }

    // `serverTime`: the cycle's server time (decides whether a sweep is due).
    // `overlapSeconds`: how far the cursor steps back (IncrementalPlan).
    Status pull(const QString& type, int overlapSeconds, const ScopeFilter& filter, const QDateTime& serverTime,
                MirrorCycleReport& report) const;

private:
    // What the searches of `type` are batched by: patients in scope, or for a
    // type without a patient (Medication) the ids the vault holds.
    Result<QStringList> batchKeys(const QString& type, const ScopeFilter& filter) const;
    Status pullChanges(const QString& type, int overlapSeconds, const QStringList& patients, const ScopeFilter& filter,
                       const QDateTime& serverTime, MirrorCycleReport& report) const;
    Result<bool> sweepDue(const QString& type, const QDateTime& serverTime) const;
    Status sweep(const QString& type, const QStringList& patients, const ScopeFilter& filter,
                 const QDateTime& serverTime, MirrorCycleReport& report) const;
    Status sweepBatch(const QString& type, const QStringList& batch, const ScopeFilter& filter,
                      MirrorCycleReport& report) const;

    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
